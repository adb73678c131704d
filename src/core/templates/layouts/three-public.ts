/**
 * “三公” tables: 江西 vertical (rows 1–9 amounts, 10–20 counts), 云南 10表 (with 机关运行经费), 上海 horizontal
 * (each item a 预算数/决算数 pair over one data row). `—` where the published tables print it (not applicable).
 */
import { Draft, repeat, LEFT, UP, type LRow } from '../draft';
import { frame, notes, type LayoutContext } from '../frame';

type Line = [key: string, name: string, na: ('initial_budget' | 'budget' | 'actual')[], count?: boolean];
const BUDGETS: Line[2] = ['initial_budget', 'budget'];
const ALL: Line[2] = ['initial_budget', 'budget', 'actual'];

const AMOUNTS: Line[] = [
  ['abroad', '1.因公出国（境）费', []],
  ['vehicle', '2.公务用车购置及运行维护费', []],
  ['vehicle.purchase', '（1）公务用车购置费', []],
  ['vehicle.operation', '（2）公务用车运行维护费', []],
  ['reception', '3.公务接待费', []],
  ['reception.domestic', '（1）国内接待费', BUDGETS],
  ['reception.domestic.foreign_affairs', '其中：外事接待费', BUDGETS],
  ['reception.abroad', '（2）国（境）外接待费', BUDGETS],
];

const COUNTS: Line[] = [
  ['count.abroad_groups', '1.因公出国（境）团组数（个）', BUDGETS, true],
  ['count.abroad_people', '2.因公出国（境）人次数（人）', BUDGETS, true],
  ['count.vehicle_purchased', '3.公务用车购置数（辆）', BUDGETS, true],
  ['count.vehicle_held', '4.公务用车保有量（辆）', BUDGETS, true],
  ['count.reception_batches', '5.国内公务接待批次（个）', BUDGETS, true],
  ['count.reception_batches.foreign_affairs', '其中：外事接待批次（个）', BUDGETS, true],
  ['count.reception_people', '6.国内公务接待人次（人）', BUDGETS, true],
  ['count.reception_people.foreign_affairs', '其中：外事接待人次（人）', BUDGETS, true],
  ['count.abroad_reception_batches', '7.国（境）外公务接待批次（个）', BUDGETS, true],
  ['count.abroad_reception_people', '8.国（境）外公务接待人次（人）', BUDGETS, true],
];

const COLS = ['initial_budget', 'budget', 'actual'] as const;

function vertical(
  ctx: LayoutContext,
  kind: 'three_public' | 'three_public_admin',
  title: string,
  lines: Line[],
  heads: string[],
  note: string[],
): Draft {
  const d = new Draft(kind, [40, 6, 16, 16, 16]);
  let r = frame(d, ctx, title);
  r = d.grid(
    r,
    [
      ['项目', '行次', ...heads],
      ['栏次', '', '1', '2', '3'],
    ],
    'header',
  );
  COLS.forEach((key, i) => d.col({ key, col: 2 + i, kind: 'amount' }));
  lines.forEach(([key, name, na, count], i) => {
    const row = r + i;
    d.put(row, 0, name, key === 'total' || key === 'admin_cost' ? 'textBold' : 'text');
    d.put(row, 1, i + 1, 'seq');
    COLS.forEach((c, j) => d.put(row, 2 + j, na.includes(c) ? '—' : null, count ? 'count' : key === 'total' ? 'amountTotal' : 'amount'));
    const lrow: LRow = { key, level: key === 'total' ? 'total' : 'line', row, na: [...na] };
    if (count) lrow.valueKind = 'count';
    d.row(lrow);
  });
  notes(d, r + lines.length, note);
  return d;
}

export function threePublicJiangxiLayout(ctx: LayoutContext): Draft {
  return vertical(
    ctx,
    'three_public',
    '财政拨款“三公”经费支出决算表',
    [['total', '一、“三公”经费支出', []], ...AMOUNTS, ['stats', '二、相关统计数', ALL], ...COUNTS],
    ['年初预算数', '全年预算数', '决算数'],
    [
      '注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。年初预算数指年初“三公”经费部门预算数；全年预算数指按规定程序调整调剂后的全年“三公”经费部门预算数；决算数反映当年预算安排的实际支出数。',
    ],
  );
}

export function threePublicAdminLayout(ctx: LayoutContext): Draft {
  const amounts = AMOUNTS.map(([k, name, na]): Line => [k, name.replace(/^(\d)\./, '$1. '), na]);
  return vertical(
    ctx,
    'three_public_admin',
    '“三公”经费、行政参公单位机关运行经费情况表',
    [
      ['heading', '一、“三公”经费支出', ALL],
      ['total', '（一）支出合计', []],
      ...amounts,
      ['stats', '（二）相关统计数', ALL],
      ...COUNTS,
      ['admin_cost', '二、机关运行经费', BUDGETS],
      ['admin_cost.admin', '（一）行政单位', BUDGETS],
      ['admin_cost.civil_servant_managed', '（二）参照公务员法管理事业单位', BUDGETS],
    ],
    ['预算数', '全年预算数', '决算统计数'],
    [
      '注：1. “三公”经费为单位使用一般公共预算财政拨款安排的支出，包括当年一般公共预算财政拨款和以前年度一般公共预算财政拨款结转结余资金安排的实际支出。',
      '2. “机关运行经费”填列行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。',
    ],
  );
}

/** 上海 表7: 合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费), 公务接待费 — each 预算数 | 决算数. */
export function threePublicShanghaiLayout(ctx: LayoutContext): Draft {
  const d = new Draft('three_public', repeat(11, 12));
  let r = frame(d, ctx, '财政拨款“三公”经费支出决算表');
  const pairs = ['预算数', '决算数'];
  r = d.grid(
    r,
    [
      ['财政拨款“三公”经费', ...repeat(LEFT, 11)],
      ['合计', LEFT, '因公出国（境）费', LEFT, '公务用车购置及运行维护费', LEFT, LEFT, LEFT, LEFT, LEFT, '公务接待费', LEFT],
      [UP, UP, UP, UP, '小计', LEFT, '公务用车购置费', LEFT, '公务用车运行维护费', LEFT, UP, UP],
      Array.from({ length: 12 }, (_, i) => pairs[i % 2]),
    ],
    'header',
  );
  d.col({ key: 'budget', col: 0, kind: 'amount' });
  d.col({ key: 'actual', col: 1, kind: 'amount' });
  const items = ['total', 'abroad', 'vehicle', 'vehicle.purchase', 'vehicle.operation', 'reception'];
  items.forEach((key, i) => {
    d.put(r, 2 * i, null, i === 0 ? 'amountTotal' : 'amount');
    d.put(r, 2 * i + 1, null, i === 0 ? 'amountTotal' : 'amount');
    d.row({ key, level: key === 'total' ? 'total' : 'line', row: r, colOf: { budget: 2 * i, actual: 2 * i + 1 } });
  });
  notes(d, r + 1, ['注：本表反映部门本年度“三公”经费支出预决算情况。']);
  return d;
}
