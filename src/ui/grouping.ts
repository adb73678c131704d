/**
 * Findings as the 审核 panel lists them, in reading order (src/core/reading.ts): one section per severity —
 * 错误, 警告 open, 尾差, 提示 folded — each grouped by table in workbook order, workbook-level last.
 */
import type { Finding, RecognisedTable, Severity } from '../core/model';
import { readingOrder } from '../core/reading';

export interface Group {
  id: string;
  name: string;
  sub: string;
  findings: Finding[];
}

export interface Section {
  severity: Severity;
  folded: boolean;
  count: number;
  groups: Group[];
}

export function emptyCounts(): Record<Severity, number> {
  return { error: 0, warning: 0, rounding: 0, info: 0 };
}

export function sectionFindings(findings: readonly Finding[], tables: readonly RecognisedTable[], shown: Set<Severity>): Section[] {
  return readingOrder(findings, tables)
    .filter((s) => shown.has(s.severity))
    .map((s) => ({
      severity: s.severity,
      folded: s.folded,
      count: s.count,
      groups: s.tables.map(({ table: t, findings: list }) => ({
        id: `${s.severity}:${t?.id ?? '_workbook'}`,
        name: t ? (t.label ? `${t.label} ${t.title}` : t.title) : '跨表及工作簿',
        // The sheet, unless the label already says it (sheet 公开01表 holding 公开01表).
        sub: t && t.sheet !== t.label ? t.sheet : '',
        findings: list,
      })),
    }));
}
