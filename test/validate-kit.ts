/**
 * Variant workbooks for validation tests: the transcribed seed tables edited as data (columns dropped,
 * lines removed, values changed, units scaled), rendered with the fixture renderer straight into a snapshot
 * (no xlsx round trip), then recognised by the real recogniser.
 *
 *   const ts = seedTables('000');
 *   dropColumn(table(ts, '03'), 9);              // no 对附属单位补助支出 column
 *   const snap = snapshotOf([ts]);               // one sheet per table; snapshotOf([a, b]) = two sets
 */
import type { Finding } from '../src/core/model';
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { MERGE_LEFT, MERGE_UP, SEEDS, type SeedId, type SeedTable } from './fixtures';
import { renderTable } from '../scripts/fixtures/render';

/** A deep copy of a seed's tables, free to edit. */
export function seedTables(seed: SeedId): SeedTable[] {
  return JSON.parse(JSON.stringify(SEEDS[seed].tables)) as SeedTable[];
}

export function tableOf(ts: SeedTable[], key: string): SeedTable {
  const t = ts.find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return t;
}

/** Index of the first body row with a cell reading `text` (trimmed). */
export function rowIndex(t: SeedTable, text: string): number {
  const i = t.rows.findIndex((r) => r.some((c) => c.trim() === text));
  if (i < 0) throw new Error(`no row ${text} in ${t.key}`);
  return i;
}

export function setCell(t: SeedTable, text: string, col: number, value: string): void {
  t.rows[rowIndex(t, text)][col] = value;
}

export function getCell(t: SeedTable, text: string, col: number): string {
  return t.rows[rowIndex(t, text)][col];
}

/** Deletes column j from header and body, keeping merges that straddle it; code columns move along. */
export function dropColumn(t: SeedTable, j: number): void {
  for (const row of [...t.header, ...t.rows]) {
    if (row[j] !== MERGE_LEFT && row[j] !== MERGE_UP && row[j + 1] === MERGE_LEFT) row[j + 1] = row[j];
    row.splice(j, 1);
  }
  t.codes = t.codes
    .filter((c) => c.col !== j)
    .map((c) => ({ ...c, col: c.col > j ? c.col - 1 : c.col, nameCol: c.nameCol > j ? c.nameCol - 1 : c.nameCol }));
}

/** Inserts an empty body row before body row i. */
export function insertBlankRow(t: SeedTable, i: number): void {
  t.rows.splice(
    i,
    0,
    t.rows[0].map(() => ''),
  );
}

const NUMBER = /^-?[\d,]+(\.\d+)?$/;

/** Multiplies every printed amount in the given columns (all when omitted) of the rows `which` accepts. */
export function scaleAmounts(t: SeedTable, factor: number, which: (row: string[]) => boolean = () => true, cols?: number[]): void {
  const codeCols = new Set(t.codes.flatMap((c) => (c.span === 3 ? [c.col, c.col + 1, c.col + 2] : [c.col])));
  for (const row of t.rows) {
    if (!which(row)) continue;
    row.forEach((v, c) => {
      if (codeCols.has(c) || (cols && !cols.includes(c)) || !NUMBER.test(v.trim()) || !v.includes('.')) return;
      const cents = Math.round(Number(v.replace(/,/g, '')) * 100) * factor;
      row[c] = formatCents(cents);
    });
  }
}

/** `170937000` cents → `1,709,370.00`. */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const int = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '-' : ''}${int}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The tables as a workbook. Each inner list is one disclosure set; by default each table gets its own sheet
 * (named by label or title, made unique); with `stack`, each set's tables go one under another on one sheet.
 */
export function snapshotOf(sets: SeedTable[][], o: { stack?: boolean; name?: string } = {}): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  const taken = new Set<string>();
  const unique = (wanted: string) => {
    let name = wanted.slice(0, 31);
    for (let i = 2; taken.has(name); i++) name = `${wanted.slice(0, 28)}(${i})`;
    taken.add(name);
    return name;
  };
  const place = (sheet: SheetSnapshot, t: SeedTable, top: number): number => {
    const b = renderTable(t);
    for (let r = 0; r < b.height; r++) {
      const row = b.cells[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell) continue;
        const out: CellSnapshot = { row: top + r, col: c, value: cell.value };
        if (cell.format) out.format = cell.format;
        sheet.cells.push(out);
      }
    }
    for (const m of b.merges) sheet.merges.push({ top: top + m.top, left: m.left, bottom: top + m.bottom, right: m.right });
    return top + b.height;
  };
  sets.forEach((set, si) => {
    if (o.stack) {
      const sheet: SheetSnapshot = { name: unique(`第${si + 1}套`), cells: [], merges: [] };
      let top = 0;
      for (const t of set) top = place(sheet, t, top) + 2;
      sheets.push(sheet);
      return;
    }
    for (const t of set) {
      const sheet: SheetSnapshot = { name: unique((t.label ?? t.title).replace(/\s+/g, '')), cells: [], merges: [] };
      place(sheet, t, 0);
      sheets.push(sheet);
    }
  });
  return { name: o.name ?? 'variant.xlsx', sheets };
}

/** What a finding says, addresses aside (layouts move cells). */
export const fact = (f: Finding): string => `${f.rule} ${f.severity} ${f.expected} ${f.actual} ${f.tail ?? ''}`;
