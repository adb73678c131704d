/**
 * Identities the template closes by formula besides the validator's own rules (src/core/rules), in the same
 * vocabulary. Each solves a validator identity for the one cell a filled table could still get wrong, so that
 * 收入 总计 = 支出 总计 holds by construction (docs/DOMAIN.md §6.1.5, §6.4.6, §7.1.2):
 *  - 总表: 年末结转和结余 = 收入总计 − 本年支出合计 − 结余分配;
 *  - 财政拨款总表, per fund: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出;
 *  - 总表 一般公共预算财政拨款收入 = 收入决算表 财政拨款收入 − the other two 财政拨款 lines;
 *  - 云南 收入支出决算表: 年末 基本支出结转 公用经费 = 基本支出结转小计 − 人员经费 (the 小计 itself is 年初 + 收入 − 支出).
 * They are tried before the validator's rules; a cell already defined is never redefined.
 */
import type { SumRule } from '../rules';

const FUNDS = ['gpb', 'gov_fund', 'state_capital'] as const;

export const CLOSING_RULES: readonly SumRule[] = [
  {
    type: 'sum',
    id: 'template.summary_carryover_end',
    kind: 'income_expense_summary',
    description: '年末结转和结余 = 收入方总计 − 本年支出合计 − 结余分配',
    cols: ['amount'],
    total: { row: 'expense.carryover_end' },
    parts: [{ row: 'income.grand_total' }, { row: 'expense.total', sign: -1 }, { row: 'expense.distribution', sign: -1 }],
  },
  {
    type: 'sum',
    id: 'template.summary_income_gpb',
    kind: 'income_expense_summary',
    description: '一般公共预算财政拨款收入 = 收入决算表 合计行 财政拨款收入 − 政府性基金 − 国有资本经营预算财政拨款收入',
    cols: ['amount'],
    total: { row: 'income.gpb' },
    parts: [
      { table: 'income', row: 'total', col: 'fiscal' },
      { row: 'income.gov_fund', sign: -1 },
      { row: 'income.state_capital', sign: -1 },
    ],
  },
  {
    type: 'sum',
    id: 'template.gpb_end_public',
    kind: 'gpb_income_expense',
    description: '每一行：年末结转和结余 基本支出结转 公用经费 = 基本支出结转小计 − 人员经费',
    rows: {},
    cols: ['end.public'],
    total: {},
    parts: [{ col: 'end.basic' }, { col: 'end.personnel', sign: -1 }],
  },
  ...FUNDS.map((f): SumRule => ({
    type: 'sum',
    id: `template.fiscal_carryover_end.${f}`,
    kind: 'fiscal_summary',
    description: '每类财政拨款：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出',
    cols: [f],
    total: { row: 'expense.carryover_end' },
    parts: [
      { row: `income.carryover_begin.${f}`, col: 'amount' },
      { row: `income.${f}`, col: 'amount' },
      { row: 'expense.total', sign: -1 },
    ],
  })),
];
