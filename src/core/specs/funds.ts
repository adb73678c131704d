/** 政府性基金 / 国有资本经营 预算财政拨款 tables (function-coded rows). */
import type { ColumnSpec, TableSpec } from './types';

const totalLine = { key: 'total', names: ['合计', '总计'], level: 'total' as const };

/** 年初结转和结余 | 本年收入 | 本年支出 (小计 基本 项目) | 年末结转和结余. */
const incomeExpenseColumns: ColumnSpec[] = [
  { key: 'begin', header: ['年初结转和结余'] },
  { key: 'income', header: ['本年收入'] },
  { key: 'expense.total', header: ['本年支出>小计|合计', '本年支出'] },
  { key: 'expense.basic', header: ['本年支出>基本支出', '基本支出'] },
  { key: 'expense.project', header: ['本年支出>项目支出', '项目支出'] },
  { key: 'end', header: ['年末结转和结余'] },
];

export const govFund: TableSpec = {
  id: 'gov_fund/national',
  kind: 'gov_fund',
  title: '政府性基金预算财政拨款收入支出决算表',
  titles: ['政府性基金预算财政拨款收入支出决算表', '政府性基金预算财政拨款支出决算表'],
  source: 'seed 000 公开07表, 上海 2024 模板 表8',
  layout: 'rows',
  codes: 'function',
  columns: incomeExpenseColumns,
  lines: [totalLine],
};

export const stateCapitalExpense: TableSpec = {
  id: 'state_capital/expense',
  kind: 'state_capital',
  title: '国有资本经营预算财政拨款支出决算表',
  titles: ['国有资本经营预算财政拨款支出决算表', '国有资本经营预算财政拨款收入支出决算表'],
  source: 'seed 000 公开08表 (江西: expense-only form)',
  variant: '支出表',
  layout: 'rows',
  codes: 'function',
  columns: [
    { key: 'expense.total', header: ['本年支出合计|合计|小计'] },
    { key: 'expense.basic', header: ['基本支出'] },
    { key: 'expense.project', header: ['项目支出'] },
  ],
  lines: [totalLine],
};

export const stateCapitalIncomeExpense: TableSpec = {
  id: 'state_capital/income-expense',
  kind: 'state_capital',
  title: '国有资本经营预算财政拨款支出决算表',
  titles: ['国有资本经营预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表'],
  source: '上海 2024 模板 表9 (收入支出 form)',
  variant: '收入支出表',
  layout: 'rows',
  codes: 'function',
  columns: incomeExpenseColumns,
  lines: [totalLine],
};
