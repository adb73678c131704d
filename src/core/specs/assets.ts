/** 国有资产占用情况表 (counts, 江西 10表) and 国有资产使用情况表 (amounts, 云南 11表). */
import type { TableSpec } from './types';

export const assetOccupancy: TableSpec = {
  id: 'asset_occupancy/national',
  kind: 'asset_occupancy',
  title: '国有资产占用情况表',
  titles: ['国有资产占用情况表'],
  source: 'seed 000 公开10表 (单位：台、辆、套)',
  layout: 'rows',
  columns: [{ key: 'actual', header: ['决算数|数量'], kind: 'count' }],
  lines: [
    { key: 'vehicles.total', names: ['车辆数合计*'], level: 'total' },
    { key: 'vehicles.ministerial', names: ['副部(省)级及以上领导用车', '部级领导干部用车', '*级及以上领导用车'] },
    { key: 'vehicles.leader', names: ['主要领导干部用车'] },
    { key: 'vehicles.confidential', names: ['机要通信用车'] },
    { key: 'vehicles.emergency', names: ['应急保障用车'] },
    { key: 'vehicles.law_enforcement', names: ['执法执勤用车'] },
    { key: 'vehicles.special', names: ['特种专业技术用车'] },
    { key: 'vehicles.retired', names: ['离退休干部用车'] },
    { key: 'vehicles.other', names: ['其他用车'] },
    { key: 'equipment', names: ['单价*万元*以上设备*'] },
  ],
};

export const assetUsage: TableSpec = {
  id: 'asset_usage/yunnan',
  kind: 'asset_usage',
  title: '国有资产使用情况表',
  titles: ['国有资产使用情况表'],
  source: 'seed 001 公开11表 (云南)',
  variant: '云南',
  set: 'yunnan',
  layout: 'rows',
  columns: [
    { key: 'total', header: ['资产总额'] },
    { key: 'current', header: ['流动资产'] },
    { key: 'fixed', header: ['固定资产>小计|合计', '固定资产'] },
    { key: 'fixed.buildings', header: ['固定资产>房屋构筑物', '房屋构筑物'] },
    { key: 'fixed.vehicles', header: ['固定资产>车辆', '车辆'] },
    { key: 'fixed.large_equipment', header: ['固定资产>*大型设备', '*大型设备'] },
    { key: 'fixed.other', header: ['固定资产>其他固定资产', '其他固定资产'] },
    { key: 'investment', header: ['对外投资/有价证券|对外投资'] },
    { key: 'construction', header: ['在建工程'] },
    { key: 'intangible', header: ['无形资产'] },
    { key: 'other', header: ['其他资产'] },
  ],
  lines: [{ key: 'total', names: ['合计', '总计'], level: 'total' }],
};
