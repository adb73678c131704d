/**
 * The standard tables of each set, in published order, with their 公开NN表 numbers (docs/DOMAIN.md §2.1): which
 * spec each one is, and which layout lays it out. The two 绩效自评表 go with every set (江西 and 上海 print them as
 * attachments, without a number; 云南 numbers them 12 and 13).
 */
import type { Draft } from './draft';
import type { LayoutContext } from './frame';
import { assetOccupancyLayout, assetUsageLayout } from './layouts/assets';
import { expenseLayout, gpbExpenseLayout, gpbIncomeExpenseLayout, govFundLayout, incomeLayout, stateCapitalLayout } from './layouts/coded';
import { economicLayout } from './layouts/economic';
import { performanceLayout } from './layouts/performance';
import { fiscalSummaryLayout, incomeExpenseSummaryLayout } from './layouts/summary';
import { threePublicAdminLayout, threePublicJiangxiLayout, threePublicShanghaiLayout } from './layouts/three-public';
import type { TemplateSetId } from './types';

export interface SetTable {
  /** Number as printed (`01`, `7`), or null for an attachment. */
  no: string | null;
  specId: string;
  layout: (ctx: LayoutContext) => Draft;
}

const perf = (no: string | null): SetTable[] => [
  { no, specId: 'perf_department/national', layout: (c) => performanceLayout(c, 'perf_department') },
  { no: no === null ? null : String(Number(no) + 1), specId: 'perf_project/national', layout: (c) => performanceLayout(c, 'perf_project') },
];

/** 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表: numbers 1–4 in every set (`digits` wide). */
const summaries = (digits: number): SetTable[] =>
  [incomeExpenseSummaryLayout, incomeLayout, expenseLayout, fiscalSummaryLayout].map((layout, i) => ({
    no: String(i + 1).padStart(digits, '0'),
    specId: ['income_expense_summary/national', 'income/national', 'expense/national', 'fiscal_summary/national'][i],
    layout,
  }));

export const TEMPLATE_SETS: Record<TemplateSetId, { name: string; tables: SetTable[] }> = {
  jiangxi: {
    name: '江西（全国）',
    tables: [
      ...summaries(2),
      { no: '05', specId: 'gpb_expense/national', layout: gpbExpenseLayout },
      { no: '06', specId: 'gpb_basic/national', layout: (c) => economicLayout(c, 'gpb_basic') },
      { no: '07', specId: 'gov_fund/national', layout: govFundLayout },
      { no: '08', specId: 'state_capital/expense', layout: stateCapitalLayout },
      { no: '09', specId: 'three_public/jiangxi', layout: threePublicJiangxiLayout },
      { no: '10', specId: 'asset_occupancy/national', layout: assetOccupancyLayout },
      ...perf(null),
    ],
  },
  yunnan: {
    name: '云南',
    tables: [
      ...summaries(2),
      { no: '05', specId: 'gpb_income_expense/yunnan', layout: gpbIncomeExpenseLayout },
      { no: '06', specId: 'gpb_basic/national', layout: (c) => economicLayout(c, 'gpb_basic') },
      { no: '07', specId: 'gpb_project_economic/yunnan', layout: (c) => economicLayout(c, 'gpb_project_economic') },
      { no: '10', specId: 'three_public_admin/yunnan', layout: threePublicAdminLayout },
      { no: '11', specId: 'asset_usage/yunnan', layout: assetUsageLayout },
      ...perf('12'),
    ],
  },
  shanghai: {
    name: '上海（2024 模板）',
    tables: [
      ...summaries(1),
      { no: '5', specId: 'gpb_expense/national', layout: gpbExpenseLayout },
      { no: '6', specId: 'gpb_basic/national', layout: (c) => economicLayout(c, 'gpb_basic') },
      { no: '7', specId: 'three_public/shanghai-horizontal', layout: threePublicShanghaiLayout },
      { no: '8', specId: 'gov_fund/national', layout: govFundLayout },
      { no: '9', specId: 'state_capital/income-expense', layout: stateCapitalLayout },
      ...perf(null),
    ],
  },
};
