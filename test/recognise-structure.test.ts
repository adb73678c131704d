/**
 * Tables without a recognisable title, recognised by their header structure (src/core/recognise/structure.ts):
 * the seed tables with the title cell removed (label kept or removed), the title row deleted, or a title no
 * spec knows (`表一`, `2022年度收支总表` …) give the same kind, rows and values as with their title, with
 * confidence 0.7 and the reason 未找到标题，按表头结构识别. Foreign content (a staff list, a 情况说明 text,
 * budget tables with 项目/金额 or 预算数 columns) gives no table; tables whose headers are the same (一般公共预算 /
 * 国有资本经营 支出表) without anything naming them stay unrecognised, with both names.
 */
import type { CellAmount, Finding, Recognition, RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { NO_TITLE_REASON } from '../src/core/recognise/structure';
import { cellAddress, rangeAddress, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from '../src/core/snapshot';
import { validate } from '../src/core/validate';
import { buildSnapshot, locateMeta, placement, SEEDS, tableBox, tableIndexOf, type Layout, type SeedId } from './fixtures';

type V = string | number | null;

function sheet(name: string, grid: V[][]): SheetSnapshot {
  const cells: CellSnapshot[] = [];
  grid.forEach((row, r) => row.forEach((value, c) => value !== null && value !== '' && cells.push({ row: r, col: c, value })));
  return { name, cells, merges: [] };
}

/** Removes the cell (and a merge anchored on it) where the fixture wrote each table's title / label. */
function drop(snap: WorkbookSnapshot, seed: SeedId, layout: Layout, parts: ('title' | 'label')[]): void {
  SEEDS[seed].tables.forEach((_, i) => {
    for (const part of parts) {
      const at = locateMeta(seed, layout, i, part);
      if (!at) continue;
      const s = snap.sheets.find((x) => x.name === at.sheet)!;
      s.cells = s.cells.filter((c) => !(c.row === at.row && c.col === at.col));
      s.merges = s.merges.filter((m) => !(m.top === at.row && m.left === at.col));
    }
  });
}

/** Rewrites the title cell of seed table `key` (per-sheet layout). */
function retitle(snap: WorkbookSnapshot, seed: SeedId, key: string, text: string): void {
  const at = locateMeta(seed, 'per-sheet', tableIndexOf(seed, key), 'title')!;
  snap.sheets.find((x) => x.name === at.sheet)!.cells.find((c) => c.row === at.row && c.col === at.col)!.value = text;
}

/** Deletes sheet row `row` (0-based): the rows below move up by one. */
function deleteRow(s: SheetSnapshot, row: number): void {
  s.cells = s.cells.filter((c) => c.row !== row).map((c) => (c.row > row ? { ...c, row: c.row - 1 } : c));
  s.merges = s.merges
    .filter((m) => !(m.top === row && m.bottom === row))
    .map((m) => ({ ...m, top: m.top > row ? m.top - 1 : m.top, bottom: m.bottom >= row ? m.bottom - 1 : m.bottom }));
}

/** Everything a table says apart from its title: kind, meta, columns, rows, values with their cells, notes. */
function model(t: RecognisedTable, shift = 0) {
  const at = (r: number, c: number) => `${t.sheet}!${cellAddress(r + shift, c)}`;
  return {
    sheet: t.sheet,
    specId: t.specId,
    kind: t.kind,
    org: t.org,
    year: t.year,
    unit: t.unit,
    unitText: t.unitText,
    bottom: t.range.bottom + shift,
    columns: t.columns.map((c) => `${c.key}:${c.kind}:${c.block ?? ''}:${c.col}:${c.header}`),
    rows: t.rows.map((r) => [
      `${r.block}/${r.key} ${r.level} ${r.code} ${r.codeText} ${r.name} ${at(r.row, r.nameCol)}`,
      ...Object.entries(r.values).map(
        ([k, v]: [string, CellAmount]) => `${k}=${v.status === 'number' ? v.value!.toString() : v.status}@${at(v.row, v.col)}`,
      ),
    ]),
    notes: t.notes,
    problems: t.problems,
  };
}

const findingFacts = (fs: Finding[]) =>
  fs.map((f) => `${f.rule} ${f.severity} ${f.cells.join(',')} ${f.expected} ${f.actual} ${f.tail ?? ''}`);

const baselines = new Map<string, Promise<Recognition>>();
function baseline(seed: SeedId, layout: Layout): Promise<Recognition> {
  const k = `${seed}/${layout}`;
  if (!baselines.has(k))
    baselines.set(
      k,
      buildSnapshot(seed, layout).then((s) => recognise(s)),
    );
  return baselines.get(k)!;
}

/** Seed table key → the titled table in the unmodified workbook. */
async function titled(seed: SeedId, layout: Layout, key: string): Promise<RecognisedTable> {
  const at = locateMeta(seed, layout, tableIndexOf(seed, key), 'title')!;
  return (await baseline(seed, layout)).tables.find((t) => t.sheet === at.sheet && t.anchor.row === at.row && t.anchor.col === at.col)!;
}

const KEYS_000 = SEEDS['000'].tables.map((t) => t.key);

describe.each([
  ['per-sheet', 'title removed, label kept', ['title']],
  ['per-sheet', 'title and label removed', ['title', 'label']],
  ['stacked', 'title removed, label kept', ['title']],
  ['stacked', 'title and label removed', ['title', 'label']],
] as [Layout, string, ('title' | 'label')[]][])('seed 000, layout %s, %s', (layout, _what, parts) => {
  let rec: Recognition;
  let snap: WorkbookSnapshot;
  beforeAll(async () => {
    snap = await buildSnapshot('000', layout);
    drop(snap, '000', layout, parts);
    rec = recognise(snap);
  });

  test('every table recognised by its header: same kind, rows and values as with its title; nothing left over', async () => {
    expect(rec.tables.map((t) => t.specId)).toEqual((await baseline('000', layout)).tables.map((t) => t.specId));
    expect(rec.unrecognised).toEqual([]);
    expect(rec.notices).toEqual([]);
    for (const key of KEYS_000) {
      const base = await titled('000', layout, key);
      const i = tableIndexOf('000', key);
      const label = parts.includes('label') ? null : locateMeta('000', layout, i, 'label');
      // the region starts at the first line left above the header: the label, else the org/unit line, else the header
      const first =
        label ?? locateMeta('000', layout, i, 'org') ?? locateMeta('000', layout, i, 'year') ?? locateMeta('000', layout, i, 'unit');
      const p = placement('000', layout, i);
      const top = first ? first.row : p.top + p.block.headerTop;
      const t = rec.tables.find((x) => x.sheet === base.sheet && x.range.top === top && x.range.left === base.range.left);
      expect([key, t ? 'found' : 'missing']).toEqual([key, 'found']);
      expect(model(t!)).toEqual(model(base));
      expect([key, t!.printedTitle, t!.label, t!.confidence, t!.reasons.slice(0, 2)]).toEqual([
        key,
        null,
        label ? base.label : null,
        0.7,
        [NO_TITLE_REASON, `表头结构对应${base.title}（${base.specId}）`],
      ]);
      expect(t!.range).toEqual({ ...base.range, top });
      expect(t!.anchor.row).toBe(top);
    }
  });

  test('validation finds the same defects at the same cells', async () => {
    const base = validate(await baseline('000', layout)).findings;
    expect(findingFacts(validate(rec).findings)).toEqual(findingFacts(base));
  });
});

describe('seed 000 per-sheet: titles a spec does not know, a deleted title row', () => {
  test.each([
    ['01', '2022年度收支总表'],
    ['02', '部门收入总体情况表'],
    ['03', '表一'],
    ['05', '附表3'],
    ['09', '表九　三公经费'],
    ['10', '附件：资产情况'],
  ])('%s titled 「%s」: recognised by its header, the line kept as printed title', async (key, text) => {
    const snap = await buildSnapshot('000', 'per-sheet');
    retitle(snap, '000', key, text);
    const rec = recognise(snap);
    const base = await titled('000', 'per-sheet', key);
    const t = rec.tables.find((x) => x.sheet === base.sheet)!;
    expect(model(t)).toEqual(model(base));
    expect([t.printedTitle, t.label, t.anchor, t.id, t.range, t.confidence, t.reasons[0]]).toEqual([
      text.replace(/\s+/g, ' '),
      base.label,
      base.anchor,
      base.id,
      base.range,
      0.7,
      NO_TITLE_REASON,
    ]);
    expect(rec.unrecognised).toEqual([]);
  });

  test.each(KEYS_000)('%s with its title row deleted: the same model one row higher', async (key) => {
    const snap = await buildSnapshot('000', 'per-sheet');
    const at = locateMeta('000', 'per-sheet', tableIndexOf('000', key), 'title')!;
    const s = snap.sheets.find((x) => x.name === at.sheet)!;
    deleteRow(s, at.row);
    const rec = recognise(snap);
    const base = await titled('000', 'per-sheet', key);
    const got = rec.tables.filter((x) => x.sheet === base.sheet);
    expect(got.map((x) => [x.specId, rangeAddress(x.range), x.reasons[0]])).toEqual([
      [base.specId, rangeAddress({ ...base.range, top: 0, bottom: base.range.bottom - 1 }), NO_TITLE_REASON],
    ]);
    expect(model(got[0], 1)).toEqual(model(base));
    expect(rec.unrecognised.filter((u) => u.sheet === base.sheet)).toEqual([]);
  });
});

describe('foreign content gives no table', () => {
  const none = (r: Recognition) => ({ tables: r.tables.map((t) => t.specId), notices: r.notices });

  test('a staff list', () => {
    const rows: V[][] = [['序号', '姓名', '性别', '职务', '学历', '基本工资']];
    for (let i = 1; i <= 20; i++) rows.push([i, `职工${i}`, i % 2 ? '男' : '女', '科员', '本科', 4000 + i * 13.5]);
    const rec = recognise({ sheets: [sheet('花名册', rows)] });
    expect(none(rec)).toEqual({ tables: [], notices: ['未识别到任何决算公开表。'] });
    expect(rec.unrecognised.map((u) => rangeAddress(u.range))).toEqual(['A1:F21']);
  });

  test('a 情况说明 text block naming tables and their columns', () => {
    const rec = recognise({
      sheets: [
        sheet('说明', [
          ['第三部分 2022年度部门决算情况说明'],
          ['一、收入决算情况说明'],
          ['本部门2022年度收入合计1,709.37万元，其中：财政拨款收入1,709.37万元，占100%；上级补助收入0万元；事业收入0万元。'],
          [],
          ['二、支出决算情况说明'],
          ['本部门2022年度支出合计1,709.37万元，其中：基本支出1,335.29万元，占78.12%；项目支出374.08万元，占21.88%。'],
          ['项目', '基本支出', '项目支出'],
          ['（说明文字中的小表头，无数据）'],
        ]),
      ],
    });
    expect(none(rec)).toEqual({ tables: [], notices: ['未识别到任何决算公开表。'] });
  });

  test('budget tables: 收支预算总表 with 项目/金额 or 预算数, 支出 and 基本支出 预算表 titled as such', () => {
    const rec = recognise({
      sheets: [
        sheet('预算1', [
          ['收入', null, '支出'],
          ['项目', '金额', '项目', '金额'],
          ['一、一般公共预算拨款收入', 1500, '一、一般公共服务支出', 1500],
          ['二、事业收入', 20, '二、卫生健康支出', 25],
          ['三、上级补助收入', 5, null, null],
          ['本年收入合计', 1525, '本年支出合计', 1525],
          ['总计', 1525, '总计', 1525],
        ]),
        sheet('预算2', [
          ['部门：测试局', null, '金额单位：万元'],
          ['收入', null, '支出'],
          ['项目', '预算数', '项目（按功能分类）', '预算数'],
          ['一、一般公共预算拨款收入', 1500, '一、一般公共服务支出', 1500],
          ['二、事业收入', 20, '二、卫生健康支出', 25],
          ['三、上级补助收入', 5, null, null],
          ['本年收入合计', 1525, '本年支出合计', 1525],
        ]),
        sheet('预算3', [
          ['2023年部门支出预算表'],
          ['金额单位：万元'],
          ['科目编码', '科目名称', '合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
          [null, '合计', 30, 20, 10],
          ['208', '社会保障和就业支出', 30, 20, 10],
          ['20801', '人力资源和社会保障管理事务', 30, 20, 10],
          ['2080109', '社会保险经办机构', 30, 20, 10],
        ]),
        sheet('预算4', [
          ['一般公共预算基本支出预算表'],
          ['经济分类科目编码', '科目名称', '金额', '经济分类科目编码', '科目名称', '金额'],
          ['301', '工资福利支出', 100, '302', '商品和服务支出', 50],
          ['30101', '基本工资', 60, '30201', '办公费', 20],
          ['30102', '津贴补贴', 40, '30202', '印刷费', 30],
        ]),
      ],
    });
    expect(none(rec)).toEqual({ tables: [], notices: ['未识别到任何决算公开表。'] });
    expect(rec.unrecognised.map((u) => `${u.sheet}!${rangeAddress(u.range)}`)).toEqual([
      '预算1!A1:D7',
      '预算2!A1:D7',
      '预算3!A1:H7',
      '预算4!A1:F5',
    ]);
  });
});

describe('headers two tables share', () => {
  const gpbLike = (): V[][] => [
    ['金额单位：万元'],
    ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
    [null, '合计', 30, 20, 10],
    ['208', '社会保障和就业支出', 30, 20, 10],
    ['20801', '人力资源和社会保障管理事务', 30, 20, 10],
    ['2080109', '社会保险经办机构', 30, 20, 10],
  ];

  test('nothing names the table: listed as unrecognised with both candidates', () => {
    const rec = recognise({ sheets: [sheet('S', gpbLike())] });
    expect(rec.tables).toEqual([]);
    expect(rec.unrecognised).toEqual([
      {
        sheet: 'S',
        range: { top: 0, left: 0, bottom: 5, right: 4 },
        reason:
          '工作表「S」A1:E6 未找到标题；表头结构与「一般公共预算财政拨款支出决算表」「国有资本经营预算财政拨款支出决算表」都相符，无法确定是哪张表',
      },
    ]);
  });

  test('a note or the sheet name naming one of them decides', () => {
    const noted = recognise({ sheets: [sheet('S', [...gpbLike(), ['注：本表反映部门本年度国有资本经营预算财政拨款支出情况。']])] });
    expect(noted.tables.map((t) => [t.specId, rangeAddress(t.range), t.notes.length, t.confidence, t.reasons[2]])).toEqual([
      [
        'state_capital/expense',
        'A1:E6',
        1,
        0.7,
        '与表头结构相同的一般公共预算财政拨款支出决算表按「注：本表反映部门本年度国有资本经营预算财政拨款支出情况。」区分',
      ],
    ]);
    const named = recognise({ sheets: [sheet('05一般公共预算财政拨款支出决算表', gpbLike())] });
    expect(named.tables.map((t) => [t.specId, t.printedTitle, t.label, t.unit])).toEqual([['gpb_expense/national', null, null, '万元']]);
  });
});

describe('other layouts with titles removed', () => {
  test('two-per-sheet: a titled table never reads the columns of its untitled neighbour; the neighbour stays visible', async () => {
    const snap = await buildSnapshot('000', 'two-per-sheet');
    // 03 (right of 02) and 07 (left of 08) lose their titles
    for (const key of ['03', '07']) {
      const at = locateMeta('000', 'two-per-sheet', tableIndexOf('000', key), 'title')!;
      const s = snap.sheets.find((x) => x.name === at.sheet)!;
      s.cells = s.cells.filter((c) => !(c.row === at.row && c.col === at.col));
      s.merges = s.merges.filter((m) => !(m.top === at.row && m.left === at.col));
    }
    const rec = recognise(snap);
    for (const key of ['02', '08']) {
      const base = await titled('000', 'two-per-sheet', key);
      const t = rec.tables.find((x) => x.id === base.id)!;
      expect([key, rangeAddress(t.range)]).toEqual([key, rangeAddress(base.range)]);
      expect(model(t)).toEqual(model(base));
    }
    const box = (key: string) => {
      const i = tableIndexOf('000', key);
      const p = placement('000', 'two-per-sheet', i);
      return `${p.sheet}!${rangeAddress({ top: p.top + 1, left: p.left, bottom: p.top + p.block.height - 1, right: p.left + p.block.width - 1 })}`;
    };
    expect(rec.unrecognised.map((u) => `${u.sheet}!${rangeAddress(u.range)}`)).toEqual([box('03'), box('07')]);
  });

  test('title-with-year: the label printed above a deleted title is read, the unit below it too', async () => {
    const snap = await buildSnapshot('000', 'title-with-year');
    drop(snap, '000', 'title-with-year', ['title']);
    const rec = recognise(snap);
    expect(rec.unrecognised).toEqual([]);
    for (const key of ['02', '06', '10']) {
      const i = tableIndexOf('000', key);
      const label = locateMeta('000', 'title-with-year', i, 'label')!;
      const t = rec.tables.find((x) => x.sheet === label.sheet)!;
      expect([key, t.specId, t.label, t.unitText, t.range.top, t.anchor, t.printedTitle]).toEqual([
        key,
        (await titled('000', 'title-with-year', key)).specId,
        SEEDS['000'].tables[i].label!.replace(/\s+/g, ''),
        SEEDS['000'].tables[i].unit,
        label.row,
        { row: label.row, col: label.col },
        null,
      ]);
    }
  });
});

test('seed 001 without titles: all but 收入支出决算表 (its only value columns say 金额, which names no table) are found as with titles', async () => {
  const snap = await buildSnapshot('001', 'per-sheet');
  drop(snap, '001', 'per-sheet', ['title', 'label']);
  const rec = recognise(snap);
  const keys = SEEDS['001'].tables.map((t) => t.key);
  for (const key of keys.filter((k) => k !== '01')) {
    const base = await titled('001', 'per-sheet', key);
    const t = rec.tables.find((x) => x.sheet === base.sheet);
    expect([key, t?.specId, t?.reasons[0]]).toEqual([key, base.specId, NO_TITLE_REASON]);
    // the 绩效 forms print their year only in the title (`2022年度项目支出绩效自评表`): gone with it
    const yearInTitleOnly =
      SEEDS['001'].tables[tableIndexOf('001', key)].year === null && /\d{4}年/.test(SEEDS['001'].tables[tableIndexOf('001', key)].title);
    expect(model(t!)).toEqual({ ...model(base), year: yearInTitleOnly ? null : base.year });
  }
  const b01 = await titled('001', 'per-sheet', '01');
  expect(rec.tables.filter((t) => t.sheet === b01.sheet)).toEqual([]);
  // the whole block but the removed title and label lines, notes included
  const whole = tableBox('001', 'per-sheet', tableIndexOf('001', '01'));
  expect(rec.unrecognised.map((u) => `${u.sheet}!${rangeAddress(u.range)}`)).toEqual([
    `${whole.sheet}!${rangeAddress({ ...whole.box, top: whole.box.top + 2 })}`,
  ]);
});

test('overrides on a table without a title: the user picks the kind (anchor: the region’s first cell) or says it is no table', () => {
  const lines: V[][] = [
    ['金额单位：万元'],
    ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
    [null, '合计', 30, 20, 10],
    ['208', '社会保障和就业支出', 30, 20, 10],
  ];
  for (const [grid, anchor] of [
    [lines, 'A1'],
    [lines.slice(1), 'A1'],
  ] as [V[][], string][]) {
    const forced = recognise({ sheets: [sheet('S', grid)], overrides: [{ sheet: 'S', anchor, specId: 'state_capital/expense' }] });
    expect(
      forced.tables.map((t) => [
        t.specId,
        t.confidence,
        t.printedTitle,
        t.unit,
        rangeAddress(t.range),
        t.rows.map((r) => `${r.key}=${String(r.values['expense.total'].value)}`).join(' '),
      ]),
    ).toEqual([['state_capital/expense', 1, null, grid.length === 4 ? '万元' : null, `A1:E${grid.length}`, 'total=30 208=30']]);
    expect(forced.unrecognised).toEqual([]);
    const none = recognise({ sheets: [sheet('S', grid)], overrides: [{ sheet: 'S', anchor, specId: null }] });
    expect([none.tables, none.unrecognised.map((u) => rangeAddress(u.range))]).toEqual([[], [`A1:E${grid.length}`]]);
  }
});
