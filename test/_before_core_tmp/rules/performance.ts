/** 项目支出绩效自评表 and 部门整体支出绩效自评表 — within the table. */
import type { TableKind } from '../model';
import type { GradeRule, IdentityRule, Operand } from './types';

const FUNDS_COLS = ['initial_budget', 'budget', 'actual'];
/** Rows that carry a 分值/得分: the 年度资金总额 line and every indicator. */
const SCORED: Operand[] = [{ row: { keys: ['funds.total'] } }, { row: { keyPrefix: 'indicator.' } }];

export const GRADE_BANDS: GradeRule['bands'] = [
  { min: 90, grade: '优' },
  { min: 80, grade: '良' },
  { min: 60, grade: '中' },
  { min: 0, grade: '差' },
];

function scoring(kind: TableKind): IdentityRule[] {
  return [
    {
      type: 'sum',
      id: `${kind}.funds_total`,
      kind,
      description: '每一金额列：年度资金总额 = 当年财政拨款（中央财政资金）+ 上年结转资金 + 地方资金 + 其他资金',
      cols: FUNDS_COLS,
      total: { row: 'funds.total' },
      parts: [{ row: 'funds.fiscal' }, { row: 'funds.carryover' }, { row: 'funds.local' }, { row: 'funds.other' }],
    },
    {
      type: 'ratio',
      id: `${kind}.funds_rate`,
      kind,
      description: '资金各行：执行率 = 全年执行数 ÷ 全年预算数（按打印的小数位四舍五入）',
      rows: { blocks: ['funds'] },
      result: { col: 'rate' },
      numerator: { col: 'actual' },
      denominator: { col: 'budget' },
    },
    {
      type: 'sum',
      id: `${kind}.score_le_weight`,
      kind,
      description: '每一行：得分不超过分值',
      rows: {},
      cols: ['weight'],
      total: {},
      parts: [{ col: 'score' }],
      relation: 'le',
    },
    {
      type: 'sum',
      id: `${kind}.score_total`,
      kind,
      description: '总分 = 年度资金总额得分 + 各绩效指标得分之和',
      cols: ['score'],
      total: { row: 'score_total' },
      parts: SCORED,
    },
    {
      type: 'sum',
      id: `${kind}.weight_sum`,
      kind,
      description: '有“总分”行时：年度资金总额分值 + 各绩效指标分值之和 = 100',
      rows: { keys: ['score_total'] },
      cols: ['weight'],
      total: { constant: '100' },
      parts: SCORED,
    },
    {
      type: 'sum',
      id: `${kind}.weight_total`,
      kind,
      description: '总分行的分值 = 100',
      rows: { keys: ['score_total'] },
      cols: ['weight'],
      total: { constant: '100' },
      parts: [{}],
    },
    {
      type: 'grade',
      id: `${kind}.grade`,
      kind,
      description: '评价等级与总分相符：优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差',
      score: { row: 'score_total', col: 'score' },
      bands: GRADE_BANDS,
    },
  ];
}

export const perfProjectRules: IdentityRule[] = scoring('perf_project');

export const perfDepartmentRules: IdentityRule[] = [
  {
    type: 'sum',
    id: 'perf_department.task_total',
    kind: 'perf_department',
    description: '每项重点工作任务：批复金额 总额 = 财政拨款 + 其他资金',
    rows: { keyPrefix: 'task.' },
    cols: ['approved.total'],
    total: {},
    parts: [{ col: 'approved.fiscal' }, { col: 'approved.other' }],
  },
  {
    type: 'ratio',
    id: 'perf_department.task_rate',
    kind: 'perf_department',
    description: '每项重点工作任务：预算执行率 = 实际支出金额 ÷ 批复金额总额',
    rows: { keyPrefix: 'task.' },
    result: { col: 'rate' },
    numerator: { col: 'actual' },
    denominator: { col: 'approved.total' },
  },
  ...scoring('perf_department'),
];
