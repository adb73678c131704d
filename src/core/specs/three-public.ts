/** 财政拨款“三公”经费支出决算表: vertical (江西), horizontal (上海), and 云南 10表 with 机关运行经费. */
import type { ColumnSpec, LineSpec, TableSpec } from './types';

const amountLines: LineSpec[] = [
  { key: 'abroad', names: ['因公出国(境)费*'] },
  { key: 'vehicle', names: ['公务用车购置及运行维护费'] },
  { key: 'vehicle.purchase', names: ['公务用车购置费', '公务用车购置'] },
  { key: 'vehicle.operation', names: ['公务用车运行维护费', '公务用车运行费'] },
  { key: 'reception', names: ['公务接待费'] },
  { key: 'reception.domestic', names: ['国内接待费'] },
  { key: 'reception.domestic.foreign_affairs', names: ['外事接待费'] },
  { key: 'reception.abroad', names: ['国(境)外接待费'] },
];

const countLines: LineSpec[] = [
  { key: 'stats', names: ['相关统计数'] },
  { key: 'count.abroad_groups', names: ['因公出国(境)团组数*'], valueKind: 'count' },
  { key: 'count.abroad_people', names: ['因公出国(境)人次数*'], valueKind: 'count' },
  { key: 'count.vehicle_purchased', names: ['公务用车购置数*'], valueKind: 'count' },
  { key: 'count.vehicle_held', names: ['公务用车保有量*'], valueKind: 'count' },
  { key: 'count.reception_batches', names: ['国内公务接待批次*'], valueKind: 'count' },
  { key: 'count.reception_batches.foreign_affairs', names: ['外事接待批次*'], valueKind: 'count' },
  { key: 'count.reception_people', names: ['国内公务接待人次*'], valueKind: 'count' },
  { key: 'count.reception_people.foreign_affairs', names: ['外事接待人次*'], valueKind: 'count' },
  { key: 'count.abroad_reception_batches', names: ['国(境)外公务接待批次*'], valueKind: 'count' },
  { key: 'count.abroad_reception_people', names: ['国(境)外公务接待人次*'], valueKind: 'count' },
];

const verticalColumns: ColumnSpec[] = [
  { key: 'initial_budget', header: ['年初预算数'] },
  { key: 'budget', header: ['全年预算数'] },
  { key: 'actual', header: ['决算数'] },
];

const titles = ['财政拨款"三公"经费支出决算表', '"三公"经费支出决算表', '财政拨款"三公"经费支出决算情况表'];

export const threePublicJiangxi: TableSpec = {
  id: 'three_public/jiangxi',
  kind: 'three_public',
  title: '财政拨款“三公”经费支出决算表',
  titles,
  source: 'seed 000 公开09表 (vertical: rows 1–9 amounts, 10–20 counts)',
  variant: '江西，竖排',
  layout: 'rows',
  columns: verticalColumns,
  lines: [{ key: 'total', names: ['"三公"经费支出', '"三公"经费支出合计', '合计'], level: 'total' }, ...amountLines, ...countLines],
};

export const threePublicShanghai: TableSpec = {
  id: 'three_public/shanghai-horizontal',
  kind: 'three_public',
  title: '财政拨款“三公”经费支出决算表',
  titles,
  source: '上海 2024 模板 表7 (horizontal: 预算数/决算数 under each item)',
  variant: '上海，横排',
  set: 'shanghai',
  layout: 'horizontal',
  columns: [
    { key: 'budget', header: ['预算数|全年预算数'] },
    { key: 'actual', header: ['决算数'] },
  ],
  lines: [{ key: 'total', names: ['合计', '"三公"经费合计'], level: 'total' }, ...amountLines],
};

export const threePublicAdminYunnan: TableSpec = {
  id: 'three_public_admin/yunnan',
  kind: 'three_public_admin',
  title: '“三公”经费、行政参公单位机关运行经费情况表',
  titles: ['"三公"经费、行政参公单位机关运行经费情况表', '"三公"经费、行政参公单位机关运行经费情况'],
  source: 'seed 001 公开10表 (云南)',
  variant: '云南',
  set: 'yunnan',
  layout: 'rows',
  columns: [
    { key: 'initial_budget', header: ['预算数|年初预算数'] },
    { key: 'budget', header: ['全年预算数'] },
    { key: 'actual', header: ['决算统计数|决算数'] },
  ],
  lines: [
    { key: 'heading', names: ['"三公"经费支出'] },
    { key: 'total', names: ['支出合计'], level: 'total' },
    ...amountLines,
    ...countLines,
    { key: 'admin_cost', names: ['机关运行经费'] },
    { key: 'admin_cost.admin', names: ['行政单位'] },
    { key: 'admin_cost.civil_servant_managed', names: ['参照公务员法管理事业单位', '参公事业单位'] },
  ],
};
