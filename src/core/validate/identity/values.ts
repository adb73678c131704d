/** Values of terms in an identity's unit, and the rounding bound of printed 万元 amounts (domain.md §5). */
import { Decimal } from '../../amount';
import type { RecognisedTable } from '../../model';
import type { Term } from '../identities';
import { isTerm, type Built } from './select';

export const HALF_CENT = new Decimal('0.005');
const TEN_THOUSAND = new Decimal(10000);
export const ZERO = new Decimal(0);

/** The value a term contributes, in `unit`. Empty, `—` and missing count as zero (the shared ZERO). */
export function valueIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  const v = term.cell?.status === 'number' && term.cell.value ? term.cell.value : ZERO;
  return convert(v, term.kind === 'amount' ? term.table.unit : null, unit);
}

/** Whether a term is a printed 万元 amount, which stands for ± half its last digit. */
function rounded(term: Term): boolean {
  return term.kind === 'amount' && term.cell?.status === 'number' && term.table.unit === '万元';
}

/** Half the last printed digit of a 万元 amount, in `unit`; zero for exact values. */
export function halfWidthIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  return rounded(term) ? convert(HALF_CENT, '万元', unit) : ZERO;
}

export function convert(v: Decimal, from: RecognisedTable['unit'], to: RecognisedTable['unit']): Decimal {
  if (!from || !to || from === to) return v;
  if (v === ZERO) return ZERO;
  return from === '元' ? v.div(TEN_THOUSAND) : v.times(TEN_THOUSAND);
}

/** The unit an identity is judged in: the total's, else the first part's. */
export function unitOf(b: Built): RecognisedTable['unit'] {
  return isTerm(b.total) ? b.total.table.unit : (b.parts[0]?.table.unit ?? null);
}

/** The total and Σ parts of a built identity in its unit (decimal.js), and its printed 万元 terms (halves). */
export function sumsOf(b: Built): { totalV: Decimal; sum: Decimal; halves: number } {
  const total = isTerm(b.total) ? b.total : null;
  const unit = unitOf(b);
  const totalV = total ? valueIn(total, unit) : (b.total as { constant: Decimal }).constant;
  let sum = ZERO;
  // Printed 万元 terms, each good for ± half a cent: the rounding bound is that many half cents.
  let halves = total && rounded(total) ? 1 : 0;
  for (const p of b.parts) {
    const v = valueIn(p, unit);
    if (v !== ZERO) sum = p.sign < 0 ? sum.minus(v) : sum.plus(v);
    if (rounded(p)) halves += 1;
  }
  return { totalV, sum, halves };
}
