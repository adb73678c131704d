/** The rule list: every table kind has rules, ids are unique, every description is Chinese. */
import type { TableKind } from '../src/core/model';
import { ALL_RULES, IDENTITY_RULES, listRules } from '../src/core/rules';

const KINDS: TableKind[] = [
  'income_expense_summary',
  'income',
  'expense',
  'fiscal_summary',
  'gpb_expense',
  'gpb_income_expense',
  'gpb_basic',
  'gpb_project_economic',
  'gov_fund',
  'state_capital',
  'three_public',
  'three_public_admin',
  'asset_occupancy',
  'asset_usage',
  'perf_department',
  'perf_project',
];

test('every table kind has identity rules of its own', () => {
  for (const kind of KINDS) {
    const own = listRules(kind).filter((r) => r.kind === kind);
    expect({ kind, n: own.length > 0 }).toEqual({ kind, n: true });
  }
});

test('rule ids are unique and every rule says in Chinese what it checks', () => {
  const ids = ALL_RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of ALL_RULES) expect(r.description).toMatch(/[\u4e00-\u9fff]/);
});

test('listRules(kind) gives the kind’s rules plus the checks that apply to every table', () => {
  const ids = listRules('income').map((r) => r.id);
  expect(ids.slice(0, 5)).toEqual([
    'income.row',
    'income.tuition',
    'income.hierarchy.total',
    'income.hierarchy.class',
    'income.hierarchy.section',
  ]);
  expect(ids).toContain('cross.summary_income_fiscal');
  expect(ids).toContain('code.parent');
  expect(ids).not.toContain('expense.row');
  expect(listRules('income').find((r) => r.id === 'income.row')!.description).toBe(
    '每一行：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入',
  );
  expect(listRules().length).toBe(ALL_RULES.length);
});

test('every identity names its parts by key: no empty operand lists', () => {
  for (const r of IDENTITY_RULES) if (r.type === 'sum') expect({ id: r.id, parts: r.parts.length > 0 }).toEqual({ id: r.id, parts: true });
});
