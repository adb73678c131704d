/** 收入支出决算总表（江西/全国 公开01表，云南 收入支出决算表，上海 1） — within the table. */
import type { SumRule } from './types';

const kind = 'income_expense_summary' as const;

export const incomeExpenseSummaryRules: SumRule[] = [
  {
    type: 'sum',
    id: 'income_expense_summary.income_total',
    kind,
    description:
      '本年收入合计 = 一般公共预算财政拨款收入 + 政府性基金预算财政拨款收入 + 国有资本经营预算财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入',
    cols: ['amount'],
    total: { row: 'income.total' },
    parts: [
      { row: 'income.gpb' },
      { row: 'income.gov_fund' },
      { row: 'income.state_capital' },
      { row: 'income.superior' },
      { row: 'income.business' },
      { row: 'income.operating' },
      { row: 'income.affiliated' },
      { row: 'income.other' },
    ],
  },
  {
    type: 'sum',
    id: 'income_expense_summary.expense_total',
    kind,
    description: '本年支出合计 = 支出方各功能分类类级科目（一般公共服务支出 … ）之和',
    cols: ['amount'],
    total: { row: 'expense.total' },
    parts: [{ row: { level: 'class', block: 'expense' } }],
  },
  {
    type: 'sum',
    id: 'income_expense_summary.income_grand_total',
    kind,
    description: '收入方“总计” = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
    cols: ['amount'],
    total: { row: 'income.grand_total' },
    parts: [{ row: 'income.total' }, { row: 'income.use_non_fiscal_balance' }, { row: 'income.carryover_begin' }],
  },
  {
    type: 'sum',
    id: 'income_expense_summary.expense_grand_total',
    kind,
    description: '支出方“总计” = 本年支出合计 + 结余分配 + 年末结转和结余',
    cols: ['amount'],
    total: { row: 'expense.grand_total' },
    parts: [{ row: 'expense.total' }, { row: 'expense.distribution' }, { row: 'expense.carryover_end' }],
  },
  {
    type: 'sum',
    id: 'income_expense_summary.balance',
    kind,
    description: '收入方“总计” = 支出方“总计”（收支平衡）',
    cols: ['amount'],
    total: { row: 'income.grand_total' },
    parts: [{ row: 'expense.grand_total' }],
  },
];
