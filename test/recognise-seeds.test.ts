/**
 * The recogniser on the seed workbooks (test/fixtures.ts) in every layout: the exact model — kinds,
 * titles, labels, org, year, unit, ranges, rows, codes, levels, names, amounts and the cells they come
 * from — and the same model across layouts (values identical, addresses shifted with the layout).
 */
import { Decimal, parseAmount } from '../src/core/amount';
import type { CellAmount, Recognition, RecognisedTable, TableRow } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { cellAddress } from '../src/core/snapshot';
import { normalizeLabel } from '../src/core/text';
import { buildSnapshot, locate, locateMeta, placement, SEEDS, tableIndexOf, type Layout, type SeedId } from './fixtures';

const SEED_LAYOUTS: Layout[] = ['per-sheet', 'stacked', 'split-codes', 'code-in-name', 'text-numbers', 'no-labels'];
const SHANGHAI_LAYOUTS: Layout[] = ['shanghai', 'stacked', 'code-in-name', 'text-numbers', 'no-labels'];
const CASES: [SeedId, Layout][] = [
  ...SEED_LAYOUTS.map((l) => ['000', l] as [SeedId, Layout]),
  ...SEED_LAYOUTS.map((l) => ['001', l] as [SeedId, Layout]),
  ...SHANGHAI_LAYOUTS.map((l) => ['shanghai', l] as [SeedId, Layout]),
];

/** key, specId, printed title, label (as printed, normalised), year, unit, unit text, rows, confidence. */
type Expected = [string, string, string, string | null, number | null, '元' | '万元' | null, string, number, number];

const EXPECTED: Record<SeedId, { org: string | null; tables: Expected[] }> = {
  '000': {
    org: '上饶市医疗保障局',
    tables: [
      ['01', 'income_expense_summary/national', '收入支出决算总表', '公开01表', 2022, '万元', '金额单位：万元', 42, 1],
      ['02', 'income/national', '收入决算表', '公开02表', 2022, '万元', '金额单位：万元', 11, 1],
      ['03', 'expense/national', '支出决算表', '公开03表', 2022, '万元', '金额单位：万元', 11, 1],
      ['04', 'fiscal_summary/national', '财政拨款收入支出决算总表', '公开04表', 2022, '万元', '金额单位：万元', 38, 1],
      ['05', 'gpb_expense/national', '一般公共预算财政拨款支出决算表', '公开05表', 2022, '万元', '金额单位：万元', 11, 1],
      ['06', 'gpb_basic/national', '一般公共预算财政拨款基本支出决算表', '公开06表', 2022, '万元', '金额单位：万元', 91, 1],
      ['07', 'gov_fund/national', '政府性基金预算财政拨款收入支出决算表', '公开07表', 2022, '万元', '金额单位：万元', 1, 1],
      ['08', 'state_capital/expense', '国有资本经营预算财政拨款支出决算表', '公开08表', 2022, '万元', '金额单位：万元', 1, 1],
      ['09', 'three_public/jiangxi', '财政拨款“三公”经费支出决算表', '公开09表', 2022, '万元', '金额单位：万元', 20, 1],
      ['10', 'asset_occupancy/national', '国有资产占用情况表', '公开10表', 2022, null, '单位：台、辆、套', 10, 1],
      ['perf-1', 'perf_project/national', '项目支出绩效自评表', null, 2022, '万元', '项目资金(万元)', 25, 1],
      ['perf-2', 'perf_project/national', '项目支出绩效自评表', null, 2022, '万元', '项目资金 (万元)', 8, 1],
    ],
  },
  '001': {
    org: '新平彝族傣族自治县医疗保障局',
    tables: [
      ['01', 'income_expense_summary/national', '收入支出决算表', '公开01表', null, '元', '金额单位：元', 42, 1],
      ['02', 'income/national', '收入决算表', '公开02表', null, '元', '金额单位：元', 26, 0.95],
      ['03', 'expense/national', '支出决算表', '公开03表', null, '元', '金额单位：元', 20, 1],
      ['04', 'fiscal_summary/national', '财政拨款收入支出决算表', '公开04表', null, '元', '金额单位：元', 38, 1],
      ['05', 'gpb_income_expense/yunnan', '一般公共预算财政拨款收入支出决算表', '公开05表', null, '元', '单位：元', 20, 1],
      ['06', 'gpb_basic/national', '一般公共预算财政拨款基本支出决算表', '公开06表', null, '元', '单位：元', 90, 1],
      ['07', 'gpb_project_economic/yunnan', '一般公共预算财政拨款项目支出决算表', '公开07表', null, '元', '金额单位：元', 111, 1],
      ['10', 'three_public_admin/yunnan', '“三公”经费、行政参公单位机关运行经费情况表', '公开10表', null, '元', '单位：元', 24, 1],
      ['11', 'asset_usage/yunnan', '国有资产使用情况表', '公开11表', null, '元', '金额单位：元', 1, 1],
      ['perf-dept', 'perf_department/national', '2022年度部门整体支出绩效自评表', null, 2022, '万元', '批复金额（万元）', 15, 1],
      ['perf-13', 'perf_project/national', '2022年度项目支出绩效自评表', null, 2022, '万元', '项目资金 (万元)', 16, 1],
      ['perf-14.2', 'perf_project/national', '2022年度项目支出绩效自评表', '公开14.2表', 2022, '万元', '项目资金 (万元)', 13, 1],
    ],
  },
  shanghai: {
    org: null,
    tables: [
      ['1', 'income_expense_summary/national', '收入支出决算总表', null, null, '万元', '单位：万元', 40, 1],
      ['2', 'income/national', '收入决算表', null, null, '万元', '单位：万元', 11, 1],
      ['3', 'expense/national', '支出决算表', null, null, '万元', '单位：万元', 11, 1],
      ['4', 'fiscal_summary/national', '财政拨款收入支出决算总表', null, null, '万元', '单位：万元', 36, 1],
      ['5', 'gpb_expense/national', '一般公共预算财政拨款支出决算表', null, null, '万元', '单位：万元', 11, 1],
      ['6', 'gpb_basic/national', '一般公共预算财政拨款基本支出决算表', null, null, '万元', '单位：万元', 67, 1],
      ['7', 'three_public/shanghai-horizontal', '财政拨款“三公”经费支出决算表', null, null, '万元', '单位：万元', 6, 1],
      ['8', 'gov_fund/national', '政府性基金预算财政拨款收入支出决算表', null, null, '万元', '单位：万元', 1, 1],
      ['9', 'state_capital/income-expense', '国有资本经营预算财政拨款收入支出决算表', null, null, '万元', '单位：万元', 1, 1],
    ],
  },
};

const cache = new Map<string, Promise<Recognition>>();
function rec(seed: SeedId, layout: Layout): Promise<Recognition> {
  const k = `${seed}/${layout}`;
  if (!cache.has(k))
    cache.set(
      k,
      buildSnapshot(seed, layout).then((s) => recognise(s)),
    );
  return cache.get(k)!;
}

/** The recognised table whose title cell is where the fixture put seed table `key`'s title. */
async function table(seed: SeedId, layout: Layout, key: string): Promise<RecognisedTable> {
  const i = tableIndexOf(seed, key);
  const at = locateMeta(seed, layout, i, 'title')!;
  const t = (await rec(seed, layout)).tables.find((x) => x.sheet === at.sheet && x.anchor.row === at.row && x.anchor.col === at.col);
  if (!t) throw new Error(`no table at ${at.sheet}!${at.address} for ${seed}/${layout}/${key}`);
  return t;
}

function row(t: RecognisedTable, key: string, block = 'main'): TableRow {
  const r = t.rows.find((x) => x.key === key && x.block === block);
  if (!r) throw new Error(`no row ${block}/${key} in ${t.specId}`);
  return r;
}

/** `1699.38 @ 公开03表!E9` — value and cell of one figure. */
function fig(t: RecognisedTable, key: string, col: string, block = 'main'): string {
  const v = row(t, key, block).values[col];
  const shown = v.status === 'number' ? v.value!.toFixed(2) : v.status;
  return `${shown} @ ${t.sheet}!${cellAddress(v.row, v.col)}`;
}

function at(seed: SeedId, layout: Layout, key: string, r: number, c: number): string {
  const l = locate(seed, layout, tableIndexOf(seed, key), r, c);
  return `${l.sheet}!${l.address}`;
}

/** What a printed seed cell should read as. */
function expectedOf(text: string | undefined): { status: string; value: string | null } {
  if (text === undefined || text === '<' || text === '^') return { status: 'empty', value: null };
  const p = parseAmount(text.replace(/%$/, '').replace(/分$/, ''));
  return { status: p.status, value: p.value ? p.value.toString() : null };
}

const canonicalKey = (t: RecognisedTable, key: string) => key.replace(/^row(\d+)/, (_, n) => `row+${Number(n) - 1 - t.anchor.row}`);

function canonical(t: RecognisedTable) {
  return {
    specId: t.specId,
    title: t.title,
    printedTitle: normalizeLabel(t.printedTitle ?? ''),
    org: t.org,
    year: t.year,
    unit: t.unit,
    height: t.range.bottom - t.range.top,
    columns: t.columns.map((c) => [c.key, c.kind, c.block ?? null, normalizeLabel(c.header)]),
    rows: t.rows.map((r) => [
      r.block,
      canonicalKey(t, r.key),
      r.level,
      r.code,
      normalizeLabel(r.name),
      r.valueKind ?? null,
      r.row - t.anchor.row,
      Object.entries(r.values).map(([k, v]) => [k, v.status, v.value ? v.value.toString() : null, v.row - t.anchor.row]),
    ]),
    notes: t.notes.length,
  };
}

describe.each(CASES)('seed %s, layout %s', (seed, layout) => {
  const exp = EXPECTED[seed];

  test('every table recognised with its title, label, org, year, unit, rows and range; nothing else left', async () => {
    const r = await rec(seed, layout);
    expect(r.tables).toHaveLength(exp.tables.length);
    expect(r.unrecognised).toEqual([]);
    expect(r.notices).toEqual([]);
    for (const [key, specId, printed, label, year, unit, unitText, rows, confidence] of exp.tables) {
      const t = await table(seed, layout, key);
      const i = tableIndexOf(seed, key);
      const p = placement(seed, layout, i);
      const seedTable = SEEDS[layout === 'shanghai' ? 'shanghai' : seed].tables[i];
      expect([
        key,
        t.specId,
        normalizeLabel(t.printedTitle ?? ''),
        t.label,
        t.year,
        t.unit,
        normalizeLabel(t.unitText ?? ''),
        t.rows.length,
        t.confidence,
      ]).toEqual([
        key,
        specId,
        normalizeLabel(printed),
        layout === 'no-labels' ? null : label,
        year,
        unit,
        normalizeLabel(unitText),
        rows,
        confidence,
      ]);
      if (layout !== 'text-numbers') expect(t.printedTitle).toBe(printed);
      expect(t.org).toBe(key.startsWith('perf') ? t.org : exp.org);
      // range: the title row to the last body row, the block's first to last column
      expect(t.range).toEqual({
        top: p.top,
        left: p.left,
        bottom: p.top + p.block.bodyTop + seedTable.rows.length - 1,
        right: p.left + p.block.width - 1,
      });
      expect(t.notes).toEqual(seedTable.notes);
      expect(t.id).toBe(`${t.sheet}!${cellAddress(p.top, p.left)}`);
    }
  });

  test('every value comes from the seed cell that prints it', async () => {
    const r = await rec(seed, layout);
    let checked = 0;
    for (const [key] of exp.tables) {
      const t = await table(seed, layout, key);
      const i = tableIndexOf(seed, key);
      const p = placement(seed, layout, i);
      for (const row of t.rows) {
        for (const [k, v] of Object.entries<CellAmount>(row.values)) {
          const ri = v.row - p.top - p.block.bodyTop;
          const cj = v.col - p.left;
          const ci = p.block.colMap.indexOf(cj);
          expect([key, row.key, k, ri >= 0 && ri < p.table.rows.length, ci >= 0]).toEqual([key, row.key, k, true, true]);
          const e = expectedOf(p.table.rows[ri][ci]);
          expect([key, row.key, k, v.status, v.value ? v.value.toString() : null]).toEqual([key, row.key, k, e.status, e.value]);
          expect(v.fromText).toBe(v.status === 'number' && (layout === 'text-numbers' || typeof v.raw === 'string'));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(r.tables.every((t) => t.problems.length === 0)).toBe(true);
  });

  test('the same model as the plain layout', async () => {
    const base: Layout = seed === 'shanghai' ? 'shanghai' : 'per-sheet';
    if (layout === base) return;
    for (const [key] of exp.tables) {
      const a = canonical(await table(seed, base, key));
      const b = canonical(await table(seed, layout, key));
      if (layout === 'code-in-name') {
        // the code columns are gone: the rows and values stay
        expect({ ...b, columns: b.columns.map((c) => c.slice(0, 3)) }).toEqual({ ...a, columns: a.columns.map((c) => c.slice(0, 3)) });
      } else if (layout === 'no-labels') {
        // no label row: a labelled table's rows sit one row higher under its title
        const d = seedLabelled(seed, key) ? 1 : 0;
        const lift = (m: ReturnType<typeof canonical>, by: number) => ({
          ...m,
          height: m.height - by,
          rows: m.rows.map((r) => [
            r[0],
            String(r[1]).replace(/^row\+(\d+)/, (_, n) => `row+${Number(n) - by}`),
            r[2],
            r[3],
            r[4],
            r[5],
            (r[6] as number) - by,
            (r[7] as [string, string, string | null, number][]).map(([k, st, v, rr]) => [k, st, v, rr - by]),
          ]),
        });
        expect(lift(b, 0)).toEqual(lift(a, d));
      } else {
        expect(b).toEqual(a);
      }
    }
  });
});

function seedLabelled(seed: SeedId, key: string): boolean {
  return SEEDS[seed].tables[tableIndexOf(seed, key)].label !== null;
}

describe('key facts, with their cells', () => {
  test.each(SEED_LAYOUTS)('000 in layout %s', async (layout) => {
    const t01 = await table('000', layout, '01');
    expect(fig(t01, 'income.gpb', 'amount', 'income')).toBe(`1709.37 @ ${at('000', layout, '01', 0, 2)}`);
    expect(fig(t01, '210', 'amount', 'expense')).toBe(`1699.37 @ ${at('000', layout, '01', 8, 5)}`);
    expect(row(t01, '210', 'expense')).toMatchObject({ code: '210', codeText: null, level: 'class', name: '九、卫生健康支出' });
    expect(fig(t01, 'expense.grand_total', 'amount', 'expense')).toBe(`1709.37 @ ${at('000', layout, '01', 30, 5)}`);
    expect(t01.rows.filter((r) => r.block === 'expense' && r.level === 'class').map((r) => r.code)).toEqual([
      '201',
      '202',
      '203',
      '204',
      '205',
      '206',
      '207',
      '208',
      '210',
      '211',
      '212',
      '213',
      '214',
      '215',
      '216',
      '217',
      '219',
      '220',
      '221',
      '222',
      '223',
      '224',
      '229',
      '231',
      '232',
      '234',
    ]);

    const t03 = await table('000', layout, '03');
    expect(fig(t03, '210', 'total')).toBe(`1699.38 @ ${at('000', layout, '03', 4, 4)}`);
    expect(fig(t03, 'total', 'project')).toBe(`374.08 @ ${at('000', layout, '03', 0, 6)}`);
    expect(t03.rows.map((r) => `${r.key}:${r.level}:${r.name}`)).toEqual([
      'total:total:合计',
      '208:class:社会保障和就业支出',
      '20801:section:人力资源和社会保障管理事务',
      '2080109:item:社会保险经办机构',
      '210:class:卫生健康支出',
      '21015:section:医疗保障管理事务',
      '2101501:item:行政运行',
      '2101504:item:信息化建设',
      '2101505:item:医疗保障政策管理',
      '2101506:item:医疗保障经办事务',
      '2101550:item:事业运行',
    ]);
    const codeCol = row(t03, '2101506').codeCol;
    expect(codeCol).toBe(layout === 'code-in-name' ? undefined : placement('000', layout, tableIndexOf('000', '03')).left);

    const t05 = await table('000', layout, '05');
    expect(fig(t05, 'total', 'total')).toBe(`empty @ ${at('000', layout, '05', 0, 4)}`);

    const t06 = await table('000', layout, '06');
    const last06 = SEEDS['000'].tables[tableIndexOf('000', '06')].rows.length - 1;
    expect(fig(t06, 'personnel.total', 'amount', 'personnel')).toBe(`988.75 @ ${at('000', layout, '06', last06, 2)}`);
    expect(fig(t06, 'public.total', 'amount', 'public')).toBe(`346.54 @ ${at('000', layout, '06', last06, 8)}`);
    expect(fig(t06, '30217', 'amount', 'public')).toBe(`11.42 @ ${at('000', layout, '06', 16, 5)}`);
    expect(row(t06, '30111', 'personnel').name).toBe('公务员医疗补助缴款');

    const t09 = await table('000', layout, '09');
    expect(fig(t09, 'reception.domestic', 'initial_budget')).toBe(`na @ ${at('000', layout, '09', 6, 2)}`);
    expect(fig(t09, 'count.reception_people', 'actual')).toBe(`1343.00 @ ${at('000', layout, '09', 16, 4)}`);
    expect(row(t09, 'count.reception_people').valueKind).toBe('count');
    expect(row(t09, 'total').level).toBe('total');

    const t10 = await table('000', layout, '10');
    expect([t10.unit, t10.unitText]).toEqual([null, '单位：台、辆、套']);
    expect(t10.columns.map((c) => [c.key, c.kind])).toEqual([['actual', 'count']]);

    const p1 = await table('000', layout, 'perf-1');
    expect(fig(p1, 'funds.total', 'budget', 'funds')).toBe(`159.90 @ ${at('000', layout, 'perf-1', 4, 3)}`);
    expect(fig(p1, 'funds.total', 'rate', 'funds')).toBe(`0.00 @ ${at('000', layout, 'perf-1', 4, 5)}`);
    expect(row(p1, 'indicator.21', 'indicators').name).toBe('经办机构支持率和满意度');
    expect(p1.org).toBe('上饶市医疗保障局');
  });

  test.each(SEED_LAYOUTS)('001 in layout %s', async (layout) => {
    const t02 = await table('001', layout, '02');
    const unnamed = t02.rows.filter((r) => r.key.startsWith('row'));
    expect(unnamed.map((r) => [r.name, r.code, r.values.total.value!.toFixed(2)])).toEqual([
      ['', null, '3668.00'],
      ['', null, '3668.00'],
      ['', null, '92400.00'],
      ['', null, '168687.13'],
      ['', null, '3500523.54'],
      ['', null, '302586.00'],
    ]);
    expect(t02.columns.map((c) => c.key)).toEqual([
      'total',
      'fiscal',
      'superior',
      'business',
      'business.tuition',
      'operating',
      'affiliated',
      'other',
    ]);

    const t05 = await table('001', layout, '05');
    expect(row(t05, 'total')).toMatchObject({ name: '', level: 'total' });
    expect(fig(t05, 'total', 'expense.personnel')).toBe(`4050256.00 @ ${at('001', layout, '05', 0, 12)}`);
    expect(fig(t05, '2101501', 'expense.public')).toBe(`453189.96 @ ${at('001', layout, '05', 14, 13)}`);

    const t06 = await table('001', layout, '06');
    expect(fig(t06, 'personnel.total', 'amount', 'personnel')).toBe(`4050256.00 @ ${at('001', layout, '06', 33, 2)}`);
    expect(fig(t06, 'public.total', 'amount', 'public')).toBe(`453189.96 @ ${at('001', layout, '06', 33, 8)}`);
    expect(row(t06, '30305', 'personnel').name).toBe('生活补助');

    const t07 = await table('001', layout, '07');
    expect(row(t07, '20921', 'public')).toMatchObject({ code: '20921', level: 'section', name: '文物和陈列品购置' });
    expect(fig(t07, 'public.total', 'amount', 'public')).toBe(`89698.34 @ ${at('001', layout, '07', 33, 11)}`);

    const t10 = await table('001', layout, '10');
    expect(t10.rows.map((r) => r.key).slice(0, 3)).toEqual(['heading', 'total', 'abroad']);
    expect(fig(t10, 'total', 'actual')).toBe(`18012.20 @ ${at('001', layout, '10', 1, 4)}`);
    expect(fig(t10, 'admin_cost.admin', 'actual')).toBe(`453189.96 @ ${at('001', layout, '10', 22, 4)}`);

    const t11 = await table('001', layout, '11');
    expect(fig(t11, 'total', 'fixed.vehicles')).toBe(`226800.00 @ ${at('001', layout, '11', 0, 6)}`);

    const p13 = await table('001', layout, 'perf-13');
    expect(fig(p13, 'score_total', 'weight', 'indicators')).toBe(`100.00 @ ${at('001', layout, 'perf-13', 23, 7)}`);
    expect(fig(p13, 'score_total', 'score', 'indicators')).toBe(`94.70 @ ${at('001', layout, 'perf-13', 23, 8)}`);
    expect(fig(p13, 'funds.total', 'rate', 'funds')).toBe(`47.10 @ ${at('001', layout, 'perf-13', 3, 6)}`);
    expect(fig(p13, 'funds.fiscal', 'weight', 'funds')).toBe(`na @ ${at('001', layout, 'perf-13', 4, 5)}`);
    expect(p13.rows.filter((r) => r.block === 'indicators').length).toBe(12);

    const dept = await table('001', layout, 'perf-dept');
    expect(dept.org).toBe('新平彝族自治州医疗保障局');
    expect(fig(dept, 'task.2', 'approved.other', 'tasks')).toBe(`816.98 @ ${at('001', layout, 'perf-dept', 11, 5)}`);
    expect(fig(dept, 'task.2', 'rate', 'tasks')).toBe(`48.44 @ ${at('001', layout, 'perf-dept', 11, 7)}`);
    expect(
      dept.rows
        .filter((r) => r.block === 'indicators')
        .map((r) => r.name)
        .slice(-1),
    ).toEqual(['服务对象满意度']);
  });

  test.each(SHANGHAI_LAYOUTS)('上海 template in layout %s', async (layout) => {
    const t7 = await table('shanghai', layout, '7');
    expect(t7.rows.map((r) => `${r.key}=${fig(t7, r.key, 'budget')}|${fig(t7, r.key, 'actual')}`)).toEqual([
      `total=13.83 @ ${at('shanghai', layout, '7', 0, 0)}|11.42 @ ${at('shanghai', layout, '7', 0, 1)}`,
      `abroad=0.00 @ ${at('shanghai', layout, '7', 0, 2)}|0.00 @ ${at('shanghai', layout, '7', 0, 3)}`,
      `vehicle=0.00 @ ${at('shanghai', layout, '7', 0, 4)}|0.00 @ ${at('shanghai', layout, '7', 0, 5)}`,
      `vehicle.purchase=0.00 @ ${at('shanghai', layout, '7', 0, 6)}|0.00 @ ${at('shanghai', layout, '7', 0, 7)}`,
      `vehicle.operation=0.00 @ ${at('shanghai', layout, '7', 0, 8)}|0.00 @ ${at('shanghai', layout, '7', 0, 9)}`,
      `reception=13.83 @ ${at('shanghai', layout, '7', 0, 10)}|11.42 @ ${at('shanghai', layout, '7', 0, 11)}`,
    ]);
    const t1 = await table('shanghai', layout, '1');
    expect(t1.rows.filter((r) => r.block === 'expense' && r.level === 'class').length).toBe(24);
    const t5 = await table('shanghai', layout, '5');
    expect(t5.rows[t5.rows.length - 1].key).toBe('total');
    expect(fig(t5, 'total', 'total')).toBe(`1709.37 @ ${at('shanghai', layout, '5', 10, 2)}`);
    const t6 = await table('shanghai', layout, '6');
    expect(fig(t6, 'public.total', 'amount', 'public')).toBe(`346.54 @ ${at('shanghai', layout, '6', 38, 5)}`);
    expect(row(t6, '30305', 'personnel').name).toBe('生活补助');
  });
});

test('Decimal values, not floats', async () => {
  const t = await table('000', 'per-sheet', '02');
  expect(row(t, '2101501').values.total.value).toBeInstanceOf(Decimal);
});

describe('an empty total of a 基本支出表 block', () => {
  test('points at the cell where the total is printed (right end of its span), not at the label’s own triple', async () => {
    const snap = await buildSnapshot('000', 'per-sheet');
    const printed = recognise(snap)
      .tables.find((t) => t.kind === 'gpb_basic')!
      .rows.find((r) => r.key === 'public.total')!.values.amount;
    expect([printed.value?.toFixed(2), printed.row, printed.col]).toEqual(['346.54', 39, 8]);

    // The same workbook with 公用经费合计's amount deleted: the empty value keeps its cell (公开06表!I40).
    const emptied = {
      ...snap,
      sheets: snap.sheets.map((s) => (s.name === '公开06表' ? { ...s, cells: s.cells.filter((c) => !(c.row === 39 && c.col === 8)) } : s)),
    };
    const empty = recognise(emptied)
      .tables.find((t) => t.kind === 'gpb_basic')!
      .rows.find((r) => r.key === 'public.total')!.values.amount;
    expect([empty.status, empty.row, empty.col]).toEqual(['empty', 39, 8]);
  });
});
