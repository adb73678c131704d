/** 国有资产占用情况表（江西 10，数量）and 国有资产使用情况表（云南 11，金额） — within the table. */
import type { SumRule } from './types';

export const assetOccupancyRules: SumRule[] = [
  {
    type: 'sum',
    id: 'asset_occupancy.vehicles',
    kind: 'asset_occupancy',
    description: '一、车辆数合计 = 各类用车数之和（副部级及以上领导用车 … 其他用车）',
    cols: ['actual'],
    total: { row: 'vehicles.total' },
    parts: [
      {
        row: {
          keys: [
            'vehicles.ministerial',
            'vehicles.leader',
            'vehicles.confidential',
            'vehicles.emergency',
            'vehicles.law_enforcement',
            'vehicles.special',
            'vehicles.retired',
            'vehicles.other',
          ],
        },
      },
    ],
  },
];

export const assetUsageRules: SumRule[] = [
  {
    type: 'sum',
    id: 'asset_usage.row',
    kind: 'asset_usage',
    description: '每一行：资产总额 = 流动资产 + 固定资产 + 对外投资/有价证券 + 在建工程 + 无形资产 + 其他资产',
    rows: {},
    cols: ['total'],
    total: {},
    parts: [{ col: 'current' }, { col: 'fixed' }, { col: 'investment' }, { col: 'construction' }, { col: 'intangible' }, { col: 'other' }],
  },
  {
    type: 'sum',
    id: 'asset_usage.fixed',
    kind: 'asset_usage',
    description: '每一行：固定资产小计 = 房屋构筑物 + 车辆 + 大型设备 + 其他固定资产',
    rows: {},
    cols: ['fixed'],
    total: {},
    parts: [{ col: 'fixed.buildings' }, { col: 'fixed.vehicles' }, { col: 'fixed.large_equipment' }, { col: 'fixed.other' }],
  },
  {
    type: 'sum',
    id: 'asset_usage.units',
    kind: 'asset_usage',
    description: '每一金额列：“合计”行 = 各单位行之和（列出各单位时）',
    cols: 'amount',
    total: { row: 'total' },
    parts: [{ row: { keyPrefix: 'row' } }],
  },
];
