/** 收入支出决算总表 (Yunnan: 收入支出决算表) and 财政拨款收入支出决算总表: income left, expense right. */
import type { TableSpec } from './types';

export const incomeExpenseSummary: TableSpec = {
  id: 'income_expense_summary/national',
  kind: 'income_expense_summary',
  title: '收入支出决算总表',
  titles: ['收入支出决算总表', '收入支出决算表', '部门收入支出决算总表'],
  source: 'seed 000 公开01表 (江西), seed 001 公开01表 (云南), 上海 2024 模板 表1',
  layout: 'side-by-side',
  blocks: [
    {
      block: 'income',
      header: ['收入'],
      columns: [{ key: 'amount', header: ['决算数|金额|本年决算数'] }],
      lines: [
        { key: 'income.gpb', names: ['一般公共预算财政拨款收入', '一般公共预算财政拨款'] },
        { key: 'income.gov_fund', names: ['政府性基金预算财政拨款收入', '政府性基金预算财政拨款'] },
        { key: 'income.state_capital', names: ['国有资本经营预算财政拨款收入', '国有资本经营预算财政拨款'] },
        { key: 'income.superior', names: ['上级补助收入'] },
        { key: 'income.business', names: ['事业收入'] },
        { key: 'income.operating', names: ['经营收入'] },
        { key: 'income.affiliated', names: ['附属单位上缴收入'] },
        { key: 'income.other', names: ['其他收入'] },
        { key: 'income.total', names: ['本年收入合计'], level: 'total' },
        { key: 'income.use_non_fiscal_balance', names: ['使用非财政拨款结余*'] },
        { key: 'income.carryover_begin', names: ['年初结转和结余'] },
        { key: 'income.grand_total', names: ['总计', '收入总计'], level: 'total' },
      ],
    },
    {
      block: 'expense',
      header: ['支出'],
      columns: [{ key: 'amount', header: ['决算数|金额|本年决算数'] }],
      functionClassLines: true,
      lines: [
        { key: 'expense.total', names: ['本年支出合计'], level: 'total' },
        { key: 'expense.distribution', names: ['结余分配'] },
        { key: 'expense.carryover_end', names: ['年末结转和结余'] },
        { key: 'expense.grand_total', names: ['总计', '支出总计'], level: 'total' },
      ],
    },
  ],
};

export const fiscalSummary: TableSpec = {
  id: 'fiscal_summary/national',
  kind: 'fiscal_summary',
  title: '财政拨款收入支出决算总表',
  titles: ['财政拨款收入支出决算总表', '财政拨款收入支出决算表', '财政拨款收支决算总表'],
  source: 'seed 000 公开04表, seed 001 公开04表, 上海 2024 模板 表4',
  layout: 'side-by-side',
  blocks: [
    {
      block: 'income',
      header: ['收入'],
      columns: [{ key: 'amount', header: ['金额|决算数'] }],
      lines: [
        { key: 'income.gpb', names: ['一般公共预算财政拨款', '一般公共预算财政拨款收入'] },
        { key: 'income.gov_fund', names: ['政府性基金预算财政拨款', '政府性基金预算财政拨款收入'] },
        { key: 'income.state_capital', names: ['国有资本经营预算财政拨款', '国有资本经营预算财政拨款收入'] },
        { key: 'income.total', names: ['本年收入合计'], level: 'total' },
        { key: 'income.carryover_begin', names: ['年初财政拨款结转和结余', '年初结转和结余'] },
        { key: 'income.carryover_begin.gpb', names: ['一般公共预算财政拨款'], after: 'income.carryover_begin' },
        { key: 'income.carryover_begin.gov_fund', names: ['政府性基金预算财政拨款'], after: 'income.carryover_begin' },
        { key: 'income.carryover_begin.state_capital', names: ['国有资本经营预算财政拨款'], after: 'income.carryover_begin' },
        { key: 'income.grand_total', names: ['总计', '收入总计'], level: 'total' },
      ],
    },
    {
      block: 'expense',
      header: ['支出'],
      functionClassLines: true,
      columns: [
        { key: 'total', header: ['合计|小计'] },
        { key: 'gpb', header: ['一般公共预算财政拨款|一般公共预算'] },
        { key: 'gov_fund', header: ['政府性基金预算财政拨款|政府性基金预算'] },
        { key: 'state_capital', header: ['国有资本经营预算财政拨款|国有资本经营预算'] },
      ],
      lines: [
        { key: 'expense.total', names: ['本年支出合计'], level: 'total' },
        { key: 'expense.carryover_end', names: ['年末财政拨款结转和结余', '年末结转和结余'] },
        { key: 'expense.carryover_end.gpb', names: ['一般公共预算财政拨款'], after: 'expense.carryover_end' },
        { key: 'expense.carryover_end.gov_fund', names: ['政府性基金预算财政拨款'], after: 'expense.carryover_end' },
        { key: 'expense.carryover_end.state_capital', names: ['国有资本经营预算财政拨款'], after: 'expense.carryover_end' },
        { key: 'expense.grand_total', names: ['总计', '支出总计'], level: 'total' },
      ],
    },
  ],
};
