/**
 * A finding's cell list, for people and for selections. A finding may name thousands of cells (every code
 * cell of a table): listed one by one they overflow an Excel cell (32,767 characters), a note, a select
 * address, and any reader's patience. Here runs of adjacent cells become ranges and the list is cut to a
 * bounded number of items and characters, ending with `等 M 处`.
 */
import { cellAddress, columnLetters, parseRange, quoteSheet, rangeAddress, splitQualified, type RangeBox } from './snapshot';

export interface CellArea {
  sheet: string;
  /** A1 of the area on its sheet: `E8`, or `E9:E40` for a run of cells. */
  range: string;
  /** Sheet-qualified, as people read it: `公开02表!E9:E40`. */
  text: string;
  /** How many of the finding's cells the area stands for. */
  cells: number;
}

interface Point {
  sheet: string;
  row: number;
  col: number;
  /** Position of the cell's first mention in the list. */
  order: number;
}

function area(sheet: string, range: string, cells: number): CellArea {
  return { sheet, range, text: `${quoteSheet(sheet)}!${range}`, cells };
}

/**
 * Groups of points (one column, or one row) split into runs of consecutive indexes. `at` gives the index
 * along the run, `emit` receives each run of two or more; single points are returned.
 */
function runs(groups: Map<string, Point[]>, at: (p: Point) => number, emit: (run: Point[]) => void): Point[] {
  const single: Point[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => at(a) - at(b));
    let start = 0;
    for (let i = 1; i <= group.length; i++) {
      if (i < group.length && at(group[i]) === at(group[i - 1]) + 1) continue;
      if (i - start >= 2) emit(group.slice(start, i));
      else single.push(group[start]);
      start = i;
    }
  }
  return single;
}

/** Items by key, in first-seen order within each group. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The cells as areas, in the order of their first mention: the first cell (a finding's total) alone and
 * first, then the others with runs of adjacent cells in one column merged (`E9:E40`), then runs in one row
 * among the cells left (`C7:F7`). Repeated cells count once. Ranges and unreadable addresses stay as given.
 * Linear but for the sort of each column and row.
 */
export function cellAreas(cells: readonly string[]): CellArea[] {
  const out: { order: number; area: CellArea }[] = [];
  const seen = new Set<string>();
  const points: Point[] = [];
  cells.forEach((q, order) => {
    let sheet: string;
    let box: RangeBox;
    try {
      const s = splitQualified(q);
      sheet = s.sheet;
      box = parseRange(s.range);
    } catch {
      if (!seen.has(q)) out.push({ order, area: { sheet: '', range: q, text: q, cells: 1 } });
      seen.add(q);
      return;
    }
    const single = box.top === box.bottom && box.left === box.right;
    const key = `${sheet}\u0000${rangeAddress(box)}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (single && out.length + points.length > 0) points.push({ sheet, row: box.top, col: box.left, order });
    else out.push({ order, area: area(sheet, rangeAddress(box), 1) });
  });
  const byCol = groupBy(points, (p) => `${p.sheet}\u0000${p.col}`);
  const minOrder = (run: Point[]) => run.reduce((m, p) => Math.min(m, p.order), Infinity);
  const left = runs(
    byCol,
    (p) => p.row,
    (run) => {
      const a = run[0];
      const z = run[run.length - 1];
      out.push({ order: minOrder(run), area: area(a.sheet, `${cellAddress(a.row, a.col)}:${cellAddress(z.row, z.col)}`, run.length) });
    },
  );
  const byRow = groupBy(left, (p) => `${p.sheet}\u0000${p.row}`);
  const alone = runs(
    byRow,
    (p) => p.col,
    (run) => {
      const a = run[0];
      const z = run[run.length - 1];
      out.push({ order: minOrder(run), area: area(a.sheet, `${cellAddress(a.row, a.col)}:${cellAddress(z.row, z.col)}`, run.length) });
    },
  );
  for (const p of alone) out.push({ order: p.order, area: area(p.sheet, cellAddress(p.row, p.col), 1) });
  return out.sort((a, b) => a.order - b.order).map((x) => x.area);
}

export interface CellListLimits {
  /** At most this many areas are listed (default 20). */
  maxItems?: number;
  /** The text is never longer than this (default 1,000 characters). */
  maxLength?: number;
}

/** The areas that fit the limits, and how many cells there are in all. */
export interface CellList {
  shown: CellArea[];
  /** Cells named, repeated ones counted once (a range given as such counts as one). */
  total: number;
  /** The `等 M 处` that ends a cut list, or '' when every area is shown. */
  more: string;
}

const SEPARATOR = '、';

/** Picks the leading areas that fit `limits` (the joined texts plus `等 M 处` when cut). */
export function cellList(cells: readonly string[], limits: CellListLimits = {}): CellList {
  const maxItems = limits.maxItems ?? 20;
  const maxLength = limits.maxLength ?? 1000;
  const areas = cellAreas(cells);
  const total = areas.reduce((n, a) => n + a.cells, 0);
  const more = ` 等 ${total} 处`;
  let length = -SEPARATOR.length;
  let fit = 0;
  for (let k = 0; k < areas.length && k < maxItems; k++) {
    length += SEPARATOR.length + areas[k].text.length;
    const all = k + 1 === areas.length;
    if (length + (all ? 0 : more.length) > maxLength) break;
    fit = k + 1;
  }
  return { shown: areas.slice(0, fit), total, more: fit < areas.length ? more : '' };
}

/**
 * The cells as one line for people: `公开02表!E7、公开02表!E8:E40、公开02表!F9 等 120 处`, the first cell
 * first, at most `maxItems` areas and never longer than `maxLength` (when not even one area fits: `共 M 处`).
 */
export function formatCells(cells: readonly string[], limits: CellListLimits = {}): string {
  const { shown, total, more } = cellList(cells, limits);
  const maxLength = limits.maxLength ?? 1000;
  if (shown.length === 0 && total > 0) return `共 ${total} 处`.slice(0, maxLength);
  return shown.map((a) => a.text).join(SEPARATOR) + more;
}

export interface SelectionLimits {
  /** At most this many areas (default 30). */
  maxAreas?: number;
  /** The comma-joined address of the areas stays within this (default 2,000 characters). */
  maxLength?: number;
}

/**
 * What to select for a finding: the first cell's sheet (a selection lives on one sheet) and the areas on it,
 * the first cell first, within `limits`. Null for an empty list or an unreadable first address.
 */
export function selectionAreas(cells: readonly string[], limits: SelectionLimits = {}): { sheet: string; ranges: string[] } | null {
  const maxAreas = limits.maxAreas ?? 30;
  const maxLength = limits.maxLength ?? 2000;
  const areas = cellAreas(cells);
  if (areas.length === 0 || areas[0].sheet === '') return null;
  const sheet = areas[0].sheet;
  const ranges: string[] = [];
  let length = -1;
  for (const a of areas) {
    if (a.sheet !== sheet) continue;
    if (ranges.length >= maxAreas || length + 1 + a.range.length > maxLength) break;
    ranges.push(a.range);
    length += 1 + a.range.length;
  }
  // The first area is always there, however long (one cell's address is short).
  return { sheet, ranges: ranges.length > 0 ? ranges : [areas[0].range] };
}

/** Per sheet name, per column: `'Sheet 1'!C` (small: a workbook has few sheets and columns). */
const prefixes = new Map<string, string[]>();

/**
 * `qualifiedAddress(sheet, row, col)` (`公开03表!C12`, `'Sheet 1'!A1`), for code that writes thousands: the
 * sheet's quoted name and the column's letters are put together once per sheet and column, not per cell.
 */
export function cellRef(sheet: string, row: number, col: number): string {
  if (!(Number.isInteger(col) && col >= 0 && col < 16384)) return `${quoteSheet(sheet)}!${cellAddress(row, col)}`;
  let byCol = prefixes.get(sheet);
  if (byCol === undefined) {
    if (prefixes.size > 1000) prefixes.clear();
    prefixes.set(sheet, (byCol = []));
  }
  const prefix = (byCol[col] ??= `${quoteSheet(sheet)}!${columnLetters(col)}`);
  return `${prefix}${row + 1}`;
}
