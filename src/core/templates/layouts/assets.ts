/** 国有资产占用情况表 (江西 10表, counts of vehicles and equipment) and 国有资产使用情况表 (云南 11表, amounts). */
import { Draft, LEFT, UP } from '../draft';
import { frame, notes, type LayoutContext } from '../frame';

const VEHICLES: [string, string][] = [
  ['vehicles.total', '一、车辆数合计（台、辆）'],
  ['vehicles.ministerial', '1.副部（省）级及以上领导用车'],
  ['vehicles.leader', '2.主要领导干部用车'],
  ['vehicles.confidential', '3.机要通信用车'],
  ['vehicles.emergency', '4.应急保障用车'],
  ['vehicles.law_enforcement', '5.执法执勤用车'],
  ['vehicles.special', '6.特种专业技术用车'],
  ['vehicles.retired', '7.离退休干部用车'],
  ['vehicles.other', '8.其他用车'],
  ['equipment', '二、单价100万元（含）以上设备（不含车辆）'],
];

export function assetOccupancyLayout(ctx: LayoutContext): Draft {
  const d = new Draft('asset_occupancy', [44, 8, 16]);
  let r = frame(d, ctx, '国有资产占用情况表', '单位：台、辆、套');
  r = d.grid(r, [['项目', '栏次', '决算数']], 'header');
  d.col({ key: 'actual', col: 2, kind: 'count' });
  VEHICLES.forEach(([key, name], i) => {
    d.put(r + i, 0, name, key === 'vehicles.total' ? 'textBold' : 'text');
    d.put(r + i, 1, i + 1, 'seq');
    d.put(r + i, 2, null, 'count');
    d.row({ key, level: key === 'vehicles.total' ? 'total' : 'line', row: r + i, valueKind: 'count' });
  });
  notes(d, r + VEHICLES.length, [
    `注：本表反映截止${ctx.year}年12月31日，部门占用的国有资产情况。`,
    '说明：当此表数据为空时，即本部门无相关资产。',
  ]);
  return d;
}

const USAGE: [string, string][] = [
  ['total', '资产总额'],
  ['current', '流动资产'],
  ['fixed', '小计'],
  ['fixed.buildings', '房屋构筑物'],
  ['fixed.vehicles', '车辆'],
  ['fixed.large_equipment', '单价200万以上大型设备'],
  ['fixed.other', '其他固定资产'],
  ['investment', '对外投资/有价证券'],
  ['construction', '在建工程'],
  ['intangible', '无形资产'],
  ['other', '其他资产'],
];

export function assetUsageLayout(ctx: LayoutContext): Draft {
  const d = new Draft('asset_usage', [16, 6, ...USAGE.map(() => 13)]);
  let r = frame(d, ctx, '国有资产使用情况表');
  const heads = USAGE.map(([, h]) => h);
  r = d.grid(
    r,
    [
      ['项目', '行次', heads[0], heads[1], '固定资产', LEFT, LEFT, LEFT, LEFT, heads[7], heads[8], heads[9], heads[10]],
      [UP, UP, UP, UP, ...heads.slice(2, 7), UP, UP, UP, UP],
      ['栏次', '', ...USAGE.map((_, i) => String(i + 1))],
    ],
    'header',
  );
  USAGE.forEach(([key], i) => d.col({ key, col: 2 + i, kind: 'amount' }));
  d.put(r, 0, '合计', 'textBold');
  d.put(r, 1, 1, 'seq');
  USAGE.forEach((_, i) => d.put(r, 2 + i, null, 'amountTotal'));
  d.row({ key: 'total', level: 'total', row: r });
  notes(d, r + 1, [
    '注：1. 资产总额=流动资产+固定资产+对外投资/有价证券+在建工程+无形资产+其他资产；',
    '2. 固定资产=房屋构筑物+车辆+单价200万元以上大型设备+其他固定资产；',
    '3. 填报金额为资产“账面原值”。',
  ]);
  return d;
}
