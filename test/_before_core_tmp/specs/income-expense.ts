/** 收入决算表 and 支出决算表: function-coded rows, one column per source / use of money. */
import type { TableSpec } from './types';

const totalLine = { key: 'total', names: ['合计', '总计'], level: 'total' as const };

export const income: TableSpec = {
  id: 'income/national',
  kind: 'income',
  title: '收入决算表',
  titles: ['收入决算表', '部门收入决算表'],
  source: 'seed 000 公开02表, seed 001 公开02表 (事业收入 小计/其中：教育收费), 上海 2024 模板 表2',
  layout: 'rows',
  codes: 'function',
  columns: [
    { key: 'total', header: ['本年收入合计|合计'] },
    { key: 'fiscal', header: ['财政拨款收入|财政拨款'] },
    { key: 'superior', header: ['上级补助收入'] },
    { key: 'business', header: ['事业收入>小计', '事业收入'] },
    { key: 'business.tuition', header: ['其中:教育收费|教育收费'], optional: true },
    { key: 'operating', header: ['经营收入'] },
    { key: 'affiliated', header: ['附属单位上缴收入'] },
    { key: 'other', header: ['其他收入'] },
  ],
  lines: [totalLine],
};

export const expense: TableSpec = {
  id: 'expense/national',
  kind: 'expense',
  title: '支出决算表',
  titles: ['支出决算表', '部门支出决算表'],
  source: 'seed 000 公开03表, seed 001 公开03表, 上海 2024 模板 表3',
  layout: 'rows',
  codes: 'function',
  columns: [
    { key: 'total', header: ['本年支出合计|合计'] },
    { key: 'basic', header: ['基本支出'] },
    { key: 'project', header: ['项目支出'] },
    { key: 'remit_superior', header: ['上缴上级支出'] },
    { key: 'operating', header: ['经营支出'] },
    { key: 'subsidy_affiliated', header: ['对附属单位补助支出'] },
  ],
  lines: [totalLine],
};
