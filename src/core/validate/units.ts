/**
 * A table in the wrong unit: a 元 table pasted into a 万元 set (or the reverse) breaks every identity between
 * it and the other tables by a factor of 10,000. One `unit.mismatch` finding naming the table says what
 * happened; the dozens of cross-table errors it explains are folded into it (listed by count, not one by one).
 *
 * Judged from the broken identities between two tables (total in one, every part in the other): an identity
 * fits when the larger side ÷ 10,000 equals the smaller up to the rounding bound (0.005 per printed term)
 * plus 0.05 % (values converted between declared units carry no bound of their own). A pair of tables is in
 * different units when more of its broken identities (both sides non-zero) fit than do not. The table in
 * the wrong unit is the one at odds with most other tables, else the one that agrees with no third table
 * (01表 agrees with 02表 and 04表, a pasted 03表 with nobody); when even that does not tell, both are named.
 */
import { checkSeverity } from '../rules';
import { Decimal, formatAmount } from '../amount';
import type { Finding, RecognisedTable } from '../model';
import type { IdentityOutcome } from './identities';

const TEN_THOUSAND = new Decimal(10000);
const HALF_CENT = new Decimal('0.005');
const RELATIVE = new Decimal('0.0005');

interface Pair {
  a: RecognisedTable;
  b: RecognisedTable;
  fits: IdentityOutcome[];
  others: number;
  /** The table with the larger values. */
  big: RecognisedTable | null;
}

/** The table of every part when it is one table other than the total's, else null. */
function partTable(o: IdentityOutcome): RecognisedTable | null {
  const terms = o.sum?.terms ?? [];
  if (terms.length < 2) return null;
  const t = terms[1].table;
  return t !== terms[0].table && terms.slice(1).every((x) => x.table === t) ? t : null;
}

function fitsTenThousand(o: IdentityOutcome): 'total' | 'parts' | null {
  const s = o.sum!;
  const t = s.total.abs();
  const p = s.parts.abs();
  if (t.isZero() || p.isZero()) return null;
  const [big, small] = t.gt(p) ? [t, p] : [p, t];
  const bound = HALF_CENT.times(Math.max(s.printed, 2)).plus(small.times(RELATIVE));
  if (big.div(TEN_THOUSAND).minus(small).abs().gt(bound)) return null;
  return t.gt(p) ? 'total' : 'parts';
}

/**
 * The findings of `outcomes`, with the cross-table errors explained by a table in the wrong unit replaced by
 * one `unit.mismatch` finding per such table. With `disabled`, the findings as they are.
 */
export function unitMismatch(outcomes: readonly IdentityOutcome[], names: Map<RecognisedTable, string>, disabled = false): Finding[] {
  const plain: Finding[] = [];
  for (let k = 0; k < outcomes.length; k++) if (outcomes[k].finding) plain.push(outcomes[k].finding!);
  if (disabled) return plain;
  const pairs = new Map<string, Pair>();
  for (let k = 0; k < outcomes.length; k++) {
    const o = outcomes[k];
    if (!o.finding || o.finding.severity !== 'error' || o.relation !== 'eq' || !o.sum) continue;
    const other = partTable(o);
    if (!other) continue;
    const [a, b] = o.table.id < other.id ? [o.table, other] : [other, o.table];
    const key = `${a.id}|${b.id}`;
    const pair = pairs.get(key) ?? { a, b, fits: [], others: 0, big: null };
    pairs.set(key, pair);
    const side = fitsTenThousand(o);
    if (side) {
      pair.fits.push(o);
      pair.big ??= side === 'total' ? o.table : other;
    } else if (!o.sum.total.isZero() && !o.sum.parts.isZero()) pair.others += 1;
  }
  const mismatched = [...pairs.values()].filter((p) => p.fits.length > 0 && p.fits.length > p.others);
  if (mismatched.length === 0) return plain;
  const degree = new Map<RecognisedTable, number>();
  for (const p of mismatched) for (const t of [p.a, p.b]) degree.set(t, (degree.get(t) ?? 0) + 1);
  // Identities between tables that hold (up to rounding) with non-zero values: a table agreeing with a third
  // table is in the set's unit.
  const agrees = new Map<RecognisedTable, number>();
  for (const o of outcomes) {
    const other = o.sum && partTable(o);
    if (!other || (o.finding && o.finding.severity !== 'rounding') || o.sum!.total.isZero()) continue;
    for (const t of [o.table, other]) agrees.set(t, (agrees.get(t) ?? 0) + 1);
  }
  // The odd table of each pair: the one at odds with more tables, else the one agreeing with fewer; a tie
  // names the pair.
  const byOdd = new Map<RecognisedTable | Pair, Pair[]>();
  for (const p of mismatched) {
    const da = degree.get(p.a)! * 1000 - (agrees.get(p.a) ?? 0);
    const db = degree.get(p.b)! * 1000 - (agrees.get(p.b) ?? 0);
    const odd = da === db ? p : da > db ? p.a : p.b;
    byOdd.set(odd, [...(byOdd.get(odd) ?? []), p]);
  }
  const absorbed = new Set<Finding>();
  const out: Finding[] = [];
  for (const [odd, ps] of byOdd) {
    const fits = ps.flatMap((p) => p.fits);
    fits.forEach((o) => absorbed.add(o.finding!));
    out.push('fits' in odd ? pairFinding(odd, names) : tableFinding(odd, ps, fits, names));
  }
  return [...plain.filter((f) => !absorbed.has(f)), ...out];
}

/** `收入支出决算总表（公开01表）公开01表!F33 为 1,709.37，支出决算表（公开03表）公开03表!E7 为 17,093,800.00` (as printed). */
function exampleOf(o: IdentityOutcome, names: Map<RecognisedTable, string>): string {
  const [total, ...parts] = o.sum!.terms;
  const printedIn = (t: RecognisedTable, v: Decimal) =>
    o.table.unit && t.unit && t.unit !== o.table.unit ? (t.unit === '元' ? v.times(TEN_THOUSAND) : v.div(TEN_THOUSAND)) : v;
  const part = parts.length === 1 && parts[0].address ? `${parts[0].address}` : `${parts.length} 项之和`;
  return (
    `${names.get(total.table)} ${total.address} 为 ${formatAmount(o.sum!.total)}，` +
    `${names.get(parts[0].table)} ${part} 为 ${formatAmount(printedIn(parts[0].table, o.sum!.parts))}`
  );
}

function cellsOf(fits: IdentityOutcome[], table: RecognisedTable): string[] {
  const out: string[] = [];
  for (const o of fits) for (const t of o.sum!.terms) if (t.table === table && t.address && !out.includes(t.address)) out.push(t.address);
  return out;
}

function unitHint(t: RecognisedTable, bigger: boolean, others: RecognisedTable[]): string {
  if (t.unit === '万元' && bigger) return `表头金额单位为“万元”，数值却像是以“元”填列（整张元表粘贴进来？）`;
  if (t.unit === '元' && !bigger) return `表头金额单位为“元”，数值却像是以“万元”填列`;
  const theirs = others.every((o) => o.unit === others[0]?.unit) ? others[0]?.unit : null;
  if (!t.unit && theirs) {
    const looks = bigger ? (theirs === '万元' ? '元' : null) : theirs === '元' ? '万元' : null;
    if (looks) return `表头未注明金额单位，数值像是以“${looks}”填列，而其他表为“${theirs}”`;
  }
  return '请核对本表的金额单位与数值';
}

function tableFinding(t: RecognisedTable, ps: Pair[], fits: IdentityOutcome[], names: Map<RecognisedTable, string>): Finding {
  const bigger = ps.filter((p) => p.big === t).length * 2 >= ps.length;
  const others = ps.map((p) => (p.a === t ? p.b : p.a));
  const partners = others.map((o) => names.get(o)!);
  const example = exampleOf(fits[0], names);
  return {
    rule: 'unit.mismatch',
    severity: checkSeverity('unit.mismatch'),
    message:
      `${names.get(t)}的金额约为${partners.join('、')}中同一数字的${bigger ? ' 10000 倍' : '万分之一'}：${unitHint(t, bigger, others)}。` +
      `请核对本表金额单位（元/万元）；由此产生的 ${fits.length} 处表间不一致不再逐条列出，例：${example}`,
    cells: cellsOf(fits, t),
    expected: '1',
    actual: bigger ? '10000' : '0.0001',
    table: t.id,
  };
}

function pairFinding(p: Pair, names: Map<RecognisedTable, string>): Finding {
  const big = p.big ?? p.a;
  const small = big === p.a ? p.b : p.a;
  return {
    rule: 'unit.mismatch',
    severity: checkSeverity('unit.mismatch'),
    message:
      `${names.get(big)}的金额约为${names.get(small)}中同一数字的 10000 倍：两表中有一张的金额单位（元/万元）有误` +
      `（${names.get(big)}表头为“${big.unit ?? '未注明'}”，${names.get(small)}表头为“${small.unit ?? '未注明'}”）。` +
      `由此产生的 ${p.fits.length} 处表间不一致不再逐条列出，例：${exampleOf(p.fits[0], names)}`,
    cells: [...cellsOf(p.fits, big), ...cellsOf(p.fits, small)],
    expected: '1',
    actual: '10000',
    table: big.id,
  };
}
