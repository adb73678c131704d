/**
 * Between tables: the same quantity printed in two tables must agree (docs/DOMAIN.md §7).
 * Each rule belongs to the table holding its total; rules whose other table is missing are skipped
 * (the missing table is reported once by completeness).
 */
import type { TableKind } from '../model';
import type { SumRule } from './types';

function same(id: string, kind: TableKind, description: string, rule: Omit<SumRule, 'type' | 'id' | 'kind' | 'description'>): SumRule {
  return { type: 'sum', id, kind, description, ...rule };
}

const SUMMARY_INCOME_LINES: [string, string, string][] = [
  ['superior', 'income.superior', '上级补助收入'],
  ['business', 'income.business', '事业收入'],
  ['operating', 'income.operating', '经营收入'],
  ['affiliated', 'income.affiliated', '附属单位上缴收入'],
  ['other', 'income.other', '其他收入'],
];

/** 三公 item ↔ the economic code that pays it (basic spending, plus 云南 项目支出表 when present). */
const THREE_PUBLIC_ECONOMIC: [string, string, string, string][] = [
  ['reception', 'reception', '30217', '公务接待费'],
  ['vehicle_operation', 'vehicle.operation', '30231', '公务用车运行维护费'],
  ['vehicle_purchase', 'vehicle.purchase', '31013', '公务用车购置费'],
  ['abroad', 'abroad', '30212', '因公出国（境）费'],
];

function threePublicEconomic(kind: 'three_public' | 'three_public_admin'): SumRule[] {
  return THREE_PUBLIC_ECONOMIC.map(([name, row, code, label]) =>
    same(
      `cross.${kind}.${name}`,
      kind,
      `“三公”表 ${label}决算数 不小于 基本支出表（及云南项目支出表）经济分类 ${code} 之和（超过时为警告；少于时可能由其他资金负担，不报告）`,
      {
        cols: ['actual'],
        total: { row },
        parts: [
          { table: 'gpb_basic', row: code, col: 'amount' },
          { table: 'gpb_project_economic', row: code, col: 'amount', optional: true },
        ],
        relation: 'le',
        severity: 'warning',
      },
    ),
  );
}

export const crossRules: SumRule[] = [
  same('cross.summary_income_total', 'income_expense_summary', '总表 本年收入合计 = 收入决算表 “合计”行 本年收入合计', {
    cols: ['amount'],
    total: { row: 'income.total' },
    parts: [{ table: 'income', row: 'total', col: 'total' }],
  }),
  same(
    'cross.summary_income_fiscal',
    'income',
    '收入决算表 “合计”行 财政拨款收入 = 总表 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款收入',
    {
      rows: { keys: ['total'] },
      cols: ['fiscal'],
      total: {},
      parts: [
        { table: 'income_expense_summary', row: 'income.gpb', col: 'amount' },
        { table: 'income_expense_summary', row: 'income.gov_fund', col: 'amount' },
        { table: 'income_expense_summary', row: 'income.state_capital', col: 'amount' },
      ],
    },
  ),
  ...SUMMARY_INCOME_LINES.map(([col, row, label]) =>
    same(`cross.summary_income_${col}`, 'income_expense_summary', `总表 ${label} = 收入决算表 “合计”行 ${label}`, {
      cols: ['amount'],
      total: { row },
      parts: [{ table: 'income', row: 'total', col }],
    }),
  ),
  same('cross.summary_expense_total', 'income_expense_summary', '总表 本年支出合计 = 支出决算表 “合计”行 本年支出合计', {
    cols: ['amount'],
    total: { row: 'expense.total' },
    parts: [{ table: 'expense', row: 'total', col: 'total' }],
  }),
  same('cross.summary_expense_class', 'income_expense_summary', '总表 支出方每个功能分类类级科目 = 支出决算表 同一类级科目 本年支出合计', {
    rows: { blocks: ['expense'], levels: ['class'], unionWith: 'expense' },
    cols: ['amount'],
    total: {},
    parts: [{ table: 'expense', row: { same: true }, col: 'total' }],
  }),
  ...(['gpb', 'gov_fund', 'state_capital'] as const).map((line) =>
    same(`cross.fiscal_income_${line}`, 'fiscal_summary', `财政拨款总表 收入 ${lineLabel(line)} = 总表 ${lineLabel(line)}收入`, {
      cols: ['amount'],
      total: { row: `income.${line}` },
      parts: [{ table: 'income_expense_summary', row: `income.${line}`, col: 'amount' }],
    }),
  ),
  same(
    'cross.fiscal_gpb_total',
    'fiscal_summary',
    '财政拨款总表 本年支出合计（一般公共预算列）= 一般公共预算财政拨款支出决算表 “合计”行 本年支出合计',
    {
      cols: ['gpb'],
      total: { row: 'expense.total' },
      parts: [{ table: 'gpb_expense', row: 'total', col: 'total' }],
    },
  ),
  same(
    'cross.fiscal_gpb_class',
    'fiscal_summary',
    '财政拨款总表 每个类级科目（一般公共预算列）= 一般公共预算财政拨款支出决算表 同一类级科目 本年支出合计',
    {
      rows: { blocks: ['expense'], levels: ['class'], unionWith: 'gpb_expense' },
      cols: ['gpb'],
      total: {},
      parts: [{ table: 'gpb_expense', row: { same: true }, col: 'total' }],
    },
  ),
  same(
    'cross.fiscal_gpb_total_yunnan',
    'fiscal_summary',
    '（云南）财政拨款收入支出决算表 本年支出合计（一般公共预算列）= 一般公共预算财政拨款收入支出决算表 “合计”行 本年支出合计',
    {
      cols: ['gpb'],
      total: { row: 'expense.total' },
      parts: [{ table: 'gpb_income_expense', row: 'total', col: 'expense.total' }],
    },
  ),
  same(
    'cross.fiscal_gpb_class_yunnan',
    'fiscal_summary',
    '（云南）财政拨款收入支出决算表 每个类级科目（一般公共预算列）= 一般公共预算财政拨款收入支出决算表 同一类级科目 本年支出合计',
    {
      rows: { blocks: ['expense'], levels: ['class'], unionWith: 'gpb_income_expense' },
      cols: ['gpb'],
      total: {},
      parts: [{ table: 'gpb_income_expense', row: { same: true }, col: 'expense.total' }],
    },
  ),
  same(
    'cross.fiscal_gov_fund_total',
    'fiscal_summary',
    '财政拨款总表 本年支出合计（政府性基金列）= 政府性基金预算财政拨款收入支出决算表 “合计”行 本年支出',
    {
      cols: ['gov_fund'],
      total: { row: 'expense.total' },
      parts: [{ table: 'gov_fund', row: 'total', col: 'expense.total' }],
    },
  ),
  same(
    'cross.fiscal_gov_fund_class',
    'fiscal_summary',
    '财政拨款总表 每个类级科目（政府性基金列）= 政府性基金预算财政拨款收入支出决算表 同一类级科目 本年支出',
    {
      rows: { blocks: ['expense'], levels: ['class'], unionWith: 'gov_fund' },
      cols: ['gov_fund'],
      total: {},
      parts: [{ table: 'gov_fund', row: { same: true }, col: 'expense.total' }],
    },
  ),
  same(
    'cross.fiscal_state_capital_total',
    'fiscal_summary',
    '财政拨款总表 本年支出合计（国有资本经营列）= 国有资本经营预算财政拨款支出决算表 “合计”行 本年支出',
    {
      cols: ['state_capital'],
      total: { row: 'expense.total' },
      parts: [{ table: 'state_capital', row: 'total', col: 'expense.total' }],
    },
  ),
  same(
    'cross.fiscal_state_capital_class',
    'fiscal_summary',
    '财政拨款总表 每个类级科目（国有资本经营列）= 国有资本经营预算财政拨款支出决算表 同一类级科目 本年支出',
    {
      rows: { blocks: ['expense'], levels: ['class'], unionWith: 'state_capital' },
      cols: ['state_capital'],
      total: {},
      parts: [{ table: 'state_capital', row: { same: true }, col: 'expense.total' }],
    },
  ),
  same(
    'cross.basic_total',
    'gpb_expense',
    '一般公共预算财政拨款支出决算表 “合计”行 基本支出 = 基本支出决算表 人员经费合计 + 公用经费合计',
    {
      rows: { keys: ['total'] },
      cols: ['basic'],
      total: {},
      parts: [
        { table: 'gpb_basic', row: 'personnel.total', col: 'amount' },
        { table: 'gpb_basic', row: 'public.total', col: 'amount' },
      ],
    },
  ),
  same('cross.personnel_total_yunnan', 'gpb_income_expense', '（云南）收入支出决算表 “合计”行 人员经费 = 基本支出决算表 人员经费合计', {
    rows: { keys: ['total'] },
    cols: ['expense.personnel'],
    total: {},
    parts: [{ table: 'gpb_basic', row: 'personnel.total', col: 'amount' }],
  }),
  same('cross.public_total_yunnan', 'gpb_income_expense', '（云南）收入支出决算表 “合计”行 公用经费 = 基本支出决算表 公用经费合计', {
    rows: { keys: ['total'] },
    cols: ['expense.public'],
    total: {},
    parts: [{ table: 'gpb_basic', row: 'public.total', col: 'amount' }],
  }),
  same(
    'cross.project_total_yunnan',
    'gpb_income_expense',
    '（云南）收入支出决算表 “合计”行 项目支出 = 项目支出决算表 人员经费合计 + 公用经费合计',
    {
      rows: { keys: ['total'] },
      cols: ['expense.project'],
      total: {},
      parts: [
        { table: 'gpb_project_economic', row: 'personnel.total', col: 'amount' },
        { table: 'gpb_project_economic', row: 'public.total', col: 'amount' },
      ],
    },
  ),
  ...threePublicEconomic('three_public'),
  ...threePublicEconomic('three_public_admin'),
  same(
    'cross.admin_cost',
    'three_public_admin',
    '（云南 10表）机关运行经费决算数 = 基本支出决算表 公用经费合计（行政单位、参公事业单位）；部门含其他事业单位时两者可以不同，故不同为警告',
    {
      cols: ['actual'],
      total: { row: 'admin_cost' },
      parts: [{ table: 'gpb_basic', row: 'public.total', col: 'amount' }],
      severity: 'warning',
    },
  ),
];

function lineLabel(line: 'gpb' | 'gov_fund' | 'state_capital'): string {
  return { gpb: '一般公共预算财政拨款', gov_fund: '政府性基金预算财政拨款', state_capital: '国有资本经营预算财政拨款' }[line];
}
