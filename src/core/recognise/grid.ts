/** One pass over a sheet's cells: rows indexed once, cells sorted by column, merges indexed by row. */
import { DecimalCache, type ParsedAmount } from '../amount';
import type { CellSnapshot, CellValue, RangeBox, SheetSnapshot } from '../snapshot';
import { normalizeLabel } from '../text';

/**
 * A non-empty cell: the snapshot's own cell object (read only; no copy is made per cell), or a copy when the
 * snapshot lists a place twice. Its text forms come from `textOf` and `normOf`.
 */
export type GCell = Readonly<Pick<CellSnapshot, 'row' | 'col' | 'value'>>;

/** A cell that is not in the sheet (the row above a table found without its title). */
export function virtualCell(row: number, col: number): GCell {
  return { row, col, value: '' };
}

/**
 * What one recognition works out about texts, by the text (the same few texts recur all over a workbook):
 * normalizeLabel, whether a text is only meta, a text read as an amount. Set for the length of `recognise`
 * (`withTextMemo`); outside it nothing is remembered.
 */
class TextMemo {
  readonly norm = new Map<string, string>();
  readonly meta = new Map<string, boolean>();
  readonly amount = new Map<string, ParsedAmount>();
}

let memo: TextMemo | null = null;

export function withTextMemo<T>(run: () => T): T {
  const outer = memo;
  memo = new TextMemo();
  try {
    return run();
  } finally {
    memo = outer;
  }
}

/** Text form of the value (numbers as written by JS). */
export function textOf(c: GCell): string {
  const v = c.value;
  return typeof v === 'string' ? v : String(v);
}

/** normalizeLabel of the text, for matching (numbers: their text). */
export function normOf(c: GCell): string {
  const v = c.value;
  if (typeof v !== 'string') return String(v);
  if (!memo) return normalizeLabel(v);
  let n = memo.norm.get(v);
  if (n === undefined) memo.norm.set(v, (n = normalizeLabel(v)));
  return n;
}

/** `compute(text)`, remembered for the recognition in `cache` of the memo (a pure function of the text). */
export function remembered<T>(pick: (m: TextMemo) => Map<string, T>, text: string, compute: (text: string) => T): T {
  if (!memo) return compute(text);
  const cache = pick(memo);
  let v = cache.get(text);
  if (v === undefined) cache.set(text, (v = compute(text)));
  return v;
}

export type { TextMemo };

const mayBeTitle = (v: CellValue): boolean => typeof v === 'string' && v.length <= 160 && v.includes('表');

/** A snapshot cell the grid holds: a value that is not empty text, at whole non-negative coordinates. */
function usable(c: CellSnapshot | null | undefined): c is CellSnapshot {
  if (!c) return false;
  const v = c.value;
  if (v === null || v === undefined) return false;
  if (!Number.isInteger(c.row) || !Number.isInteger(c.col) || c.row < 0 || c.col < 0) return false;
  return typeof v !== 'string' || !isBlank(v);
}

/** True for text that `trim()` leaves empty; most text is turned away by its first character. */
function isBlank(s: string): boolean {
  const c = s.length ? s.charCodeAt(0) : 0;
  if ((c > 0x20 && c < 0x7f) || (c >= 0x3400 && c !== 0xfeff)) return false;
  return s.trim() === '';
}

/** What the layouts read of a sheet: the whole sheet, or a window of columns (tables side by side). */
export interface Grid {
  readonly name: string;
  /** The Decimals of the recognition's numbers (one cache for the workbook). */
  readonly decimals: DecimalCache;
  /** No two cells share a position: the cell at a column may be found by walking a row's cells. */
  readonly uniqueCells: boolean;
  row(r: number): GCell[];
  rowSpan(r: number, left: number, right: number): GCell[];
  cell(r: number, c: number): GCell | undefined;
  mergeAt(r: number, c: number): RangeBox | undefined;
  mergesOnRow(r: number): RangeBox[];
  rowsBetween(from: number, to: number): number[];
  /** The first non-empty row in [from, to], or −1: for scans that stop early (no list of rows made). */
  nextRow(from: number, to: number): number;
}

function sortedByCol(cells: GCell[]): boolean {
  for (let i = 1; i < cells.length; i++) if (cells[i - 1].col > cells[i].col) return false;
  return true;
}

/** Shared empty lists: what the grid returns is only read. */
const NO_MERGES: RangeBox[] = [];
const NO_CELLS: GCell[] = [];

/** Merges taller than this are checked one by one instead of being indexed per row. */
const TALL_MERGE = 64;

/**
 * Lists by row number: an array when the rows are dense enough (most sheets: a lookup is an index), else a
 * Map (a sheet with a cell a million rows down).
 */
class ByRow<T> {
  private readonly dense: (T | undefined)[] | null;
  private readonly sparse: Map<number, T> | null;

  constructor(maxRow: number, count: number) {
    const dense = maxRow < 4 * count + 1024;
    this.dense = dense ? new Array<T | undefined>(maxRow + 1) : null;
    this.sparse = dense ? null : new Map();
  }

  get(r: number): T | undefined {
    return this.dense ? this.dense[r] : this.sparse!.get(r);
  }

  set(r: number, v: T): void {
    if (this.dense) this.dense[r] = v;
    else this.sparse!.set(r, v);
  }
}

export class SheetGrid implements Grid {
  readonly name: string;
  /** Sorted row indexes that hold at least one non-empty cell. */
  readonly rowIds: number[];
  private readonly rows: ByRow<GCell[]>;
  private readonly mergeRows: ByRow<RangeBox[]>;
  private readonly tallMerges: RangeBox[] = [];
  readonly cellCount: number;
  readonly uniqueCells: boolean;
  /** Text cells of at most 160 characters that print 表, in sheet order: the only cells a title can be. */
  readonly withTable: GCell[] = [];

  constructor(
    sheet: SheetSnapshot,
    /** Shared by the sheets of one recognition: the same figure is printed on several sheets. */
    readonly decimals: DecimalCache = new DecimalCache(),
  ) {
    this.name = sheet.name;
    const source = sheet.cells ?? [];
    // Snapshots list cells row by row, left to right: then each row is one run of `all` (one pass over the
    // snapshot); cells in any other order are grouped by row and sorted.
    const all: GCell[] = new Array<GCell>(source.length);
    let n = 0;
    let ordered = true;
    let unique = true;
    let maxRow = 0;
    let prevRow = -1;
    let prevCol = -1;
    for (let k = 0; k < source.length; k++) {
      const c = source[k];
      if (!usable(c)) continue;
      const { row, col } = c;
      if (row === prevRow) {
        if (col < prevCol) ordered = false;
        else if (col === prevCol) unique = false;
      } else if (row < prevRow) ordered = false;
      if (row > maxRow) maxRow = row;
      prevRow = row;
      prevCol = col;
      all[n++] = c;
      if (ordered && mayBeTitle(c.value)) this.withTable.push(c);
    }
    all.length = n;
    // A place listed twice (the same object, or two), or cells out of order (where that is seen only later):
    // every cell gets an object of its own, as the recogniser tells cells apart by identity.
    if (!unique || !ordered) {
      for (let k = 0; k < n; k++) all[k] = { row: all[k].row, col: all[k].col, value: all[k].value };
      this.withTable.length = 0;
      if (ordered) for (let k = 0; k < n; k++) if (mayBeTitle(all[k].value)) this.withTable.push(all[k]);
    }
    this.cellCount = n;
    this.rows = new ByRow(maxRow, n);
    this.rowIds = [];
    if (ordered) {
      for (let a = 0; a < n;) {
        const row = all[a].row;
        let z = a + 1;
        while (z < n && all[z].row === row) z++;
        this.rows.set(row, all.slice(a, z));
        this.rowIds.push(row);
        a = z;
      }
    } else {
      // any order: grouped by row in the order met, each row then sorted by column (stable)
      for (let k = 0; k < n; k++) {
        const cell = all[k];
        const list = this.rows.get(cell.row);
        if (list) list.push(cell);
        else {
          this.rows.set(cell.row, [cell]);
          this.rowIds.push(cell.row);
        }
      }
      unique = true;
      for (const r of this.rowIds) {
        const cells = this.rows.get(r)!;
        if (!sortedByCol(cells)) cells.sort((a, b) => a.col - b.col);
        for (let k = 1; k < cells.length; k++) if (cells[k].col === cells[k - 1].col) unique = false;
      }
      this.rowIds.sort((a, b) => a - b);
    }
    if (!ordered) {
      this.withTable.length = 0;
      for (const r of this.rowIds) for (const cell of this.rows.get(r)!) if (mayBeTitle(cell.value)) this.withTable.push(cell);
    }
    this.uniqueCells = unique;
    const merges = sheet.merges ?? [];
    let mergeMax = 0;
    for (const m of merges) if (m && m.bottom >= m.top && m.bottom - m.top < TALL_MERGE && m.bottom > mergeMax) mergeMax = m.bottom;
    this.mergeRows = new ByRow(mergeMax, Math.max(n, merges.length));
    for (const m of merges) {
      if (!m || m.bottom < m.top || m.right < m.left) continue;
      if (m.bottom === m.top && m.right === m.left) continue;
      if (m.bottom - m.top >= TALL_MERGE) {
        this.tallMerges.push(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.mergeRows.get(r);
        if (list) list.push(m);
        else this.mergeRows.set(r, [m]);
      }
    }
  }

  row(r: number): GCell[] {
    return this.rows.get(r) ?? NO_CELLS;
  }

  /** Cells of row r with left <= col <= right (the row's own list when all of it: callers only read it). */
  rowSpan(r: number, left: number, right: number): GCell[] {
    const list = this.rows.get(r);
    if (!list) return NO_CELLS;
    if (list.length && list[0].col >= left && list[list.length - 1].col <= right) return list;
    let a = 0;
    while (a < list.length && list[a].col < left) a++;
    let z = a;
    while (z < list.length && list[z].col <= right) z++;
    return a === z ? NO_CELLS : list.slice(a, z);
  }

  /** Whether row r has a cell with left <= col <= right. */
  anyIn(r: number, left: number, right: number): boolean {
    const list = this.rows.get(r);
    if (!list) return false;
    for (let k = 0; k < list.length; k++) if (list[k].col >= left) return list[k].col <= right;
    return false;
  }

  cell(r: number, c: number): GCell | undefined {
    const list = this.rows.get(r);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = list[mid].col;
      if (v === c) return list[mid];
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The merged area containing (r, c), if any. */
  mergeAt(r: number, c: number): RangeBox | undefined {
    const list = this.mergeRows.get(r);
    if (list) for (const m of list) if (c >= m.left && c <= m.right) return m;
    for (const m of this.tallMerges) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return m;
    return undefined;
  }

  /** Merges touching row r (for column extents of header cells). */
  mergesOnRow(r: number): RangeBox[] {
    const list = this.mergeRows.get(r) ?? NO_MERGES;
    if (!this.tallMerges.length) return list;
    const tall = this.tallMerges.filter((m) => r >= m.top && r <= m.bottom);
    return tall.length ? [...list, ...tall] : list;
  }

  /** Index in rowIds of the first row >= r. */
  rowIndexFrom(r: number): number {
    let lo = 0;
    let hi = this.rowIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rowIds[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Non-empty row ids in [from, to]. */
  rowsBetween(from: number, to: number): number[] {
    const a = this.rowIndexFrom(from);
    let z = a;
    while (z < this.rowIds.length && this.rowIds[z] <= to) z++;
    return this.rowIds.slice(a, z);
  }

  nextRow(from: number, to: number): number {
    const i = this.rowIndexFrom(from);
    return i < this.rowIds.length && this.rowIds[i] <= to ? this.rowIds[i] : -1;
  }
}

/** The columns [left, right] of a sheet: a table that shares its rows with another table beside it. */
export class GridWindow implements Grid {
  readonly name: string;
  readonly decimals: DecimalCache;
  readonly uniqueCells: boolean;

  constructor(
    private readonly base: SheetGrid,
    private readonly left: number,
    private readonly right: number,
  ) {
    this.name = base.name;
    this.decimals = base.decimals;
    this.uniqueCells = base.uniqueCells;
  }

  row(r: number): GCell[] {
    return this.base.rowSpan(r, this.left, this.right);
  }

  rowSpan(r: number, left: number, right: number): GCell[] {
    return this.base.rowSpan(r, Math.max(left, this.left), Math.min(right, this.right));
  }

  cell(r: number, c: number): GCell | undefined {
    return c >= this.left && c <= this.right ? this.base.cell(r, c) : undefined;
  }

  mergeAt(r: number, c: number): RangeBox | undefined {
    return c >= this.left && c <= this.right ? this.base.mergeAt(r, c) : undefined;
  }

  mergesOnRow(r: number): RangeBox[] {
    return this.base.mergesOnRow(r).filter((m) => m.right >= this.left && m.left <= this.right);
  }

  rowsBetween(from: number, to: number): number[] {
    return this.base.rowsBetween(from, to).filter((r) => this.base.anyIn(r, this.left, this.right));
  }

  nextRow(from: number, to: number): number {
    let r = this.base.nextRow(from, to);
    while (r >= 0 && !this.base.anyIn(r, this.left, this.right)) r = this.base.nextRow(r + 1, to);
    return r;
  }
}

/** A grid with the rows above `top` hidden: a table found by its header must not read what lies above its region. */
export class RowFloor implements Grid {
  readonly name: string;
  readonly decimals: DecimalCache;
  readonly uniqueCells: boolean;

  constructor(
    private readonly base: Grid,
    private readonly top: number,
  ) {
    this.name = base.name;
    this.decimals = base.decimals;
    this.uniqueCells = base.uniqueCells;
  }

  row(r: number): GCell[] {
    return r < this.top ? NO_CELLS : this.base.row(r);
  }

  rowSpan(r: number, left: number, right: number): GCell[] {
    return r < this.top ? NO_CELLS : this.base.rowSpan(r, left, right);
  }

  cell(r: number, c: number): GCell | undefined {
    return r < this.top ? undefined : this.base.cell(r, c);
  }

  mergeAt(r: number, c: number): RangeBox | undefined {
    return r < this.top ? undefined : this.base.mergeAt(r, c);
  }

  mergesOnRow(r: number): RangeBox[] {
    return r < this.top ? NO_MERGES : this.base.mergesOnRow(r);
  }

  rowsBetween(from: number, to: number): number[] {
    return this.base.rowsBetween(Math.max(from, this.top), to);
  }

  nextRow(from: number, to: number): number {
    return this.base.nextRow(Math.max(from, this.top), to);
  }
}
