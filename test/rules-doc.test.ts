/**
 * docs/RULES.md — the list of every rule id a finding can carry — is current, and complete for what the
 * validator really reports: every finding made on the repository's workbooks (the bundled samples, the seed
 * workbooks in every fixture layout, edited copies of the seed tables, a few hand-built tables) carries an id the
 * document lists, with a severity the document lists for it.
 * `RULES_DOC_DEBUG=1` prints the ids the workbooks brought out.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Finding, Recognition } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import { checkSeverity } from '../src/core/rules';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { buildSnapshot, LAYOUTS, type Layout, type SeedId } from './fixtures';
import { recognition, table } from './validate-builder';
import { scaleAmounts, seedTables, setCell, snapshotOf, tableOf } from './validate-kit';
import type { SeedTable } from './data/seeds';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rulesDoc = require('../scripts/rules-doc.js') as {
  render: () => string;
  scanFindingSites: (sources: { file: string; text: string }[]) => Map<string, { severities: Set<string>; files: Set<string> }>;
  parseRulesDoc: (text: string) => Map<string, string[]>;
  RULES_MD: string;
};

const root = path.resolve(__dirname, '..');
const REGENERATE = 'run `npm run rules-doc`';

function documented(): Map<string, string[]> {
  return rulesDoc.parseRulesDoc(readFileSync(rulesDoc.RULES_MD, 'utf8'));
}

test('docs/RULES.md is current (generated from src/core/rules and the validator)', () => {
  const generated = rulesDoc.render();
  const current = readFileSync(rulesDoc.RULES_MD, 'utf8');
  if (current !== generated) {
    const a = current.split('\n');
    const b = generated.split('\n');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    throw new Error(
      `docs/RULES.md is not current: ${REGENERATE}.\n` +
        `First difference at line ${i + 1}:\n  in the file: ${a[i] ?? '(end of file)'}\n  generated:   ${b[i] ?? '(end of file)'}`,
    );
  }
  expect(rulesDoc.parseRulesDoc(generated).size).toBeGreaterThan(100);
});

// ---------- the findings the repository's workbooks produce ----------

/** Edited copies of the seed tables, each bringing out some check (one disclosure set per edit). */
const EDITS: [string, SeedId, (ts: SeedTable[]) => SeedTable[] | void][] = [
  [
    'text and #REF! in amount cells',
    '000',
    (ts) => {
      setCell(tableOf(ts, '03'), '2101504', 4, '见附表');
      setCell(tableOf(ts, '02'), '2101501', 4, '#REF!');
    },
  ],
  [
    'a negative amount, a count with decimals',
    '000',
    (ts) => {
      setCell(tableOf(ts, '03'), '2101504', 6, '-304.35');
      setCell(tableOf(ts, '09'), '5.国内公务接待批次（个）', 4, '118.5');
    },
  ],
  [
    'codes: a letter O, a wrong parent, a duplicate, out of order, an unknown economic code',
    '000',
    (ts) => {
      setCell(tableOf(ts, '03'), '20801', 0, '2O801');
      setCell(tableOf(ts, '05'), '2101504', 0, '2081504');
      setCell(tableOf(ts, '02'), '2101504', 0, '2101501');
      setCell(tableOf(ts, '06'), '30217', 3, '30298');
    },
  ],
  [
    'the same code under two names',
    '000',
    (ts) => {
      setCell(tableOf(ts, '03'), '21015', 3, '医疗保障事务');
    },
  ],
  [
    'function codes outside the built-in list',
    '000',
    (ts) => {
      setCell(tableOf(ts, '03'), '2101504', 0, '2101599');
      setCell(tableOf(ts, '03'), '2101501', 0, '2101598');
    },
  ],
  [
    'a table in 元 among 万元 tables',
    '000',
    (ts) => {
      scaleAmounts(tableOf(ts, '02'), 10000);
    },
  ],
  [
    'a missing table and an empty fund table without its note',
    '000',
    (ts) => {
      tableOf(ts, '07').notes = [];
      tableOf(ts, '08').notes = [];
      return ts.filter((t) => t.key !== '05');
    },
  ],
  [
    'a table from another year and another unit',
    '000',
    (ts) => {
      tableOf(ts, '03').year = '2021 年度';
      tableOf(ts, '04').org = '编制单位：上饶市卫生健康委员会';
    },
  ],
  [
    'a broken total in 元',
    '001',
    (ts) => {
      setCell(tableOf(ts, '03'), '合计', 4, '1.00');
    },
  ],
];

/** A performance table by hand: a 执行率 off and a grade that does not fit its 总分. */
function perfRecognition(): Recognition {
  return recognition(
    table('perf_project', {
      sheet: '项目支出绩效自评表',
      unit: '万元',
      cols: [
        { key: 'budget', block: 'funds' },
        { key: 'actual', block: 'funds' },
        { key: 'rate', kind: 'percent', block: 'funds' },
        { key: 'weight', kind: 'score' },
        { key: 'score', kind: 'score' },
      ],
      rows: [
        ['funds.total', '年度资金总额', [100, 90, '95.00%', 10, 12], { block: 'funds' }],
        ['score_total', '总分', { weight: 100, score: 95, grade: '差' }, { block: 'indicators' }],
      ],
    }),
  );
}

let findings: { source: string; f: Finding }[] = [];

beforeAll(async () => {
  const out: { source: string; f: Finding }[] = [];
  const add = (source: string, list: Finding[]) => out.push(...list.map((f) => ({ source, f })));
  for (const file of readdirSync(path.join(root, 'samples'))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()) {
    const snap = await readWorkbookFile(path.join(root, 'samples', file));
    add(`samples/${file}`, validate(recognise(snap)).findings);
  }
  const cases: [SeedId, Layout][] = [];
  for (const seed of ['000', '001', 'shanghai'] as const)
    for (const layout of LAYOUTS) if (seed === 'shanghai' || layout !== 'shanghai' || seed === '000') cases.push([seed, layout]);
  for (const [seed, layout] of cases) add(`seed ${seed} / ${layout}`, validate(recognise(await buildSnapshot(seed, layout))).findings);
  for (const [name, seed, edit] of EDITS) {
    const ts = seedTables(seed);
    const edited = edit(ts) ?? ts;
    add(`edited seed ${seed}: ${name}`, validate(recognise(snapshotOf([edited], { name: `${name}.xlsx` }))).findings);
  }
  add('hand-built 项目支出绩效自评表', validate(perfRecognition()).findings);
  findings = out;
});

test('every finding on the test workbooks carries a rule id listed in docs/RULES.md, with a listed severity', () => {
  const doc = documented();
  const unlisted = new Map<string, string>();
  for (const { source, f } of findings) {
    const severities = doc.get(f.rule);
    const what = severities ? `${f.rule} (${f.severity})` : f.rule;
    if (!severities || !severities.includes(f.severity)) if (!unlisted.has(what)) unlisted.set(what, `${source}: ${f.message}`);
  }
  if (unlisted.size > 0)
    throw new Error(
      `Findings carry rule ids or severities that docs/RULES.md does not list — ${REGENERATE} ` +
        `(and list a new check in src/core/rules/checks.ts):\n` +
        [...unlisted].map(([what, where]) => `  ${what} — e.g. ${where}`).join('\n'),
    );
  // The workbooks do bring out a good part of the list: the check above is not vacuous.
  const ids = new Set(findings.map((x) => x.f.rule));
  if (process.env.RULES_DOC_DEBUG) console.log([...ids].sort().join('\n'));
  expect(ids.size).toBeGreaterThan(20);
  expect(new Set(findings.map((x) => x.f.severity))).toEqual(new Set(['error', 'warning', 'rounding', 'info']));
});

test('the document parser reads what the generator writes (ids, severities, nothing else)', () => {
  const doc = documented();
  expect(doc.get('code.unknown_function')).toEqual(['warning', 'info']);
  expect(doc.get('income.row')).toEqual(['error', 'rounding']);
  expect(doc.get('meta.year_differs')).toEqual(['error']);
  for (const [id, sevs] of doc) {
    expect(id).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
    expect(sevs.length).toBeGreaterThan(0);
    for (const s of sevs) expect(['error', 'warning', 'rounding', 'info']).toContain(s);
  }
});

test('the scanner finds where findings are made in code, whatever the file, with the severities written there', () => {
  const sites = rulesDoc.scanFindingSites([
    {
      file: 'src/core/validate/moved/anywhere.ts',
      text: [
        "out.push(finding(economic ? 'x.economic' : 'x.function', economic || short ? 'warning' : 'info', `${name}…`, cells, t, null, null));",
        "out.push({ rule: 'y.object', severity: 'error', message: 'm', cells: [], expected: null, actual: null, table: null });",
        "if (exclude.has('z.mentioned')) skip(); // a mention with no severity is no finding",
        'const f = { rule: rule.id, severity }; // data-driven: the rule data says',
        "out.push(finding('w.data', message, cells, t, null, null)); // severity from the rule data",
        "const f = { rule: 'v.data', severity: checkSeverity('v.data') };",
      ].join('\n'),
    },
  ]);
  const plain = Object.fromEntries([...sites].map(([id, s]) => [id, { severities: [...s.severities].sort(), files: [...s.files] }]));
  const file = ['src/core/validate/moved/anywhere.ts'];
  expect(plain).toEqual({
    'x.economic': { severities: ['info', 'warning'], files: file },
    'x.function': { severities: ['info', 'warning'], files: file },
    'y.object': { severities: ['error'], files: file },
    'w.data': { severities: [], files: file },
    'v.data': { severities: [], files: file },
  });
});

test('no finding in src/core writes its severity: it comes from the rule data (only `rounding` is decided by the evaluator)', () => {
  const sources: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name)) sources.push({ file: path.relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(root, 'src', 'core'));
  const written = [...rulesDoc.scanFindingSites(sources)]
    .filter(([, s]) => [...s.severities].some((v) => v !== 'rounding'))
    .map(([id, s]) => `${id}: ${[...s.severities].join('/')} in ${[...s.files].join(', ')}`);
  expect(written).toEqual([]);
});

test('a severity that depends on the code level is data: function 款/项 codes get the 提示, 类 codes the 警告', () => {
  expect(checkSeverity('code.unknown_function', { economic: false, code: '233' })).toBe('warning');
  expect(checkSeverity('code.unknown_function', { economic: false, code: '2101599' })).toBe('info');
  expect(checkSeverity('code.name_differs', { economic: false, code: '21015' })).toBe('info');
  expect(checkSeverity('code.name_differs', { economic: false, code: '210' })).toBe('warning');
  expect(checkSeverity('code.name_differs', { economic: true, code: '30217' })).toBe('warning');
  expect(checkSeverity('code.parent')).toBe('error');
  expect(() => checkSeverity('code.no_such_check')).toThrow('no check rule code.no_such_check');
});
