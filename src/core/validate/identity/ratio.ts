/** Judging ratio identities (执行率): the printed percent against numerator ÷ denominator, with rounding. */
import { Decimal } from '../../amount';
import type { CellAmount, RecognisedTable } from '../../model';
import type { Operand, RatioRule } from '../../rules/types';
import { identitySeverity } from '../../rules';
import { columnLabel, formatValue, rowLabel } from '../describe';
import type { IdentityOutcome } from '../identities';
import { halfWidthIn, valueIn } from './values';
import { address, coordsOf, printed, termOf, unusable, walkedRows, type Ctx } from './select';

/** A printed percent: its value in percent and how many decimals were printed. Null when not a percent. */
export function percentOf(cell: CellAmount | null): { value: Decimal; decimals: number } | null {
  if (!cell || cell.status === 'empty' || cell.status === 'na' || cell.status === 'error') return null;
  const raw = cell.raw;
  if (typeof raw === 'string') {
    const m = /^\s*([-+]?[\d,]*\.?\d+)\s*[%％]\s*$/.exec(raw) ?? /^\s*([-+]?[\d,]*\.?\d+)\s*$/.exec(raw);
    if (!m) return null;
    const text = m[1].replace(/,/g, '');
    return { value: new Decimal(text), decimals: text.includes('.') ? text.split('.')[1].length : 0 };
  }
  if (typeof raw === 'number' && cell.value) {
    // Excel keeps 97.63% as 0.9763: a bare number of at most 2 is read as a fraction. The cell's number
    // format is not known here, so the precision is the stored value's own: 0.9763 → 97.63 (2 decimals),
    // 0.98 → 98 (0), a formula's 0.97631234… → at most 4 decimals.
    const fraction = cell.value.abs().lte(2);
    const v = fraction ? cell.value.times(100) : cell.value;
    const decimals = Math.min(4, Math.max(0, cell.value.decimalPlaces() - (fraction ? 2 : 0)));
    return { value: v.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP), decimals };
  }
  return null;
}

export function evaluateRatio(ctx: Ctx, rule: RatioRule, table: RecognisedTable, out: IdentityOutcome[]): void {
  for (const cur of walkedRows(ctx, rule, table)) {
    if (!cur?.row) continue;
    const term = (op: Operand) => termOf(ctx, table, cur.row, cur.key, op.col!, 1);
    const result = term(rule.result);
    const num = term(rule.numerator);
    const den = term(rule.denominator);
    const p = percentOf(result.cell);
    if (!p || !printed(den) || [num, den].some(unusable) || (num.cell && num.cell.status === 'na')) continue;
    const d = den.cell!.value!;
    if (d.isZero()) continue;
    const n = valueIn(num, table.unit);
    const exact = n.div(d).times(100);
    const hN = halfWidthIn(num, table.unit);
    const hD = halfWidthIn(den, table.unit);
    const tol = new Decimal(5).times(new Decimal(10).pow(-(p.decimals + 1)));
    const lo = n.minus(hN).div(d.plus(hD)).times(100).minus(tol);
    const hi = d.minus(hD).lte(0) ? null : n.plus(hN).div(d.minus(hD)).times(100).plus(tol);
    const terms = [result, num, den];
    const outcome: IdentityOutcome = {
      ruleId: rule.id,
      relation: 'ratio',
      severity: identitySeverity(rule),
      table,
      cells: terms.map(address).filter((a): a is string => a !== null),
      coords: coordsOf(terms),
      finding: null,
    };
    out.push(outcome);
    const shownRate = exact.toDecimalPlaces(p.decimals, Decimal.ROUND_HALF_UP);
    if (shownRate.eq(p.value)) continue;
    const rounding = p.value.gte(lo) && (hi === null || p.value.lte(hi));
    const u = table.unit ? ` ${table.unit}` : '';
    outcome.finding = {
      rule: rule.id,
      severity: rounding ? 'rounding' : identitySeverity(rule),
      message:
        `${ctx.names.get(table)}${rowLabel(cur.row, cur.key)}${columnLabel(table, result.colKey, cur.block)} 为 ${p.value.toFixed(p.decimals)}%，` +
        `按 ${columnLabel(table, num.colKey, cur.block)} ${formatValue(n, 'amount')}${u} ÷ ${columnLabel(table, den.colKey, cur.block)} ${formatValue(d, 'amount')}${u} 计算` +
        (rounding
          ? `为 ${exact.toDecimalPlaces(p.decimals + 2, Decimal.ROUND_HALF_UP).toFixed(p.decimals + 2)}%，差异在金额尾数误差范围内`
          : `应为 ${shownRate.toFixed(p.decimals)}%`),
      cells: outcome.cells,
      expected: shownRate.toFixed(2),
      actual: p.value.toFixed(2),
      table: table.id,
      ...(rounding ? { tail: p.value.minus(shownRate).toFixed(2) } : {}),
    };
  }
}
