/** What every template prints above and under its table: title, 公开NN表 label, the 编制单位/年度/单位 line, notes. */
import type { Draft } from './draft';
import type { CodeLine, TemplateSetId, TemplateUnit } from './types';

export interface LayoutContext {
  set: TemplateSetId;
  year: number;
  unit: TemplateUnit;
  org: string;
  /** `公开01表`, or null where the set prints none. */
  label: string | null;
  codeLines: CodeLine[];
  blankRows: number;
}

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Chinese ordinal number, 1 … 99: 一, 十, 十一, 二十六. */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN[tens]}十${CN[n % 10]}`;
}

/** The org line's prefix as each set prints it. */
function orgText(ctx: LayoutContext): string {
  return `${ctx.set === 'yunnan' ? '部门' : '编制单位'}：${ctx.org}`;
}

/**
 * Title (row 0), label (row 1, right), then org | year | unit (row 2); returns the first row of the table.
 * `unitText` overrides `金额单位：…` (国有资产占用情况表 counts things).
 */
export function frame(d: Draft, ctx: LayoutContext, title: string, unitText?: string): number {
  const last = d.width - 1;
  d.merge(0, 0, 0, last, title, 'title');
  d.heights[0] = 30;
  if (ctx.label) d.put(1, last, ctx.label, 'label');
  const unit = unitText ?? `金额单位：${ctx.unit}`;
  const year = `${ctx.year}年度`;
  if (d.width < 4) {
    d.put(2, 0, orgText(ctx), 'metaLeft');
    d.put(2, 1, year, 'metaCenter');
    d.put(2, last, unit, 'metaRight');
  } else {
    const orgEnd = Math.max(0, Math.floor(d.width / 3) - 1);
    d.merge(2, 0, 2, orgEnd, orgText(ctx), 'metaLeft');
    const mid = Math.floor(d.width / 2);
    d.put(2, mid, year, 'metaCenter');
    d.put(2, last, unit, 'metaRight');
  }
  return 3;
}

/** Notes under the table, one per line from `row`, each merged across the table. */
export function notes(d: Draft, row: number, lines: string[]): number {
  lines.forEach((text, i) => d.merge(row + i, 0, row + i, d.width - 1, text, 'note'));
  return row + lines.length;
}
