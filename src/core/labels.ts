/**
 * The one set of severity names every front end shows (task pane, CLI text and HTML, findings sheet, cell notes),
 * and the order they are listed in: what must be fixed first comes first.
 */
import type { Severity, TableKind } from './model';

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  rounding: '尾差',
  info: '提示',
};

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'rounding', 'info'];

/** Position in `SEVERITY_ORDER`: 0 for error … 3 for info. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2, info: 3 };

/** Canonical title of each kind of table (docs/DOMAIN.md §2.1, first form), for messages about a table that is not there. */
export const KIND_TITLES: Record<TableKind, string> = {
  income_expense_summary: '收入支出决算总表',
  income: '收入决算表',
  expense: '支出决算表',
  fiscal_summary: '财政拨款收入支出决算总表',
  gpb_expense: '一般公共预算财政拨款支出决算表',
  gpb_income_expense: '一般公共预算财政拨款收入支出决算表',
  gpb_basic: '一般公共预算财政拨款基本支出决算表',
  gpb_project_economic: '一般公共预算财政拨款项目支出决算表',
  gov_fund: '政府性基金预算财政拨款收入支出决算表',
  state_capital: '国有资本经营预算财政拨款支出决算表',
  three_public: '财政拨款“三公”经费支出决算表',
  three_public_admin: '“三公”经费、行政参公单位机关运行经费情况表',
  asset_occupancy: '国有资产占用情况表',
  asset_usage: '国有资产使用情况表',
  perf_department: '部门整体支出绩效自评表',
  perf_project: '项目支出绩效自评表',
};
