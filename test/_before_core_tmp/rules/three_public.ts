/** 财政拨款“三公”经费支出决算表（江西 09 竖表，上海 7 横表）and 云南 “三公”经费、机关运行经费情况表（10） — within the table. */
import type { TableKind } from '../model';
import type { SumRule } from './types';

const AMOUNT_COLS = ['initial_budget', 'budget', 'actual'];

function threePublic(kind: TableKind): SumRule[] {
  return [
    {
      type: 'sum',
      id: `${kind}.total`,
      kind,
      description: '每一金额列：“三公”经费支出合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
      cols: AMOUNT_COLS,
      total: { row: 'total' },
      parts: [{ row: 'abroad' }, { row: 'vehicle' }, { row: 'reception' }],
    },
    {
      type: 'sum',
      id: `${kind}.vehicle`,
      kind,
      description: '每一金额列：公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费',
      cols: AMOUNT_COLS,
      total: { row: 'vehicle' },
      parts: [{ row: 'vehicle.purchase' }, { row: 'vehicle.operation' }],
    },
    {
      type: 'sum',
      id: `${kind}.reception`,
      kind,
      description: '每一金额列（列出分项时，通常只有决算数）：公务接待费 = 国内接待费 + 国（境）外接待费',
      cols: AMOUNT_COLS,
      total: { row: 'reception' },
      parts: [{ row: 'reception.domestic' }, { row: 'reception.abroad' }],
    },
    {
      type: 'sum',
      id: `${kind}.foreign_affairs`,
      kind,
      description: '“其中：外事接待费”不超过国内接待费',
      cols: AMOUNT_COLS,
      total: { row: 'reception.domestic' },
      parts: [{ row: 'reception.domestic.foreign_affairs' }],
      relation: 'le',
    },
    {
      type: 'sum',
      id: `${kind}.count_batches`,
      kind,
      description: '相关统计数：“其中：外事接待批次”不超过国内公务接待批次',
      cols: ['actual'],
      total: { row: 'count.reception_batches' },
      parts: [{ row: 'count.reception_batches.foreign_affairs' }],
      relation: 'le',
    },
    {
      type: 'sum',
      id: `${kind}.count_people`,
      kind,
      description: '相关统计数：“其中：外事接待人次”不超过国内公务接待人次',
      cols: ['actual'],
      total: { row: 'count.reception_people' },
      parts: [{ row: 'count.reception_people.foreign_affairs' }],
      relation: 'le',
    },
  ];
}

export const threePublicRules: SumRule[] = threePublic('three_public');

export const threePublicAdminRules: SumRule[] = [
  ...threePublic('three_public_admin'),
  {
    type: 'sum',
    id: 'three_public_admin.admin_cost',
    kind: 'three_public_admin',
    description: '二、机关运行经费 = （一）行政单位 + （二）参照公务员法管理事业单位',
    cols: AMOUNT_COLS,
    total: { row: 'admin_cost' },
    parts: [{ row: 'admin_cost.admin' }, { row: 'admin_cost.civil_servant_managed' }],
  },
];
