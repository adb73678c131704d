/**
 * What the page's grid draws for one sheet: display text (the snapshot's `text` when the reader knows it, else
 * the number formatted per its format), fills, notes, merges and column widths, over the used area only.
 */
import type ExcelJS from 'exceljs';
import { formatNumber } from '../adapters/xlsx/read';
import { parseRange, type RangeBox, type SheetSnapshot } from '../core/snapshot';

export interface GridCell {
  text: string;
  numeric: boolean;
  /** CSS colour of a solid fill. */
  fill?: string;
  note?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface SheetView {
  name: string;
  /** Used area: rows × cols from A1. */
  rows: number;
  cols: number;
  cells: Map<number, GridCell>;
  merges: RangeBox[];
  /** Pixel width per column (used area). */
  widths: number[];
  /** Pixel height of rows the file sizes explicitly (taller header rows), by row index. */
  heights: Map<number, number>;
}

/** Column index is below 16384 in Excel, so this key is unique. */
export function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

function argbToCss(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9A-Fa-f]{8}$/.test(argb)) return undefined;
  const a = parseInt(argb.slice(0, 2), 16);
  const rgb = `#${argb.slice(2)}`;
  // Files written by some tools carry alpha 00 for opaque colours: treat 00 as opaque.
  return a === 0 || a === 255
    ? rgb
    : `rgba(${parseInt(argb.slice(2, 4), 16)},${parseInt(argb.slice(4, 6), 16)},${parseInt(argb.slice(6, 8), 16)},${(a / 255).toFixed(2)})`;
}

function fillColor(cell: ExcelJS.Cell): string | undefined {
  const f = cell.style?.fill;
  if (!f || f.type !== 'pattern' || f.pattern === 'none') return undefined;
  return argbToCss(f.fgColor?.argb);
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (n === undefined || n === null) return undefined;
  const t = typeof n === 'string' ? n : (n.texts ?? []).map((x) => x.text).join('');
  return t === '' ? undefined : t;
}

function rawText(v: ExcelJS.CellValue, numFmt: string | undefined): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: formatNumber(v, numFmt) ?? String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), numeric: false };
  if ('error' in v) return { text: String(v.error), numeric: false };
  if ('formula' in v || 'sharedFormula' in v) return rawText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
  if ('hyperlink' in v) return { text: String(v.text ?? v.hyperlink), numeric: false };
  return { text: String(v), numeric: false };
}

/** Excel widths are in characters of the default font; ~7 px each plus padding. */
function widthPx(chars: number | undefined): number {
  const w = chars && chars > 0 ? Math.round(chars * 7 + 5) : 64;
  return Math.max(24, Math.min(480, w));
}

export function buildSheetView(ws: ExcelJS.Worksheet, snap: SheetSnapshot | undefined): SheetView {
  const texts = new Map<number, string>();
  for (const c of snap?.cells ?? []) if (c.text !== undefined) texts.set(cellKey(c.row, c.col), c.text);
  const merges: RangeBox[] = snap ? snap.merges : ((ws.model as { merges?: string[] }).merges ?? []).map((m) => parseRange(m));
  const cells = new Map<number, GridCell>();
  const heights = new Map<number, number>();
  let rows = 0;
  let cols = 0;
  // includeEmpty: a row holding only a fill (a mark on an empty cell) has no values but must be drawn.
  ws.eachRow({ includeEmpty: true }, (row) => {
    // Points → pixels; rows lower than the default keep the default (the grid's minimum).
    if (row.height && row.height * (4 / 3) > 21) heights.set(Number(row.number) - 1, Math.min(400, Math.round(row.height * (4 / 3))));
    row.eachCell({ includeEmpty: true }, (cell) => {
      const r = Number(row.number) - 1;
      const c = Number(cell.col) - 1;
      const isMergeSlave = cell.isMerged && cell.master !== cell;
      const fill = fillColor(cell);
      const note = noteText(cell);
      const { text, numeric } = isMergeSlave ? { text: '', numeric: false } : rawText(cell.value, cell.numFmt);
      const shown = texts.get(cellKey(r, c)) ?? text;
      if (shown === '' && !fill && !note) return;
      const g: GridCell = { text: shown, numeric };
      if (fill) g.fill = fill;
      if (note) g.note = note;
      if (cell.font?.bold) g.bold = true;
      const h = cell.alignment?.horizontal;
      if (h === 'left' || h === 'center' || h === 'right') g.align = h;
      else if (h === 'centerContinuous') g.align = 'center';
      if (cell.alignment?.wrapText) g.wrap = true;
      cells.set(cellKey(r, c), g);
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    });
  });
  for (const m of merges) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
  }
  const widths: number[] = [];
  const defaultWidth = ws.properties?.defaultColWidth;
  for (let c = 0; c < cols; c++) widths.push(widthPx(ws.getColumn(c + 1).width ?? defaultWidth));
  return { name: ws.name, rows, cols, cells, merges, widths, heights };
}
