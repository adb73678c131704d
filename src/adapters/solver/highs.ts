/**
 * The exact rounding solver: the problem as a 0/1 integer program, solved by HiGHS (MIT; WebAssembly, so the
 * same code runs in node and in a browser worker). Translation only: the model comes from the core's
 * RoundingProblem, the answer goes back as a Rounding, which the core checks again.
 */
import type { RoundingProblem, RoundingSolver, SolveResult } from '../../core/convert/problem';

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
 * The model in CPLEX LP format: minimise the weight moved off plain rounding, every constraint exact. With
 * `tails`, each equality gets two integer slacks (its tail above and below), priced above any rounding choice.
 * `relaxed`: the LP relaxation (0 ≤ x ≤ 1). Sums over a hierarchy and a two-way table form a network matrix,
 * whose LP optimum at a vertex is already whole: the simplex answer is used when it is, the 0/1 program otherwise.
 */
export function lpModel(problem: RoundingProblem, vars: number[], tails = false, relaxed = false): string {
  const name = (v: number) => `x${v}`;
  const obj: string[] = [];
  for (const v of vars) {
    const w = problem.vars[v].weight;
    // Cost w when up ≠ plain: w·up for plain 0, w·(1 − up) for plain 1 (its constant dropped).
    obj.push(`${problem.vars[v].plain === 1 ? '-' : '+'} ${w} ${name(v)}`);
  }
  const rows: string[] = [];
  const slacks: string[] = [];
  const price = vars.reduce((n, v) => n + problem.vars[v].weight, 1);
  problem.constraints.forEach((c, i) => {
    const terms = c.terms.filter((t) => problem.vars[t.v].free).map((t) => `${t.coef < 0 ? '-' : '+'} ${Math.abs(t.coef)} ${name(t.v)}`);
    if (terms.length === 0) return;
    const ge = c.sense === 'ge';
    if (tails && !ge) {
      terms.push(`+ t${i}p`, `- t${i}n`);
      slacks.push(`t${i}p`, `t${i}n`);
      obj.push(`+ ${price} t${i}p`, `+ ${price} t${i}n`);
    }
    rows.push(` c${i}: ${chunks(terms)} ${ge ? '>=' : '='} ${c.rhs}`);
  });
  return [
    'Minimize',
    ` obj: ${obj.length > 0 ? chunks(obj) : '0 x_none'}`,
    'Subject To',
    ...rows,
    ...(relaxed
      ? ['Bounds', ...vars.map((v) => ` 0 <= ${name(v)} <= 1`)]
      : [...(slacks.length > 0 ? ['General', chunks(slacks)] : []), 'Binary', chunks(vars.map(name))]),
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
    return this.run(problem, false);
  }

  solveWithTails(problem: RoundingProblem): SolveResult | null {
    return this.run(problem, true);
  }

  private run(problem: RoundingProblem, tails: boolean): SolveResult | null {
    const free = problem.vars.flatMap((v, i) => (v.free ? [i] : []));
    const up = new Uint8Array(problem.vars.length);
    if (free.length === 0) return { up, method: this.name };
    const whole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
    // Presolve costs more than it saves on these sparse ±1 matrices (300 ms instead of 420 on the bench's 14,000 figures).
    const lp = this.highs.solve(lpModel(problem, free, tails, true), { presolve: 'off', solver: 'simplex', output_flag: false });
    let result = lp;
    let method = `${this.name}-lp`;
    if (lp.Status !== 'Optimal' || !Object.values(lp.Columns).every((c) => whole(c.Primal))) {
      // Infeasible as an LP is infeasible as a 0/1 program too; a fractional vertex needs the branch and bound.
      if (lp.Status === 'Infeasible') return null;
      result = this.highs.solve(lpModel(problem, free, tails), { presolve: 'on', mip_rel_gap: 0, output_flag: false });
      method = `${this.name}-mip`;
    }
    if (result.Status !== 'Optimal') return null;
    for (const v of free) up[v] = Math.round(result.Columns[`x${v}`]?.Primal ?? 0) === 1 ? 1 : 0;
    return { up, method };
  }
}
