/** Rows and side-by-side layouts: a header over columns, one block or several side by side (收入 | 支出). */
import { functionClassByName } from '../../classification';
import type { ColumnInfo, TableRow } from '../../model';
import type { ColumnSpec, LineSpec, TableSpec } from '../../specs/types';
import { isNumeric, type Ctx } from '../cells';
import { normOf, textOf, type GCell } from '../grid';
import { matchName } from '../pattern';
import { GENERIC_HEADER, RowTally, hasCodeColumn, type Evidence, type Parsed, type Region } from './parsed';
import { allLineNames, columnInfo, fitReasons, headerAndBody, isAmountLike, isCodeLead, matchColumns, opening } from './shared';
import { finishBlocks } from './blocks';
import { parseRows } from './rows';
import { headerWordsInBody } from './header-in-body';
import { unreadInGrid } from './unread';
import { missingBlockColumns, sideBySideBlocks } from './side-by-side';

/** One block of columns with its own specs: the whole table, or one of the side-by-side blocks (收入 | 支出). */
export interface RowsBlock {
  block: string;
  left: number;
  right: number;
  columns: ColumnSpec[];
  lines: LineSpec[];
  functionClassLines: boolean;
}

/** Headers of the code and name columns; 栏次 / 行次 rows in between are looked through. */
const NAME_HEADER = /(项目|名称|编码|代码)$|^(类|款|项)$/;
const ROW_NUMBER = /^(栏次|行次)$/;

/** Whether the nearest header text above cell c (from `top` down), 栏次 aside, heads a code or name column. */
function underNameHeader(ctx: Ctx, c: GCell, top: number): boolean {
  for (let r = c.row - 1; r >= top; r--) {
    const m = ctx.grid.mergeAt(r, c.col);
    const above = m ? ctx.grid.cell(m.top, m.left) : ctx.grid.cell(r, c.col);
    if (!above || typeof above.value !== 'string') continue;
    const text = normOf(above);
    if (ROW_NUMBER.test(text)) continue;
    return NAME_HEADER.test(text);
  }
  return false;
}

/** Whether a row below the header starts the body (a rows, side-by-side or blocks table; `top`: the header's first row). */
function bodyLead(ctx: Ctx, spec: TableSpec, top: number): (cells: GCell[]) => boolean {
  const lines = spec.lines ?? [];
  const blockLines = (spec.blocks ?? []).flatMap((b) => b.lines);
  const names = allLineNames([...lines, ...blockLines]);
  const classLines = spec.functionClassLines || (spec.blocks ?? []).some((b) => b.functionClassLines);
  const isLine = (c: GCell) =>
    typeof c.value === 'string' && (matchName(names, textOf(c)) || (classLines && functionClassByName(textOf(c)) !== null));
  const totals = allLineNames([...lines, ...blockLines].filter((l) => l.level === 'total'));
  const isTotal = (c: GCell) => typeof c.value === 'string' && matchName(totals, textOf(c));
  return (cells: GCell[]): boolean => {
    const c = cells[0];
    if (isCodeLead(c)) return true;
    // a row of amounts without code or name (the 合计 row of 云南 05表): 栏次 numbers are small integers
    if (cells.some(isAmountLike)) return true;
    // a total line printed under the name header (项目 / 科目名称), whatever else its row holds: the 合计 row,
    // even with sub-headers printed in it (header-in-body.ts)
    if (isTotal(c) && underNameHeader(ctx, c, top)) return true;
    // a named line, unless the row goes on with header words (`合计 | 基本支出结转 | …` is a header row)
    return (
      isLine(c) &&
      cells.every(
        (x) => x === c || typeof x.value !== 'string' || isNumeric(x) || isLine(x) || isCodeLead(x) || /^[-—–－]+$/.test(textOf(x).trim()),
      )
    );
  };
}

export function parseGrid(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { pre, bounds, fail: empty } = opening(ctx, region);
  if (pre.start === null) return empty('标题下没有表头');

  const lines = spec.lines ?? [];
  const blockLines = (spec.blocks ?? []).flatMap((b) => b.lines);
  const isLead = bodyLead(ctx, spec, pre.start);
  const block = headerAndBody(ctx, region, pre.start, pre.meta, bounds, isLead);
  if (!block) return empty('没有表头');
  const { header, body } = block;

  if (spec.layout === 'blocks') return finishBlocks(ctx, spec, header, body, bounds, pre.meta);
  let specific = 0;
  let valueCols = 0;
  let matchedCols = 0;

  const blocks: RowsBlock[] =
    spec.layout === 'side-by-side'
      ? sideBySideBlocks(spec, header)
      : [
          {
            block: 'main',
            left: header.left,
            right: header.right,
            columns: spec.columns ?? [],
            lines,
            functionClassLines: !!spec.functionClassLines,
          },
        ];

  const specColumns = spec.layout === 'side-by-side' ? (spec.blocks ?? []).flatMap((b) => b.columns) : (spec.columns ?? []);
  const headerCells = headerWordsInBody(ctx, header, body.dataRows, specColumns);
  const columns: ColumnInfo[] = [];
  const rows: TableRow[] = [];
  const tally = new RowTally(spec.codes);
  let matchedCount = 0;
  let requiredCount = 0;
  const missingAll: ColumnSpec[] = [];
  let placed = 0;
  for (const b of blocks) {
    const { matched, missing, required } = matchColumns(
      header,
      b.left,
      b.right,
      b.columns,
      spec.layout === 'side-by-side' ? b.block : undefined,
    );
    matchedCount += matched.filter((m) => !m.spec.optional).length;
    requiredCount += required;
    missingAll.push(...missing);
    columns.push(...matched.map(columnInfo));
    if (!matched.length) continue;
    for (const m of matched) {
      const leaf = header.columns.get(m.col)!.path;
      if (!m.spec.optional && !GENERIC_HEADER.test(leaf[leaf.length - 1])) specific++;
    }
    const first = Math.min(...matched.map((m) => m.col));
    for (let c = first; c <= b.right; c++) {
      const hc = header.columns.get(c);
      if (hc && hc.path.length && !hc.rowNo) valueCols++;
    }
    matchedCols += matched.length;
    const res = parseRows(ctx, header, b, matched, body.dataRows, tally, headerCells);
    rows.push(...res.rows);
    placed += res.placed;
  }
  // a side-by-side block not found: its columns are all missing
  const absent = spec.layout === 'side-by-side' ? missingBlockColumns(spec, blocks) : [];
  requiredCount += absent.length;
  missingAll.push(...absent);
  const fit = requiredCount ? matchedCount / requiredCount : 0;
  const rowFit = rows.length ? placed / rows.length : 0.5;
  const reasons = [fitReasons(matchedCount, requiredCount, missingAll), `${rows.length} 行，其中 ${placed} 行按编码或行名识别`];
  const allLines = lines.length + blockLines.length;
  const re = tally.result();
  const evidence: Evidence = {
    coverage: valueCols ? matchedCols / valueCols : 0,
    specific,
    codeColumn: hasCodeColumn(header),
    codedRows: re.codedRows,
    lines: re.lines,
    lineShare: allLines ? Math.min(1, re.lines / allLines) : 0,
    parts: matchedCols,
  };
  return {
    ok: fit >= 0.5,
    fit,
    rowFit,
    reasons,
    columns,
    rows,
    notes: body.notes,
    noteBoxes: body.noteBoxes,
    range: bounds,
    meta: pre.meta,
    evidence,
    unread: unreadInGrid(ctx, header, blocks, columns, body.dataRows, headerCells),
  };
}
