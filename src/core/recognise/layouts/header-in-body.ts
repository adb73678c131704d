/**
 * Header text printed inside a body row. A header spanning several amount columns (本年支出 over three) whose
 * sub-headers (`合计 | 基本支出 | 项目支出`) are printed in the first body row — the 合计 row — rather than in a
 * header row of their own, as some publications print their 政府性基金 table: the sub-headers complete the
 * columns' header paths, and those cells are no amounts of the row (they stand where its amounts would be).
 */
import type { ColumnSpec } from '../../specs/types';
import { qualifiedAddress } from '../../snapshot';
import type { Ctx } from '../cells';
import { isNumeric } from '../cells';
import { normOf, textOf, type GCell } from '../grid';
import type { HeaderBlock } from '../header';
import { matchSegment } from '../pattern';

/** How many body rows from the top may carry the sub-headers. */
const ROWS_LOOKED_AT = 2;

/** Whether `text` is the own header of some spec column (the last segment of one of its patterns). */
function isHeaderWord(text: string, specs: ColumnSpec[]): boolean {
  return specs.some((s) => s.header.some((p) => matchSegment(p.split('>').pop()!, text)));
}

/** Runs of two or more adjacent header columns with the same path: a parent with nothing printed under it. */
function bareRuns(header: HeaderBlock): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let key = '';
  for (let c = header.left; c <= header.right + 1; c++) {
    const hc = header.columns.get(c);
    const k = hc && hc.path.length && !hc.rowNo ? hc.path.join('>') : '';
    if (k && k === key && run[run.length - 1] === c - 1) run.push(c);
    else {
      if (run.length >= 2) runs.push(run);
      run = k ? [c] : [];
      key = k;
    }
  }
  return runs;
}

/**
 * Moves sub-headers printed in the first body rows into the header (the header's columns are replaced, not
 * changed in place) and returns the cells that are header text, to be read as no amount; null when none.
 */
export function headerWordsInBody(ctx: Ctx, header: HeaderBlock, dataRows: number[], specs: ColumnSpec[]): Set<GCell> | null {
  let skip: Set<GCell> | null = null;
  const runs = bareRuns(header);
  if (!runs.length) return null;
  for (const r of dataRows.slice(0, ROWS_LOOKED_AT)) {
    for (const run of runs) {
      const cells = run.map((c) => ctx.grid.cell(r, c));
      const words = cells.filter((c): c is GCell => !!c && typeof c.value === 'string' && !isNumeric(c) && isHeaderWord(normOf(c), specs));
      if (words.length !== run.length) continue;
      for (const c of words) {
        const hc = header.columns.get(c.col)!;
        header.columns.set(c.col, { ...hc, path: [...hc.path, normOf(c)], printed: [...hc.printed, textOf(c).trim()] });
        (skip ??= new Set()).add(c);
      }
      const first = words[0];
      ctx.problems.push(
        `${qualifiedAddress(ctx.sheet, r, first.col)} 表头“${header.columns.get(first.col)!.printed.slice(0, -1).join('/')}”的子栏目` +
          `（${words.map((c) => textOf(c).trim()).join('、')}）印在数据行内，已按表头读取；这些单元格不是该行的金额`,
      );
    }
  }
  return skip;
}
