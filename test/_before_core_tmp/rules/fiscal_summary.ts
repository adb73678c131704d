/** 财政拨款收入支出决算总表（公开04表；云南 财政拨款收入支出决算表） — within the table. */
import type { SumRule } from './types';

const kind = 'fiscal_summary' as const;

export const fiscalSummaryRules: SumRule[] = [
  {
    type: 'sum',
    id: 'fiscal_summary.income_total',
    kind,
    description: '本年收入合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款',
    cols: ['amount'],
    total: { row: 'income.total' },
    parts: [{ row: 'income.gpb' }, { row: 'income.gov_fund' }, { row: 'income.state_capital' }],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.carryover_begin',
    kind,
    description: '年初财政拨款结转和结余 = 其下一般公共预算、政府性基金预算、国有资本经营预算三行之和',
    cols: ['amount'],
    total: { row: 'income.carryover_begin' },
    parts: [
      { row: 'income.carryover_begin.gpb' },
      { row: 'income.carryover_begin.gov_fund' },
      { row: 'income.carryover_begin.state_capital' },
    ],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.income_grand_total',
    kind,
    description: '收入方“总计” = 本年收入合计 + 年初财政拨款结转和结余',
    cols: ['amount'],
    total: { row: 'income.grand_total' },
    parts: [{ row: 'income.total' }, { row: 'income.carryover_begin' }],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.expense_row',
    kind,
    description: '支出方每一行：合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款',
    rows: { blocks: ['expense'] },
    cols: ['total'],
    total: {},
    parts: [{ col: 'gpb' }, { col: 'gov_fund' }, { col: 'state_capital' }],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.expense_total',
    kind,
    description: '支出方每一列：本年支出合计 = 各功能分类类级科目之和',
    cols: 'amount',
    total: { row: 'expense.total' },
    parts: [{ row: { level: 'class', block: 'expense' } }],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.carryover_end',
    kind,
    description: '支出方每一列：年末财政拨款结转和结余 = 其下一般公共预算、政府性基金预算、国有资本经营预算三行之和（列出时）',
    cols: 'amount',
    total: { row: 'expense.carryover_end' },
    parts: [
      { row: 'expense.carryover_end.gpb' },
      { row: 'expense.carryover_end.gov_fund' },
      { row: 'expense.carryover_end.state_capital' },
    ],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.expense_grand_total',
    kind,
    description: '支出方每一列：“总计” = 本年支出合计 + 年末财政拨款结转和结余',
    cols: 'amount',
    total: { row: 'expense.grand_total' },
    parts: [{ row: 'expense.total' }, { row: 'expense.carryover_end' }],
  },
  {
    type: 'sum',
    id: 'fiscal_summary.balance',
    kind,
    description: '收入方“总计” = 支出方“总计”（合计列）',
    cols: ['amount'],
    total: { row: 'income.grand_total' },
    parts: [{ row: 'expense.grand_total', col: 'total' }],
  },
];
