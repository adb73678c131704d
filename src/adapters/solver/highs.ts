/**
 * The exact rounding solver: the problem as a 0/1 integer program, solved by HiGHS (MIT; WebAssembly, so the
 * same code runs in node and in a browser worker). Translation only: the model comes from the core's
 * RoundingProblem, the answer goes back as a Rounding, which the core checks again.
 */
import { brokenConstraints, type RoundingProblem, type RoundingSolver, type SolveResult } from '../../core/convert/problem';

type Highs = { solve(problem: string, options?: Record<string, unknown>): HighsSolution };
interface HighsSolution {
  Status: string;
  Columns: Record<string, { Primal: number }>;
}

let loading: Promise<Highs> | null = null;

/** Loads the WebAssembly module once; `locateFile` says where the .wasm is (the page serves it itself). */
export function loadHighs(locateFile?: (file: string) => string): Promise<Highs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= (require('highs') as (opts?: { locateFile?: (f: string) => string }) => Promise<Highs>)(
    locateFile ? { locateFile } : undefined,
  );
  return loading;
}

/**
 * How the model treats identities that cannot all hold. `exact`: none may break. `fewest`: each equality gets two
 * integer slacks (its tail above and below, 0 ≤ t⁺ + t⁻ ≤ M·b, b binary) and the number of broken identities Σ b
 * is minimised. `{ most }`: at most `most` identities may break, and among those roundings the least total tail
 * (priced above any rounding choice), then the least weight moved off plain rounding. Two solves make the count
 * dominate exactly, where one objective with a big factor would strain the solver's tolerances.
 */
export type TailMode = 'exact' | 'fewest' | { most: number };

/**
 * The model in CPLEX LP format: minimise the weight moved off plain rounding, every constraint exact, or with
 * tails as `mode` says. `relaxed`: the LP relaxation (0 ≤ x ≤ 1). Sums over a hierarchy and a two-way table form
 * a network matrix, whose LP optimum at a vertex is already whole: the simplex answer is used when it is, the
 * 0/1 program otherwise.
 */
export function lpModel(problem: RoundingProblem, vars: number[], mode: TailMode = 'exact', relaxed = false): string {
  const name = (v: number) => `x${v}`;
  const fewest = mode === 'fewest';
  const obj: string[] = [];
  if (!fewest) {
    for (const v of vars) {
      const w = problem.vars[v].weight;
      // Cost w when up ≠ plain: w·up for plain 0, w·(1 − up) for plain 1 (its constant dropped).
      obj.push(`${problem.vars[v].plain === 1 ? '-' : '+'} ${w} ${name(v)}`);
    }
  }
  const rows: string[] = [];
  const slacks: string[] = [];
  const flags: string[] = [];
  const price = vars.reduce((n, v) => n + problem.vars[v].weight, 1);
  problem.constraints.forEach((c, i) => {
    const free = c.terms.filter((t) => problem.vars[t.v].free);
    const terms = free.map((t) => `${t.coef < 0 ? '-' : '+'} ${Math.abs(t.coef)} ${name(t.v)}`);
    if (terms.length === 0) return;
    const ge = c.sense === 'ge';
    if (mode !== 'exact' && !ge) {
      terms.push(`+ t${i}p`, `- t${i}n`);
      slacks.push(`t${i}p`, `t${i}n`);
      flags.push(`b${i}`);
      // The largest tail the identity can have: Σ coef·up ranges over [Σ negative coefs, Σ positive coefs].
      const lo = free.reduce((n, t) => n + Math.min(0, t.coef), 0);
      const hi = free.reduce((n, t) => n + Math.max(0, t.coef), 0);
      rows.push(` m${i}: t${i}p + t${i}n - ${Math.max(1, Math.abs(lo - c.rhs), Math.abs(hi - c.rhs))} b${i} <= 0`);
      obj.push(fewest ? `+ 1 b${i}` : `+ ${price} t${i}p + ${price} t${i}n`);
    }
    rows.push(` c${i}: ${chunks(terms)} ${ge ? '>=' : '='} ${c.rhs}`);
  });
  if (typeof mode === 'object' && flags.length > 0) rows.push(` most: ${chunks(flags.map((b) => `+ ${b}`))} <= ${mode.most}`);
  const binaries = [...vars.map(name), ...flags];
  return [
    'Minimize',
    ` obj: ${obj.length > 0 ? chunks(obj) : '0 x_none'}`,
    'Subject To',
    ...rows,
    ...(relaxed
      ? ['Bounds', ...binaries.map((b) => ` 0 <= ${b} <= 1`)]
      : [...(slacks.length > 0 ? ['General', chunks(slacks)] : []), 'Binary', chunks(binaries)]),
    'End',
    '',
  ].join('\n');
}

/** Long expressions over several lines (LP readers limit line length). */
function chunks(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 40) lines.push(parts.slice(i, i + 40).join(' '));
  return lines.join('\n   ');
}

export class HighsSolver implements RoundingSolver {
  readonly name = 'highs';
  constructor(private readonly highs: Highs) {}

  solve(problem: RoundingProblem): SolveResult | null {
    return this.run(problem, 'exact');
  }

  /** The fewest identities left with a tail; among those the least total tail, then the least weight moved. */
  solveWithTails(problem: RoundingProblem): SolveResult | null {
    const fewest = this.run(problem, 'fewest');
    if (fewest === null) return null;
    const most = brokenConstraints(problem, fewest.up).filter((b) => b.constraint.sense !== 'ge').length;
    return this.run(problem, { most }) ?? fewest;
  }

  private run(problem: RoundingProblem, mode: TailMode): SolveResult | null {
    const free = problem.vars.flatMap((v, i) => (v.free ? [i] : []));
    const up = new Uint8Array(problem.vars.length);
    if (free.length === 0) return { up, method: this.name };
    const whole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
    // Presolve costs more than it saves on these sparse ±1 matrices (300 ms instead of 420 on the bench's 14,000 figures).
    const lp = this.highs.solve(lpModel(problem, free, mode, true), { presolve: 'off', solver: 'simplex', output_flag: false });
    let result = lp;
    let method = `${this.name}-lp`;
    if (lp.Status !== 'Optimal' || !Object.values(lp.Columns).every((c) => whole(c.Primal))) {
      // Infeasible as an LP is infeasible as a 0/1 program too; a fractional vertex needs the branch and bound.
      if (lp.Status === 'Infeasible') return null;
      result = this.highs.solve(lpModel(problem, free, mode), { presolve: 'on', mip_rel_gap: 0, output_flag: false });
      method = `${this.name}-mip`;
    }
    if (result.Status !== 'Optimal') return null;
    for (const v of free) up[v] = Math.round(result.Columns[`x${v}`]?.Primal ?? 0) === 1 ? 1 : 0;
    return { up, method };
  }
}
