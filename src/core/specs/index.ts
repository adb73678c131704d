/**
 * Every table spec. The recogniser tries the specs whose titles match a title cell and keeps the one whose
 * header fits best; adding a regional variant means adding a spec here.
 */
import type { TableSpec } from './types';
import { fiscalSummary, incomeExpenseSummary } from './summary';
import { expense, income } from './income-expense';
import { gpbBasic, gpbExpense, gpbIncomeExpense, gpbProjectEconomic } from './gpb';
import { govFund, stateCapitalExpense, stateCapitalIncomeExpense } from './funds';
import { threePublicAdminYunnan, threePublicJiangxi, threePublicShanghai } from './three-public';
import { assetOccupancy, assetUsage } from './assets';
import { perfDepartment, perfProject } from './performance';

export { GRADE_WORDS, gradeWord } from './grades';
export { TABLE_SETS, type TableSetSpec } from './sets';
export type { TableSpec, ColumnSpec, LineSpec, BlockSpec, FormSection, EndValueSpec, TripleSpec, Layout, Pattern } from './types';

export const SPECS: readonly TableSpec[] = [
  incomeExpenseSummary,
  income,
  expense,
  fiscalSummary,
  gpbExpense,
  gpbIncomeExpense,
  gpbBasic,
  gpbProjectEconomic,
  govFund,
  stateCapitalExpense,
  stateCapitalIncomeExpense,
  threePublicJiangxi,
  threePublicShanghai,
  threePublicAdminYunnan,
  assetOccupancy,
  assetUsage,
  perfProject,
  perfDepartment,
];

export function specById(id: string): TableSpec | undefined {
  return SPECS.find((s) => s.id === id);
}
