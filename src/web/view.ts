/**
 * What the page's grid draws for one sheet: display text (the snapshot's `text` when the reader knows it, else
 * the value formatted per its format), fills, notes, merges and column widths, over the used area only.
 */
import { formatNumber } from '../adapters/xlsx/numfmt';
import type { SheetLook } from '../adapters/xlsx/read/look';
import type { CellSnapshot, RangeBox, SheetSnapshot } from '../core/snapshot';

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

function shownText(c: CellSnapshot): { text: string; numeric: boolean } {
  if (c.text !== undefined) return { text: c.text, numeric: typeof c.value === 'number' || /^\d{4}-\d{2}-\d{2}/.test(c.text) };
  if (typeof c.value === 'number') return { text: formatNumber(c.value, c.format) ?? String(c.value), numeric: true };
  if (typeof c.value === 'boolean') return { text: c.value ? 'TRUE' : 'FALSE', numeric: false };
  return { text: c.value === null ? '' : c.value, numeric: false };
}

/** Excel widths are in characters of the default font; ~7 px each plus padding. */
function widthPx(chars: number | undefined): number {
  const w = chars && chars > 0 ? Math.round(chars * 7 + 5) : 64;
  return Math.max(24, Math.min(480, w));
}

export function buildSheetView(snap: SheetSnapshot, look: SheetLook | null): SheetView {
  const cells = new Map<number, GridCell>();
  const heights = new Map<number, number>();
  let rows = 0;
  let cols = 0;
  const covered = (r: number, c: number) =>
    snap.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
  const put = (r: number, c: number, g: GridCell) => {
    cells.set(cellKey(r, c), g);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  };
  for (const c of snap.cells) put(c.row, c.col, shownText(c));
  // Styles and notes: a fill on an empty cell (a mark) is drawn too; merge-covered cells are not.
  for (const [r, m] of look?.cells ?? []) {
    for (const [c, l] of m) {
      const fill = argbToCss(l.fill);
      const had = cells.get(cellKey(r, c));
      if (!had && !fill) continue;
      if (!had && covered(r, c)) continue;
      const g: GridCell = had ?? { text: '', numeric: false };
      if (fill) g.fill = fill;
      if (l.bold) g.bold = true;
      if (l.align) g.align = l.align;
      if (l.wrap) g.wrap = true;
      put(r, c, g);
    }
  }
  for (const [ref, text] of look?.notes ?? []) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const r = Number(m[2]) - 1;
    const k = cellKey(r, col - 1);
    const g = cells.get(k) ?? { text: '', numeric: false };
    g.note = text;
    put(r, col - 1, g);
  }
  for (const m of snap.merges) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
  }
  // Points → pixels; rows lower than the default keep the default (the grid's minimum).
  for (const [r, pt] of look?.heights ?? []) if (pt * (4 / 3) > 21) heights.set(r, Math.min(400, Math.round(pt * (4 / 3))));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) widths.push(widthPx(look?.widths.get(c) ?? look?.defaultWidth));
  return { name: snap.name, rows, cols, cells, merges: snap.merges, widths, heights };
}
