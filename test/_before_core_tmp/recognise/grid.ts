/** One pass over a sheet's cells: rows indexed once, cells sorted by column, merges indexed by row. */
import type { CellValue, RangeBox, SheetSnapshot } from '../snapshot';
import { normalizeLabel } from '../text';

/** A non-empty cell; `norm` (normalizeLabel of the text) is computed on first use only. */
export class GCell {
  /** Cached: the cell is only meta text (label, org, year, unit). */
  meta?: boolean;
  private normCache?: string;

  constructor(
    readonly row: number,
    readonly col: number,
    readonly value: CellValue,
    /** Text form of the value (numbers as written by JS). */
    readonly str: string,
  ) {}

  /** normalizeLabel(str), for matching (numbers: their text). */
  get norm(): string {
    if (this.normCache === undefined) this.normCache = typeof this.value === 'string' ? normalizeLabel(this.str) : this.str;
    return this.normCache;
  }
}

/** What the layouts read of a sheet: the whole sheet, or a window of columns (tables side by side). */
export interface Grid {
  readonly name: string;
  row(r: number): GCell[];
  rowSpan(r: number, left: number, right: number): GCell[];
  cell(r: number, c: number): GCell | undefined;
  mergeAt(r: number, c: number): RangeBox | undefined;
  mergesOnRow(r: number): RangeBox[];
  rowsBetween(from: number, to: number): number[];
}

/** Merges taller than this are checked one by one instead of being indexed per row. */
const TALL_MERGE = 64;

export class SheetGrid implements Grid {
  readonly name: string;
  /** Sorted row indexes that hold at least one non-empty cell. */
  readonly rowIds: number[];
  private readonly rows = new Map<number, GCell[]>();
  private readonly mergeRows = new Map<number, RangeBox[]>();
  private readonly tallMerges: RangeBox[] = [];
  readonly cellCount: number;

  constructor(sheet: SheetSnapshot) {
    this.name = sheet.name;
    let count = 0;
    for (const c of sheet.cells ?? []) {
      if (!c || c.value === null || c.value === undefined) continue;
      if (!Number.isInteger(c.row) || !Number.isInteger(c.col) || c.row < 0 || c.col < 0) continue;
      const str = typeof c.value === 'string' ? c.value : String(c.value);
      if (typeof c.value === 'string' && str.trim() === '') continue;
      const cell = new GCell(c.row, c.col, c.value, str);
      const list = this.rows.get(c.row);
      if (list) list.push(cell);
      else this.rows.set(c.row, [cell]);
      count++;
    }
    this.cellCount = count;
    for (const list of this.rows.values()) if (list.length > 1) list.sort((a, b) => a.col - b.col);
    this.rowIds = [...this.rows.keys()].sort((a, b) => a - b);
    for (const m of sheet.merges ?? []) {
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
    return this.rows.get(r) ?? [];
  }

  /** Cells of row r with left <= col <= right. */
  rowSpan(r: number, left: number, right: number): GCell[] {
    const list = this.rows.get(r);
    if (!list) return [];
    if (list.length && list[0].col >= left && list[list.length - 1].col <= right) return list;
    return list.filter((c) => c.col >= left && c.col <= right);
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
    const list = this.mergeRows.get(r) ?? [];
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
    const out: number[] = [];
    for (let i = this.rowIndexFrom(from); i < this.rowIds.length && this.rowIds[i] <= to; i++) out.push(this.rowIds[i]);
    return out;
  }
}

/** The columns [left, right] of a sheet: a table that shares its rows with another table beside it. */
export class GridWindow implements Grid {
  readonly name: string;

  constructor(
    private readonly base: SheetGrid,
    private readonly left: number,
    private readonly right: number,
  ) {
    this.name = base.name;
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
    return this.base.rowsBetween(from, to).filter((r) => this.row(r).length > 0);
  }
}
