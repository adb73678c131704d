/**
 * meta.org_differs / meta.year_differs: within one disclosure set, a table printing another 编制单位 or 年度
 * than its siblings (seed 001's 部门整体支出绩效自评表 prints 新平彝族自治州 for 新平彝族傣族自治县; a table copied
 * from last year's file prints 2021年度). One finding per deviating table, at the cell that prints the value:
 * the recogniser's `orgCell` / `yearCell`, checked here against where the fixture generator wrote them.
 */
import type { Finding, RecognisedTable } from '../src/core/model';
import { qualifiedAddress, type WorkbookSnapshot } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { listRules } from '../src/core/rules';
import { disclosureSets, validate } from '../src/core/validate';
import { buildSnapshot, LAYOUTS, locate, locateMeta, SEEDS, tableBox, tableIndexOf, type Layout, type SeedId } from './fixtures';
import { fact, rowIndex, seedTables, snapshotOf, tableOf } from './validate-kit';

const metaOf = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith('meta.'));
const brief = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  cells: f.cells,
  expected: f.expected,
  actual: f.actual,
  table: f.table,
});
const layoutsOf = (_seed: SeedId): Layout[] => LAYOUTS.filter((l) => l !== 'shanghai');

/** The recognised table of seed table `ti` in `layout` (its title inside the table's block). */
function tableAt(tables: RecognisedTable[], seed: SeedId, layout: Layout, ti: number): RecognisedTable {
  const { sheet, box } = tableBox(seed, layout, ti);
  const t = tables.find(
    (x) =>
      x.sheet === sheet && x.anchor.row >= box.top && x.anchor.row <= box.bottom && x.anchor.col >= box.left && x.anchor.col <= box.right,
  );
  if (!t) throw new Error(`table ${SEEDS[seed].tables[ti].key} not recognised in ${layout}`);
  return t;
}

function cellText(snap: WorkbookSnapshot, sheet: string, row: number, col: number): string {
  const c = snap.sheets.find((s) => s.name === sheet)!.cells.find((x) => x.row === row && x.col === col);
  return c ? String(c.value) : '';
}

/** A copy of the snapshot with one cell's text edited. */
function edit(snap: WorkbookSnapshot, sheet: string, row: number, col: number, change: (v: string) => string): WorkbookSnapshot {
  let done = false;
  const sheets = snap.sheets.map((s) =>
    s.name !== sheet
      ? s
      : {
          ...s,
          cells: s.cells.map((c) => {
            if (c.row !== row || c.col !== col) return c;
            done = true;
            return { ...c, value: change(String(c.value)), text: undefined };
          }),
        },
  );
  if (!done) throw new Error(`no cell ${sheet}!${row},${col}`);
  return { ...snap, sheets };
}

describe('the recogniser records the cell printing each table’s org and year', () => {
  test.each(['000', '001'] as const)(
    'seed %s, every layout: the org/year line where the generator wrote it, else a cell printing that very text',
    async (seed) => {
      for (const layout of layoutsOf(seed)) {
        const snap = await buildSnapshot(seed, layout);
        const { tables } = recognise(snap);
        SEEDS[seed].tables.forEach((_, ti) => {
          const t = tableAt(tables, seed, layout, ti);
          const where = `${layout} ${SEEDS[seed].tables[ti].key}`;
          for (const part of ['org', 'year'] as const) {
            const value = t[part];
            const cell = part === 'org' ? t.orgCell : t.yearCell;
            if (value === null) {
              expect({ where, part, cell }).toEqual({ where, part, cell: undefined });
              continue;
            }
            expect({ where, part, found: cell !== undefined }).toEqual({ where, part, found: true });
            const loc = locateMeta(seed, layout, ti, part);
            if (loc) expect({ where, part, cell }).toEqual({ where, part, cell: { row: loc.row, col: loc.col } });
            // The cell prints the value (spaces aside): `编制单位：上饶市医疗保障局`, `2022 年度`, the title, a form cell.
            const text = cellText(snap, t.sheet, cell!.row, cell!.col).replace(/\s+/g, '');
            expect({ where, part, text: text.includes(String(value)) }).toEqual({ where, part, text: true });
          }
        });
      }
    },
  );

  test('seed 001: the 部门整体支出绩效自评表 form prints its org in the cell after 部门名称', async () => {
    const snap = await buildSnapshot('001', 'per-sheet');
    const ti = tableIndexOf('001', 'perf-dept');
    const t = tableAt(recognise(snap).tables, '001', 'per-sheet', ti);
    const loc = locate('001', 'per-sheet', ti, rowIndex(SEEDS['001'].tables[ti], '部门名称'), 2);
    expect([t.org, t.orgCell, t.year, t.yearCell]).toEqual(['新平彝族自治州医疗保障局', { row: loc.row, col: loc.col }, 2022, t.anchor]);
  });
});

describe('the published seeds', () => {
  test('seed 001: one set of 12 tables (the deviating 部门名称 does not start a set), one meta.org_differs at the 部门名称 cell', async () => {
    const rec = recognise(await buildSnapshot('001', 'per-sheet'));
    const sets = disclosureSets(rec.tables);
    expect(sets.map((s) => [s.org, s.year, s.tables.length])).toEqual([['新平彝族傣族自治县医疗保障局', 2022, 12]]);
    const ti = tableIndexOf('001', 'perf-dept');
    const loc = locate('001', 'per-sheet', ti, rowIndex(SEEDS['001'].tables[ti], '部门名称'), 2);
    const found = metaOf(validate(rec).findings);
    expect(found.map(brief)).toEqual([
      {
        rule: 'meta.org_differs',
        severity: 'warning',
        cells: [qualifiedAddress(loc.sheet, loc.row, loc.col)],
        expected: '新平彝族傣族自治县医疗保障局',
        actual: '新平彝族自治州医疗保障局',
        table: '部门整体支出绩效自评表!A1',
      },
    ]);
    expect(found[0].cells).toEqual(['部门整体支出绩效自评表!C2']);
    expect(found[0].message).toBe(
      '2022年度部门整体支出绩效自评表的单位名称印为“新平彝族自治州医疗保障局”，同一套公开表的其他 9 张表印为“新平彝族傣族自治县医疗保障局”：请核对是否笔误，或此表是从其他单位的文件复制来的',
    );
  });

  test.each(['000', 'shanghai'] as const)('seed %s, every layout: no meta finding', async (seed) => {
    for (const layout of seed === 'shanghai' ? (['shanghai'] as Layout[]) : layoutsOf(seed)) {
      expect({ layout, found: metaOf(validate(recognise(await buildSnapshot(seed, layout))).findings) }).toEqual({ layout, found: [] });
    }
  });

  test('the rules are listed for every kind, with their severities in the description list', () => {
    const info = listRules('income').filter((r) => r.id.startsWith('meta.'));
    expect(info.map((r) => [r.id, r.kind, r.type])).toEqual([
      ['meta.org_differs', '*', 'consistent'],
      ['meta.year_differs', '*', 'consistent'],
    ]);
  });
});

describe('seed 000 with one table’s year changed to 2021年度 (a table copied from last year’s file)', () => {
  const ti = tableIndexOf('000', '03');
  test.each(layoutsOf('000'))('%s: one meta.year_differs error at that cell, nothing else changes', async (layout) => {
    const snap = await buildSnapshot('000', layout);
    const base = validate(recognise(snap)).findings.map(fact).sort();
    const loc = locateMeta('000', layout, ti, 'year')!;
    // per-sheet prints `2022 年度` on its own line; jiuqi `2022年度`; title-with-year inside the title.
    const changed = edit(snap, loc.sheet, loc.row, loc.col, (v) => (layout === 'per-sheet' ? '2021年度' : v.replace('2022', '2021')));
    const found = validate(recognise(changed)).findings;
    const t = tableAt(recognise(changed).tables, '000', layout, ti);
    expect(metaOf(found).map(brief)).toEqual([
      {
        rule: 'meta.year_differs',
        severity: 'error',
        cells: [qualifiedAddress(loc.sheet, loc.row, loc.col)],
        expected: '2022',
        actual: '2021',
        table: t.id,
      },
    ]);
    expect(
      found
        .filter((f) => !f.rule.startsWith('meta.'))
        .map(fact)
        .sort(),
    ).toEqual(base);
    if (layout === 'per-sheet') {
      expect(metaOf(found)[0].message).toBe(
        '支出决算表（公开03表）的年度印为“2021年度”，同一套公开表的其他 11 张表印为“2022年度”：此表可能是从其他年度的文件复制来的，请核对年度和表中数字',
      );
    }
  });
});

describe('seed 000 with a typo in one table’s 编制单位', () => {
  const ti = tableIndexOf('000', '06');
  test.each(layoutsOf('000'))('%s: one meta.org_differs warning at that cell', async (layout) => {
    const snap = await buildSnapshot('000', layout);
    const loc = locateMeta('000', layout, ti, 'org')!;
    const changed = edit(snap, loc.sheet, loc.row, loc.col, (v) => v.replace('医疗保障局', '医疗保障居'));
    const found = metaOf(validate(recognise(changed)).findings);
    expect(found.map((f) => [f.rule, f.severity, f.cells, f.expected, f.actual])).toEqual([
      ['meta.org_differs', 'warning', [qualifiedAddress(loc.sheet, loc.row, loc.col)], '上饶市医疗保障局', '上饶市医疗保障居'],
    ]);
    // 10 tables print a 编制单位 compared (the two 项目支出绩效自评表 print their 资金使用单位: not compared).
    expect(found[0].message).toMatch(
      /一般公共预算财政拨款基本支出决算表(（公开06表）)?的单位名称印为“上饶市医疗保障居”，同一套公开表的其他 9 张表印为“上饶市医疗保障局”：/,
    );
  });
});

describe('what is not a deviation', () => {
  const orgAll = (ts: ReturnType<typeof seedTables>, org: string) => ts.forEach((t) => (t.org = t.org && org));

  test('spaces and full-width brackets in the name', () => {
    const ts = seedTables('000');
    orgAll(ts, '编制单位：上饶市医疗保障局(本级)');
    tableOf(ts, '04').org = '编制单位：上饶市　医疗保障局（本级）';
    tableOf(ts, '07').org = '编制单位： 上饶市 医疗保障局 (本级)';
    expect(metaOf(validate(recognise(snapshotOf([ts]))).findings)).toEqual([]);
  });

  test('a 项目支出绩效自评表 whose 资金使用单位 is a unit under the department', () => {
    const ts = seedTables('000');
    const perf = tableOf(ts, 'perf-1');
    const r = rowIndex(perf, '资金使用单位');
    perf.rows[r][perf.rows[r].indexOf('资金使用单位') + 1] = '上饶市医疗保障局医保中心';
    const rec = recognise(snapshotOf([ts]));
    expect(rec.tables.filter((t) => t.kind === 'perf_project').map((t) => t.org)).toEqual(['上饶市医疗保障局医保中心', '上饶市医疗保障局']);
    expect(metaOf(validate(rec).findings)).toEqual([]);
  });

  test('two tables printing two names: nothing tells which one is wrong', () => {
    const ts = seedTables('000').filter((t) => ['01', '02'].includes(t.key));
    tableOf(ts, '02').org = '编制单位：上饶市医疗保障局医保中心';
    expect(metaOf(validate(recognise(snapshotOf([ts]))).findings)).toEqual([]);
  });

  test('two departments’ sets, and one department’s sets of two years: each consistent, no meta finding', () => {
    const second = seedTables('000').map((t) => ({ ...t, org: t.org && '编制单位：上饶市医疗保障局医保中心' }));
    const twoOrgs = recognise(snapshotOf([seedTables('000'), second]));
    expect(disclosureSets(twoOrgs.tables).map((s) => s.org)).toEqual(['上饶市医疗保障局', '上饶市医疗保障局医保中心']);
    expect(metaOf(validate(twoOrgs).findings)).toEqual([]);
    const lastYear = seedTables('000').map((t) => ({ ...t, year: t.year && t.year.replace('2022', '2021') }));
    const twoYears = recognise(snapshotOf([lastYear, seedTables('000')]));
    expect(disclosureSets(twoYears.tables).map((s) => [s.org, s.year])).toEqual([
      ['上饶市医疗保障局', 2021],
      ['上饶市医疗保障局', 2022],
    ]);
    expect(metaOf(validate(twoYears).findings)).toEqual([]);
    expect(metaOf(validate(recognise(snapshotOf([seedTables('000'), seedTables('001')]))).findings).map(fact)).toEqual([
      'meta.org_differs warning 新平彝族傣族自治县医疗保障局 新平彝族自治州医疗保障局 ',
    ]);
  });
});

describe('a deviating table inside one of two departments’ sets stays in its set', () => {
  const two = () => {
    const first = seedTables('000').filter((t) => !t.key.startsWith('perf'));
    const second = seedTables('000')
      .filter((t) => !t.key.startsWith('perf'))
      .map((t) => ({ ...t, org: t.org && '编制单位：上饶市医疗保障局医保中心' }));
    return { first, second };
  };

  test('a typo in the first set’s 06表: two sets of 10, one warning', () => {
    const { first, second } = two();
    tableOf(first, '06').org = '编制单位：上饶市医疗保障居';
    const rec = recognise(snapshotOf([first, second]));
    const sets = disclosureSets(rec.tables);
    expect(sets.map((s) => [s.org, s.tables.length])).toEqual([
      ['上饶市医疗保障局', 10],
      ['上饶市医疗保障局医保中心', 10],
    ]);
    expect(sets[0].tables.some((t) => t.org === '上饶市医疗保障居')).toBe(true);
    const found = validate(rec).findings;
    expect(metaOf(found).map((f) => [f.rule, f.expected, f.actual, f.table])).toEqual([
      ['meta.org_differs', '上饶市医疗保障局', '上饶市医疗保障居', sets[0].tables.find((t) => t.kind === 'gpb_basic')!.id],
    ]);
    // The set is whole: no table of it reported missing.
    expect(found.filter((f) => f.rule === 'completeness.missing_table')).toEqual([]);
  });

  test('2021年度 on the second set’s 03表: two sets of 10, one error', () => {
    const { first, second } = two();
    tableOf(second, '03').year = '2021 年度';
    const rec = recognise(snapshotOf([first, second]));
    expect(disclosureSets(rec.tables).map((s) => [s.org, s.year, s.tables.length])).toEqual([
      ['上饶市医疗保障局', 2022, 10],
      ['上饶市医疗保障局医保中心', 2022, 10],
    ]);
    const found = metaOf(validate(rec).findings);
    expect(found.map((f) => [f.rule, f.severity, f.expected, f.actual])).toEqual([['meta.year_differs', 'error', '2022', '2021']]);
    expect(found[0].message).toMatch(
      /^支出决算表（公开03表）［上饶市医疗保障局医保中心］的年度印为“2021年度”，同一套公开表的其他 9 张表印为“2022年度”/,
    );
  });
});
