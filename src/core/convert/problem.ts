/**
 * Controlled rounding as a problem of integers. Every amount becomes `floor + up` with `up` ∈ {0, 1}: one of the
 * two target-unit values next to its exact value (an exact value has no choice). Every sum identity that held
 * before conversion must hold after it: Σ coef·(floor + up) = 0 over its variables, i.e. Σ coef·up = rhs.
 * Among the choices that satisfy all of them, the one that moves the least weight away from plain half-up
 * rounding is wanted.
 */

export interface RoundingVar {
  /** The lower of the two candidate values, in target-unit hundredths (0.01 万元 = 1). */
  floor: number;
  /** False for an exact value: it stays as it is. */
  free: boolean;
  /** What plain half-up rounding picks (1: the upper value). */
  plain: 0 | 1;
  /** Cost of moving it away from `plain` (totals weigh more than detail). */
  weight: number;
}

export interface RoundingConstraint {
  /** Σ coef·up over these variables must equal `rhs` (`ge`: be at least `rhs`, for `part ≤ total`). */
  terms: { v: number; coef: number }[];
  rhs: number;
  sense?: 'eq' | 'ge';
  /** What the constraint stands for, for reports (the identity's rule id and total cell). */
  label: string;
}

export interface RoundingProblem {
  vars: RoundingVar[];
  constraints: RoundingConstraint[];
}

/** A choice of `up` for every variable. */
export type Rounding = Uint8Array;

export interface SolveResult {
  up: Rounding;
  /** Which method found it (for reports and the bench). */
  method: string;
}

/** A method of solving the problem: exact (HiGHS) or a linear pass, behind one interface. */
export interface RoundingSolver {
  readonly name: string;
  /** A rounding satisfying every constraint, or null when the method finds none. */
  solve(problem: RoundingProblem): SolveResult | null | Promise<SolveResult | null>;
  /**
   * When `solve` finds none: the rounding that leaves the fewest equalities with a tail (every `ge` kept), among
   * those the least total tail, for methods that can say so.
   */
  solveWithTails?(problem: RoundingProblem): SolveResult | null | Promise<SolveResult | null>;
}

/** The constraints a rounding breaks, with how far off each is (in hundredths of the target unit). */
export function brokenConstraints(problem: RoundingProblem, up: Rounding): { constraint: RoundingConstraint; off: number }[] {
  const out: { constraint: RoundingConstraint; off: number }[] = [];
  for (const c of problem.constraints) {
    let sum = 0;
    for (const t of c.terms) sum += t.coef * up[t.v];
    if (c.sense === 'ge' ? sum < c.rhs : sum !== c.rhs) out.push({ constraint: c, off: sum - c.rhs });
  }
  return out;
}

/** Plain half-up rounding of every variable. */
export function plainRounding(problem: RoundingProblem): Rounding {
  return Uint8Array.from(problem.vars, (v) => (v.free ? v.plain : 0));
}

/** Total weight moved away from plain rounding. */
export function cost(problem: RoundingProblem, up: Rounding): number {
  let c = 0;
  problem.vars.forEach((v, i) => {
    if (up[i] !== (v.free ? v.plain : 0)) c += v.weight;
  });
  return c;
}
