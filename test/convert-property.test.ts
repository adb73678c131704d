/**
 * Property tests of the conversion. Random consistent 元 workbooks shaped like a real national set (the bench's
 * generator: 公开01–09 with 类/款/项 hierarchies, 基本/项目 columns, 总表 lines, the same figures across tables,
 * the economic blocks of 基本支出表, “三公”): after controlled conversion the check finds no error and no rounding
 * finding, every amount is within 0.01 万元 of exact, plain rounding differs only in the reported cells, and
 * undoing gives the original back. And on random rounding problems: the linear pass and HiGHS both satisfy every
 * constraint where both apply, HiGHS never costs more; two-way tables with hierarchies always have a solution.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Decimal } from '../src/core/amount';
import { KNOWN_FUNCTION_CODES } from '../src/core/classification';
import { CONVERT_TAG, NOTES_SHEET_NAME, TAIL_NOTE } from '../src/core/convert';
import type { ConstraintInfo } from '../src/core/convert/build';
import { brokenConstraints, cost, type RoundingProblem } from '../src/core/convert/problem';
import { linearPass } from '../src/core/convert/solve';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { convertBytes, findingsOf, highsSolver, numbers, readBytes } from './convert-kit';

/** A finding by rule and cells (its severity and numbers change with the unit). */
const shape = (f: { rule: string; cells: string[] }): string => `${f.rule} ${f.cells.join(',')}`;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateWorkbook } = require('../scripts/bench.js') as {
  generateWorkbook: (
    file: string,
    names: Map<string, string>,
    items: number,
    o: { unit: '元'; factor: number; seed: number },
  ) => Promise<void>;
};

const RUNS = Number(process.env.PROPERTY_RUNS || 8);
const seedOption = { seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined };
const dir = mkdtempSync(path.join(tmpdir(), 'juesuan-convert-prop-'));
const names = new Map(KNOWN_FUNCTION_CODES.map((e) => [e.code, e.name]));

async function yuanWorkbook(seed: number, items: number, factor: number): Promise<Uint8Array> {
  const file = path.join(dir, `w${seed}-${items}-${factor}.xlsx`);
  await generateWorkbook(file, names, items, { unit: '元', factor, seed });
  return readFileSync(file);
}

/** Each amount of the 元 tables beside what the converted workbook holds there. */
function pairs(before: Uint8Array, after: Uint8Array): { exact: Decimal; value: Decimal }[] {
  const a = readBytes(before).recognition;
  const b = readBytes(after).recognition;
  const out: { exact: Decimal; value: Decimal }[] = [];
  for (const t of a.tables) {
    const u = b.tables.find((x) => x.id === t.id)!;
    t.rows.forEach((row, i) => {
      for (const [k, c] of Object.entries(row.values)) {
        const kind = row.valueKind ?? t.columns.find((x) => x.key === k && (!x.block || x.block === row.block))?.kind;
        if (c.status === 'number' && c.value && kind === 'amount')
          out.push({ exact: c.value.div(10000), value: u.rows[i].values[k].value! });
      }
    });
  }
  return out;
}

describe('random consistent 元 workbooks', () => {
  it('controlled conversion: no error, no rounding finding, every amount within 0.01 万元; plain differs only where reported; undo restores', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 60 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('fewest' as const, 'largest' as const, 'last' as const),
        async (seed, items, factor, adjust) => {
          const original = await yuanWorkbook(seed, items, factor);
          const before = findingsOf(original);
          expect(before.filter((f) => f.severity === 'error' || f.severity === 'rounding')).toEqual([]);
          const controlled = await convertBytes(original, { to: '万元', adjust });
          expect(controlled.conversion.report.tails).toEqual([]);
          const after = findingsOf(controlled.bytes);
          expect(after.filter((f) => f.severity === 'error')).toEqual([]);
          // A 尾差 only where the 元 workbook had a finding already (the generator's tiny “三公” figures can exceed
          // 基本支出表's by a few 元: a warning in 元, within the rounding bound in 万元); none from the conversion.
          const known = new Set(before.map(shape));
          expect(after.filter((f) => f.severity === 'rounding' && !known.has(shape(f)))).toEqual([]);
          const ps = pairs(original, controlled.bytes);
          expect(ps.length).toBeGreaterThan(items);
          for (const p of ps) expect(p.value.minus(p.exact).abs().lt('0.01')).toBe(true);

          const plain = await convertBytes(original, { to: '万元', rounding: 'plain' });
          const a = numbers(readBytes(plain.bytes).snapshot);
          const b = numbers(readBytes(controlled.bytes).snapshot);
          const moved = new Set(controlled.conversion.report.adjusted.map((x) => x.cell));
          for (const [k, v] of a) {
            if (k.startsWith(NOTES_SHEET_NAME) || v === TAIL_NOTE || v === b.get(k)) continue;
            const [sheet, rc] = k.split('!');
            const [row, col] = rc.split(',').map(Number);
            expect(moved.has(`${sheet}!${String.fromCharCode(65 + col)}${row + 1}`)).toBe(true);
          }

          const r = readBytes(controlled.bytes);
          applyPlanToPackage(r.opened, { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] });
          expect(numbers(readBytes(r.opened.pkg.toBytes()).snapshot)).toEqual(numbers(readBytes(original).snapshot));
        },
      ),
      { numRuns: RUNS, ...seedOption },
    );
  }, 600_000);
});

// ---------- random rounding problems ----------

interface Node {
  /** Exact value in hundredths × 100 (so that fractions are whole numbers): value = cents / 100 hundredths. */
  cents: number;
  children: Node[];
}

/** A random tree of totals: leaves get random cents, each total is the sum of its children. */
const tree = (depth: number): fc.Arbitrary<Node> =>
  depth === 0
    ? fc.integer({ min: 0, max: 500_000 }).map((cents) => ({ cents, children: [] }))
    : fc
        .array(tree(depth - 1), { minLength: 1, maxLength: 5 })
        .map((children) => ({ cents: children.reduce((s, c) => s + c.cents, 0), children }));

function varOf(p: RoundingProblem, cents: number, weight: number): number {
  const floor = Math.floor(cents / 100);
  const frac = cents - floor * 100;
  p.vars.push({ floor, free: frac !== 0, plain: frac >= 50 ? 1 : 0, weight });
  return p.vars.length - 1;
}

/** The constraint `total = Σ parts` over variables, in the problem's terms (free variables only, rhs from the floors). */
function sumConstraint(p: RoundingProblem, info: ConstraintInfo[], total: number, parts: number[]): void {
  const all = [{ v: total, coef: 1 }, ...parts.map((v) => ({ v, coef: -1 }))];
  const rhs = -all.reduce((s, t) => s + t.coef * p.vars[t.v].floor, 0);
  p.constraints.push({ terms: all.filter((t) => p.vars[t.v].free), rhs, label: 'sum' });
  info.push({ rule: 'sum', cells: [], total: p.vars[total].free ? total : -1 });
}

function forestProblem(roots: Node[]): { problem: RoundingProblem; info: ConstraintInfo[] } {
  const problem: RoundingProblem = { vars: [], constraints: [] };
  const info: ConstraintInfo[] = [];
  const walk = (n: Node, depth: number): number => {
    const v = varOf(problem, n.cents, (depth === 0 ? 1000 : depth === 1 ? 100 : 1) * 1000 + problem.vars.length);
    if (n.children.length > 0)
      sumConstraint(
        problem,
        info,
        v,
        n.children.map((c) => walk(c, depth + 1)),
      );
    return v;
  };
  roots.forEach((r) => walk(r, 0));
  return { problem, info };
}

/** A two-way table: rows of a 类/款/项 tree × columns 基本, 项目 and their 合计 (row sums and column hierarchies). */
function twoWayProblem(basic: Node, project: Node): RoundingProblem {
  const problem: RoundingProblem = { vars: [], constraints: [] };
  const info: ConstraintInfo[] = [];
  const walk = (b: Node, q: Node, depth: number): [number, number, number] => {
    const w = (depth === 0 ? 1000 : depth === 1 ? 100 : 1) * 1000;
    const vb = varOf(problem, b.cents, w + problem.vars.length);
    const vq = varOf(problem, q.cents, w + problem.vars.length);
    const vt = varOf(problem, b.cents + q.cents, 4 * w + problem.vars.length);
    sumConstraint(problem, info, vt, [vb, vq]);
    const n = Math.min(b.children.length, q.children.length);
    if (n > 0) {
      const kids = Array.from({ length: n }, (_, i) => walk(b.children[i], q.children[i], depth + 1));
      // Only children both trees have: each total is the sum of those (re-summed below).
      sumConstraint(
        problem,
        info,
        vb,
        kids.map((k) => k[0]),
      );
      sumConstraint(
        problem,
        info,
        vq,
        kids.map((k) => k[1]),
      );
      sumConstraint(
        problem,
        info,
        vt,
        kids.map((k) => k[2]),
      );
    }
    return [vb, vq, vt];
  };
  walk(basic, project, 0);
  return problem;
}

/** Keeps only as many children as `other` has at each level, and re-sums: the two trees then have one shape. */
function sameShape(a: Node, other: Node): Node {
  const n = Math.min(a.children.length, other.children.length);
  if (n === 0) return { cents: a.cents, children: [] };
  const children = a.children.slice(0, n).map((c, i) => sameShape(c, other.children[i]));
  return { cents: children.reduce((s, c) => s + c.cents, 0), children };
}

describe('random rounding problems', () => {
  it('forests of totals: the linear pass and HiGHS both satisfy every constraint; HiGHS never costs more', async () => {
    const highs = await highsSolver();
    fc.assert(
      fc.property(fc.array(tree(3), { minLength: 1, maxLength: 3 }), (roots) => {
        const { problem, info } = forestProblem(roots);
        const linear = Uint8Array.from(problem.vars, (v) => (v.free ? v.plain : 0));
        expect(
          linearPass(
            problem,
            info,
            problem.constraints.map((_, i) => i),
            linear,
          ),
        ).toBe(true);
        expect(brokenConstraints(problem, linear)).toEqual([]);
        const exact = highs.solve(problem);
        expect(exact).not.toBeNull();
        expect(brokenConstraints(problem, exact!.up)).toEqual([]);
        expect(cost(problem, exact!.up)).toBeLessThanOrEqual(cost(problem, linear));
        // A single sum: both are optimal, and the tie-break makes them the same rounding.
        if (problem.constraints.length === 1) expect([...exact!.up]).toEqual([...linear]);
      }),
      { numRuns: 200, ...seedOption },
    );
  });

  it('two-way tables (row sums × column hierarchies): HiGHS always finds a rounding with no tail', async () => {
    const highs = await highsSolver();
    fc.assert(
      fc.property(tree(3), tree(3), (a, b) => {
        const basic = sameShape(a, b);
        const project = sameShape(b, basic);
        const problem = twoWayProblem(basic, project);
        const r = highs.solve(problem);
        expect(r).not.toBeNull();
        expect(brokenConstraints(problem, r!.up)).toEqual([]);
      }),
      { numRuns: 100, ...seedOption },
    );
  });
});
