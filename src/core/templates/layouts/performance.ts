/**
 * 项目支出绩效自评表 and 部门整体支出绩效自评表 in the 云南 form (seed 001: 年初预算数 … 分值, 执行率, 得分; indicators
 * with 分值/得分; 总分 and 评价等级 on the last line). Blank indicator rows are left to fill; 总分 sums them all.
 */
import { Draft, LEFT, UP } from '../draft';
import { frame, type LayoutContext } from '../frame';

const FUNDS: [string, string][] = [
  ['funds.total', '年度资金总额'],
  ['funds.fiscal', '其中：当年财政拨款'],
  ['funds.carryover', '上年结转资金'],
  ['funds.other', '其他资金'],
];
type FundCol = [string, string, 'amount' | 'score' | 'percent'];
const FUND_COLS: FundCol[] = [
  ['initial_budget', '年初预算数', 'amount'],
  ['budget', '全年预算数', 'amount'],
  ['actual', '全年执行数', 'amount'],
  ['weight', '分值', 'score'],
  ['rate', '执行率', 'percent'],
  ['score', '得分', 'score'],
];

/** The usual 一级/二级 indicators, one row each, their 三级指标 left to fill. */
const INDICATORS: [string, string][] = [
  ['产出指标', '数量指标'],
  ['', '质量指标'],
  ['', '时效指标'],
  ['', '成本指标'],
  ['效益指标', '经济效益指标'],
  ['', '社会效益指标'],
  ['', '生态效益指标'],
  ['', '可持续影响指标'],
  ['满意度指标', '服务对象满意度指标'],
];

export function performanceLayout(ctx: LayoutContext, kind: 'perf_project' | 'perf_department'): Draft {
  const d = new Draft(kind, [12, 12, 14, 12, 12, 10, 12, 8, 10, 24]);
  const project = kind === 'perf_project';
  // 江西 (seed 000) prints no 分值/得分: 全年预算数 | 全年执行数 | 执行率 only, and no 总分 line.
  const scored = ctx.set !== 'jiangxi';
  const fundCols = scored ? FUND_COLS : FUND_COLS.filter(([k]) => k === 'budget' || k === 'actual' || k === 'rate');
  let r = frame(d, ctx, project ? '项目支出绩效自评表' : '部门整体支出绩效自评表');
  if (project) {
    r = d.grid(r, [['项目名称', LEFT, '', LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT]], 'text');
    r = d.grid(r, [['主管部门', LEFT, ctx.org, LEFT, LEFT, '实施单位', LEFT, ctx.org, LEFT, LEFT]], 'text');
  } else {
    r = d.grid(r, [['部门名称', LEFT, ctx.org, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT]], 'text');
  }
  d.merge(r, 0, r + FUNDS.length, 0, `${project ? '项目' : '部门'}资金（${ctx.unit}）`, 'header');
  d.put(r, 1, null, 'header');
  fundCols.forEach(([, h], i) => d.put(r, 2 + i, h, 'header'));
  for (let c = 2 + fundCols.length; c < 8; c++) d.put(r, c, null, 'header');
  d.merge(r, 8, r, 9, null, 'header');
  fundCols.forEach(([key, , kindOf], i) => d.col({ key, col: 2 + i, block: 'funds', kind: kindOf }));
  r++;
  FUNDS.forEach(([key, name], i) => {
    const row = r + i;
    d.put(row, 1, name, i === 0 ? 'textBold' : 'text');
    const na = i === 0 ? [] : ['weight', 'score'];
    fundCols.forEach(([col, , kindOf], j) => d.put(row, 2 + j, na.includes(col) ? '—' : null, kindOf));
    for (let c = 2 + fundCols.length; c < 8; c++) d.put(row, c, null, 'text');
    d.merge(row, 8, row, 9, null, 'text');
    d.row({ key, level: i === 0 ? 'total' : 'line', block: 'funds', row, na });
  });
  r += FUNDS.length;
  r = d.grid(
    r,
    [
      ['年度总体目标', '预期目标', LEFT, LEFT, LEFT, '实际完成情况', LEFT, LEFT, LEFT, LEFT],
      [UP, '', LEFT, LEFT, LEFT, '', LEFT, LEFT, LEFT, LEFT],
    ],
    'text',
  );
  d.heights[r - 1] = 60;
  r = d.grid(
    r,
    [
      [
        '绩效指标',
        LEFT,
        LEFT,
        '年度指标值',
        LEFT,
        LEFT,
        '实际完成值',
        scored ? '分值' : '',
        scored ? '得分' : '',
        '偏差原因分析及改进措施',
      ],
      ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', UP, UP, UP, UP],
    ],
    'header',
  );
  const top = r;
  const named = ctx.codeLines.map((l) => l.name);
  const lines = INDICATORS.map((x, i) => [...x, named[i] ?? ''] as const);
  for (let i = INDICATORS.length; i < named.length; i++) lines.push(['', '', named[i]]);
  lines.forEach(([first, second, third], i) => {
    d.put(r, 0, first || null, 'text');
    d.put(r, 1, second || null, 'text');
    d.put(r, 2, third || null, 'text');
    for (let c = 3; c < 7; c++) d.put(r, c, null, 'text');
    d.put(r, 7, null, 'score');
    d.put(r, 8, null, 'score');
    d.put(r, 9, null, 'text');
    if (scored) d.row({ key: `indicator.${i + 1}`, level: 'line', block: 'indicators', row: r, colOf: { weight: 7, score: 8 } });
    r++;
  });
  d.map.bodies.push({ codeCol: 2, valueCols: [7, 8], top, bottom: r - 1 });
  r = d.grid(r, [['其他需要说明事项', LEFT, '', LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT]], 'text');
  if (!scored) return d;
  d.merge(r, 0, r, 6, '总分', 'textBold');
  d.put(r, 7, 100, 'score');
  d.put(r, 8, null, 'score');
  d.put(r, 9, null, 'grade');
  d.row({ key: 'score_total', level: 'total', block: 'indicators', row: r, colOf: { weight: 7, score: 8, grade: 9 }, blank: ['weight'] });
  return d;
}
