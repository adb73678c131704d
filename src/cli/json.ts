/** The JSON shapes printed by `inspect --json` and `check --json` (one object per file). */
import { rangeAddress } from '../core/snapshot';
import { tableSummary } from '../core/summary';
import type { Finding, Severity, TableCoverage } from '../core/model';
import { SEVERITY_ORDER } from '../core/labels';
import type { Analysis, Failure } from './analyse';

/** The shared severity order (src/core/labels.ts). */
export const SEVERITIES: readonly Severity[] = SEVERITY_ORDER;

export type TableJson = ReturnType<typeof tableSummary>;

export interface InspectJson {
  file: string;
  tables: TableJson[];
  unrecognised: { sheet: string; range: string }[];
}

/** The public fields of a finding (`table` and `tail` are internal to the engine and the pane). */
export type FindingJson = Pick<Finding, 'rule' | 'severity' | 'message' | 'cells' | 'expected' | 'actual'>;

/** A table of `check --json`: its summary, how many identities ran on it, its amounts none checked (and why). */
export type CheckTableJson = TableJson & Pick<TableCoverage, 'identities' | 'unchecked'>;

export interface CheckJson {
  file: string;
  tables: CheckTableJson[];
  findings: FindingJson[];
  summary: Record<Severity, number>;
}

export interface FailureJson {
  file: string;
  error: string;
}

export function inspectJson(a: Analysis): InspectJson {
  return {
    file: a.file,
    tables: a.recognition.tables.map((t) => tableSummary(t)),
    unrecognised: a.recognition.unrecognised.map((u) => ({ sheet: u.sheet, range: rangeAddress(u.range) })),
  };
}

export function findingJson(f: Finding): FindingJson {
  return { rule: f.rule, severity: f.severity, message: f.message, cells: f.cells, expected: f.expected, actual: f.actual };
}

export function checkJson(a: Analysis): CheckJson {
  const findings = a.validation?.findings ?? [];
  const coverage = new Map((a.validation?.coverage ?? []).map((c) => [c.table, c]));
  return {
    file: a.file,
    tables: a.recognition.tables.map((t) => {
      const c = coverage.get(t.id);
      return { ...tableSummary(t), identities: c?.identities ?? 0, unchecked: c?.unchecked ?? [] };
    }),
    findings: findings.map(findingJson),
    summary: severityCounts(a),
  };
}

export function failureJson(f: Failure): FailureJson {
  return { file: f.file, error: f.error };
}

/** The validator's summary, with every severity present and in a fixed order. */
export function severityCounts(a: Analysis): Record<Severity, number> {
  const out = {} as Record<Severity, number>;
  for (const s of SEVERITIES) {
    const given = a.validation?.summary?.[s];
    out[s] = typeof given === 'number' ? given : (a.validation?.findings ?? []).filter((f) => f.severity === s).length;
  }
  return out;
}
