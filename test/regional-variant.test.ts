/**
 * A new regional variant is one spec and a fixture (src/core/specs/README.md): shown here with a made-up region
 * 示例省 whose “三公” table has its own title and two columns (本年预算数 | 本年决算数), and whose table set numbers
 * the tables its own way. Only data is added — a spec listed in `SPECS` (as `index.ts` would list it) and its set
 * in `TABLE_SETS` — and the recogniser, the rules, the completeness check and the pane's choices all take it up.
 * The fixture is seed 000's 公开09表 printed that way.
 */
import type { TableSpec, TableSetSpec } from '../src/core/specs';
import { SPECS, TABLE_SETS } from '../src/core/specs';
import { recognise } from '../src/core/recognise';
import { IDENTITY_RULES } from '../src/core/rules';
import { evaluateIdentities, validate } from '../src/core/validate';
import { specChoices, specLabel } from '../src/ui/specChoices';
import { dropColumn, seedTables, setCell, snapshotOf, tableOf } from './validate-kit';
import { undeclared } from './spec-keys';
import type { SeedTable } from './fixtures';

/** The new variant: one spec, data only (the lines are the ones every “三公” spec shares). */
function demoSpec(): TableSpec {
  const jiangxi = SPECS.find((s) => s.id === 'three_public/jiangxi')!;
  return {
    id: 'three_public/demo',
    kind: 'three_public',
    title: '财政拨款“三公”经费支出决算表',
    titles: ['"三公"经费支出情况表'],
    source: 'made up for test/regional-variant.test.ts',
    variant: '示例省，两列',
    set: 'demo',
    layout: 'rows',
    columns: [
      { key: 'budget', header: ['本年预算数'] },
      { key: 'actual', header: ['本年决算数'] },
    ],
    lines: jiangxi.lines,
  };
}

const demoSet: TableSetSpec = {
  id: 'demo',
  name: '示例省表式',
  required: [
    { kind: 'income_expense_summary', label: '表一' },
    { kind: 'income', label: '表二' },
    { kind: 'expense', label: '表三' },
    { kind: 'three_public', label: '表四' },
  ],
};

/** Seed 000's 01–03 and 06 and its 09表 printed as 示例省 prints it (06 for the “三公” rules between tables). */
function demoTables(edit?: (threePublic: SeedTable) => void): SeedTable[] {
  const ts = seedTables('000');
  const t = tableOf(ts, '09');
  dropColumn(t, 2); // no 年初预算数
  t.header[0] = t.header[0].map((h) => (h === '全年预算数' ? '本年预算数' : h === '决算数' ? '本年决算数' : h));
  t.title = '“三公”经费支出情况表';
  t.label = '表四';
  edit?.(t);
  return ['01', '02', '03', '06'].map((k) => tableOf(ts, k)).concat(t);
}

const added = () => {
  (SPECS as TableSpec[]).push(demoSpec());
  (TABLE_SETS as TableSetSpec[]).unshift(demoSet);
};
const removed = () => {
  (SPECS as TableSpec[]).splice(SPECS.length - 1, 1);
  (TABLE_SETS as TableSetSpec[]).shift();
};

test('without the spec, the table is not recognised', () => {
  const r = recognise(snapshotOf([demoTables()]));
  expect(r.tables.map((t) => t.kind)).toEqual(['income_expense_summary', 'income', 'expense', 'gpb_basic']);
});

describe('with the spec and its set added as data', () => {
  beforeAll(added);
  afterAll(removed);

  test('the table is recognised as the new variant, and every “三公” rule runs on it', () => {
    const r = recognise(snapshotOf([demoTables()]));
    const t = r.tables.find((x) => x.kind === 'three_public')!;
    expect([t.specId, t.columns.map((c) => c.key)]).toEqual(['three_public/demo', ['budget', 'actual']]);
    const ran = new Set(
      evaluateIdentities(r)
        .filter((o) => o.table === t)
        .map((o) => o.ruleId),
    );
    const threePublicRules = IDENTITY_RULES.filter((x) => x.kind === 'three_public').map((x) => x.id);
    expect(threePublicRules.filter((id) => !ran.has(id))).toEqual([]);
    expect(validate(r).findings.filter((f) => f.table === t.id)).toEqual([]);
    expect(undeclared(IDENTITY_RULES, SPECS)).toEqual([]);
  });

  test('a broken total in it is an error', () => {
    const r = recognise(snapshotOf([demoTables((t) => setCell(t, '一、“三公”经费支出', 3, '12.42'))]));
    const found = validate(r).findings.filter((f) => f.rule === 'three_public.total');
    expect(found.map((f) => [f.severity, f.expected, f.actual])).toEqual([['error', '11.42', '12.42']]);
  });

  test('the set is told from it, and a table it requires is reported missing by its number there', () => {
    const ts = demoTables().filter((t) => t.key !== '02');
    const found = validate(recognise(snapshotOf([ts]))).findings.filter((f) => f.rule === 'completeness.missing_table');
    expect(found.map((f) => f.message)).toEqual([
      '未找到收入决算表（示例省表式表二）：部门决算公开应包含此表；如已有此表但未识别，请检查表标题',
    ]);
  });

  test('the pane offers it by its variant name', () => {
    expect(specLabel('three_public/demo', specChoices([]))).toBe('财政拨款“三公”经费支出决算表（示例省，两列）');
  });
});
