/** 绩效自评表: forms with a funds section (项目资金), an indicators section and, for 部门整体, a tasks section. */
import { GRADE_WORDS } from './grades';
import type { FormSection, TableSpec } from './types';

const funds: FormSection = {
  block: 'funds',
  cues: ['全年预算数*', '全年执行数*'],
  rows: 'lines',
  columns: [
    { key: 'initial_budget', header: ['年初预算数'], optional: true },
    { key: 'budget', header: ['全年预算数*'] },
    { key: 'actual', header: ['全年执行数*'] },
    { key: 'weight', header: ['分值'], kind: 'score', optional: true },
    { key: 'rate', header: ['执行率*', '预算执行率*'], kind: 'percent' },
    { key: 'score', header: ['得分'], kind: 'score', optional: true },
  ],
  lines: [
    { key: 'funds.total', names: ['年度资金总额*'], level: 'total' },
    { key: 'funds.fiscal', names: ['当年财政拨款*', '中央财政资金*', '财政拨款*'] },
    { key: 'funds.carryover', names: ['上年结转资金*'] },
    { key: 'funds.local', names: ['地方资金*'] },
    { key: 'funds.other', names: ['其他资金*'] },
  ],
};

const indicators: FormSection = {
  block: 'indicators',
  cues: ['三级指标'],
  rows: 'repeat',
  nameHeader: ['三级指标'],
  keyPrefix: 'indicator',
  columns: [
    { key: 'weight', header: ['分值'], kind: 'score', optional: true },
    { key: 'score', header: ['得分'], kind: 'score', optional: true },
  ],
  endLines: [{ key: 'score_total', names: ['总分'], level: 'total' }],
  stopNames: ['其他需要说明事项', '其他需说明事项'],
  // 总分 | … | 100 | 94.70 | 优: the grade sits after 得分, usually under 偏差原因分析 (no header of its own)
  endValues: [{ key: 'grade', kind: 'text', header: '评价等级', text: [GRADE_WORDS.map((w) => w.word).join('|')] }],
};

export const perfProject: TableSpec = {
  id: 'perf_project/national',
  kind: 'perf_project',
  title: '项目支出绩效自评表',
  titles: ['项目支出绩效自评表'],
  source: 'seed 000 附件 (全年预算数(A)/全年执行数(B)/预算执行率), seed 001 公开13/14表 (年初预算数…分值/执行率/得分, 总分)',
  layout: 'form',
  sections: [funds, indicators],
};

export const perfDepartment: TableSpec = {
  id: 'perf_department/national',
  kind: 'perf_department',
  title: '部门整体支出绩效自评表',
  titles: ['部门整体支出绩效自评表'],
  source: 'seed 001 部门整体支出绩效自评表 (任务 + 指标), seed 004 附件2 (年度资金总额 + 指标 分值/得分)',
  layout: 'form',
  sections: [
    { ...funds, optional: true },
    {
      block: 'tasks',
      cues: ['任务名称'],
      rows: 'repeat',
      nameHeader: ['任务名称'],
      keyPrefix: 'task',
      optional: true,
      columns: [
        { key: 'approved.total', header: ['总额', '批复金额*>总额'] },
        { key: 'approved.fiscal', header: ['财政拨款'] },
        { key: 'approved.other', header: ['其他资金'] },
        { key: 'actual', header: ['实际支出金额*'] },
        { key: 'rate', header: ['预算执行率', '执行率'], kind: 'percent' },
      ],
      stopNames: ['部门整体支出绩效指标', '三、部门整体支出绩效指标'],
    },
    indicators,
  ],
};
