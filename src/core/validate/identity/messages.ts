/** Messages of broken sum identities, in Chinese, for accountants: what, where, by how much, in which unit. */
import { Decimal } from '../../amount';
import type { ColumnKind, RecognisedTable } from '../../model';
import { columnLabel, formatValue, rowLabel, unitText } from '../describe';
import type { Term } from '../identities';
import { valueIn } from './values';
import { isTerm, type Built, type Ctx } from './select';

/** Hierarchy messages list at most this many parts by name; the cells list always has all of them. */
const MAX_NAMED_PARTS = 8;

/** Full name of a term: table, row, column. */
function fullLabel(ctx: Ctx, t: Term): string {
  return `${ctx.names.get(t.table)}${rowLabel(t.row, t.rowKey)}${columnLabel(t.table, t.colKey, t.row?.block)}`;
}

/** A part named only as far as it differs from the total (same row → column; same column → row). */
function partLabel(ctx: Ctx, p: Term, total: Term | null, table: RecognisedTable): string {
  if (!total) return p.table === table ? `${rowLabel(p.row, p.rowKey)}${columnLabel(p.table, p.colKey, p.row?.block)}` : fullLabel(ctx, p);
  if (p.table !== total.table) return fullLabel(ctx, p);
  const sameRow = p.row !== null && p.row === total.row;
  if (sameRow) return columnLabel(p.table, p.colKey, p.row?.block);
  if (p.colKey === total.colKey) return rowLabel(p.row, p.rowKey);
  return `${rowLabel(p.row, p.rowKey)}${columnLabel(p.table, p.colKey, p.row?.block)}`;
}

export function sumMessage(
  ctx: Ctx,
  table: RecognisedTable,
  relation: 'eq' | 'le',
  b: Built,
  totalV: Decimal,
  sum: Decimal,
  diff: Decimal,
  bound: Decimal,
  rounding: boolean,
  unit: RecognisedTable['unit'],
): string {
  const total = isTerm(b.total) ? b.total : null;
  const kind: ColumnKind = total?.kind ?? b.parts[0]?.kind ?? 'amount';
  const u = kind === 'amount' ? (unit ? ` ${unit}` : '') : unitText(table, kind);
  const fmt = (d: Decimal) => formatValue(d, kind);
  const shown = b.parts.filter((p) => p.cell !== null && p.cell.status === 'number');
  const named = shown.length <= MAX_NAMED_PARTS ? shown : shown.slice(0, 3);
  let expr = named
    .map(
      (p, i) =>
        `${i === 0 ? (p.sign < 0 ? '−' : '') : p.sign < 0 ? ' − ' : ' + '}${partLabel(ctx, p, total, table)} ${fmt(valueIn(p, unit))}`,
    )
    .join('');
  if (shown.length > named.length) expr += ` + … 等 ${shown.length} 项`;
  if (shown.length === 0) {
    const only = b.parts.length === 1 ? partLabel(ctx, b.parts[0], total, table) : `${b.parts.length} 项`;
    expr = `${only} ${b.parts.length === 1 ? '' : '均'}为空`;
  }
  const uExpr = shown.length === 0 ? '' : u;
  const single = shown.length === 1 && shown[0].sign > 0;
  const tail = rounding
    ? `，在尾数误差允许范围（±${bound.toString()}${u}）内，属尾数差`
    : bound.isZero()
      ? ''
      : `，超出尾数误差允许范围（±${bound.toString()}${u}）`;
  if (!total) {
    const c = (b.total as { constant: Decimal }).constant;
    const col = b.parts[0]?.colKey;
    const off = sum.gt(c) ? `多 ${fmt(sum.minus(c))}${u}` : `少 ${fmt(c.minus(sum))}${u}`;
    if (col && b.parts.every((p) => p.table === table && p.colKey === col)) {
      const rowsOnly = named.map((p, i) => `${i === 0 ? '' : ' + '}${rowLabel(p.row, p.rowKey)} ${fmt(valueIn(p, unit))}`).join('');
      const more = shown.length > named.length ? ` + … 等 ${shown.length} 项` : '';
      return `${ctx.names.get(table)}${columnLabel(table, col, b.parts[0].row?.block)}之和：${rowsOnly}${more} = ${fmt(sum)}${u}，应为 ${fmt(c)}${u}，${off}`;
    }
    return `${ctx.names.get(table)}：${expr}${single ? '' : ` = ${fmt(sum)}`}${u}，应为 ${fmt(c)}${u}，${off}`;
  }
  const totalValue = `${total.cell && total.cell.status === 'number' ? fmt(totalV) : total.cell ? '为空' : '未列示'}${total.cell?.status === 'number' ? u : ''}`;
  const totalText = `${fullLabel(ctx, total)} ${totalValue}`;
  if (relation === 'le') {
    // A 其中 line of the same table: the table named once, both lines with their column.
    if (b.parts.every((p) => p.table === total.table)) {
      const local = (t: Term) => `${rowLabel(t.row, t.rowKey)}${columnLabel(t.table, t.colKey, t.row?.block)}`;
      const lhs = shown.map((p, i) => `${i === 0 ? '' : ' + '}${local(p)} ${fmt(valueIn(p, unit))}`).join('');
      return `${ctx.names.get(total.table)}${lhs}${single ? '' : ` = ${fmt(sum)}`}${uExpr} 超过 ${local(total)} ${totalValue}，超出 ${fmt(diff)}${u}${tail}`;
    }
    return `${expr}${single ? '' : ` = ${fmt(sum)}`}${uExpr} 超过 ${totalText}，超出 ${fmt(diff)}${u}${tail}`;
  }
  // Which side is larger, in words: a signed 相差 -0.01 reads badly.
  const off = diff.isNegative() ? `前者比后者少 ${fmt(diff.abs())}${u}` : `前者比后者多 ${fmt(diff)}${u}`;
  return `${totalText} ≠ ${expr}${single || shown.length === 0 ? '' : ` = ${fmt(sum)}`}${uExpr}，${off}${tail}`;
}
