/**
 * The cells a conversion changes: every printed amount of the tables in scope, never 行次, 栏次, counts,
 * percentages, scores or codes (the recognition's column kinds say which), each with what the writers need
 * (formula, number format, text or number) and its weight for controlled rounding.
 */
import { exactCents, type Decimal } from '../amount';
import type { CellAmount, ColumnKind, RecognisedTable, TableRow } from '../model';
import { qualifiedAddress, type CellSnapshot, type RangeBox, type WorkbookSnapshot } from '../snapshot';
import { findColumn } from '../validate/describe';

export interface AmountCell {
  /** Sheet-qualified A1, the cell's identity everywhere in the conversion. */
  ref: string;
  sheet: string;
  row: number;
  col: number;
  table: RecognisedTable;
  tableRow: TableRow;
  colKey: string;
  value: Decimal;
  /** The value in whole cents (NaN when it is no whole number of cents). */
  cents: number;
  /** The recognition's cell (the validator's identities name the same object). */
  amount: CellAmount;
  /** The number was text in the cell (`1,575.90`): it is written back as text. */
  fromText: boolean;
  raw: CellAmount['raw'];
  formula: boolean;
  format: string | undefined;
  /** How much moving this cell off plain rounding costs, before the tie-break (totals more than detail). */
  base: number;
}

/** The cells of a snapshot by sheet and place, for the few lookups a conversion makes. */
export class SnapshotCells {
  private readonly bySheet = new Map<string, Map<number, CellSnapshot>>();
  constructor(private readonly snapshot: WorkbookSnapshot) {}

  at(sheet: string, row: number, col: number): CellSnapshot | undefined {
    let m = this.bySheet.get(sheet);
    if (!m) {
      m = new Map();
      for (const c of this.snapshot.sheets.find((s) => s.name === sheet)?.cells ?? []) m.set(c.row * 16384 + c.col, c);
      this.bySheet.set(sheet, m);
    }
    return m.get(row * 16384 + col);
  }

  /** String cells of `sheet` inside `box`. */
  textsIn(sheet: string, box: RangeBox): CellSnapshot[] {
    const cells = this.snapshot.sheets.find((s) => s.name === sheet)?.cells ?? [];
    return cells.filter(
      (c) => typeof c.value === 'string' && c.row >= box.top && c.row <= box.bottom && c.col >= box.left && c.col <= box.right,
    );
  }
}

function kindOf(table: RecognisedTable, row: TableRow, key: string): ColumnKind {
  return row.valueKind ?? findColumn(table, key, row.block === 'main' ? undefined : row.block)?.kind ?? 'amount';
}

/**
 * Weights (domain: the 尾差 goes into the detail): 合计/总计/本年收入合计 lines ≫ 类 ≫ 款 and named lines ≫ 项,
 * and a row's 合计 column over its 基本/项目 parts.
 */
function baseWeight(row: TableRow, colKey: string): number {
  const byLevel = { total: 1000, class: 100, section: 10, line: 10, item: 1 } as const;
  const totalColumn = colKey === 'total' || colKey.endsWith('.total');
  return byLevel[row.level] * (totalColumn ? 4 : 1);
}

/** Every printed amount of `tables` (inside `within` when given), in table, row and column order. */
export function amountCells(
  tables: readonly RecognisedTable[],
  cells: SnapshotCells,
  within?: { sheet: string; box: RangeBox },
): AmountCell[] {
  const out: AmountCell[] = [];
  const seen = new Set<string>();
  for (const table of tables) {
    for (const row of table.rows) {
      for (const [colKey, cell] of Object.entries(row.values)) {
        if (cell.status !== 'number' || cell.value === null) continue;
        if (kindOf(table, row, colKey) !== 'amount') continue;
        if (within && !inside(within, table.sheet, cell.row, cell.col)) continue;
        const ref = qualifiedAddress(table.sheet, cell.row, cell.col);
        // One cell read under two keys (a shared 合计 column) is one cell.
        if (seen.has(ref)) continue;
        seen.add(ref);
        const snap = cells.at(table.sheet, cell.row, cell.col);
        out.push({
          ref,
          sheet: table.sheet,
          row: cell.row,
          col: cell.col,
          table,
          tableRow: row,
          colKey,
          value: cell.value,
          amount: cell,
          cents: exactCents(cell.value),
          fromText: cell.fromText,
          raw: cell.raw,
          formula: snap?.formula === true,
          format: snap?.format,
          base: baseWeight(row, colKey),
        });
      }
    }
  }
  const rank = new Map(tables.map((t, i) => [t, i]));
  out.sort((a, b) => rank.get(a.table)! - rank.get(b.table)! || a.row - b.row || a.col - b.col);
  return out;
}

function inside(w: { sheet: string; box: RangeBox }, sheet: string, row: number, col: number): boolean {
  return w.sheet === sheet && row >= w.box.top && row <= w.box.bottom && col >= w.box.left && col <= w.box.right;
}
