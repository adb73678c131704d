/** Rows and side-by-side layouts: a header over columns, one block or several side by side (收入 | 支出). */
import { functionClassByName } from '../../classification';
import type { ColumnInfo, TableRow } from '../../model';
import type { ColumnSpec, LineSpec, TableSpec } from '../../specs/types';
import { isNumeric, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { matchName } from '../pattern';
import { GENERIC_HEADER, RowTally, hasCodeColumn, type Evidence, type Parsed, type Region } from './parsed';
import { allLineNames, columnInfo, fitReasons, headerAndBody, isAmountLike, isCodeLead, matchColumns, opening } from './shared';
import { finishBlocks } from './blocks';
import { parseRows } from './rows';
import { sideBySideBlocks } from './side-by-side';

/** One block of columns with its own specs: the whole table, or one of the side-by-side blocks (收入 | 支出). */
export interface RowsBlock {
  block: string;
  left: number;
  right: number;
  columns: ColumnSpec[];
  lines: LineSpec[];
  functionClassLines: boolean;
}

export function parseGrid(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { pre, bounds, fail: empty } = opening(ctx, region);
  if (pre.start === null) return empty('标题下没有表头');

  const lines = spec.lines ?? [];
  const blockLines = (spec.blocks ?? []).flatMap((b) => b.lines);
  const names = allLineNames([...lines, ...blockLines]);
  const classLines = spec.functionClassLines || (spec.blocks ?? []).some((b) => b.functionClassLines);
  const isLine = (c: GCell) =>
    typeof c.value === 'string' && (matchName(names, textOf(c)) || (classLines && functionClassByName(textOf(c)) !== null));
  const isLead = (cells: GCell[]): boolean => {
    const c = cells[0];
    if (isCodeLead(c)) return true;
    // a row of amounts without code or name (the 合计 row of 云南 05表): 栏次 numbers are small integers
    if (cells.some(isAmountLike)) return true;
    // a named line, unless the row goes on with header words (`合计 | 基本支出结转 | …` is a header row)
    return (
      isLine(c) &&
      cells.every(
        (x) => x === c || typeof x.value !== 'string' || isNumeric(x) || isLine(x) || isCodeLead(x) || /^[-—–－]+$/.test(textOf(x).trim()),
      )
    );
  };
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
    const res = parseRows(ctx, header, b, matched, body.dataRows, tally);
    rows.push(...res.rows);
    placed += res.placed;
  }
  if (spec.layout === 'side-by-side' && blocks.length < (spec.blocks ?? []).length) {
    for (const sb of spec.blocks ?? [])
      if (!blocks.some((b) => b.block === sb.block)) {
        requiredCount += sb.columns.filter((c) => !c.optional).length;
        missingAll.push(...sb.columns.filter((c) => !c.optional));
      }
  }
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
  };
}
