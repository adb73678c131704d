/** The writes of a conversion: values (with number formats) in runs, unit labels, the tail note, the notes sheet. */
import { Decimal, formatAmount } from '../amount';
import type { AmountUnit, RecognisedTable, WriteOp } from '../model';
import { formatCells } from '../cells';
import { cellAddress, type CellSnapshot } from '../snapshot';
import type { AmountCell, SnapshotCells } from './cells';

export const CONVERT_TAG = 'juesuan:convert';
export const NOTES_SHEET_NAME = '单位换算说明';
export const TAIL_NOTE = '本套报表金额单位转换时可能存在尾数误差。';

export interface CellWrite {
  cell: AmountCell;
  value: Decimal;
}

/** The value as the cell takes it: a number, or text like the text it held (`1,575.90`). */
function written(w: CellWrite): string | number {
  if (!w.cell.fromText) return Number(w.value.toFixed(2));
  return typeof w.cell.raw === 'string' && /[,，]/.test(w.cell.raw) ? formatAmount(w.value) : w.value.toFixed(2);
}

/**
 * A number format that shows two decimals (0.01 万元 is the unit of publication): `General`, `0`, `#,##0` and
 * one-decimal formats get two; formats already showing two or more, and text formats, stay (null).
 */
export function twoDecimalFormat(format: string | undefined): string | null {
  if (format === undefined || format === '' || /^general$/i.test(format)) return '0.00';
  if (format === '@') return null;
  const sections = format.split(';');
  const digits = (sec: string) => /[0#]\.(0+)/.exec(sec.replace(/"[^"]*"/g, ''))?.[1].length ?? 0;
  if (sections.every((sec) => !/[0#]/.test(sec) || digits(sec) >= 2)) return null;
  return sections
    .map((sec) => {
      if (!/[0#]/.test(sec) || digits(sec) >= 2) return sec;
      if (digits(sec) === 1) return sec.replace(/([0#])\.0(?!0)/, '$1.00');
      return sec.replace(/(#,##0|0)(?![0#.,])/, '$1.00');
    })
    .join(';');
}

/** Value writes in runs down a column (one op per run), formats beside them. */
export function valueOps(writes: readonly CellWrite[], to: AmountUnit, replaceFormulas: boolean): WriteOp[] {
  const sorted = [...writes].sort(
    (a, b) =>
      (a.cell.sheet < b.cell.sheet ? -1 : a.cell.sheet > b.cell.sheet ? 1 : 0) || a.cell.col - b.cell.col || a.cell.row - b.cell.row,
  );
  const ops: WriteOp[] = [];
  let run: CellWrite[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0].cell;
    const formats = run.map((w) => [to === '万元' ? twoDecimalFormat(w.cell.format) : null]);
    ops.push({
      op: 'setValues',
      sheet: first.sheet,
      range: cellAddress(first.row, first.col),
      values: run.map((w) => [written(w)]),
      tag: CONVERT_TAG,
      ...(formats.some((f) => f[0] !== null) ? { formats } : {}),
      ...(replaceFormulas ? { replaceFormulas: true } : {}),
    });
    run = [];
  };
  for (const w of sorted) {
    const last = run[run.length - 1]?.cell;
    if (last && !(last.sheet === w.cell.sheet && last.col === w.cell.col && last.row + 1 === w.cell.row)) flush();
    run.push(w);
  }
  flush();
  return ops;
}

const UNIT_PATTERNS: Record<AmountUnit, [RegExp, string][]> = {
  万元: [
    [/(单\s*位\s*[:：]\s*)元/, '$1万元'],
    [/([（(]\s*)元(\s*[)）])/, '$1万元$2'],
  ],
  元: [
    [/(单\s*位\s*[:：]\s*)万\s*元/, '$1元'],
    [/([（(]\s*)万\s*元(\s*[)）])/, '$1元$2'],
  ],
};

/** The unit labels of a table (`金额单位：元`, a header's `（元）`) as they read after conversion. */
export function labelOps(table: RecognisedTable, cells: SnapshotCells, to: AmountUnit): WriteOp[] {
  const firstRow = Math.min(...table.rows.map((r) => r.row), table.range.bottom);
  const box = { top: table.range.top, bottom: Math.max(table.range.top, firstRow - 1), left: table.range.left, right: table.range.right };
  const ops: WriteOp[] = [];
  for (const c of cells.textsIn(table.sheet, box)) {
    const text = c.value as string;
    let next = text;
    for (const [re, by] of UNIT_PATTERNS[to]) next = next.replace(re, by);
    if (next !== text)
      ops.push({ op: 'setValues', sheet: table.sheet, range: cellAddress(c.row, c.col), values: [[next]], tag: CONVERT_TAG });
  }
  return ops;
}

/** The tail note in the first free cell below the table, unless the table prints it already; null when no cell is free. */
export function tailNoteOp(table: RecognisedTable, cells: SnapshotCells): WriteOp | 'present' | null {
  if (table.notes.some((n) => n.includes('尾数误差'))) return 'present';
  const col = table.range.left;
  for (let row = table.range.bottom + 1; row <= table.range.bottom + 3; row++) {
    const c: CellSnapshot | undefined = cells.at(table.sheet, row, col);
    if (c === undefined || c.value === null || c.value === '') {
      return { op: 'setValues', sheet: table.sheet, range: cellAddress(row, col), values: [[TAIL_NOTE]], tag: CONVERT_TAG };
    }
  }
  return null;
}

export interface NoteLine {
  cell: string;
  table: string;
  item: string;
  exact: string;
  plain: string;
  value: string;
}

/**
 * The notes sheet: every cell moved off plain rounding, then every tail left (元 → 万元); or, for 万元 → 元, what
 * the direction cannot give back.
 */
export function notesSheetOp(
  lines: readonly NoteLine[],
  tails: readonly { rule: string; cells: string[]; tail: string }[],
  remarks: readonly string[],
): WriteOp {
  if (lines.length === 0 && tails.length === 0 && remarks.length > 0) {
    return { op: 'addSheet', name: NOTES_SHEET_NAME, rows: [['单位换算说明'], ...remarks.map((r) => [r])], tag: CONVERT_TAG };
  }
  const rows: (string | number | null)[][] = [['单元格', '表', '项目', '精确值（万元）', '四舍五入（万元）', '公开值（万元）']];
  for (const l of lines) rows.push([l.cell, l.table, l.item, l.exact, l.plain, l.value]);
  if (lines.length === 0) rows.push(['（无：各数均按四舍五入）', null, null, null, null, null]);
  if (tails.length > 0) {
    rows.push([], ['仍不平衡的勾稽关系', '尾差（万元）', '单元格']);
    // A cell holds at most 32,767 characters: the list is bounded (`等 N 处`).
    for (const t of tails) rows.push([t.rule, t.tail, formatCells(t.cells, { maxItems: 20, maxLength: 1000 })]);
  }
  if (remarks.length > 0) rows.push([], ...remarks.map((r) => [r]));
  return { op: 'addSheet', name: NOTES_SHEET_NAME, rows, tag: CONVERT_TAG };
}
