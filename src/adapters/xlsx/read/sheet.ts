/**
 * One worksheet part → the snapshot's cells, merges and protection. Only `<sheetData>`, `<mergeCells>` and
 * `<sheetProtection>` are read; everything else in the part (views, validation, formatting, drawings,
 * extensions) is passed over unparsed.
 */
import type { CellSnapshot, CellValue, RangeBox } from '../../../core/snapshot';
import { numberFormatter, serialToIso, type NumberFormatter } from '../numfmt';
import { unescapeOoxml } from '../package/xml';
import { At, decodeEntities, El, SheetScanner, type SheetScanEvents } from './scan';
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
  return parseCellRefInto(ref, 0, ref.length, at) ? at : null;
}

/** parseCellRef of `s[start, end)` without an allocation: writes into `at`, returns false for anything that is not a cell. */
function parseCellRefInto(s: string, start: number, end: number, at: { row: number; col: number }): boolean {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break; // `$`
  }
  let row = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
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

/** The cell types of `t`: `n` (or absent), `''`, the others by name; Unknown reads as a number but is never a date. */
const enum Type {
  N,
  Blank,
  S,
  InlineStr,
  Str,
  B,
  E,
  D,
  Unknown,
}

function typeOf(t: string): Type {
  switch (t) {
    case 'n':
      return Type.N;
    case '':
      return Type.Blank;
    case 's':
      return Type.S;
    case 'inlineStr':
      return Type.InlineStr;
    case 'str':
      return Type.Str;
    case 'b':
      return Type.B;
    case 'e':
      return Type.E;
    case 'd':
      return Type.D;
    default:
      return Type.Unknown;
  }
}

/** 10^k for the exact fast path of decimal text (k ≤ 22: every such power is a double exactly). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * `Number(text)` of a plain decimal (`-123.45`, at most 15 digits) read from `s[start, end)` without making the
 * string: the digits as an exact integer divided once by an exact power of ten is the correctly rounded double,
 * i.e. the same number. NaN when the text is anything else (the caller then uses Number()).
 */
function plainDecimal(s: string, start: number, end: number): number {
  let i = start;
  const neg = i < end && s.charCodeAt(i) === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (++digits > 15) return NaN;
    } else if (c === 46 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0) return NaN;
  const decimals = point < 0 ? 0 : end - point - 1;
  const n = decimals === 0 ? m : m / POW10[decimals];
  return neg ? -n : n;
}

/** A non-negative integer written in `s[start, end)` (a style or shared-string index), or -1 when it is not one. */
function plainIndex(s: string, start: number, end: number): number {
  if (start >= end || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * The reader's side of the scan: one cell open at a time, its fields reused, not allocated per cell. A `<v>`
 * is kept as a span of the part (or its decoded text when entities split it) until the cell closes.
 */
class CellReader implements SheetScanEvents {
  readonly out: SheetCells = { cells: [], merges: [], protected: false, rows: 0, cols: 0, dropped: 0 };
  private readonly scanner: SheetScanner;
  private inSheetData = false;
  private row = -1;
  private nextCol = 0;
  private readonly ref = { row: 0, col: 0 };
  private readonly formatters: NumberFormatter[] = [];
  // The open cell.
  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private hasRef = false;
  private type = Type.N;
  private style = 0;
  private formula = false;
  /** `<v>`: absent (vStart -2), a span, or decoded text (vStr). */
  private vStart = -2;
  private vEnd = 0;
  private vStr: string | null = null;
  private inline: string | null = null;
  /** The number was read by plainDecimal: its `<v>` text is a plain decimal, which the formatter can use as it is. */
  private plainNumber = false;
  private textTarget: El.V | El.Is | null = null;
  private phonetic = 0;

  constructor(
    private readonly xml: string,
    private readonly ctx: SheetContext,
    private readonly budget: number,
  ) {
    this.scanner = new SheetScanner(xml, this);
  }

  run(): SheetCells {
    this.scanner.run();
    return this.out;
  }

  open(el: El): void {
    if (!this.inSheetData) {
      if (el === El.SheetData) this.inSheetData = true;
      return;
    }
    if (el === El.C) {
      this.hasRef = false;
      this.type = Type.N;
      this.style = 0;
      this.formula = false;
      this.vStart = -2;
      this.vStr = null;
      this.inline = null;
      this.inCell = true;
    } else if (el === El.Row) this.hasRef = false;
  }

  attr(el: El, at: At): void {
    const v = this.scanner.attrValue;
    if (!this.inSheetData) {
      if (el === El.MergeCell && at === At.Ref) {
        const box = parseRangeRef(v.value());
        if (box) this.out.merges.push(box);
      } else if (el === El.SheetProtection && at === At.Sheet) {
        const s = v.value();
        this.out.protected = s === '1' || s === 'true';
      }
      return;
    }
    if (el === El.C) {
      if (at === At.R) {
        this.hasRef = v.whole && parseCellRefInto(this.xml, v.start, v.end, this.ref);
        if (!this.hasRef) {
          const ref = v.value();
          this.hasRef = parseCellRefInto(ref, 0, ref.length, this.ref);
        }
      } else if (at === At.S) {
        const i = v.whole ? plainIndex(this.xml, v.start, v.end) : -1;
        this.style = i >= 0 ? i : Number(v.value());
      } else if (at === At.T) this.type = typeOf(v.value());
    } else if (el === El.Row && at === At.R) {
      const i = v.whole ? plainIndex(this.xml, v.start, v.end) : -1;
      this.row = (i >= 0 ? i : Number(v.value())) - 1;
      this.hasRef = true;
    }
  }

  openEnd(el: El): void {
    if (!this.inSheetData) return;
    if (el === El.Row) {
      // Rows and cells may come without `r` (allowed, written by some generators): they follow the previous one.
      if (!this.hasRef) this.row++;
      this.nextCol = 0;
    } else if (el === El.C) {
      if (this.hasRef) {
        this.cellRow = this.ref.row;
        this.cellCol = this.ref.col;
      } else {
        this.cellRow = Math.max(this.row, 0);
        this.cellCol = this.nextCol;
      }
      this.row = this.cellRow;
      this.nextCol = this.cellCol + 1;
    } else if (this.inCell) {
      const scanner = this.scanner;
      if (el === El.V) {
        this.textTarget = El.V;
        scanner.text.reset();
        scanner.wantText = true;
      } else if (el === El.F) this.formula = true;
      else if (el === El.Is) {
        this.textTarget = El.Is;
        scanner.text.reset();
      } else if (el === El.RPh) {
        this.phonetic++;
        scanner.wantText = false;
      } else if (el === El.T && this.textTarget === El.Is && this.phonetic === 0) scanner.wantText = true;
    }
  }

  close(el: El): void {
    if (!this.inSheetData) return;
    const scanner = this.scanner;
    if (el === El.C && this.inCell) {
      this.finishCell();
      this.inCell = false;
    } else if (el === El.V && this.inCell) {
      const t = scanner.text;
      if (t.whole) {
        this.vStart = t.start < 0 ? -1 : t.start;
        this.vEnd = t.start < 0 ? -1 : t.end;
        this.vStr = null;
      } else {
        this.vStart = -1;
        this.vStr = t.value();
      }
      this.textTarget = null;
      scanner.wantText = false;
    } else if (el === El.Is && this.inCell) {
      this.inline = scanner.text.value();
      this.textTarget = null;
      scanner.wantText = false;
    } else if (el === El.T) scanner.wantText = false;
    else if (el === El.RPh) this.phonetic--;
    else if (el === El.SheetData) this.inSheetData = false;
  }

  /** The `<v>` text; null when the cell has none. */
  private vText(): string | null {
    if (this.vStart === -2) return null;
    if (this.vStr !== null) return this.vStr;
    return this.vStart < 0 ? '' : decodeEntities(this.xml.slice(this.vStart, this.vEnd));
  }

  private cellValue(): CellValue {
    const ctx = this.ctx;
    switch (this.type) {
      case Type.S: {
        if (this.vStart === -2) return null;
        const i = this.vStr === null && this.vStart >= 0 ? plainIndex(this.xml, this.vStart, this.vEnd) : -1;
        const s = ctx.strings[i >= 0 ? i : Number(this.vText())];
        return s === undefined ? null : s;
      }
      case Type.InlineStr: {
        const v = this.vText();
        return this.inline === null ? (v === null ? null : unescapeOoxml(v)) : unescapeOoxml(this.inline);
      }
      case Type.Str: {
        const v = this.vText();
        return v === null ? null : unescapeOoxml(v);
      }
      case Type.B: {
        const v = this.vText();
        return v === null ? null : v.trim() === '1' || v.trim() === 'true';
      }
      case Type.E:
        return this.vText();
      case Type.D: {
        const v = this.vText();
        return v === null || v === '' ? null : isoText(v);
      }
      default: {
        if (this.vStart === -2) return null;
        let n = this.vStr === null && this.vStart >= 0 ? plainDecimal(this.xml, this.vStart, this.vEnd) : NaN;
        this.plainNumber = !Number.isNaN(n);
        if (!this.plainNumber) {
          const v = this.vText()!;
          if (v.trim() === '') return null;
          n = Number(v);
        }
        if (!Number.isFinite(n)) return null;
        return ctx.formats.dates[this.style] === true ? serialToIso(n, ctx.date1904) : n;
      }
    }
  }

  private finishCell(): void {
    const value = this.cellValue();
    if ((value === null || value === '') && !this.formula) return;
    const out = this.out;
    if (this.cellRow + 1 > out.rows) out.rows = this.cellRow + 1;
    if (this.cellCol + 1 > out.cols) out.cols = this.cellCol + 1;
    if (out.cells.length >= this.budget) {
      out.dropped++;
      return;
    }
    const style = this.style;
    const code = this.ctx.formats.codes[style];
    let text: string | undefined;
    if (typeof value === 'number') {
      const source = this.plainNumber ? this.xml.slice(this.vStart, this.vEnd) : undefined;
      text = (this.formatters[style] ??= numberFormatter(code))(value, source);
    } else if (typeof value === 'boolean') text = value ? 'TRUE' : 'FALSE';
    else if (typeof value === 'string' && this.isDate()) text = value;
    out.cells.push(snapshotCell(this.cellRow, this.cellCol, value, code, this.formula, text));
  }

  private isDate(): boolean {
    const t = this.type;
    return t === Type.D || ((t === Type.N || t === Type.Blank) && this.ctx.formats.dates[this.style] === true);
  }
}

/**
 * A cell object made in its final shape (fields in the order row, col, value, format, formula, text, the
 * optional ones only when set): the core then meets few object shapes.
 */
function snapshotCell(
  row: number,
  col: number,
  value: CellValue,
  format: string | undefined,
  formula: boolean,
  text: string | undefined,
): CellSnapshot {
  if (!formula) {
    if (format === undefined) return text === undefined ? { row, col, value } : { row, col, value, text };
    return text === undefined ? { row, col, value, format } : { row, col, value, format, text };
  }
  const snap: CellSnapshot = format === undefined ? { row, col, value } : { row, col, value, format };
  snap.formula = true;
  if (text !== undefined) snap.text = text;
  return snap;
}

export function readSheetCells(xml: string, ctx: SheetContext, budget: number): SheetCells {
  const out = new CellReader(xml, ctx, budget).run();
  if (out.merges.length > 0) dropCoveredCells(out);
  out.merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
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
  const kept: CellSnapshot[] = [];
  for (const c of out.cells) {
    const list = byRow.get(c.row);
    if ((list === undefined || !list.some((m) => covered(c, m))) && (wide.length === 0 || !wide.some((m) => covered(c, m)))) kept.push(c);
  }
  out.cells = kept;
}
