/** The body rows of one block of a rows or side-by-side table: codes (whole or over 类 | 款 | 项), names, values. */
import { functionClassByName } from '../../classification';
import type { CellAmount, TableRow } from '../../model';
import { amountOf, codeAndName, codeDigits, codeRaw, levelOfCode, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { type HeaderBlock } from '../header';
import { RowTally } from './parsed';
import { checkCode, pickLine, uniqueKey, type MatchedColumn } from './shared';
import type { RowsBlock } from './table';

/**
 * Reads the rows of one block, row after row. Its fields are what one row leaves to the next (the last 类 and
 * 款 for a 款 or 项 printed alone) and per-row scratch reused from row to row (the code cells, the code found):
 * this runs on every body row of every candidate spec, so it makes no object per row but the row itself.
 */
class RowReader {
  readonly rows: TableRow[] = [];
  placed = 0;
  private readonly firstValue: number;
  private readonly kuan = new Set<number>();
  private readonly xiang = new Set<number>();
  private readonly rowNo = new Set<number>();
  private readonly seen = new Set<string>();
  private readonly usedLines = new Set<string>();
  private lastClass: string | null = null;
  private lastSection: string | null = null;
  // the code cells of a row (a code, or 类 | 款 | 项 parts): the first `np` entries
  private readonly parts: GCell[] = [];
  private readonly digitsOf: string[] = [];
  private np = 0;
  // what the row's lead cells say: its name (and column), a code printed before the name
  private name: string | null = null;
  private nameCol = -1;
  private inlineCode: string | null = null;
  // the code worked out for the row
  private code: string | null = null;
  private codeText: string | null = null;
  private codeCol: number | undefined;
  /** Every row's values hold the same keys in the same order: made from one template (no property added per row). */
  private readonly template: Record<string, CellAmount | null> = {};
  private readonly byCol: boolean;

  constructor(
    private readonly ctx: Ctx,
    header: HeaderBlock,
    private readonly b: RowsBlock,
    private readonly matched: MatchedColumn[],
    private readonly tally: RowTally,
    private readonly headerCells: Set<GCell> | null,
  ) {
    this.firstValue = Math.min(...matched.map((m) => m.col));
    for (let c = b.left; c < this.firstValue; c++) {
      const hc = header.columns.get(c);
      if (!hc) continue;
      const last = hc.path[hc.path.length - 1];
      if (last === '款') this.kuan.add(c);
      if (last === '项') this.xiang.add(c);
      if (hc.rowNo) this.rowNo.add(c);
    }
    for (const m of matched) this.template[m.spec.key] = null;
    this.byCol = ctx.grid.uniqueCells;
  }

  /** The cells left of the values: code parts, and the first text as the name (with a code before it). */
  private readLead(cells: GCell[]): void {
    this.np = 0;
    this.name = null;
    this.nameCol = -1;
    this.inlineCode = null;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (c.col >= this.firstValue) break;
      const digits = codeDigits(c);
      if (digits !== null) {
        if (digits.length >= 3 || this.kuan.has(c.col) || this.xiang.has(c.col) || (this.np && !this.rowNo.has(c.col))) {
          this.parts[this.np] = c;
          this.digitsOf[this.np++] = digits;
        }
        continue;
      }
      if (typeof c.value !== 'string' || this.name !== null) continue;
      const cn = !this.np ? codeAndName(textOf(c)) : null;
      if (cn) {
        this.inlineCode = cn.code;
        this.name = cn.name;
      } else this.name = textOf(c).trim();
      this.nameCol = c.col;
    }
  }

  /** The row's values under the matched columns; whether any is printed. */
  private readValues(r: number, cells: GCell[], values: Record<string, CellAmount>): boolean {
    let hasValue = false;
    // the value cells found by walking the row (matched columns run left to right), when no two cells share a place
    let walk = 0;
    for (let i = 0; i < this.matched.length; i++) {
      const m = this.matched[i];
      let cell: GCell | undefined;
      if (this.byCol) {
        while (walk < cells.length && cells[walk].col < m.col) walk++;
        cell = walk < cells.length && cells[walk].col === m.col ? cells[walk] : undefined;
      } else cell = this.ctx.grid.cell(r, m.col);
      // header text printed in the row (header-in-body.ts): no amount of this row
      if (this.headerCells !== null && cell !== undefined && this.headerCells.has(cell)) cell = undefined;
      const v = amountOf(this.ctx, cell, r, m.col, m.spec.kind ?? 'amount');
      values[m.spec.key] = v;
      if (v.status !== 'empty') hasValue = true;
    }
    return hasValue;
  }

  /** The row's code: before its name, in one cell (with 款 | 项 parts right of it), or a 款/项 under the last 类/款. */
  private readCode(): void {
    const { parts, digitsOf, np } = this;
    this.code = null;
    this.codeText = null;
    this.codeCol = undefined;
    if (this.inlineCode) {
      this.code = this.inlineCode;
      this.codeText = this.inlineCode;
      return;
    }
    if (!np) return;
    let big = -1;
    for (let i = 0; i < np && big < 0; i++) if (digitsOf[i].length >= 3) big = i;
    if (big >= 0) {
      let code = digitsOf[big];
      const codeCol = parts[big].col;
      // 类 | 款 | 项 in separate cells: the short parts right of the code
      let joined = 0;
      const wanted = code.length === 3 ? 2 : code.length === 5 ? 1 : 0;
      for (let i = 0; i < np && joined < wanted; i++) {
        if (parts[i].col <= codeCol || digitsOf[i].length > 2) continue;
        code += digitsOf[i].padStart(2, '0');
        joined++;
      }
      this.code = code;
      this.codeCol = codeCol;
      this.codeText = joined ? code : codeRaw(parts[big]);
      return;
    }
    let k = -1;
    let x = -1;
    for (let i = 0; i < np; i++) {
      if (k < 0 && this.kuan.has(parts[i].col)) k = i;
      if (x < 0 && this.xiang.has(parts[i].col)) x = i;
    }
    let code: string | null = null;
    if (k >= 0 && this.lastClass) code = this.lastClass + digitsOf[k].padStart(2, '0') + (x >= 0 ? digitsOf[x].padStart(2, '0') : '');
    else if (x >= 0 && this.lastSection) code = this.lastSection + digitsOf[x].padStart(2, '0');
    if (code) {
      this.code = code;
      this.codeText = code;
      this.codeCol = parts[k >= 0 ? k : x].col;
    }
  }

  /** A coded row (the code found by `readCode`). */
  private codedRow(r: number, at: number, values: Record<string, CellAmount>): TableRow {
    const { ctx, b, codeText, codeCol } = this;
    const code = this.code!;
    checkCode(ctx, code, r, codeCol ?? at);
    if (code.length === 3) this.lastClass = code;
    if (code.length === 5) {
      this.lastSection = code;
      this.lastClass = code.slice(0, 3);
    }
    const key = uniqueKey(ctx, code, this.seen, r, at);
    const level = levelOfCode(code);
    const name = this.name ?? '';
    this.placed++;
    // made whole (with its code column when it has one), not grown by a property afterwards
    return codeCol === undefined
      ? { key, block: b.block, level, code, codeText, name, row: r, nameCol: at, values }
      : { key, block: b.block, level, code, codeText, name, row: r, nameCol: at, values, codeCol };
  }

  /** A row without code: a line of the spec, a 类 named in words, or an unplaced `rowN` line. */
  private namedRow(r: number, at: number, values: Record<string, CellAmount>): TableRow {
    const { ctx, b, name, usedLines, seen } = this;
    // an unnamed first row of amounts is the 合计 row (云南 05表 prints it without its label)
    const unnamedTotal = !name && !this.rows.length ? (b.lines.find((l) => l.key === 'total' && !usedLines.has(l.key)) ?? null) : null;
    const line = name ? pickLine(b.lines, name, usedLines) : unnamedTotal;
    const cls = !line && name && b.functionClassLines ? functionClassByName(name) : null;
    // every row made whole, its properties in one order (one shape for all rows)
    const make = (key: string, level: TableRow['level'], code: string | null): TableRow => ({
      key,
      block: b.block,
      level,
      code,
      codeText: null,
      name: name ?? '',
      row: r,
      nameCol: at,
      values,
    });
    if (line) {
      usedLines.add(line.key);
      seen.add(line.key);
      const row = make(line.key, line.level ?? 'line', null);
      if (line.valueKind) row.valueKind = line.valueKind;
      this.placed++;
      return row;
    }
    if (cls) {
      this.placed++;
      return make(uniqueKey(ctx, cls, seen, r, at), 'class', cls);
    }
    return make(uniqueKey(ctx, `row${r + 1}`, seen, r, at), 'line', null);
  }

  read(r: number): void {
    const cells = this.ctx.grid.rowSpan(r, this.b.left, this.b.right);
    this.readLead(cells);
    const values = { ...this.template } as Record<string, CellAmount>;
    const hasValue = this.readValues(r, cells, values);
    this.readCode();
    if (!this.code && !this.name && !hasValue) return;
    const at = this.nameCol >= 0 ? this.nameCol : this.b.left;
    const row = this.code ? this.codedRow(r, at, values) : this.namedRow(r, at, values);
    this.rows.push(row);
    this.tally.add(row);
  }
}

export function parseRows(
  ctx: Ctx,
  header: HeaderBlock,
  b: RowsBlock,
  matched: MatchedColumn[],
  dataRows: number[],
  tally: RowTally,
  headerCells: Set<GCell> | null,
) {
  const reader = new RowReader(ctx, header, b, matched, tally, headerCells);
  for (let k = 0; k < dataRows.length; k++) reader.read(dataRows[k]);
  return { rows: reader.rows, placed: reader.placed };
}
