/**
 * Solving a rounding problem by components (variables linked by constraints). A component that plain rounding
 * already satisfies stays plain. A forest of totals (every variable the total of at most one equality and a part
 * of at most one, no cycle: a 类/款/项 hierarchy, a single sum) is solved exactly here by one pass from the top:
 * each sum, its total fixed, takes the cheapest moves among its parts (such a sum always has a solution). The
 * rest (two-way tables, linked tables) goes to the injected solver. Every result is checked exactly; where no
 * rounding satisfies everything, the one with the fewest tails is taken and each remaining tail reported.
 */
import type { ConstraintInfo } from './build';
import { brokenConstraints, type Rounding, type RoundingConstraint, type RoundingProblem, type RoundingSolver } from './problem';

export interface SolveStats {
  components: number;
  /** Components by how they were solved. */
  plain: number;
  linear: number;
  solver: number;
  /** Milliseconds in the injected solver. */
  solverMs: number;
}

export interface Solved {
  up: Rounding;
  /** Constraints the rounding breaks (empty when every identity foots), by index into the problem's constraints. */
  broken: { index: number; off: number }[];
  stats: SolveStats;
}

/** Components of the free variables through the constraints; each with its constraint indexes. */
export function components(problem: RoundingProblem): { vars: number[]; cons: number[] }[] {
  const n = problem.vars.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const c of problem.constraints) {
    for (let k = 1; k < c.terms.length; k++) {
      const a = find(c.terms[0].v);
      const b = find(c.terms[k].v);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const byRoot = new Map<number, { vars: number[]; cons: number[] }>();
  const of = (root: number) => {
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { vars: [], cons: [] }));
    return g;
  };
  problem.vars.forEach((v, i) => {
    if (v.free) of(find(i)).vars.push(i);
  });
  problem.constraints.forEach((c, i) => {
    if (c.terms.length > 0) of(find(c.terms[0].v)).cons.push(i);
  });
  return [...byRoot.values()].filter((g) => g.cons.length > 0);
}

function satisfied(c: RoundingConstraint, up: Rounding): boolean {
  let sum = 0;
  for (const t of c.terms) sum += t.coef * up[t.v];
  return c.sense === 'ge' ? sum >= c.rhs : sum === c.rhs;
}

/**
 * The linear pass over a forest of totals, writing into `up` (which holds plain rounding on entry). Returns
 * false when the component is no such forest or a sum cannot be met with its total as fixed above (then the
 * caller hands the component to the solver). `ge` constraints are not used here; the caller checks them.
 */
export function linearPass(problem: RoundingProblem, info: readonly ConstraintInfo[], cons: readonly number[], up: Rounding): boolean {
  const eq = cons.filter((i) => problem.constraints[i].sense !== 'ge');
  const asTotal = new Map<number, number>();
  const asPart = new Map<number, number>();
  for (const i of eq) {
    const total = info[i].total;
    for (const t of problem.constraints[i].terms) {
      if (t.coef !== 1 && t.coef !== -1) return false;
      const map = t.v === total ? asTotal : asPart;
      if (map.has(t.v)) return false;
      map.set(t.v, i);
    }
  }
  // Roots first: a sum comes after the sum its total is a part of.
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (const i of eq) {
    const total = info[i].total;
    const parent = total >= 0 ? asPart.get(total) : undefined;
    if (parent === undefined) roots.push(i);
    else children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  const decided = new Set<number>();
  const queue = [...roots];
  let done = 0;
  while (queue.length > 0) {
    const i = queue.shift()!;
    done++;
    if (!meetSum(problem, problem.constraints[i], decided, up)) return false;
    queue.push(...(children.get(i) ?? []));
  }
  // A cycle leaves sums unreached: no forest.
  return done === eq.length;
}

/** One sum with some variables fixed: the fewest, cheapest moves off plain among the others. */
function meetSum(problem: RoundingProblem, c: RoundingConstraint, decided: Set<number>, up: Rounding): boolean {
  let sum = 0;
  const open: { v: number; delta: number }[] = [];
  for (const t of c.terms) {
    sum += t.coef * up[t.v];
    if (!decided.has(t.v)) open.push({ v: t.v, delta: t.coef * (up[t.v] === 1 ? -1 : 1) });
  }
  let need = c.rhs - sum;
  const want = Math.sign(need);
  const moves = open.filter((o) => o.delta === want);
  moves.sort((a, b) => problem.vars[a.v].weight - problem.vars[b.v].weight || a.v - b.v);
  for (const m of moves) {
    if (need === 0) break;
    up[m.v] ^= 1;
    need -= m.delta;
  }
  for (const o of open) decided.add(o.v);
  return need === 0;
}

/** The component as a problem of its own (variables renumbered), for the solver. */
function subProblem(problem: RoundingProblem, vars: readonly number[], cons: readonly number[]): RoundingProblem {
  const local = new Map(vars.map((v, i) => [v, i]));
  return {
    vars: vars.map((v) => problem.vars[v]),
    constraints: cons.map((i) => {
      const c = problem.constraints[i];
      return { ...c, terms: c.terms.map((t) => ({ v: local.get(t.v)!, coef: t.coef })) };
    }),
  };
}

export async function solveRounding(
  problem: RoundingProblem,
  info: readonly ConstraintInfo[],
  solver: RoundingSolver | null,
  now: () => number = () => 0,
): Promise<Solved> {
  const up = Uint8Array.from(problem.vars, (v) => (v.free ? v.plain : 0));
  const stats: SolveStats = { components: 0, plain: 0, linear: 0, solver: 0, solverMs: 0 };
  for (const comp of components(problem)) {
    stats.components++;
    if (comp.cons.every((i) => satisfied(problem.constraints[i], up))) {
      stats.plain++;
      continue;
    }
    const trial = up.slice();
    const met = linearPass(problem, info, comp.cons, trial);
    const unmet = comp.cons.filter((i) => !satisfied(problem.constraints[i], trial)).length;
    if (met && unmet === 0) {
      for (const v of comp.vars) up[v] = trial[v];
      stats.linear++;
      continue;
    }
    if (solver === null) {
      // No solver: the linear attempt when it leaves fewer sums broken than plain rounding.
      if (unmet < comp.cons.filter((i) => !satisfied(problem.constraints[i], up)).length) for (const v of comp.vars) up[v] = trial[v];
      continue;
    }
    const sub = subProblem(problem, comp.vars, comp.cons);
    const t0 = now();
    let result = await solver.solve(sub);
    if (result === null && solver.solveWithTails) result = await solver.solveWithTails(sub);
    stats.solverMs += now() - t0;
    stats.solver++;
    if (result === null) continue;
    comp.vars.forEach((v, i) => (up[v] = problem.vars[v].free ? result.up[i] : 0));
  }
  // Whatever found it, the result is checked against every constraint.
  const index = new Map(problem.constraints.map((c, i) => [c, i]));
  const broken = brokenConstraints(problem, up).map((b) => ({ index: index.get(b.constraint)!, off: b.off }));
  return { up, broken, stats };
}
