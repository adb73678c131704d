/**
 * One worksheet part → the snapshot's cells, merges and protection. Only `<sheetData>`, `<mergeCells>` and
 * `<sheetProtection>` are read; everything else in the part (views, validation, formatting, drawings,
 * extensions) is passed over unparsed.
 */
import type { CellSnapshot, CellValue, RangeBox } from '../../../core/snapshot';
import { numberFormatter, serialToIso } from '../numfmt';
import { scanXml, unescapeOoxml, type XmlTag } from '../package/xml';
import type { CellFormats } from './styles';

export interface SheetContext {
  strings: string[];
  formats: CellFormats;
  date1904: boolean;
}

export interface SheetCells {
  cells: CellSnapshot[];
  merges: RangeBox[];
  protected: boolean;
  /** 1-based extent of every cell seen (kept or not), for `truncated`. */
  rows: number;
  cols: number;
  /** Cells left out because the budget ran out. */
  dropped: number;
}

/** `B12` → 0-based row and column; `null` for anything else. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const at = { row: 0, col: 0 };
  return parseCellRefInto(ref, at) ? at : null;
}

/** parseCellRef without an allocation per cell: writes into `at`, returns false for anything that is not a cell. */
function parseCellRefInto(ref: string, at: { row: number; col: number }): boolean {
  let col = 0;
  let i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break; // `$`
  }
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else if (c !== 36) return false;
  }
  if (col === 0 || row === 0) return false;
  at.row = row - 1;
  at.col = col - 1;
  return true;
}

export function parseRangeRef(ref: string): RangeBox | null {
  const [a, b] = ref.split(':');
  const p = parseCellRef(a);
  const q = b === undefined ? p : parseCellRef(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

interface PendingCell {
  row: number;
  col: number;
  type: string;
  style: number;
  formula: boolean;
  v: string | null;
  inline: string | null;
}

export function readSheetCells(xml: string, ctx: SheetContext, budget: number): SheetCells {
  const out: SheetCells = { cells: [], merges: [], protected: false, rows: 0, cols: 0, dropped: 0 };
  let inSheetData = false;
  let row = -1;
  let nextCol = 0;
  // One cell is open at a time: its fields are reused, not allocated per cell.
  const cell: PendingCell = { row: 0, col: 0, type: 'n', style: 0, formula: false, v: null, inline: null };
  let inCell = false;
  const ref = { row: 0, col: 0 };
  const formatters: ((n: number) => string | undefined)[] = [];
  const format = (style: number, n: number) => (formatters[style] ??= numberFormatter(ctx.formats.codes[style]))(n);
  let textTarget: 'v' | 'is' | null = null;
  let phonetic = 0;
  let text = '';

  const events = {
    wantText: false,
    open(name: string, tag: XmlTag) {
      if (inSheetData) {
        if (name === 'row') {
          const r = tag.attr('r');
          row = r !== undefined ? Number(r) - 1 : row + 1;
          nextCol = 0;
        } else if (name === 'c') {
          const at = tag.attr('r');
          // Rows and cells may come without `r` (allowed, written by some generators): they follow the previous one.
          if (at !== undefined && parseCellRefInto(at, ref)) {
            cell.row = ref.row;
            cell.col = ref.col;
          } else {
            cell.row = Math.max(row, 0);
            cell.col = nextCol;
          }
          row = cell.row;
          nextCol = cell.col + 1;
          const s = tag.attr('s');
          cell.type = tag.attr('t') ?? 'n';
          cell.style = s !== undefined ? Number(s) : 0;
          cell.formula = false;
          cell.v = null;
          cell.inline = null;
          inCell = true;
        } else if (inCell) {
          if (name === 'v') {
            textTarget = 'v';
            text = '';
            events.wantText = true;
          } else if (name === 'f') cell.formula = true;
          else if (name === 'is') {
            textTarget = 'is';
            text = '';
          } else if (name === 'rPh') {
            phonetic++;
            events.wantText = false;
          } else if (name === 't' && textTarget === 'is' && phonetic === 0) events.wantText = true;
        }
      } else if (name === 'sheetData') inSheetData = true;
      else if (name === 'mergeCell') {
        const box = parseRangeRef(tag.attr('ref') ?? '');
        if (box) out.merges.push(box);
      } else if (name === 'sheetProtection') out.protected = tag.attr('sheet') === '1' || tag.attr('sheet') === 'true';
    },
    close(name: string) {
      if (!inSheetData) return;
      if (name === 'c' && inCell) {
        finishCell(cell, ctx, out, budget, format);
        inCell = false;
      } else if (name === 'v' && inCell) {
        cell.v = text;
        textTarget = null;
        events.wantText = false;
      } else if (name === 'is' && inCell) {
        cell.inline = text;
        textTarget = null;
        events.wantText = false;
      } else if (name === 't') events.wantText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'sheetData') inSheetData = false;
    },
    text(t: string) {
      text += t;
    },
  };
  scanXml(xml, events);
  if (out.merges.length > 0) dropCoveredCells(out);
  out.merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

function finishCell(
  p: PendingCell,
  ctx: SheetContext,
  out: SheetCells,
  budget: number,
  format: (style: number, n: number) => string | undefined,
): void {
  const value = cellValue(p, ctx);
  if ((value === null || value === '') && !p.formula) return;
  if (p.row + 1 > out.rows) out.rows = p.row + 1;
  if (p.col + 1 > out.cols) out.cols = p.col + 1;
  if (out.cells.length >= budget) {
    out.dropped++;
    return;
  }
  const snap: CellSnapshot = { row: p.row, col: p.col, value };
  const code = ctx.formats.codes[p.style];
  if (code !== undefined) snap.format = code;
  if (p.formula) snap.formula = true;
  if (typeof value === 'number') {
    const text = format(p.style, value);
    if (text !== undefined) snap.text = text;
  } else if (typeof value === 'boolean') snap.text = value ? 'TRUE' : 'FALSE';
  else if (typeof value === 'string' && isDateCell(p, ctx)) snap.text = value;
  out.cells.push(snap);
}

function isDateCell(p: PendingCell, ctx: SheetContext): boolean {
  return p.type === 'd' || ((p.type === 'n' || p.type === '') && ctx.formats.dates[p.style] === true);
}

function cellValue(p: PendingCell, ctx: SheetContext): CellValue {
  switch (p.type) {
    case 's': {
      const s = p.v === null ? undefined : ctx.strings[Number(p.v)];
      return s === undefined ? null : s;
    }
    case 'inlineStr':
      return p.inline === null ? (p.v === null ? null : unescapeOoxml(p.v)) : unescapeOoxml(p.inline);
    case 'str':
      return p.v === null ? null : unescapeOoxml(p.v);
    case 'b':
      return p.v === null ? null : p.v.trim() === '1' || p.v.trim() === 'true';
    case 'e':
      return p.v === null ? null : p.v;
    case 'd':
      return p.v === null || p.v === '' ? null : isoText(p.v);
    default: {
      if (p.v === null || p.v.trim() === '') return null;
      const n = Number(p.v);
      if (!Number.isFinite(n)) return null;
      return ctx.formats.dates[p.style] === true ? serialToIso(n, ctx.date1904) : n;
    }
  }
}

/** `t="d"` cells hold ISO 8601 text already: shortened to the date at midnight, as for serials. */
function isoText(v: string): string {
  const s = v
    .trim()
    .replace(/Z$/, '')
    .replace(/\.\d+$/, '');
  return s.endsWith('T00:00:00') ? s.slice(0, 10) : s;
}

/** A merged area shows its top-left cell only; values left in covered cells are not what the user sees. */
function dropCoveredCells(out: SheetCells): void {
  const byRow = new Map<number, RangeBox[]>();
  const wide: RangeBox[] = [];
  let spanned = 0;
  for (const m of out.merges) {
    // A runaway merge (a whole column) is checked against every cell rather than indexed row by row.
    if (m.bottom - m.top > 10_000 || spanned > 1_000_000) {
      wide.push(m);
      continue;
    }
    spanned += m.bottom - m.top + 1;
    for (let r = m.top; r <= m.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  const covered = (c: CellSnapshot, m: RangeBox) =>
    c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right && (c.row !== m.top || c.col !== m.left);
  out.cells = out.cells.filter((c) => !(byRow.get(c.row) ?? []).some((m) => covered(c, m)) && !wide.some((m) => covered(c, m)));
}
