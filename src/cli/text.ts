/** Readable Chinese text output of `inspect` and `check`. */
import { quoteSheet, rangeAddress } from '../core/snapshot';
import { formatCells, type CellListLimits } from '../core/cells';
import { tableSummary } from '../core/summary';
import type { Finding, RecognisedTable } from '../core/model';
import type { Analysis, Failure } from './analyse';
import { SEVERITY_LABELS as SEVERITY_LABEL, SEVERITY_ORDER } from '../core/labels';
import { coverageText, readingOrder } from '../core/reading';
import { tableName, unitShown } from './group';
import { severityCounts } from './json';

/** Cells listed per finding in text output. */
const TEXT_CELLS: CellListLimits = { maxItems: 20, maxLength: 1000 };

function where(t: RecognisedTable): string {
  return `${quoteSheet(t.sheet)}!${rangeAddress(t.range)}`;
}

function tableLines(a: Analysis): string[] {
  const lines: string[] = [];
  const { tables } = a.recognition;
  if (tables.length === 0) {
    lines.push('未识别到决算公开表。');
    return lines;
  }
  lines.push(`识别到 ${tables.length} 张决算公开表：`);
  tables.forEach((t, i) => {
    const s = tableSummary(t);
    lines.push(`  ${i + 1}. ${tableName(t)}`);
    const facts = [
      `位置：${quoteSheet(s.sheet)}!${s.range}`,
      `单位：${unitShown(t) ?? '未注明'}`,
      `年度：${s.year ?? '未注明'}`,
      `数据行：${s.rows}`,
      `置信度：${s.confidence.toFixed(2)}`,
    ];
    lines.push(`     ${facts.join('；')}`);
    if (s.org) lines.push(`     编制单位：${s.org}`);
    if (s.printedTitle && s.printedTitle !== s.title) lines.push(`     表内标题：${s.printedTitle}`);
    for (const p of t.problems) lines.push(`     注意：${p}`);
  });
  return lines;
}

function regionLines(a: Analysis): string[] {
  const lines: string[] = [];
  const { unrecognised, notices } = a.recognition;
  if (unrecognised.length > 0) {
    lines.push(`未识别的区域（${unrecognised.length} 处）：`);
    for (const u of unrecognised) lines.push(`  · ${quoteSheet(u.sheet)}!${rangeAddress(u.range)}${u.reason ? `：${u.reason}` : ''}`);
  }
  if (notices.length > 0) {
    lines.push('提示：');
    for (const n of notices) lines.push(`  · ${n}`);
  }
  return lines;
}

export function inspectText(a: Analysis): string {
  return [`文件：${a.file}`, ...tableLines(a), ...regionLines(a)].join('\n') + '\n';
}

function findingLines(f: Finding, n: number): string[] {
  const lines = [`    ${n}. ${f.message}`];
  // A finding may name thousands of cells: runs as ranges, at most 20 areas (the JSON output has them all).
  if (f.cells.length > 0) lines.push(`       单元格：${formatCells(f.cells, TEXT_CELLS)}`);
  const ea: string[] = [];
  if (f.expected !== null) ea.push(`应为 ${f.expected}`);
  if (f.actual !== null) ea.push(`实为 ${f.actual}`);
  if (f.tail !== undefined && f.severity === 'rounding') ea.push(`尾差 ${f.tail}`);
  if (ea.length > 0) lines.push(`       ${ea.join('，')}`);
  return lines;
}

/** One line per table: the check output is about findings, `inspect` gives the details. */
function compactTableLines(a: Analysis): string[] {
  const { tables } = a.recognition;
  if (tables.length === 0) return ['未识别到决算公开表。'];
  const coverage = new Map((a.validation?.coverage ?? []).map((c) => [c.table, c]));
  return [
    `识别到 ${tables.length} 张决算公开表：`,
    ...tables.map((t, i) => {
      const s = tableSummary(t);
      const c = coverage.get(t.id);
      return (
        `  ${i + 1}. ${tableName(t)}（${quoteSheet(s.sheet)}!${s.range}，${unitShown(t) ?? '单位未注明'}，${s.year !== null ? `${s.year}年度` : '年度未注明'}）` +
        (c ? `：${coverageText(c)}` : '')
      );
    }),
  ];
}

export interface CheckTextOptions {
  /** List 尾差 and 提示 in full instead of counting them per table (`--all`). */
  all?: boolean;
}

/**
 * The check report in reading order: every error, then every warning, by table; then 尾差 and 提示 counted per
 * table (listed with `--all`). Findings are numbered through the whole report.
 */
export function checkText(a: Analysis, options: CheckTextOptions = {}): string {
  const counts = severityCounts(a);
  const lines = [
    `文件：${a.file}`,
    ...compactTableLines(a),
    ...regionLines(a),
    `审核结果：${SEVERITY_ORDER.map((sev) => `${SEVERITY_LABEL[sev]} ${counts[sev]} 项`).join('，')}`,
  ];
  const sections = readingOrder(a.validation?.findings ?? [], a.recognition.tables);
  if (sections.length === 0) lines.push('未发现问题。');
  else if (counts.error + counts.warning === 0) lines.push('未发现错误或警告。');
  let n = 0;
  for (const sec of sections) {
    const folded = sec.folded && !options.all;
    lines.push('');
    lines.push(`【${SEVERITY_LABEL[sec.severity]}】${sec.count} 项${folded ? '（已折叠，下面是各表项数；加 --all 逐条列出）' : ''}`);
    for (const g of sec.tables) {
      lines.push(`  ■ ${g.table ? `${tableName(g.table)}（${where(g.table)}）` : '工作簿（不属于单张表的问题）'}：${g.findings.length} 项`);
      if (folded) {
        n += g.findings.length;
        continue;
      }
      for (const f of g.findings) lines.push(...findingLines(f, ++n));
    }
  }
  return lines.join('\n') + '\n';
}

export function failureText(f: Failure): string {
  return `文件：${f.file}\n无法读取：${f.error}\n`;
}
