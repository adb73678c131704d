/**
 * The order in which a person reads findings, the same in the pane, the CLI text and the HTML report: every
 * error first, then every warning, each grouped by table in workbook order; 尾差 and 提示 after them, folded by
 * default (they are many and rarely need work). Within a table the validator's order is kept.
 */
import type { Finding, RecognisedTable, Severity, TableCoverage } from './model';
import { SEVERITY_ORDER } from './labels';

/** Severities shown folded until the reader opens them. */
export const FOLDED: ReadonlySet<Severity> = new Set<Severity>(['rounding', 'info']);

export interface TableFindings {
  /** Null for findings of the whole workbook (or of a table the recognition does not list). */
  table: RecognisedTable | null;
  findings: Finding[];
}

export interface SeveritySection {
  severity: Severity;
  folded: boolean;
  count: number;
  tables: TableFindings[];
}

/** Sections in severity order (only those with findings), tables in workbook order, workbook-level last. */
export function readingOrder(findings: readonly Finding[], tables: readonly RecognisedTable[]): SeveritySection[] {
  const index = new Map(tables.map((t, i) => [t.id, i]));
  return SEVERITY_ORDER.flatMap((severity) => {
    const mine = findings.filter((f) => f.severity === severity);
    if (mine.length === 0) return [];
    const byTable = new Map<number, TableFindings>();
    for (const f of mine) {
      const i = f.table !== null ? (index.get(f.table) ?? tables.length) : tables.length;
      let g = byTable.get(i);
      if (!g) byTable.set(i, (g = { table: i < tables.length ? tables[i] : null, findings: [] }));
      g.findings.push(f);
    }
    const groups = [...byTable.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
    return [{ severity, folded: FOLDED.has(severity), count: mine.length, tables: groups }];
  });
}

/** Every finding in reading order (for numbering them). */
export function inReadingOrder(findings: readonly Finding[], tables: readonly RecognisedTable[]): Finding[] {
  return readingOrder(findings, tables).flatMap((s) => s.tables.flatMap((t) => t.findings));
}

/**
 * A table's coverage in words, the same in every front end: `核对 42 项，7 个金额均参与核对`; `核对 3 项，35 个金额中
 * 33 个未参与任何核对`; `核对 29 项，无金额` (an empty table).
 */
export function coverageText(c: TableCoverage): string {
  const checked = `核对 ${c.identities} 项`;
  if (c.amounts === 0) return `${checked}，无金额`;
  if (c.unchecked.length === 0) return `${checked}，${c.amounts} 个金额均参与核对`;
  return `${checked}，${c.amounts} 个金额中 ${c.unchecked.length} 个未参与任何核对`;
}
