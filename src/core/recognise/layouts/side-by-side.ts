/**
 * The side-by-side layout (收入 | 支出 printed next to each other): where each spec block's columns lie. By the
 * block's header above the columns (收入, 支出), else by each block's own 项目 column.
 */
import type { ColumnSpec, TableSpec } from '../../specs/types';
import { matchAny } from '../pattern';
import type { HeaderBlock } from '../header';
import type { RowsBlock } from './table';

export function sideBySideBlocks(spec: TableSpec, header: HeaderBlock): RowsBlock[] {
  const blocks: RowsBlock[] = [];
  const specBlocks = spec.blocks ?? [];
  const spans = new Map<string, { left: number; right: number }>();
  for (const [c, hc] of header.columns) {
    if (!hc.path.length) continue;
    const b = specBlocks.find((sb) => matchAny(sb.header, hc.path[0]));
    if (!b) continue;
    const s = spans.get(b.block);
    if (s) {
      s.left = Math.min(s.left, c);
      s.right = Math.max(s.right, c);
    } else spans.set(b.block, { left: c, right: c });
  }
  if (spans.size < specBlocks.length) {
    // no 收入/支出 header row: each block starts at its own 项目 column
    const starts = [...header.columns.values()]
      .filter((hc) => hc.path.length && /^项目/.test(hc.path[hc.path.length - 1]))
      .map((hc) => hc.col);
    if (starts.length === specBlocks.length) {
      spans.clear();
      starts.forEach((c, k) =>
        spans.set(specBlocks[k].block, { left: c, right: k + 1 < starts.length ? starts[k + 1] - 1 : header.right }),
      );
    }
  }
  for (const sb of specBlocks) {
    const s = spans.get(sb.block);
    if (s) blocks.push({ block: sb.block, ...s, columns: sb.columns, lines: sb.lines, functionClassLines: !!sb.functionClassLines });
  }
  return blocks;
}

/** The required columns of the spec's blocks that were not found side by side. */
export function missingBlockColumns(spec: TableSpec, found: RowsBlock[]): ColumnSpec[] {
  return (spec.blocks ?? [])
    .filter((sb) => !found.some((b) => b.block === sb.block))
    .flatMap((sb) => sb.columns.filter((c) => !c.optional));
}
