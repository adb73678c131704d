/**
 * Transcribed disclosure tables: plain data, exactly as printed in the seed documents.
 *
 * Grid convention (header and body alike): one string per column, `''` for an empty cell, and two
 * markers for merged areas —
 *   `<`  this cell is covered by the merge of the cell to its left,
 *   `^`  this cell is covered by the merge of the cell above.
 * A merged area is its top-left cell plus the `<` cells to its right (width) plus the rows below whose
 * cell in the anchor's column is `^` (height); every covered cell carries a marker. `mergesOf` derives the
 * rectangles. No printed cell is `<` or `^`, so the markers cannot collide with content.
 */

export const MERGE_LEFT = '<';
export const MERGE_UP = '^';

export type SeedId = '000' | '001' | 'shanghai';

/** A code column: function codes (`208`, `20801`, `2080109`) or economic codes (`301`, `30101`). */
export interface CodeColumn {
  /** Column holding the code. */
  col: number;
  /** 3 when the table reserves 类|款|项 columns `col..col+2` for the code (national template), else 1. */
  span: 1 | 3;
  /** Column holding the name that goes with the code. */
  nameCol: number;
  kind: 'function' | 'economic';
}

export interface SeedTable {
  /** Stable id within the seed, e.g. `01`, `06`, `perf-1`. */
  key: string;
  /** What the table is (canonical title), for test readability only. */
  kind: string;
  /** Title as printed. */
  title: string;
  /** `公开01表` / `公开 01 表` as printed; null when the table carries no label. */
  label: string | null;
  /** `编制单位：…` / `部门：…` line as printed, or null. */
  org: string | null;
  /** `2022 年度` as printed, or null. */
  year: string | null;
  /** `金额单位：万元` / `单位：元` / `单位：台、辆、套` as printed, or null. */
  unit: string | null;
  /** Header rows (merged structure reconstructed from the flattened text). */
  header: string[][];
  /** Body rows, same width as the header. */
  rows: string[][];
  /** Lines under the table (`注：…`, `说明：…`), as printed. */
  notes: string[];
  /** Code columns (none for 总表-style tables). */
  codes: CodeColumn[];
  /** Where the seed text is not the table as printed, what was reconstructed and why. */
  reconstructed?: string;
}

export interface SeedWorkbook {
  id: SeedId;
  /** Department, for workbook names. */
  org: string;
  year: number;
  unit: '元' | '万元';
  tables: SeedTable[];
}

/** Merged rectangles of a grid (0-based, inclusive), derived from the markers. */
export function mergesOf(grid: string[][]): { top: number; left: number; bottom: number; right: number }[] {
  const out: { top: number; left: number; bottom: number; right: number }[] = [];
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const v = grid[r][c];
      if (v === MERGE_LEFT || v === MERGE_UP) continue;
      let right = c;
      while (right + 1 < grid[r].length && grid[r][right + 1] === MERGE_LEFT) right++;
      let bottom = r;
      while (bottom + 1 < grid.length && grid[bottom + 1][c] === MERGE_UP) bottom++;
      if (right > c || bottom > r) out.push({ top: r, left: c, bottom, right });
    }
  }
  return out;
}

/** True for marker cells (covered by a merge). */
export function isCovered(v: string): boolean {
  return v === MERGE_LEFT || v === MERGE_UP;
}

/** Checks the grid's shape: equal widths, every marker under or beside an area. Throws with the place. */
export function checkGrid(name: string, grid: string[][], width: number): void {
  grid.forEach((row, r) => {
    if (row.length !== width) throw new Error(`${name}: row ${r} has ${row.length} cells, expected ${width}`);
    row.forEach((v, c) => {
      if (v === MERGE_LEFT && c === 0) throw new Error(`${name}: '<' in column 0 of row ${r}`);
      if (v === MERGE_UP && r === 0) throw new Error(`${name}: '^' in row 0 at column ${c}`);
    });
  });
}
