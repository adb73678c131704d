/**
 * The workbook snapshot: the only thing the core ever sees of a workbook.
 * Adapters (office.js, the .xlsx package reader) build it; the core never touches files, DOM or Office.
 * Sparse on purpose: recognition is linear in the number of non-empty cells, whatever the used range.
 */

/** A cell value as the host reports it. Errors (`#REF!`) arrive as their text. */
export type CellValue = string | number | boolean | null;

export interface CellSnapshot {
  /** 0-based row index on the sheet. */
  row: number;
  /** 0-based column index on the sheet. */
  col: number;
  value: CellValue;
  /** The text as the host displays it (number format applied), when the adapter knows it. */
  text?: string;
  /** Number format code, e.g. `#,##0.00`. */
  format?: string;
  /** True when the cell holds a formula (its value is the computed result). */
  formula?: boolean;
}

/** A rectangular range, 0-based, inclusive on both ends. */
export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /** Non-empty cells, any order. */
  cells: CellSnapshot[];
  /** Merged areas. The value of a merged area sits in its top-left cell. */
  merges: RangeBox[];
  protected?: boolean;
  hidden?: boolean;
  /** Set by an adapter that had to cut a huge sheet short; the core reports it. */
  truncated?: { rows: number; cols: number };
}

export interface WorkbookSnapshot {
  /** File name or workbook name, for messages only. */
  name?: string;
  sheets: SheetSnapshot[];
  /** Table-kind corrections the user stored in the workbook (see recognise `overrides`). */
  overrides?: KindOverride[];
}

/** A user's correction of a recognised table's kind, remembered in the workbook itself. */
export interface KindOverride {
  sheet: string;
  /** A1 address of the table's title cell (the anchor), e.g. `A1`. */
  anchor: string;
  /** Spec id to use, or `null` to mark the region as "not a disclosure table". */
  specId: string | null;
}

// ---------- A1 addressing ----------

export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeAddress(box: RangeBox): string {
  const a = cellAddress(box.top, box.left);
  const b = cellAddress(box.bottom, box.right);
  return a === b ? a : `${a}:${b}`;
}

/** Parses `B3` or `B3:D7` (with optional `$`), 0-based. Throws on anything else. */
export function parseRange(a1: string): RangeBox {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) throw new Error(`不是有效的单元格地址：${a1}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** Sheet name as Excel writes it inside a reference: quoted when it is not a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** `公开03表!C12`, `'Sheet 1'!A1`. */
export function qualifiedAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${cellAddress(row, col)}`;
}

/** Splits `'Sheet 1'!A1:B2` into sheet name and range text. */
export function splitQualified(ref: string): { sheet: string; range: string } {
  const bang = ref.lastIndexOf('!');
  if (bang < 0) throw new Error(`缺少工作表名：${ref}`);
  let sheet = ref.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: ref.slice(bang + 1) };
}
