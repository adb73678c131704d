/** The horizontal layout (上海 “三公” 表): items across the header, one data row. */
import type { CellAmount, ColumnInfo, TableRow } from '../../model';
import { qualifiedAddress } from '../../snapshot';
import type { LineSpec, TableSpec } from '../../specs/types';
import { amountAt, isNumeric, type Ctx } from '../cells';
import { normOf, textOf, type GCell } from '../grid';
import { matchName, matchSegment } from '../pattern';
import type { Parsed, Region } from './parsed';
import { headerAndBody, opening } from './shared';

// ---------- horizontal (上海 “三公” 表) ----------

function isNumberingRow(cells: GCell[]): boolean {
  const nums = cells.filter((c) => typeof c.value === 'number' || /^\s*\d{1,2}\s*$/.test(textOf(c)));
  if (!nums.length) return false;
  return nums.every((c, i) => Number(textOf(c)) === Number(textOf(nums[0])) + i) && nums.length >= cells.length - 2;
}

export function parseHorizontal(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { title } = region;
  const { pre, bounds, fail } = opening(ctx, region);
  if (pre.start === null) return fail('标题下没有表头');
  const isLead = (cells: GCell[]) => cells.some(isNumeric) && !isNumberingRow(cells) && !cells.some((c) => /^(栏次|行次)$/.test(normOf(c)));
  const block = headerAndBody(ctx, region, pre.start, pre.meta, bounds, isLead);
  if (!block) return fail('没有表头');
  const { headerRows, header, body } = block;
  const dataRow = body.dataRows.find((r) => ctx.grid.rowSpan(r, header.left, header.right).some(isNumeric)) ?? body.dataRows[0] ?? null;

  const lines = spec.lines ?? [];
  const colSpecs = spec.columns ?? [];
  const byLine = new Map<string, { line: LineSpec; name: string; values: Record<string, CellAmount>; firstCol: number }>();
  const columns: ColumnInfo[] = [];
  let valueCols = 0;
  let mapped = 0;
  for (let c = header.left; c <= header.right; c++) {
    const hc = header.columns.get(c);
    if (!hc || hc.path.length < 1) continue;
    const leaf = hc.path[hc.path.length - 1];
    const cs = colSpecs.find((s) => s.header.some((p) => matchSegment(p.split('>').pop()!, leaf)));
    if (!cs) continue;
    valueCols++;
    let line: LineSpec | null = null;
    let lineName = '';
    for (let i = hc.path.length - 2; i >= 0 && !line; i--) {
      const l = lines.find((ln) => matchName(ln.names, hc.printed[i] ?? hc.path[i]));
      if (l) {
        line = l;
        lineName = hc.printed[i] ?? hc.path[i];
      }
    }
    if (!line) continue;
    let entry = byLine.get(line.key);
    if (!entry) {
      entry = { line, name: lineName, values: {}, firstCol: c };
      byLine.set(line.key, entry);
    }
    if (entry.values[cs.key]) continue;
    mapped++;
    entry.values[cs.key] =
      dataRow === null
        ? { value: null, status: 'empty', raw: null, fromText: false, row: headerRows[headerRows.length - 1] + 1, col: c }
        : amountAt(ctx, dataRow, c, cs.kind ?? 'amount');
    columns.push({ key: cs.key, header: hc.printed.join('/'), kind: cs.kind ?? 'amount', col: c });
  }
  const rows: TableRow[] = [];
  for (const e of byLine.values()) {
    rows.push({
      key: e.line.key,
      block: 'main',
      level: e.line.level ?? 'line',
      code: null,
      codeText: null,
      name: e.name,
      row: dataRow ?? headerRows[headerRows.length - 1],
      nameCol: e.firstCol,
      values: e.values,
    });
  }
  // one ColumnInfo per key (first column), as the vertical form has
  const firstCols: ColumnInfo[] = [];
  for (const ci of columns) if (!firstCols.some((f) => f.key === ci.key)) firstCols.push(ci);
  const fit = valueCols ? mapped / valueCols : 0;
  if (body.dataRows.filter((r) => ctx.grid.rowSpan(r, header.left, header.right).some(isNumeric)).length > 1) {
    ctx.problems.push(`${qualifiedAddress(ctx.sheet, dataRow ?? title.row, header.left)} 横向“三公”表有多行数据，只读取了第一行`);
  }
  return {
    ok: byLine.size >= 2 && fit >= 0.5,
    fit,
    rowFit: 1,
    evidence: {
      coverage: fit,
      specific: new Set(firstCols.map((c) => c.key)).size,
      codeColumn: false,
      codedRows: 0,
      lines: byLine.size,
      lineShare: lines.length ? byLine.size / lines.length : 0,
      parts: mapped,
    },
    reasons: [`横向表头：${byLine.size} 个项目、${mapped} 个数值栏对上`],
    columns: firstCols,
    rows,
    notes: body.notes,
    noteBoxes: body.noteBoxes,
    range: bounds,
    meta: pre.meta,
  };
}
