/**
 * The 评价等级 of the 绩效自评表: on the 总分 line (`总分 | … | 100 | 94.70 | 优`) the grade is read as value `grade`
 * (kind text) from its own cell, and the validator's grade rule then checks it against 总分.
 */
import type { Recognition, RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { qualifiedAddress, type WorkbookSnapshot } from '../src/core/snapshot';
import { validate } from '../src/core/validate';
import { buildSnapshot, locate, locateMeta, SEEDS, tableIndexOf, type Layout } from './fixtures';

/** The recognised table whose title sits where the fixture put seed 001 table `key`. */
function table(rec: Recognition, layout: Layout, key: string): RecognisedTable {
  const at = locateMeta('001', layout, tableIndexOf('001', key), 'title')!;
  const t = rec.tables.find((x) => x.sheet === at.sheet && x.anchor.row === at.row && x.anchor.col === at.col);
  if (!t) throw new Error(`no table ${key} at ${at.sheet}!${at.address}`);
  return t;
}

/** The printed cell in column `col` of the 总分 row (得分 is column 8, the grade column 9 of the transcription). */
function cellOf(layout: Layout, key: string, col: number) {
  const ti = tableIndexOf('001', key);
  const ri = SEEDS['001'].tables[ti].rows.findIndex((r) => r[0] === '总分');
  expect([key, ri > 0, SEEDS['001'].tables[ti].rows[ri][9]]).toEqual([key, true, '优']);
  return locate('001', layout, ti, ri, col);
}

function setValue(snap: WorkbookSnapshot, sheet: string, row: number, col: number, value: string): void {
  const cell = snap.sheets.find((s) => s.name === sheet)!.cells.find((c) => c.row === row && c.col === col)!;
  cell.value = value;
}

describe.each(['per-sheet', 'stacked'] as Layout[])('seed 001, layout %s', (layout) => {
  test('the grade cell of each 项目支出绩效自评表 is read from its own cell, as text', async () => {
    const rec = recognise(await buildSnapshot('001', layout));
    for (const key of ['perf-13', 'perf-14.2']) {
      const t = table(rec, layout, key);
      const total = t.rows.find((r) => r.key === 'score_total')!;
      const g = cellOf(layout, key, 9);
      expect([key, total.block, total.values.grade]).toEqual([
        key,
        'indicators',
        { value: null, status: 'text', raw: '优', fromText: false, row: g.row, col: g.col },
      ]);
      expect(t.columns.filter((c) => c.key === 'grade')).toEqual([
        { key: 'grade', header: '评价等级', kind: 'text', col: g.col, block: 'indicators' },
      ]);
      // only the 总分 line carries a grade
      expect(t.rows.filter((r) => r.values.grade).map((r) => r.key)).toEqual(['score_total']);
      expect(t.problems).toEqual([]);
    }
  });

  test('94.70 → 优 is consistent; 优 changed to 良 is a grade finding naming the grade and the 得分 cells', async () => {
    const snap = await buildSnapshot('001', layout);
    expect(validate(recognise(snap)).findings.filter((f) => f.rule.endsWith('.grade'))).toEqual([]);
    const g = cellOf(layout, 'perf-13', 9);
    const s = cellOf(layout, 'perf-13', 8);
    setValue(snap, g.sheet, g.row, g.col, '良');
    const found = validate(recognise(snap)).findings.filter((f) => f.rule.endsWith('.grade'));
    expect(found.map((f) => [f.rule, f.severity, f.cells, f.expected, f.actual])).toEqual([
      ['perf_project.grade', 'error', [qualifiedAddress(g.sheet, g.row, g.col), qualifiedAddress(s.sheet, s.row, s.col)], '优', '良'],
    ]);
    expect(found[0].message).toBe('2022年度项目支出绩效自评表总分 94.70 分对应等级“优”，表中写为“良”');
  });
});

test('良好 / 合格 are read too; a text that is no grade is not', async () => {
  const snap = await buildSnapshot('001', 'per-sheet');
  const g = cellOf('per-sheet', 'perf-14.2', 9);
  for (const [text, read] of [
    ['良好', true],
    ['合格', true],
    ['见附件', false],
  ] as const) {
    setValue(snap, g.sheet, g.row, g.col, text);
    const t = table(recognise(snap), 'per-sheet', 'perf-14.2');
    const total = t.rows.find((r) => r.key === 'score_total')!;
    expect([text, total.values.grade?.raw ?? null]).toEqual([text, read ? text : null]);
  }
});

test('the grade words are data (src/core/specs/grades.ts): 优秀 / 良好 are judged as 优 / 良; 合格 / 较差, of a scale without known bands, are not', async () => {
  const snap = await buildSnapshot('001', 'per-sheet');
  const g = cellOf('per-sheet', 'perf-13', 9);
  const judged: [string, string | null][] = [];
  for (const text of ['优秀', '良好', '良 好', '合格', '较差', '不合格']) {
    setValue(snap, g.sheet, g.row, g.col, text);
    const found = validate(recognise(snap)).findings.filter((f) => f.rule === 'perf_project.grade');
    judged.push([text, found.length > 0 ? `${found[0].expected}≠${found[0].actual}` : null]);
  }
  expect(judged).toEqual([
    ['优秀', null],
    ['良好', '优≠良'],
    ['良 好', '优≠良'],
    ['合格', null],
    ['较差', null],
    ['不合格', null],
  ]);
});
