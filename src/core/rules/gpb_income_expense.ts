/** 云南 一般公共预算财政拨款收入支出决算表（公开05表） — within the table. */
import { functionHierarchy } from './common';
import type { SumRule } from './types';

const kind = 'gpb_income_expense' as const;

function groupTotal(id: string, description: string, total: string, parts: string[]): SumRule {
  return { type: 'sum', id, kind, description, rows: {}, cols: [total], total: {}, parts: parts.map((col) => ({ col })) };
}

function carryover(group: 'total' | 'basic' | 'project', label: string): SumRule {
  return {
    type: 'sum',
    id: `gpb_income_expense.carryover.${group}`,
    kind,
    description: `每一行（${label}）：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出`,
    rows: {},
    cols: [`end.${group}`],
    total: {},
    parts: [{ col: `begin.${group}` }, { col: `income.${group}` }, { col: `expense.${group}`, sign: -1 }],
  };
}

export const gpbIncomeExpenseRules: SumRule[] = [
  groupTotal('gpb_income_expense.begin_row', '每一行：年初结转和结余 合计 = 基本支出结转 + 项目支出结转和结余', 'begin.total', [
    'begin.basic',
    'begin.project',
  ]),
  groupTotal('gpb_income_expense.income_row', '每一行：本年收入 合计 = 基本支出 + 项目支出', 'income.total', [
    'income.basic',
    'income.project',
  ]),
  groupTotal('gpb_income_expense.expense_row', '每一行：本年支出 合计 = 基本支出 + 项目支出', 'expense.total', [
    'expense.basic',
    'expense.project',
  ]),
  groupTotal('gpb_income_expense.basic_row', '每一行：本年支出 基本支出小计 = 人员经费 + 公用经费', 'expense.basic', [
    'expense.personnel',
    'expense.public',
  ]),
  groupTotal('gpb_income_expense.end_row', '每一行：年末结转和结余 合计 = 基本支出结转 + 项目支出结转和结余', 'end.total', [
    'end.basic',
    'end.project',
  ]),
  carryover('total', '合计'),
  carryover('basic', '基本支出'),
  carryover('project', '项目支出'),
  groupTotal('gpb_income_expense.end_basic_row', '每一行（列出时）：年末结转和结余 基本支出结转小计 = 人员经费 + 公用经费', 'end.basic', [
    'end.personnel',
    'end.public',
  ]),
  ...functionHierarchy(kind),
];
