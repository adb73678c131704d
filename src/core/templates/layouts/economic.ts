/**
 * 一般公共预算财政拨款基本支出决算表 (and 云南 项目支出决算表 by economic class): code | name | amount triples side by
 * side, each filled with whole economic 类 (their 款 under them); the last row carries 人员经费合计 and 公用经费合计.
 * Which 类 go in which triple follows the published tables of each set (seeds 000, 001, the 上海 2024 template).
 */
import { ECONOMIC_CODES, PERSONNEL_CLASSES } from '../../classification';
import type { TableKind } from '../../model';
import { Draft, repeat, LEFT } from '../draft';
import { frame, notes, type LayoutContext } from '../frame';

/** 上海's 310 block prints fewer 款 (the 2024 template). */
const SHANGHAI_310 = ['310', '31001', '31002', '31003', '31007', '31013', '31019', '31021', '31022', '31099'];

function classRows(cls: string, set: LayoutContext['set']): { code: string; name: string }[] {
  const rows = ECONOMIC_CODES.filter((e) => e.code === cls || (e.code.length === 5 && e.code.startsWith(cls)));
  const kept = set === 'shanghai' && cls === '310' ? rows.filter((e) => SHANGHAI_310.includes(e.code)) : rows;
  return kept.map((e) => ({ code: e.code, name: e.name }));
}

/** The 类 of each triple, by set and table. */
function triples(kind: TableKind, set: LayoutContext['set']): string[][] {
  if (kind === 'gpb_project_economic')
    return [
      ['301', '303'],
      ['302', '307'],
      ['309', '310'],
      ['311', '312', '313', '399'],
    ];
  if (set === 'shanghai')
    return [
      ['301', '303'],
      ['302', '310'],
    ];
  if (set === 'yunnan')
    return [
      ['301', '303'],
      ['302', '307'],
      ['310', '312', '399'],
    ];
  return [['301', '303'], ['302'], ['307', '310', '312', '399']];
}

export function economicLayout(ctx: LayoutContext, kind: 'gpb_basic' | 'gpb_project_economic'): Draft {
  const groups = triples(kind, ctx.set);
  const widths = groups.flatMap(() => [10, 26, 14]);
  const title = kind === 'gpb_basic' ? '一般公共预算财政拨款基本支出决算表' : '一般公共预算财政拨款项目支出决算表';
  const d = new Draft(kind, widths);
  let r = frame(d, ctx, title);
  const amountHeader = ctx.set === 'shanghai' ? '决算数' : '金额';
  const codeHeader = ctx.set === 'yunnan' ? '科目编码' : '经济分类科目编码';
  const sub = groups.flatMap(() => [codeHeader, '科目名称', amountHeader]);
  const header: string[][] =
    ctx.set === 'shanghai' ? [sub] : [['人员经费', LEFT, LEFT, '公用经费', ...repeat(LEFT, widths.length - 4)], sub];
  r = d.grid(r, header, 'header');
  const columns = groups.map((cls) => cls.flatMap((c) => classRows(c, ctx.set)));
  const height = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < height; i++) {
    columns.forEach((rows, t) => {
      const line = rows[i];
      const [code, name, amount] = [3 * t, 3 * t + 1, 3 * t + 2];
      d.put(r + i, code, line?.code ?? null, 'code');
      d.put(r + i, name, line?.name ?? null, line?.code.length === 3 ? 'textBold' : 'text');
      d.put(r + i, amount, null, 'amount');
      if (!line) return;
      const block = PERSONNEL_CLASSES.includes(line.code.slice(0, 3)) ? 'personnel' : 'public';
      d.row({ key: line.code, level: line.code.length === 3 ? 'class' : 'section', block, row: r + i, colOf: { amount } });
    });
  }
  r += height;
  const last = widths.length - 1;
  d.merge(r, 0, r, 1, '人员经费合计', 'textBold');
  d.put(r, 2, null, 'amountTotal');
  d.merge(r, 3, r, last - 1, ctx.set === 'shanghai' ? '公用经费合计' : '公用经费合计', 'textBold');
  d.put(r, last, null, 'amountTotal');
  d.row({ key: 'personnel.total', level: 'total', block: 'personnel', row: r, colOf: { amount: 2 } });
  d.row({ key: 'public.total', level: 'total', block: 'public', row: r, colOf: { amount: last } });
  d.col({ key: 'amount', col: 2, kind: 'amount' });
  const what = kind === 'gpb_basic' ? '基本支出明细' : '项目支出经济分类支出';
  notes(d, r + 1, [`注：本表反映部门本年度一般公共预算财政拨款${what}情况。`]);
  return d;
}
