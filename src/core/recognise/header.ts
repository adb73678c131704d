/** Header blocks: each column's header path, built from merges (value in the top-left) or, without merges, by carrying a group header over the columns below it. */
import type { Ctx } from './cells';
import { normOf, textOf, type GCell } from './grid';

export interface HeaderColumn {
  col: number;
  /** Normalised header texts from the outermost down, numbers and 栏次/行次 left out. */
  path: string[];
  /** Same, as printed. */
  printed: string[];
  /** The header names 栏次/行次: the column numbers rows. */
  rowNo: boolean;
}

export interface HeaderBlock {
  rows: number[];
  left: number;
  right: number;
  columns: Map<number, HeaderColumn>;
}

const ROWNO = /^(栏次|行次|序号)$/;

/** Builds the header block over `rows`, ignoring cells for which `skip` is true (meta cells). */
export function buildHeader(ctx: Ctx, rows: number[], skip: (c: GCell) => boolean): HeaderBlock {
  const grid = ctx.grid;
  let left = Infinity;
  let right = -Infinity;
  const cellsByRow = rows.map((r) => grid.row(r).filter((c) => !skip(c)));
  rows.forEach((r, i) => {
    for (const c of cellsByRow[i]) {
      left = Math.min(left, c.col);
      const m = grid.mergeAt(r, c.col);
      right = Math.max(right, m && m.top === r && m.left === c.col ? m.right : c.col);
    }
  });
  const columns = new Map<number, HeaderColumn>();
  if (!Number.isFinite(left)) return { rows, left: 0, right: -1, columns };
  // lowest[c]: the lowest header row with something over column c (a group header carries over
  // an empty cell only when something is printed below it)
  const lowest = new Map<number, number>();
  rows.forEach((r, i) => {
    for (const c of cellsByRow[i]) lowest.set(c.col, i);
    for (const m of grid.mergesOnRow(r)) for (let c = Math.max(m.left, left); c <= Math.min(m.right, right); c++) lowest.set(c, i);
  });
  const hasBelow = (i: number, c: number) => (lowest.get(c) ?? -1) > i;
  // text[i][c]: what header row i says over column c
  const text: ({ norm: string; str: string } | null)[][] = rows.map(() => []);
  rows.forEach((r, i) => {
    const own = new Map<number, GCell>();
    for (const c of cellsByRow[i]) own.set(c.col, c);
    let carry: { norm: string; str: string } | null = null;
    // a carried group header stops where the header above it changes (the next group begins)
    let carryParent: { norm: string; str: string } | null = null;
    const parentOf = (c: number) => (i > 0 ? (text[i - 1][c] ?? null) : null);
    for (let c = left; c <= right; c++) {
      const cell = own.get(c);
      let t: { norm: string; str: string } | null = null;
      if (cell) {
        t = { norm: normOf(cell), str: textOf(cell) };
        carry = hasBelow(i, c) ? t : null;
        carryParent = parentOf(c);
      } else {
        const m = grid.mergeAt(r, c);
        if (m) {
          const tl = grid.cell(m.top, m.left);
          t = tl && !skip(tl) ? { norm: normOf(tl), str: textOf(tl) } : null;
          carry = null;
        } else if (carry && hasBelow(i, c) && parentOf(c)?.norm === carryParent?.norm) {
          t = carry;
        } else {
          carry = null;
        }
      }
      text[i][c] = t;
    }
  });
  for (let c = left; c <= right; c++) {
    const path: string[] = [];
    const printed: string[] = [];
    let rowNo = false;
    let prev: string | null = null;
    for (let i = 0; i < rows.length; i++) {
      const t = text[i][c];
      if (!t || !t.norm) continue;
      if (t.norm === prev) continue;
      prev = t.norm;
      if (/^[-\d.,()]+$/.test(t.norm)) continue;
      if (ROWNO.test(t.norm)) {
        rowNo = true;
        continue;
      }
      path.push(t.norm);
      printed.push(t.str.replace(/\s+/g, ' ').trim());
    }
    columns.set(c, { col: c, path, printed, rowNo });
  }
  return { rows, left, right, columns };
}
