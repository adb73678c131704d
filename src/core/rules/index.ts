/**
 * All rules, as data. `listRules(kind)` lists the rules that apply to a kind of table, each id with its description
 * (docs/RULES.md is generated from `ALL_RULES` by scripts/rules-doc.js).
 * One file per table kind; `cross.ts` for identities between tables; `checks.ts` for non-sum checks.
 */
import type { Severity, TableKind } from '../model';
import { assetOccupancyRules, assetUsageRules } from './assets';
import { checkRules } from './checks';
import { crossRules } from './cross';
import { expenseRules } from './expense';
import { fiscalSummaryRules } from './fiscal_summary';
import { gpbBasicRules, gpbProjectEconomicRules } from './gpb_basic';
import { gpbExpenseRules } from './gpb_expense';
import { gpbIncomeExpenseRules } from './gpb_income_expense';
import { govFundRules, stateCapitalRules } from './gov_fund';
import { incomeRules } from './income';
import { incomeExpenseSummaryRules } from './income_expense_summary';
import { metaRules } from './meta';
import { perfDepartmentRules, perfProjectRules } from './performance';
import { threePublicAdminRules, threePublicRules } from './three_public';
import type { CheckRule, CodeLevel, ConsistencyRule, IdentityRule, Rule, RuleInfo } from './types';

export type {
  Rule,
  RuleInfo,
  IdentityRule,
  SumRule,
  RatioRule,
  GradeRule,
  CheckRule,
  ConsistencyRule,
  Operand,
  RowSelector,
  CodeLevel,
  LevelSeverity,
} from './types';
export { metaRules } from './meta';

/** Identity rules in a fixed order: within-table rules by kind, then between tables. */
export const IDENTITY_RULES: readonly IdentityRule[] = [
  ...incomeExpenseSummaryRules,
  ...incomeRules,
  ...expenseRules,
  ...fiscalSummaryRules,
  ...gpbExpenseRules,
  ...gpbIncomeExpenseRules,
  ...gpbBasicRules,
  ...gpbProjectEconomicRules,
  ...govFundRules,
  ...stateCapitalRules,
  ...threePublicRules,
  ...threePublicAdminRules,
  ...assetOccupancyRules,
  ...assetUsageRules,
  ...perfProjectRules,
  ...perfDepartmentRules,
  ...crossRules,
];

export const ALL_RULES: readonly Rule[] = [...IDENTITY_RULES, ...checkRules, ...metaRules];

/** Every rule id with its Chinese description; with `kind`, the rules that apply to that kind of table. */
export function listRules(kind?: TableKind): RuleInfo[] {
  return ALL_RULES.filter((r) => !kind || r.kind === kind || r.kind === '*').map((r) => ({
    id: r.id,
    kind: r.kind,
    type: r.type,
    description: r.description,
  }));
}

/** What a broken identity is when its difference is beyond the rounding bound, unless the rule says otherwise. */
const DEFAULT_IDENTITY_SEVERITY: Severity = 'error';

/** The severity of a broken identity beyond the rounding bound (within it, the evaluator says `rounding`). */
export function identitySeverity(rule: IdentityRule): Severity {
  return rule.severity ?? DEFAULT_IDENTITY_SEVERITY;
}

const CHECKS = new Map<string, CheckRule | ConsistencyRule>(
  ALL_RULES.filter((r): r is CheckRule | ConsistencyRule => r.type === 'check' || r.type === 'consistent').map((r) => [r.id, r]),
);

const LEVEL_BY_LENGTH: Record<number, CodeLevel> = { 3: 'class', 5: 'section', 7: 'item' };

/**
 * The severity of a check's finding, from the rule data; with `code`, the one for that code's classification and
 * level when the rule declares one (`byLevel`). A check that no rule lists is a programming error.
 */
export function checkSeverity(id: string, code?: { economic: boolean; code: string }): Severity {
  const rule = CHECKS.get(id);
  if (!rule) throw new Error(`no check rule ${id} in src/core/rules`);
  if (rule.type === 'check' && rule.byLevel && code) {
    const level = LEVEL_BY_LENGTH[code.code.length];
    const bySet = rule.byLevel[code.economic ? 'economic' : 'function'];
    if (level && bySet?.[level]) return bySet[level];
  }
  return rule.severity;
}
