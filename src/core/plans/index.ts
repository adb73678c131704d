/**
 * Write-plan builders: findings in, WritePlan out. Pure — the adapters (office.js, .xlsx package) carry the plans out
 * and keep the records that let `clearTag` undo them exactly.
 */
import type { Finding, Recognition, Severity, WriteOp, WritePlan } from '../model';
import { SEVERITY_LABELS, SEVERITY_RANK as RANK } from '../labels';
import { parseRange, splitQualified } from '../snapshot';
import { formatCells, type CellListLimits } from '../cells';

export const MARKS_TAG = 'juesuan:marks';
export const FINDINGS_SHEET_TAG = 'juesuan:findings-sheet';
export const FINDINGS_SHEET_NAME = '审核结果';

/**
 * Fill per severity (Excel's own “bad / neutral” palette, and a pale blue for rounding tails).
 * `info` findings are hints shown in the pane and on the findings sheet; they do not paint cells.
 */
export const MARK_COLORS: Record<Severity, string | null> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  rounding: '#DDEBF7',
  info: null,
};

// The shared names (src/core/labels.ts), re-exported for existing importers.
export { SEVERITY_LABELS };

/**
 * How much of a finding's cell list a note and the findings sheet show: a finding may name thousands of cells,
 * and a cell holds at most 32,767 characters. The cells are all marked anyway; the list says where they are.
 */
export const NOTE_CELLS: CellListLimits = { maxItems: 10, maxLength: 300 };
export const SHEET_CELLS: CellListLimits = { maxItems: 20, maxLength: 1000 };

interface CellRef {
  sheet: string;
  row: number;
  col: number;
  /** A1 of the single cell. */
  cell: string;
}

function cellRef(qualified: string): CellRef {
  const { sheet, range } = splitQualified(qualified);
  const box = parseRange(range);
  // A finding names cells; a range would be its top-left for marking purposes.
  const cell = range.replace(/\$/g, '').split(':')[0].toUpperCase();
  return { sheet, row: box.top, col: box.left, cell };
}

/**
 * Fills every cell of every finding with its severity's colour (the most severe wins where findings share a
 * cell) and puts one note on the first cell of each finding, listing every message that lands there with the
 * finding's other cells (bounded: `等 M 处`).
 * Starts by clearing earlier marks, so checking twice does not stack marks on marks.
 */
export function markFindingsPlan(findings: Finding[]): WritePlan {
  const sheetOrder: string[] = [];
  const fills = new Map<string, { ref: CellRef; severity: Severity }>();
  const notes = new Map<string, { ref: CellRef; lines: string[] }>();
  let marked = 0;
  for (const f of findings) {
    if (MARK_COLORS[f.severity] === null || f.cells.length === 0) continue;
    marked++;
    f.cells.forEach((q, i) => {
      const ref = cellRef(q);
      if (!sheetOrder.includes(ref.sheet)) sheetOrder.push(ref.sheet);
      const key = `${ref.sheet}\u0000${ref.cell}`;
      const had = fills.get(key);
      if (!had || RANK[f.severity] < RANK[had.severity]) fills.set(key, { ref, severity: f.severity });
      if (i === 0) {
        const line = `【${SEVERITY_LABELS[f.severity]}】${f.message}${f.cells.length > 1 ? `（涉及 ${formatCells(f.cells, NOTE_CELLS)}）` : ''}`;
        const n = notes.get(key);
        if (!n) notes.set(key, { ref, lines: [line] });
        else if (!n.lines.includes(line)) n.lines.push(line);
      }
    });
  }
  const order = (a: { ref: CellRef }, b: { ref: CellRef }) =>
    sheetOrder.indexOf(a.ref.sheet) - sheetOrder.indexOf(b.ref.sheet) || a.ref.row - b.ref.row || a.ref.col - b.ref.col;
  const ops: WriteOp[] = [{ op: 'clearTag', tag: MARKS_TAG }];
  for (const { ref, severity } of [...fills.values()].sort(order)) {
    ops.push({ op: 'fill', sheet: ref.sheet, range: ref.cell, color: MARK_COLORS[severity]!, tag: MARKS_TAG });
  }
  for (const { ref, lines } of [...notes.values()].sort(order)) {
    ops.push({ op: 'note', sheet: ref.sheet, cell: ref.cell, text: `决算公开助手：\n${lines.join('\n')}`, tag: MARKS_TAG });
  }
  return { title: `标记审核问题（${marked} 条，${fills.size} 个单元格）`, ops };
}

/** Removes the marks of `markFindingsPlan`, restoring what they covered. */
export function clearMarksPlan(): WritePlan {
  return { title: '清除审核标记', ops: [{ op: 'clearTag', tag: MARKS_TAG }] };
}

export const FINDINGS_SHEET_HEADER = ['序号', '严重程度', '规则', '表', '说明', '单元格', '应为', '实为'];

/** How a table is named on the findings sheet: `公开03表 支出决算表`, or the sheet name when unlabelled. */
function tableName(recognition: Recognition, id: string | null): string {
  if (id === null) return '（全工作簿）';
  const t = recognition.tables.find((x) => x.id === id);
  if (!t) return id;
  return t.label ? `${t.label} ${t.title}` : `${t.sheet}：${t.title}`;
}

/**
 * A new sheet `审核结果` listing every finding, most severe first (order kept within a severity).
 * Replaces the sheet an earlier run added; a user's own sheet of that name is never touched (the adapter picks
 * a free name).
 */
export function findingsSheetPlan(findings: Finding[], recognition: Recognition): WritePlan {
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  const rows: (string | number | null)[][] = [FINDINGS_SHEET_HEADER];
  sorted.forEach((f, i) => {
    rows.push([
      i + 1,
      SEVERITY_LABELS[f.severity],
      f.rule,
      tableName(recognition, f.table),
      f.message,
      formatCells(f.cells, SHEET_CELLS),
      f.expected ?? '',
      f.actual ?? '',
    ]);
  });
  if (sorted.length === 0) rows.push([null, null, null, null, '未发现问题。', null, null, null]);
  return {
    title: `生成审核结果表（${findings.length} 条）`,
    ops: [
      { op: 'clearTag', tag: FINDINGS_SHEET_TAG },
      { op: 'addSheet', name: FINDINGS_SHEET_NAME, rows, tag: FINDINGS_SHEET_TAG },
    ],
  };
}
