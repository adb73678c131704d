/**
 * Numbers inside a table that no column of its spec took: printed under a header the spec does not know (the
 * column's meaning is unknown), so no rule can check them. Worked out for the parse that won only (a closure
 * on the parse), since every title is parsed with several specs.
 */
import type { ColumnInfo, UnreadCell } from '../../model';
import { isNumeric, type Ctx } from '../cells';
import type { GCell } from '../grid';
import type { HeaderBlock } from '../header';

/** The numbers of `dataRows` in [left, right] outside `taken` columns, 栏次 columns and header text cells. */
function scan(
  ctx: Ctx,
  header: HeaderBlock,
  dataRows: number[],
  spans: { left: number; right: number }[],
  taken: Set<number>,
  skip: Set<GCell> | null,
): UnreadCell[] {
  const out: UnreadCell[] = [];
  for (const r of dataRows)
    for (const s of spans)
      for (const c of ctx.grid.rowSpan(r, s.left, s.right)) {
        if (taken.has(c.col) || skip?.has(c) || !isNumeric(c)) continue;
        const hc = header.columns.get(c.col);
        if (hc?.rowNo) continue;
        out.push({ row: r, col: c.col, header: hc ? hc.printed.join('/') : '' });
      }
  return out;
}

/** Rows and side-by-side layouts: each block's value area is from its first matched column to its right edge. */
export function unreadInGrid(
  ctx: Ctx,
  header: HeaderBlock,
  blocks: { left: number; right: number; block: string }[],
  columns: ColumnInfo[],
  dataRows: number[],
  skip: Set<GCell> | null,
): () => UnreadCell[] {
  return () => {
    const taken = new Set(columns.map((c) => c.col));
    const spans = blocks.map((b) => {
      const own = columns.filter((c) => c.col >= b.left && c.col <= b.right).map((c) => c.col);
      return { left: own.length ? Math.min(...own) : b.right + 1, right: b.right };
    });
    return scan(ctx, header, dataRows, spans, taken, skip);
  };
}

/** Blocks layout: every column of the header that no triple takes. */
export function unreadInBlocks(ctx: Ctx, header: HeaderBlock, takenCols: number[], dataRows: number[]): () => UnreadCell[] {
  return () => scan(ctx, header, dataRows, [{ left: header.left, right: header.right }], new Set(takenCols), null);
}
