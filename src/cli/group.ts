/** Findings grouped the way a reader looks at them: by table (in workbook order), then by severity. */
import type { Finding, RecognisedTable, Severity } from '../core/model';
import { SEVERITIES } from './json';

export interface FindingGroup {
  /** Null for findings of the whole workbook (or of a table not in the recognition). */
  table: RecognisedTable | null;
  bySeverity: { severity: Severity; findings: Finding[] }[];
  total: number;
}

export function groupFindings(tables: readonly RecognisedTable[], findings: readonly Finding[]): FindingGroup[] {
  const byTable = new Map<string, Finding[]>();
  const other: Finding[] = [];
  const ids = new Set(tables.map((t) => t.id));
  for (const f of findings) {
    if (f.table !== null && ids.has(f.table)) {
      const list = byTable.get(f.table);
      if (list) list.push(f);
      else byTable.set(f.table, [f]);
    } else {
      other.push(f);
    }
  }
  const groups: FindingGroup[] = [];
  for (const t of tables) {
    const list = byTable.get(t.id);
    if (list) groups.push(makeGroup(t, list));
  }
  if (other.length > 0) groups.push(makeGroup(null, other));
  return groups;
}

function makeGroup(table: RecognisedTable | null, list: Finding[]): FindingGroup {
  return {
    table,
    bySeverity: SEVERITIES.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })).filter(
      (g) => g.findings.length > 0,
    ),
    total: list.length,
  };
}

/** `公开03表 支出决算表`, or the title alone when the table has no printed label. */
export function tableName(t: RecognisedTable): string {
  return t.label ? `${t.label} ${t.title}` : t.title;
}

/** The amount unit, or what the table prints instead (`台、辆、套` for 国有资产占用情况表), or null. */
export function unitShown(t: RecognisedTable): string | null {
  if (t.unit) return t.unit;
  const printed = t.unitText?.replace(/^[^:：]*[:：]\s*/, '').trim();
  return printed ? printed : null;
}
