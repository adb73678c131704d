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
import type { TableKind } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { IDENTITY_RULES, type IdentityRule, type Operand, type RowSelector } from '../src/core/rules';
import { SPECS, type TableSpec } from '../src/core/specs';
import { evaluateIdentities } from '../src/core/validate';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { buildSnapshot, LAYOUTS, type Layout, type SeedId } from './fixtures';

// ---------- what the specs declare ----------

interface Declared {
  rows: Set<string>;
  /**
   * Prefixes of numbered rows: a form's repeated rows (`indicator.` → `indicator.1`, `indicator.2` …) and the
   * rows of a grid that match no code and no line (`row` → `row12`, `row12.2`: the recogniser's own keys).
   */
  rowPrefixes: Set<string>;
  cols: Set<string>;
  blocks: Set<string>;
  /** Rows keyed by their classification code (`208`, `30217`). */
  coded: boolean;
}

/** The keys one spec declares, whatever its layout. */
function declaredBy(spec: TableSpec, d: Declared): void {
  const lines = [...(spec.lines ?? []), ...(spec.blocks ?? []).flatMap((b) => b.lines)];
  for (const s of spec.sections ?? []) lines.push(...(s.lines ?? []), ...(s.endLines ?? []));
  for (const l of lines) {
    d.rows.add(l.key);
    if (l.block) d.blocks.add(l.block);
  }
  const cols = [
    ...(spec.columns ?? []),
    ...(spec.blocks ?? []).flatMap((b) => b.columns),
    ...(spec.sections ?? []).flatMap((s) => s.columns),
  ];
  for (const c of cols) d.cols.add(c.key);
  for (const s of spec.sections ?? []) {
    d.blocks.add(s.block);
    if (s.keyPrefix) d.rowPrefixes.add(`${s.keyPrefix}.`);
    for (const v of s.endValues ?? []) d.cols.add(v.key);
  }
  for (const b of spec.blocks ?? []) d.blocks.add(b.block);
  if (spec.triple) {
    // the blocks layout gives every triple's amount the column key `amount` (src/core/recognise)
    d.cols.add('amount');
    d.blocks.add(spec.triple.otherBlock);
    for (const b of spec.triple.blockHeaders) d.blocks.add(b.block);
    for (const b of Object.values(spec.triple.blockByClass)) d.blocks.add(b);
  }
  if (spec.codes || spec.triple) d.coded = true;
  if (spec.layout === 'rows' || spec.layout === 'side-by-side' || spec.layout === 'blocks') d.rowPrefixes.add('row');
}

/** `indicator.3` under the prefix `indicator.`, `row12.2` under `row`. */
const numbered = (key: string, prefix: string) => key.startsWith(prefix) && /^\d+(\.\d+)?$/.test(key.slice(prefix.length));

function declaredKeys(specs: readonly TableSpec[]): Map<TableKind, Declared> {
  const out = new Map<TableKind, Declared>();
  for (const spec of specs) {
    let d = out.get(spec.kind);
    if (!d) out.set(spec.kind, (d = { rows: new Set(), rowPrefixes: new Set(), cols: new Set(), blocks: new Set(), coded: false }));
    declaredBy(spec, d);
  }
  return out;
}

// ---------- what the rules name ----------

interface Named {
  rule: string;
  kind: TableKind;
  what: 'row' | 'row prefix' | 'column' | 'block' | 'table';
  key: string;
}

/** Every key a rule names, with the table kind it must be declared in. */
function namedBy(rule: IdentityRule): Named[] {
  const out: Named[] = [];
  const add = (kind: TableKind, what: Named['what'], key: string) => out.push({ rule: rule.id, kind, what, key });
  const rowSel = (kind: TableKind, sel: RowSelector | undefined) => {
    if (sel === undefined) return;
    if (typeof sel === 'string') return add(kind, 'row', sel);
    if ('keys' in sel) for (const k of sel.keys) add(kind, 'row', k);
    if ('keyPrefix' in sel) add(kind, 'row prefix', sel.keyPrefix);
    if ('block' in sel && sel.block) add(kind, 'block', sel.block);
  };
  const operand = (op: Operand | { constant: string }) => {
    if ('constant' in op) return;
    const kind = op.table ?? rule.kind;
    if (op.table) add(op.table, 'table', op.table);
    rowSel(kind, op.row);
    if (op.col) add(kind, 'column', op.col);
  };
  const scope = rule.type === 'grade' ? undefined : rule.rows;
  for (const k of scope?.keys ?? []) add(rule.kind, 'row', k);
  if (scope?.keyPrefix) add(rule.kind, 'row prefix', scope.keyPrefix);
  for (const b of scope?.blocks ?? []) add(rule.kind, 'block', b);
  if (scope?.unionWith) add(scope.unionWith, 'table', scope.unionWith);
  if (rule.type === 'sum') {
    // walked columns are looked up in the rule's own table and, where a part has no column of its own, in the part's
    const walked = Array.isArray(rule.cols) ? rule.cols : [];
    for (const c of walked) add(rule.kind, 'column', c);
    for (const p of rule.parts) if (p.table && !p.col) for (const c of walked) add(p.table, 'column', c);
    operand(rule.total);
    rule.parts.forEach(operand);
  } else if (rule.type === 'ratio') {
    [rule.result, rule.numerator, rule.denominator].forEach(operand);
  } else operand(rule.score);
  return out;
}

/** The names no spec of their kind declares, as readable lines. */
export function undeclared(rules: readonly IdentityRule[], specs: readonly TableSpec[]): string[] {
  const declared = declaredKeys(specs);
  const out: string[] = [];
  for (const n of rules.flatMap(namedBy)) {
    const d = declared.get(n.kind);
    const ok =
      n.what === 'table'
        ? d !== undefined
        : d !== undefined &&
          (n.what === 'row'
            ? d.rows.has(n.key) || (d.coded && /^\d+$/.test(n.key)) || [...d.rowPrefixes].some((p) => numbered(n.key, p))
            : n.what === 'row prefix'
              ? d.rowPrefixes.has(n.key) || [...d.rows].some((r) => r.startsWith(n.key))
              : n.what === 'column'
                ? d.cols.has(n.key)
                : d.blocks.has(n.key));
    if (!ok) out.push(`${n.rule}: ${n.what} '${n.key}' is declared by no spec of kind ${n.kind}`);
  }
  return [...new Set(out)];
}

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
const EMPTY_FUNDS = 'every seed prints its 政府性基金 / 国有资本经营 table empty (本部门无…), so it has no 类/款/项 rows';
const DEPARTMENT_SCORES =
  'the one 部门整体支出绩效自评表 transcribed (seed 001) prints tasks and indicators only: no 年度资金总额, 分值, 得分 or 总分 (the same rules run on 项目支出绩效自评表)';
const NOT_EXERCISED: Record<string, string> = {
  'fiscal_summary.carryover_end': 'the seeds print 年末结转和结余 of the 财政拨款总表 as one line, without its three 财政拨款 sub-lines',
  'gov_fund.hierarchy.total': EMPTY_FUNDS,
  'gov_fund.hierarchy.class': EMPTY_FUNDS,
  'gov_fund.hierarchy.section': EMPTY_FUNDS,
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
  for (const [seed, layout] of cases) snapshots.push(await buildSnapshot(seed, layout));
  for (const snap of snapshots) for (const o of evaluateIdentities(recognise(snap))) counts.set(o.ruleId, (counts.get(o.ruleId) ?? 0) + 1);
}, 120_000);

test('every identity rule yields at least one identity on the test workbooks (or is a reviewed exception)', () => {
  const dead = IDENTITY_RULES.filter((r) => counts.get(r.id) === 0 && !(r.id in NOT_EXERCISED)).map((r) => r.id);
  expect(dead).toEqual([]);
});

test('the exception list holds only rules that exist and are still not exercised', () => {
  const ids = new Set(IDENTITY_RULES.map((r) => r.id));
  for (const [id, reason] of Object.entries(NOT_EXERCISED)) {
    expect(ids.has(id)).toBe(true);
    expect(counts.get(id)).toBe(0);
    expect(reason.length).toBeGreaterThan(20);
  }
});
