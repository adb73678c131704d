/**
 * One-click validation: every identity of docs/DOMAIN.md §6 (within a table) and §7 (between tables), codes, completeness and
 * cell contents, as findings in a deterministic order (table position in the workbook, then row, column).
 */
import type { Finding, Recognition, RecognisedTable, Severity, TableCoverage } from '../model';
import { ALL_RULES } from '../rules';
import { parseRange, splitQualified } from '../snapshot';
import { cellChecks, codeChecks } from './checks';
import { completenessChecks } from './completeness';
import { coverageFindings, coverageOf } from './coverage';
import { tableNames } from './describe';
import { evaluateIdentities } from './identities';
import { metaChecks } from './meta';
import { disclosureSets, setOfTable } from './sets';
import { unitMismatch } from './units';

export { evaluateIdentities } from './identities';
export type { IdentityOutcome } from './identities';
export { disclosureSets } from './sets';

export interface ValidateOptions {
  /** Rule ids to leave out (the user switched them off). */
  exclude?: readonly string[];
}

export interface ValidationResult {
  findings: Finding[];
  summary: Record<Severity, number>;
  /** Per table, in recognition order: how many identities ran on it and which amounts none checked. */
  coverage: TableCoverage[];
}

export function validate(recognition: Recognition, options: ValidateOptions = {}): ValidationResult {
  const sets = disclosureSets(recognition.tables);
  const names = tableNames(recognition.tables, sets);
  const exclude = new Set(options.exclude ?? []);
  const outcomes = evaluateIdentities(recognition, options);
  const coverage = coverageOf(recognition, outcomes, setOfTable(sets));
  const findings = [
    ...unitMismatch(outcomes, names, exclude.has('unit.mismatch')),
    ...cellChecks(recognition, names),
    ...codeChecks(recognition, names, setOfTable(sets)),
    ...completenessChecks(recognition, names, sets),
    ...metaChecks(sets, names),
    ...coverageFindings(coverage, recognition.tables, names),
  ].filter((f) => !exclude.has(f.rule));
  const sorted = sortFindings(findings, recognition.tables);
  const summary: Record<Severity, number> = { error: 0, warning: 0, rounding: 0, info: 0 };
  for (const f of sorted) summary[f.severity] += 1;
  return { findings: sorted, summary, coverage };
}

const RULE_ORDER = new Map(ALL_RULES.map((r, i) => [r.id, i]));

function sortFindings(findings: Finding[], tables: readonly RecognisedTable[]): Finding[] {
  const sheetOrder: string[] = [];
  for (const t of tables) if (!sheetOrder.includes(t.sheet)) sheetOrder.push(t.sheet);
  const position = new Map<string, [number, number, number]>();
  for (const t of tables) position.set(t.id, [sheetOrder.indexOf(t.sheet), t.anchor.row, t.anchor.col]);
  const key = (f: Finding): number[] => {
    const p = (f.table && position.get(f.table)) || [Number.MAX_SAFE_INTEGER, 0, 0];
    let cell = [0, 0];
    if (f.cells.length > 0) {
      const box = parseRange(splitQualified(f.cells[0]).range);
      cell = [box.top, box.left];
    }
    return [...p, ...cell, RULE_ORDER.get(f.rule) ?? Number.MAX_SAFE_INTEGER];
  };
  const keyed = findings.map((f, i) => ({ f, k: [...key(f), i] }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] - b.k[i];
    return 0;
  });
  return keyed.map((x) => x.f);
}
