/**
 * The rounding problem of a conversion to 万元, in integers: hundredths of a 万元 (0.01 万元 = 100 元 = 10,000 分).
 * One variable per distinct figure: the validator's identities that say two cells are equal (a total with a
 * single printed part: the same figure in two tables) make them one variable. One constraint per sum identity
 * that held before conversion (`total = Σ sign·part` exactly; `part ≤ total` as a `ge`), taken from the
 * validator's own evaluation — one source of truth for what must foot.
 */
import { Decimal } from '../amount';
import type { CellAmount, Recognition } from '../model';
import type { IdentityOutcome } from '../validate/identities';
import { evaluateIdentities } from '../validate/identities';
import { qualifiedAddress } from '../snapshot';
import type { AmountCell } from './cells';
import type { RoundingConstraint, RoundingProblem, RoundingVar } from './problem';

export type Adjust = 'fewest' | 'largest' | 'last';

export interface ConstraintInfo {
  rule: string;
  /** Every cell of the identity, total first (as the validator lists them; spelt out when asked). */
  readonly cells: string[];
  /** The total's variable, or −1 when the total is no variable (an empty line, or folded into a part). */
  total: number;
}

export interface BuiltProblem {
  problem: RoundingProblem;
  /** The variable of each cell (index into `cells`). */
  varOf: Int32Array;
  /** The exact value of a variable, in hundredths of a 万元. */
  exact: (v: number) => Decimal;
  info: ConstraintInfo[];
}

/** Exact value in hundredths of a 万元 of an amount in 元. */
export function hundredths(value: Decimal): Decimal {
  return value.div(100);
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  /** The smaller index stays the root: the result does not depend on the order of unions. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface Identity {
  outcome: IdentityOutcome;
  relation: 'eq' | 'le';
  /** Cell indexes with their coefficient: Σ coef·value = 0 (eq) or ≥ 0 (le), the total's coefficient +1. */
  terms: { cell: number; coef: number }[];
  totalCell: number;
}

/**
 * The identities among the cells converted: every term an amount, every printed term a converted cell, and
 * holding exactly now. Identities that touch a cell left out of the conversion (another unit, out of scope)
 * or that did not hold are no constraint.
 */
function identitiesOf(outcomes: readonly IdentityOutcome[], index: CellIndex, cells: readonly AmountCell[]): Identity[] {
  const out: Identity[] = [];
  for (const o of outcomes) {
    if ((o.relation !== 'eq' && o.relation !== 'le') || !o.sum || o.finding !== null) continue;
    const terms: { cell: number; coef: number }[] = [];
    let usable = true;
    let totalCell = -1;
    o.sum.terms.forEach((t, i) => {
      if (!usable) return;
      if (t.kind !== 'amount') usable = false;
      else if (t.cell === null || t.cell.status === 'empty' || t.cell.status === 'na') return;
      else if (t.cell.status !== 'number') usable = false;
      else {
        const at = index.of(t.table.sheet, t.cell);
        if (at === undefined) usable = false;
        else {
          terms.push({ cell: at, coef: i === 0 ? 1 : -t.sign });
          if (i === 0) totalCell = at;
        }
      }
    });
    if (!usable || terms.length === 0) continue;
    // Held exactly (also guards against a total that is a constant: the terms are then the parts alone).
    const sign = heldSign(terms, cells);
    if (o.relation === 'eq' ? sign !== 0 : sign < 0) continue;
    out.push({ outcome: o, relation: o.relation, terms, totalCell });
  }
  return out;
}

/** The sign of Σ coef·value: in whole cents as numbers when every value is whole cents (exact), else in decimals. */
function heldSign(terms: readonly { cell: number; coef: number }[], cells: readonly AmountCell[]): number {
  let cents = 0;
  for (const t of terms) cents += t.coef * cells[t.cell].cents;
  if (Number.isFinite(cents)) return Math.sign(cents);
  let sum = new Decimal(0);
  for (const t of terms) sum = sum.plus(cells[t.cell].value.times(t.coef));
  return sum.isZero() ? 0 : sum.isNegative() ? -1 : 1;
}

/**
 * One cell as a rounding variable: the lower hundredth of a 万元 next to its value, whether it has a choice, and
 * what half-up rounding (away from zero at the half) picks. Whole cents (the usual case) in integers.
 */
function roundingOf(c: AmountCell): { floor: number; free: boolean; plain: 0 | 1 } {
  if (Number.isFinite(c.cents)) {
    const floor = Math.floor(c.cents / 10000);
    const frac = c.cents - floor * 10000;
    return { floor, free: frac !== 0, plain: frac > 5000 || (frac === 5000 && c.cents > 0) ? 1 : 0 };
  }
  const x = hundredths(c.value);
  const floor = x.floor();
  return { floor: floor.toNumber(), free: !x.isInteger(), plain: x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).gt(floor) ? 1 : 0 };
}

/** A cell's index among the converted cells: by its CellAmount (the one the validator reads), else by address. */
class CellIndex {
  private readonly byAmount = new Map<CellAmount, number>();
  private readonly byRef = new Map<string, number>();
  constructor(cells: readonly AmountCell[]) {
    cells.forEach((c, i) => {
      this.byAmount.set(c.amount, i);
      this.byRef.set(c.ref, i);
    });
  }
  of(sheet: string, cell: CellAmount): number | undefined {
    return this.byAmount.get(cell) ?? this.byRef.get(qualifiedAddress(sheet, cell.row, cell.col));
  }
}

/** Tie-break ranks: lower is cheaper to move (among cells of the same weight). */
function tieRanks(cells: readonly AmountCell[], adjust: Adjust): Int32Array {
  const n = cells.length;
  const rank = new Int32Array(n);
  if (adjust === 'last') for (let i = 0; i < n; i++) rank[i] = n - 1 - i;
  else if (adjust === 'largest') {
    const byMagnitude = cells.map((_, i) => i).sort((a, b) => cells[b].value.abs().cmp(cells[a].value.abs()) || a - b);
    byMagnitude.forEach((c, r) => (rank[c] = r));
  } else for (let i = 0; i < n; i++) rank[i] = i;
  return rank;
}

export function buildProblem(
  recognition: Recognition,
  cells: readonly AmountCell[],
  adjust: Adjust,
  outcomes?: IdentityOutcome[],
): BuiltProblem {
  const identities = identitiesOf(outcomes ?? evaluateIdentities(recognition), new CellIndex(cells), cells);

  // Equal figures: a total with one printed part of sign +1 (an identity that held, so the values are equal).
  const uf = new UnionFind(cells.length);
  for (const id of identities) {
    if (id.relation === 'eq' && id.terms.length === 2 && id.terms[0].coef === 1 && id.terms[1].coef === -1)
      uf.union(id.terms[0].cell, id.terms[1].cell);
  }
  const varOf = new Int32Array(cells.length);
  const roots = new Map<number, number>();
  const vars: RoundingVar[] = [];
  const first: number[] = [];
  const rank = tieRanks(cells, adjust);
  const scale = cells.length + 1;
  cells.forEach((c, i) => {
    const root = uf.find(i);
    let v = roots.get(root);
    if (v === undefined) {
      v = vars.length;
      roots.set(root, v);
      vars.push({ ...roundingOf(c), weight: rank[i] });
      first.push(i);
    } else vars[v].weight = Math.min(vars[v].weight, rank[i]);
    varOf[i] = v;
  });
  // Weight: the members' weights summed, then the tie-break (below one unit of weight).
  const base = new Float64Array(vars.length);
  cells.forEach((c, i) => (base[varOf[i]] += c.base));
  vars.forEach((v, i) => (v.weight = base[i] * scale + v.weight));

  const constraints: RoundingConstraint[] = [];
  const info: ConstraintInfo[] = [];
  for (const id of identities) {
    const merged = new Map<number, number>();
    for (const t of id.terms) merged.set(varOf[t.cell], (merged.get(varOf[t.cell]) ?? 0) + t.coef);
    const terms: { v: number; coef: number }[] = [];
    let rhs = 0;
    for (const [v, coef] of merged) {
      if (coef === 0) continue;
      rhs -= coef * vars[v].floor;
      if (vars[v].free) terms.push({ v, coef });
    }
    if (terms.length === 0 && (id.relation === 'eq' ? rhs === 0 : rhs <= 0)) continue;
    terms.sort((a, b) => a.v - b.v);
    const total = id.totalCell >= 0 && merged.get(varOf[id.totalCell]) === 1 && vars[varOf[id.totalCell]].free ? varOf[id.totalCell] : -1;
    const o = id.outcome;
    constraints.push({ terms, rhs, label: o.ruleId, ...(id.relation === 'le' ? { sense: 'ge' as const } : {}) });
    info.push({
      rule: o.ruleId,
      get cells() {
        return o.cells;
      },
      total,
    });
  }
  return { problem: { vars, constraints }, varOf, exact: (v) => hundredths(cells[first[v]].value), info };
}
