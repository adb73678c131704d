/** 一般公共预算财政拨款 tables: 支出决算表 (function), 云南 收入支出决算表, 基本支出 / 项目支出 (economic). */
import type { TableSpec, TripleSpec } from './types';

const totalLine = { key: 'total', names: ['合计', '总计'], level: 'total' as const };

export const gpbExpense: TableSpec = {
  id: 'gpb_expense/national',
  kind: 'gpb_expense',
  title: '一般公共预算财政拨款支出决算表',
  titles: ['一般公共预算财政拨款支出决算表'],
  source: 'seed 000 公开05表, 上海 2024 模板 表5',
  layout: 'rows',
  codes: 'function',
  columns: [
    { key: 'total', header: ['本年支出合计|合计|小计'] },
    { key: 'basic', header: ['基本支出'] },
    { key: 'project', header: ['项目支出'] },
  ],
  lines: [totalLine],
};

export const gpbIncomeExpense: TableSpec = {
  id: 'gpb_income_expense/yunnan',
  kind: 'gpb_income_expense',
  title: '一般公共预算财政拨款收入支出决算表',
  titles: ['一般公共预算财政拨款收入支出决算表'],
  source: 'seed 001 公开05表 (云南)',
  variant: '云南',
  set: 'yunnan',
  layout: 'rows',
  codes: 'function',
  columns: [
    { key: 'begin.total', header: ['年初结转和结余>合计|小计'] },
    { key: 'begin.basic', header: ['年初结转和结余>基本支出结转|基本支出>小计|合计', '年初结转和结余>基本支出结转|基本支出'] },
    { key: 'begin.project', header: ['年初结转和结余>项目支出结转和结余|项目支出结转|项目支出'] },
    { key: 'income.total', header: ['本年收入>合计|小计'] },
    { key: 'income.basic', header: ['本年收入>基本支出'] },
    { key: 'income.project', header: ['本年收入>项目支出'] },
    { key: 'expense.total', header: ['本年支出>合计'] },
    { key: 'expense.basic', header: ['本年支出>基本支出>小计|合计', '本年支出>基本支出'] },
    { key: 'expense.personnel', header: ['本年支出>人员经费'] },
    { key: 'expense.public', header: ['本年支出>公用经费'] },
    { key: 'expense.project', header: ['本年支出>项目支出'] },
    { key: 'end.total', header: ['年末结转和结余>合计|小计'] },
    { key: 'end.basic', header: ['年末结转和结余>基本支出结转|基本支出>小计|合计', '年末结转和结余>基本支出结转|基本支出'] },
    { key: 'end.personnel', header: ['年末结转和结余>基本支出结转|基本支出>人员经费'], optional: true },
    { key: 'end.public', header: ['年末结转和结余>基本支出结转|基本支出>公用经费'], optional: true },
    { key: 'end.project', header: ['年末结转和结余>项目支出结转和结余|项目支出结转|项目支出'] },
  ],
  lines: [totalLine],
};

const economicTriple: TripleSpec = {
  code: ['*科目编码', '编码', '科目代码'],
  name: ['科目名称', '名称'],
  amount: ['金额', '决算数', '合计'],
  blockHeaders: [
    { block: 'personnel', header: ['人员经费'] },
    { block: 'public', header: ['公用经费'] },
  ],
  blockByClass: { '301': 'personnel', '303': 'personnel' },
  otherBlock: 'public',
};

const economicTotals = [
  { key: 'personnel.total', names: ['人员经费合计'], level: 'total' as const, block: 'personnel' },
  { key: 'public.total', names: ['公用经费合计', '公用支出合计'], level: 'total' as const, block: 'public' },
];

export const gpbBasic: TableSpec = {
  id: 'gpb_basic/national',
  kind: 'gpb_basic',
  title: '一般公共预算财政拨款基本支出决算表',
  titles: ['一般公共预算财政拨款基本支出决算表', '一般公共预算财政拨款基本支出决算明细表'],
  source: 'seed 000 公开06表 (three triples), seed 001 公开06表, 上海 2024 模板 表6 (two triples, no 人员/公用 header)',
  layout: 'blocks',
  codes: 'economic',
  triple: economicTriple,
  lines: economicTotals,
};

export const gpbProjectEconomic: TableSpec = {
  id: 'gpb_project_economic/yunnan',
  kind: 'gpb_project_economic',
  title: '一般公共预算财政拨款项目支出决算表',
  titles: ['一般公共预算财政拨款项目支出决算表'],
  source: 'seed 001 公开07表 (云南, four triples, economic classification)',
  variant: '云南',
  set: 'yunnan',
  layout: 'blocks',
  codes: 'economic',
  triple: economicTriple,
  lines: economicTotals,
};
