/**
 * Rules and specs cannot drift apart.
 *
 * 1. Every row key, column key and block a rule names (total, parts, walked rows and columns, other tables) is
 *    declared by some spec of that table kind — a typo (`vehicle` → `vehicel`) fails here instead of leaving the
 *    rule silently without identities.
 * 2. Every identity rule yields at least one concrete identity on the test workbooks (the bundled samples and the
 *    seed workbooks in every fixture layout), or it is on the short reviewed list below with its reason.
 */
import { readdirSync } from 'fs';
import * as path from 'path';
import { recognise } from '../src/core/recognise';
import { IDENTITY_RULES, type IdentityRule } from '../src/core/rules';
import { SPECS } from '../src/core/specs';
import { evaluateIdentities } from '../src/core/validate';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { buildSnapshot, LAYOUTS, type Layout, type SeedId } from './fixtures';
import { undeclared } from './spec-keys';

describe('every key a rule names is declared by a spec of that table kind', () => {
  test('the rules as they are', () => {
    expect(undeclared(IDENTITY_RULES, SPECS)).toEqual([]);
  });

  test('a one-letter typo in a row key is caught (vehicle → vehicel)', () => {
    const typo = IDENTITY_RULES.map((r) => (r.id === 'three_public.vehicle' && r.type === 'sum' ? { ...r, total: { row: 'vehicel' } } : r));
    expect(undeclared(typo, SPECS)).toEqual(["three_public.vehicle: row 'vehicel' is declared by no spec of kind three_public"]);
  });

  test('a typo in a column key, in another table, in a key prefix and in a block is caught', () => {
    const broken: IdentityRule[] = [
      { type: 'sum', id: 'x.col', kind: 'expense', description: '', cols: ['totl'], total: {}, parts: [{ col: 'basic' }] },
      {
        type: 'sum',
        id: 'x.cross',
        kind: 'expense',
        description: '',
        total: { row: 'total' },
        parts: [{ table: 'income', row: 'totall' }],
      },
      {
        type: 'sum',
        id: 'x.prefix',
        kind: 'perf_project',
        description: '',
        total: { row: 'score_total' },
        parts: [{ row: { keyPrefix: 'indicatr.' } }],
      },
      {
        type: 'ratio',
        id: 'x.block',
        kind: 'perf_project',
        description: '',
        rows: { blocks: ['fund'] },
        result: { col: 'rate' },
        numerator: { col: 'actual' },
        denominator: { col: 'budget' },
      },
    ];
    expect(undeclared(broken, SPECS)).toEqual([
      "x.col: column 'totl' is declared by no spec of kind expense",
      "x.cross: row 'totall' is declared by no spec of kind income",
      "x.prefix: row prefix 'indicatr.' is declared by no spec of kind perf_project",
      "x.block: block 'fund' is declared by no spec of kind perf_project",
    ]);
  });
});

// ---------- every rule yields identities ----------

/**
 * Identity rules that no test workbook exercises yet, each with its reason. Reviewed: keep it short, and take an
 * entry out as soon as a fixture brings its identity out (the test below fails on an entry that is no longer
 * needed).
 */
const EMPTY_FUNDS =
  'every seed prints its 国有资本经营 table empty (本部门无…), so it has no 类/款/项 rows (the header-in-body fixture gives the 政府性基金 table figures, not this one)';
const DEPARTMENT_SCORES =
  'the one 部门整体支出绩效自评表 transcribed (seed 001) prints tasks and indicators only: no 年度资金总额, 分值, 得分 or 总分 (the same rules run on 项目支出绩效自评表)';
const NOT_EXERCISED: Record<string, string> = {
  'fiscal_summary.carryover_end': 'the seeds print 年末结转和结余 of the 财政拨款总表 as one line, without its three 财政拨款 sub-lines',
  'state_capital.hierarchy.total': EMPTY_FUNDS,
  'state_capital.hierarchy.class': EMPTY_FUNDS,
  'state_capital.hierarchy.section': EMPTY_FUNDS,
  'asset_usage.units': 'seed 001 prints its 国有资产使用情况表 with the 合计 row only, no row per unit',
  'perf_department.funds_total': DEPARTMENT_SCORES,
  'perf_department.funds_rate': DEPARTMENT_SCORES,
  'perf_department.score_le_weight': DEPARTMENT_SCORES,
  'perf_department.score_total': DEPARTMENT_SCORES,
  'perf_department.weight_sum': DEPARTMENT_SCORES,
  'perf_department.weight_total': DEPARTMENT_SCORES,
  'perf_department.grade': DEPARTMENT_SCORES,
};

let counts: Map<string, number>;

beforeAll(async () => {
  counts = new Map(IDENTITY_RULES.map((r) => [r.id, 0]));
  const root = path.resolve(__dirname, '..');
  const snapshots = [];
  for (const file of readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.xlsx')))
    snapshots.push(await readWorkbookFile(path.join(root, 'samples', file)));
  const cases: [SeedId, Layout][] = [];
  for (const seed of ['000', '001', 'shanghai'] as const) for (const layout of LAYOUTS) cases.push([seed, layout]);
  cases.push(['000', 'header-in-body']); // its own table set, with a 政府性基金 table that has figures
  for (const [seed, layout] of cases) snapshots.push(await buildSnapshot(seed, layout));
  for (const snap of snapshots) for (const o of evaluateIdentities(recognise(snap))) counts.set(o.ruleId, (counts.get(o.ruleId) ?? 0) + 1);
}, 120_000);

test('every identity rule yields at least one identity on the test workbooks (or is a reviewed exception)', () => {
  const dead = IDENTITY_RULES.filter((r) => counts.get(r.id) === 0 && !(r.id in NOT_EXERCISED)).map((r) => r.id);
  expect(dead).toEqual([]);
});

test('the exception list holds only rules that exist and are still not exercised', () => {
  const ids = new Set(IDENTITY_RULES.map((r) => r.id));
  const stale = Object.entries(NOT_EXERCISED)
    .filter(([id, reason]) => !ids.has(id) || counts.get(id) !== 0 || reason.length < 20)
    .map(([id]) => `${id}: ${ids.has(id) ? `${counts.get(id)} identities now` : 'no such rule'}`);
  expect(stale).toEqual([]);
});
