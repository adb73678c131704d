/** A plan's ops, checked and expanded to cells before anything is sent. */
import type { WriteOp } from '../../../core/model';
import type { TemplateSheet } from '../../../core/templates/types';
import { cellAddress, parseRange, type RangeBox } from '../../../core/snapshot';
import { normHex } from '../translate';

/** Cells one fill or setValues op may cover (marks are single cells; this guards against a runaway range). */
export const MAX_OP_CELLS = 50_000;

export interface CellTarget {
  sheet: string;
  row: number;
  col: number;
  a1: string;
}

export type Prepared =
  | { op: 'fill'; tag: string; sheet: string; range: string; cells: CellTarget[]; color: string }
  | { op: 'note'; tag: string; cell: CellTarget; text: string }
  | { op: 'setValues'; tag: string; sheet: string; box: RangeBox; values: (string | number | null)[][]; formats?: (string | null)[][] }
  | { op: 'addSheet'; tag: string; name: string; rows: (string | number | null)[][] }
  | { op: 'addTemplateSheet'; tag: string; sheet: TemplateSheet }
  | { op: 'setFormulas'; tag: string; sheet: string; cells: (CellTarget & { formula: string })[] }
  | { op: 'clearTag'; tag: string };

/** Key of a cell in the maps of what the cells hold. */
export const cellKey = (sheet: string, a1: string): string => `${sheet}\u0000${a1}`;

/** The top-left cell of `ref` on `sheet`. */
export function targetOf(sheet: string, ref: string): CellTarget {
  const b = parseRange(ref);
  return { sheet, row: b.top, col: b.left, a1: cellAddress(b.top, b.left) };
}

export function cellsOf(sheet: string, box: RangeBox): CellTarget[] {
  const n = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  if (n > MAX_OP_CELLS) throw new Error(`一次写入的区域过大（${n} 个单元格，上限 ${MAX_OP_CELLS}）`);
  const out: CellTarget[] = [];
  for (let r = box.top; r <= box.bottom; r++)
    for (let c = box.left; c <= box.right; c++) out.push({ sheet, row: r, col: c, a1: cellAddress(r, c) });
  return out;
}

export function prepare(op: WriteOp): Prepared {
  switch (op.op) {
    case 'fill':
      return {
        op: 'fill',
        tag: op.tag,
        sheet: op.sheet,
        range: op.range,
        cells: cellsOf(op.sheet, parseRange(op.range)),
        color: `#${normHex(op.color)}`,
      };
    case 'note':
      return { op: 'note', tag: op.tag, cell: targetOf(op.sheet, op.cell), text: op.text };
    case 'setValues': {
      const top = parseRange(op.range);
      const rows = op.values.length;
      const cols = Math.max(0, ...op.values.map((r) => r.length));
      const box = { top: top.top, left: top.left, bottom: top.top + Math.max(rows, 1) - 1, right: top.left + Math.max(cols, 1) - 1 };
      cellsOf(op.sheet, box);
      return { op: 'setValues', tag: op.tag, sheet: op.sheet, box, values: op.values, ...(op.formats ? { formats: op.formats } : {}) };
    }
    case 'addSheet':
      return { op: 'addSheet', tag: op.tag, name: cleanSheetName(op.name), rows: op.rows };
    case 'clearTag':
      return { op: 'clearTag', tag: op.tag };
    case 'addTemplateSheet':
      return { op: 'addTemplateSheet', tag: op.tag, sheet: op.sheet };
    case 'setFormulas':
      return {
        op: 'setFormulas',
        tag: op.tag,
        sheet: op.sheet,
        cells: op.cells.map((c) => ({ ...targetOf(op.sheet, c.cell), formula: c.formula })),
      };
  }
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], no leading/trailing apostrophe. */
export function cleanSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return s || '审核结果';
}

/** The sheet each op writes on, for the check that it exists. */
export function sheetOf(op: Prepared): string | null {
  if (op.op === 'fill' || op.op === 'setValues' || op.op === 'setFormulas') return op.sheet;
  if (op.op === 'note') return op.cell.sheet;
  return null;
}
