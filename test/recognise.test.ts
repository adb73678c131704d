/**
 * Recogniser on small hand-built snapshots: layouts, codes, numbers as text, bad input, unrecognised
 * regions, confidence, overrides. Seed workbooks in every layout: test/recognise-seeds.test.ts.
 */
import { recognise } from '../src/core/recognise';
import type { RecognisedTable, TableRow } from '../src/core/model';
import { rangeAddress, type CellSnapshot, type RangeBox, type SheetSnapshot, type WorkbookSnapshot } from '../src/core/snapshot';
import { tableSummary } from '../src/core/summary';

type V = string | number | null;

/** A sheet from a grid of values placed at (top, left). */
function sheet(name: string, grid: V[][], opts: { top?: number; left?: number; merges?: RangeBox[] } = {}): SheetSnapshot {
  const top = opts.top ?? 0;
  const left = opts.left ?? 0;
  const cells: CellSnapshot[] = [];
  grid.forEach((row, r) => row.forEach((value, c) => value !== null && value !== '' && cells.push({ row: top + r, col: left + c, value })));
  return { name, cells, merges: opts.merges ?? [] };
}

function wb(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { name: 't.xlsx', sheets };
}

function row(t: RecognisedTable, key: string, block = 'main'): TableRow {
  const r = t.rows.find((x) => x.key === key && x.block === block);
  if (!r) throw new Error(`no row ${block}/${key} in ${t.specId}: ${t.rows.map((x) => `${x.block}/${x.key}`).join(' ')}`);
  return r;
}

function val(t: RecognisedTable, key: string, col: string, block = 'main'): string | null {
  const v = row(t, key, block).values[col];
  return v.status === 'number' ? v.value!.toFixed(2) : v.status;
}

const EXPENSE_HEADER: V[] = [
  '科目编码',
  '科目名称',
  '本年支出合计',
  '基本支出',
  '项目支出',
  '上缴上级支出',
  '经营支出',
  '对附属单位补助支出',
];

function expenseTable(opts: { header?: V[]; rows?: V[][] } = {}): V[][] {
  return [
    ['支出决算表'],
    ['公开 03 表'],
    ['编制单位：测试局', null, '2023 年度', null, null, null, null, '金额单位：万元'],
    opts.header ?? EXPENSE_HEADER,
    ...(opts.rows ?? [
      [null, '合计', 30, 20, 10],
      ['208', '社会保障和就业支出', 30, 20, 10],
      ['20801', '人力资源和社会保障管理事务', 30, 20, 10],
      ['2080109', '社会保险经办机构', 30, 20, 10],
    ]),
    ['注：本表反映部门本年度各项支出情况。'],
  ];
}

describe('one table per sheet', () => {
  test('title, label, org, year, unit, rows, values with their cells', () => {
    const rec = recognise(wb(sheet('Sheet1', expenseTable(), { top: 2, left: 1 })));
    expect(rec.tables).toHaveLength(1);
    const t = rec.tables[0];
    expect(tableSummary(t)).toEqual({
      sheet: 'Sheet1',
      range: 'B3:I10',
      title: '支出决算表',
      printedTitle: '支出决算表',
      label: '公开03表',
      org: '测试局',
      year: 2023,
      unit: '万元',
      rows: 4,
      confidence: 1,
    });
    expect(t.id).toBe('Sheet1!B3');
    expect(t.specId).toBe('expense/national');
    expect(t.unitText).toBe('金额单位：万元');
    expect(t.columns.map((c) => `${c.key}@${c.col}`)).toEqual([
      'total@3',
      'basic@4',
      'project@5',
      'remit_superior@6',
      'operating@7',
      'subsidy_affiliated@8',
    ]);
    expect(t.rows.map((r) => [r.key, r.level, r.code, r.name, r.row, r.nameCol, r.codeCol])).toEqual([
      ['total', 'total', null, '合计', 6, 2, undefined],
      ['208', 'class', '208', '社会保障和就业支出', 7, 2, 1],
      ['20801', 'section', '20801', '人力资源和社会保障管理事务', 8, 2, 1],
      ['2080109', 'item', '2080109', '社会保险经办机构', 9, 2, 1],
    ]);
    const v = row(t, '2080109').values.basic;
    expect([v.status, v.value!.toFixed(2), v.row, v.col, v.fromText]).toEqual(['number', '20.00', 9, 4, false]);
    expect(row(t, '2080109').values.operating).toMatchObject({ status: 'empty', value: null, row: 9, col: 7 });
    expect(t.notes).toEqual(['注：本表反映部门本年度各项支出情况。']);
    expect(rec.unrecognised).toEqual([]);
    expect(rec.notices).toEqual([]);
  });

  test('numbers as text, (12.00), —, #REF! and text in number cells', () => {
    const rec = recognise(
      wb(
        sheet(
          'S',
          expenseTable({
            rows: [
              [null, '合计', '1,575.90', '(12.00)', '—'],
              ['208', '社会保障和就业支出', '#REF!', '待补', '——'],
            ],
          }),
        ),
      ),
    );
    const t = rec.tables[0];
    expect(val(t, 'total', 'total')).toBe('1575.90');
    expect(row(t, 'total').values.total.fromText).toBe(true);
    expect(val(t, 'total', 'basic')).toBe('-12.00');
    expect(val(t, 'total', 'project')).toBe('na');
    expect(val(t, '208', 'total')).toBe('error');
    expect(val(t, '208', 'basic')).toBe('text');
    expect(val(t, '208', 'project')).toBe('na');
    expect(t.problems).toEqual(['S!C6 是错误值 #REF!', 'S!D6 应为数值，却是文字「待补」']);
  });

  test('a value merged down over two rows counts in its first row, with a problem naming the merge', () => {
    const rows: V[][] = [
      [null, '合计', 30, 20, 10],
      ['208', '社会保障和就业支出', 30, null, 10],
    ];
    const t = recognise(wb(sheet('S', expenseTable({ rows }), { merges: [{ top: 4, left: 3, bottom: 5, right: 3 }] }))).tables[0];
    expect(val(t, 'total', 'basic')).toBe('20.00');
    expect(row(t, '208').values.basic).toMatchObject({ status: 'empty', row: 5, col: 3 });
    expect(t.problems).toEqual(['S!D5:D6 是跨 2 行的合并单元格，其中的数值只计入第 5 行']);
  });

  test('codes split over 类|款|项 (numbers or text), rows without a code, code in the name cell', () => {
    const rec = recognise(
      wb(
        sheet('S', [
          ['收入决算表'],
          ['单位：元'],
          [
            '类',
            '款',
            '项',
            '科目名称',
            '本年收入合计',
            '财政拨款收入',
            '上级补助收入',
            '事业收入',
            '经营收入',
            '附属单位上缴收入',
            '其他收入',
          ],
          [null, null, null, '合计', 6],
          ['208', null, null, '社会保障和就业支出', 3],
          ['208', 1, null, '人力资源和社会保障管理事务', 3],
          ['208', '01', '09', '社会保险经办机构', 3],
          [null, null, '10', '社会保险经办机构（补）', 0],
          [null, null, null, null, 3],
          [null, null, null, '2101501行政运行', 3],
          [null, null, null, '2080109 社会保险经办机构', 1],
        ]),
      ),
    );
    const t = rec.tables[0];
    expect(t.unit).toBe('元');
    expect(t.rows.map((r) => [r.key, r.code, r.codeText, r.level, r.name])).toEqual([
      ['total', null, null, 'total', '合计'],
      ['208', '208', '208', 'class', '社会保障和就业支出'],
      ['20801', '20801', '20801', 'section', '人力资源和社会保障管理事务'],
      ['2080109', '2080109', '2080109', 'item', '社会保险经办机构'],
      ['2080110', '2080110', '2080110', 'item', '社会保险经办机构（补）'],
      ['row9', null, null, 'line', ''],
      ['2101501', '2101501', '2101501', 'item', '行政运行'],
      ['2080109@11', '2080109', '2080109', 'item', '社会保险经办机构'],
    ]);
    expect(t.problems).toEqual(['S!D11 编码「2080109」在表中重复出现']);
  });

  test('merged header cells give each column its header path', () => {
    // 云南 05表-like header: 本年支出 > 基本支出 > 小计 | 人员经费 | 公用经费
    const grid: V[][] = [
      ['一般公共预算财政拨款收入支出决算表'],
      ['部门：测试局'],
      [
        '科目编码',
        '科目名称',
        '年初结转和结余',
        null,
        null,
        '本年收入',
        null,
        null,
        '本年支出',
        null,
        null,
        null,
        null,
        '年末结转和结余',
        null,
        null,
      ],
      [
        null,
        null,
        '合计',
        '基本支出结转',
        '项目支出结转和结余',
        '合计',
        '基本支出',
        '项目支出',
        '合计',
        '基本支出',
        null,
        null,
        '项目支出',
        '合计',
        '基本支出结转',
        '项目支出结转和结余',
      ],
      [null, null, null, null, null, null, null, null, null, '小计', '人员经费', '公用经费', null, null, null, null],
      ['208', '社会保障和就业支出', null, null, null, 10, 10, null, 10, 10, 8, 2, null, null, null, null],
    ];
    const merges: RangeBox[] = [
      { top: 2, left: 2, bottom: 2, right: 4 },
      { top: 2, left: 5, bottom: 2, right: 7 },
      { top: 2, left: 8, bottom: 2, right: 12 },
      { top: 2, left: 13, bottom: 2, right: 15 },
      { top: 3, left: 9, bottom: 3, right: 11 },
      { top: 3, left: 8, bottom: 4, right: 8 },
      { top: 3, left: 12, bottom: 4, right: 12 },
    ];
    const t = recognise(wb(sheet('S', grid, { merges }))).tables[0];
    expect(t.specId).toBe('gpb_income_expense/yunnan');
    expect(t.columns.map((c) => `${c.key}=${c.header}`)).toEqual([
      'begin.total=年初结转和结余/合计',
      'begin.basic=年初结转和结余/基本支出结转',
      'begin.project=年初结转和结余/项目支出结转和结余',
      'income.total=本年收入/合计',
      'income.basic=本年收入/基本支出',
      'income.project=本年收入/项目支出',
      'expense.total=本年支出/合计',
      'expense.basic=本年支出/基本支出/小计',
      'expense.personnel=本年支出/基本支出/人员经费',
      'expense.public=本年支出/基本支出/公用经费',
      'expense.project=本年支出/项目支出',
      'end.total=年末结转和结余/合计',
      'end.basic=年末结转和结余/基本支出结转',
      'end.project=年末结转和结余/项目支出结转和结余',
    ]);
    expect(val(t, '208', 'expense.personnel')).toBe('8.00');
    expect(row(t, '208').values['expense.personnel'].col).toBe(10);
  });

  test('without merges a group header still covers the columns under it', () => {
    const t = recognise(
      wb(
        sheet('S', [
          ['政府性基金预算财政拨款收入支出决算表'],
          ['科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出', null, null, '年末结转和结余'],
          [null, null, null, null, '小计', '基本支出', '项目支出'],
          [null, '合计', 0, 5, 5, 2, 3, 0],
        ]),
      ),
    ).tables[0];
    expect(t.columns.map((c) => `${c.key}=${c.header}`)).toEqual([
      'begin=年初结转和结余',
      'income=本年收入',
      'expense.total=本年支出/小计',
      'expense.basic=本年支出/基本支出',
      'expense.project=本年支出/项目支出',
      'end=年末结转和结余',
    ]);
    expect(val(t, 'total', 'expense.project')).toBe('3.00');
  });
});

describe('side-by-side, blocks and horizontal layouts', () => {
  test('收入支出决算总表: income left, expense right, 类 lines by name', () => {
    const t = recognise(
      wb(
        sheet('总表', [
          ['收入支出决算总表'],
          ['收入', null, '支出'],
          ['项目', '决算数', '项目（按功能分类）', '决算数'],
          ['一般公共预算财政拨款收入', 100, '一、一般公共服务支出', null],
          ['二、政府性基金预算财政拨款收入', null, '八、社会保障和就业支出', 40],
          [null, null, '九、卫生健康支出', 60],
          ['本年收入合计', 100, '本年支出合计', 100],
          ['总计', 100, '总计', 100],
        ]),
      ),
    ).tables[0];
    expect(t.specId).toBe('income_expense_summary/national');
    expect(t.rows.map((r) => `${r.block}/${r.key}/${r.level}/${r.code ?? ''}/${r.codeText ?? ''}`)).toEqual([
      'income/income.gpb/line//',
      'income/income.gov_fund/line//',
      'income/income.total/total//',
      'income/income.grand_total/total//',
      'expense/201/class/201/',
      'expense/208/class/208/',
      'expense/210/class/210/',
      'expense/expense.total/total//',
      'expense/expense.grand_total/total//',
    ]);
    expect(val(t, '210', 'amount', 'expense')).toBe('60.00');
    expect(row(t, '210', 'expense').values.amount.col).toBe(3);
    expect(t.columns.map((c) => `${c.key}@${c.col}:${c.block}`)).toEqual(['amount@1:income', 'amount@3:expense']);
  });

  test('收入支出决算总表 without the 收入 | 支出 header row: blocks start at each 项目 column', () => {
    const t = recognise(
      wb(
        sheet('总表', [
          ['收入支出决算总表'],
          ['项目', '决算数', '项目（按功能分类）', '决算数'],
          ['一、一般公共预算财政拨款收入', 100, '九、卫生健康支出', 100],
          ['本年收入合计', 100, '本年支出合计', 100],
        ]),
      ),
    ).tables[0];
    expect(t.rows.map((r) => `${r.block}/${r.key}=${String(r.values.amount.value)}@${r.values.amount.col}`)).toEqual([
      'income/income.gpb=100@1',
      'income/income.total=100@1',
      'expense/210=100@3',
      'expense/expense.total=100@3',
    ]);
    expect(t.confidence).toBe(1);
  });

  test('财政拨款总表: the three lines under 年初财政拨款结转和结余 get their own keys', () => {
    const t = recognise(
      wb(
        sheet('S', [
          ['财政拨款收入支出决算总表'],
          ['收 入', null, '支 出'],
          ['项 目', '金 额', '项目（按功能分类）', '合 计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
          ['一、一般公共预算财政拨款', 9, '九、卫生健康支出', 9, 9],
          ['本年收入合计', 9, '本年支出合计', 9, 9],
          ['年初财政拨款结转和结余', 1, '年末财政拨款结转和结余', 1, 1],
          ['一、一般公共预算财政拨款', 1],
          ['总计', 10, '总计', 10, 10],
        ]),
      ),
    ).tables[0];
    expect(t.rows.filter((r) => r.block === 'income').map((r) => r.key)).toEqual([
      'income.gpb',
      'income.total',
      'income.carryover_begin',
      'income.carryover_begin.gpb',
      'income.grand_total',
    ]);
    expect(val(t, 'expense.carryover_end', 'gpb', 'expense')).toBe('1.00');
  });

  test('基本支出表: triples, block by economic class, totals take the amount printed to their right', () => {
    const t = recognise(
      wb(
        sheet(
          'S',
          [
            ['一般公共预算财政拨款基本支出决算表'],
            ['人员经费', null, null, '公用经费'],
            ['经济分类科目编码', '科目名称', '金额', '经济分类科目编码', '科目名称', '金额', '经济分类科目编码', '科目名称', '金额'],
            ['301', '工资福利支出', 5, '302', '商品和服务支出', 3, '310', '资本性支出', 1],
            ['303', '对个人和家庭的补助', 1, '30201', '办公费', 3, '31002', '办公设备购置', 1],
            ['人员经费合计', null, 6, '公用经费合计', null, null, null, null, 4],
          ],
          {
            merges: [
              { top: 1, left: 0, bottom: 1, right: 2 },
              { top: 1, left: 3, bottom: 1, right: 8 },
              { top: 5, left: 3, bottom: 5, right: 7 },
            ],
          },
        ),
      ),
    ).tables[0];
    expect(t.rows.map((r) => `${r.block}/${r.key}/${r.level}`)).toEqual([
      'personnel/301/class',
      'public/302/section'.replace('section', 'class'),
      'public/310/class',
      'personnel/303/class',
      'public/30201/section',
      'public/31002/section',
      'personnel/personnel.total/total',
      'public/public.total/total',
    ]);
    expect(row(t, 'public.total', 'public').values.amount).toMatchObject({ row: 5, col: 8 });
    expect(val(t, 'public.total', 'amount', 'public')).toBe('4.00');
    expect(t.columns.map((c) => `${c.col}:${c.block}`)).toEqual(['2:personnel', '5:public', '8:public']);
  });

  test('上海 horizontal “三公” table becomes the vertical rows, each value keeps its cell (with or without merges)', () => {
    const grid: V[][] = [
      ['财政拨款“三公”经费支出决算表'],
      ['单位：万元'],
      ['财政拨款“三公”经费'],
      ['合计', null, '因公出国（境）费', null, '公务用车购置及运行维护费', null, null, null, null, null, '公务接待费'],
      [null, null, null, null, '小计', null, '公务用车购置费', null, '公务用车运行维护费'],
      ['预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数'],
      [20, 18, 0, 0, 10, 9, 0, 0, 10, 9, 10, 9],
    ];
    const merges: RangeBox[] = [
      { top: 2, left: 0, bottom: 2, right: 11 },
      { top: 3, left: 0, bottom: 4, right: 1 },
      { top: 3, left: 2, bottom: 4, right: 3 },
      { top: 3, left: 4, bottom: 3, right: 9 },
      { top: 3, left: 10, bottom: 4, right: 11 },
      { top: 4, left: 4, bottom: 4, right: 5 },
      { top: 4, left: 6, bottom: 4, right: 7 },
      { top: 4, left: 8, bottom: 4, right: 9 },
    ];
    for (const noMerges of [false, true]) {
      const t = recognise(wb(sheet('S', grid, { merges: noMerges ? [] : merges }))).tables[0];
      expect(t.specId).toBe('three_public/shanghai-horizontal');
      expect(t.rows.map((r) => `${r.key}:${val(t, r.key, 'budget')}/${val(t, r.key, 'actual')}@${r.values.actual.col}`)).toEqual([
        'total:20.00/18.00@1',
        'abroad:0.00/0.00@3',
        'vehicle:10.00/9.00@5',
        'vehicle.purchase:0.00/0.00@7',
        'vehicle.operation:10.00/9.00@9',
        'reception:10.00/9.00@11',
      ]);
      expect(rangeAddress(t.range)).toBe('A1:L7');
    }
  });
});

describe('several tables on a sheet, unrecognised content, confidence, overrides', () => {
  const stacked = (): SheetSnapshot => {
    const a = expenseTable();
    const grid: V[][] = [
      ...a,
      [],
      ['国有资产占用情况表'],
      ['编制单位：测试局', null, '单位：台、辆、套'],
      ['项 目', '栏次', '决算数'],
      ['一、车辆数合计(台、辆)', 1, 2],
      ['1.副部（省）级及以上领导用车', 2, null],
      [],
      [],
      ['附件：测试数据', '甲', 12],
      ['乙', null, 13],
    ];
    return sheet('合并', grid, { left: 2 });
  };

  test('stacked tables at an offset, and the block that matches nothing is listed', () => {
    const rec = recognise(wb(stacked()));
    expect(rec.tables.map((t) => [t.kind, rangeAddress(t.range), t.unit, t.unitText])).toEqual([
      ['expense', 'C1:J8', '万元', '金额单位：万元'],
      ['asset_occupancy', 'C11:E15', null, '单位：台、辆、套'],
    ]);
    const occ = rec.tables[1];
    expect(occ.rows.map((r) => `${r.key}=${val(occ, r.key, 'actual')}`)).toEqual(['vehicles.total=2.00', 'vehicles.ministerial=empty']);
    expect(occ.columns[0].kind).toBe('count');
    expect(rec.unrecognised).toEqual([
      {
        sheet: '合并',
        range: { top: 17, left: 2, bottom: 18, right: 4 },
        reason: '工作表「合并」C18:E19 有未识别的内容：「附件：测试数据」',
      },
    ]);
  });

  test('a paragraph after the notes is not a note', () => {
    const grid: V[][] = [
      ...expenseTable(),
      ['2.本表金额单位为万元。'],
      [],
      ['二、支出决算情况说明：本部门2023年度支出总计30万元，与上年持平。'],
    ];
    const rec = recognise(wb(sheet('S', grid)));
    expect(rec.tables[0].notes).toEqual(['注：本表反映部门本年度各项支出情况。', '2.本表金额单位为万元。']);
    expect(rec.unrecognised.map((u) => rangeAddress(u.range))).toEqual(['A12']);
  });

  test('a title whose header matches no spec is not a table; it stays visible', () => {
    const rec = recognise(wb(sheet('S', [['收入决算表'], ['序号', '姓名', '电话'], [1, '张三', '123']])));
    expect(rec.tables).toEqual([]);
    expect(rec.unrecognised).toHaveLength(1);
    expect(rec.unrecognised[0].range).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
    expect(rec.unrecognised[0].reason).toBe(
      '「收入决算表」像是收入决算表，但表头对不上（表头对上 0/7 个栏目；缺少：本年收入合计、财政拨款收入、上级补助收入、事业收入、经营收入、附属单位上缴收入、其他收入）',
    );
    expect(rec.notices).toEqual(['未识别到任何决算公开表。']);
  });

  test('confidence is lower when header cues are missing', () => {
    const full = recognise(wb(sheet('S', expenseTable()))).tables[0];
    const partial = recognise(
      wb(sheet('S', expenseTable({ header: ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '其他', '其他', '其他'] }))),
    ).tables[0];
    expect(full.confidence).toBe(1);
    expect(partial.confidence).toBe(0.75);
    expect(partial.reasons[1]).toBe('表头对上 3/6 个栏目；缺少：上缴上级支出、经营支出、对附属单位补助支出');
    const annex = recognise(wb(sheet('S', [['附表3：支出决算表'], ...expenseTable().slice(1)]))).tables[0];
    expect([annex.specId, annex.confidence]).toEqual(['expense/national', 0.96]);
    const prefixed = recognise(wb(sheet('S', [['测试局2023年度支出决算表'], ...expenseTable().slice(1)]))).tables[0];
    expect(prefixed.confidence).toBe(0.96);
    expect(prefixed.printedTitle).toBe('测试局2023年度支出决算表');
  });

  test('overrides: null removes a table, a spec id forces one', () => {
    const base = stacked();
    const rec1 = recognise({ sheets: [base], overrides: [{ sheet: '合并', anchor: 'C11', specId: null }] });
    expect(rec1.tables.map((t) => t.kind)).toEqual(['expense']);
    expect(rec1.unrecognised[0]).toEqual({
      sheet: '合并',
      range: { top: 10, left: 2, bottom: 14, right: 4 },
      reason: '用户已标记「国有资产占用情况表」不是决算公开表',
    });
    const odd = sheet('X', [['本单位支出明细（自制）'], ...expenseTable().slice(1)]);
    // a title no spec knows: the header alone makes it a 支出决算表, with lower confidence
    expect(recognise(wb(odd)).tables.map((t) => [t.specId, t.confidence, t.printedTitle, t.reasons[0], t.id])).toEqual([
      ['expense/national', 0.7, '本单位支出明细（自制）', '未找到标题，按表头结构识别', 'X!A1'],
    ]);
    // the user says it is not a disclosure table: it stays listed, not recognised
    const rec0 = recognise({ sheets: [odd], overrides: [{ sheet: 'X', anchor: 'A1', specId: null }] });
    expect([rec0.tables, rec0.unrecognised.map((u) => [rangeAddress(u.range), u.reason])]).toEqual([
      [],
      [['A1:H9', '用户已标记「本单位支出明细（自制）」不是决算公开表']],
    ]);
    const rec2 = recognise({ sheets: [odd], overrides: [{ sheet: 'X', anchor: 'A1', specId: 'expense/national' }] });
    expect(rec2.tables.map((t) => [t.specId, t.confidence, t.reasons[0], t.rows.length])).toEqual([
      ['expense/national', 1, '用户指定为「支出决算表」（expense/national）', 4],
    ]);
    const rec3 = recognise({ sheets: [odd], overrides: [{ sheet: 'X', anchor: 'A1', specId: 'no/such' }] });
    expect(rec3.notices).toContain('表类型更正「no/such」不是已知的表规格，已忽略。');
  });
});

describe('bad input never throws', () => {
  test('empty workbook, empty / protected / truncated sheets', () => {
    expect(recognise({ sheets: [] })).toEqual({ tables: [], unrecognised: [], notices: ['工作簿为空：没有可识别的内容。'] });
    const rec = recognise({
      sheets: [
        { name: '空', cells: [], merges: [] },
        { ...sheet('保护', expenseTable()), protected: true, truncated: { rows: 1000, cols: 50 } },
      ],
    });
    expect(rec.notices).toEqual([
      '工作表「空」为空。',
      '工作表「保护」受保护：可以识别和审核，但不能在表上标注。',
      '工作表「保护」过大，只读取了前 1000 行、50 列，其余内容未识别。',
    ]);
    expect(rec.tables).toHaveLength(1);
  });

  test('garbage in the snapshot', () => {
    const bad = {
      sheets: [
        null,
        {
          name: 'g',
          cells: [null, { row: -1, col: 0, value: 'x' }, { row: 0, col: 0, value: '收入决算表' }, { row: 1, col: 0, value: '   ' }],
          merges: [null, { top: 5, left: 5, bottom: 1, right: 1 }],
        },
      ],
    } as unknown as WorkbookSnapshot;
    const rec = recognise(bad);
    expect(rec.tables).toEqual([]);
    expect(rec.unrecognised.map((u) => rangeAddress(u.range))).toEqual(['A1']);
    expect(recognise({} as WorkbookSnapshot).notices).toEqual(['工作簿为空：没有可识别的内容。']);
  });
});

describe('meta lines', () => {
  test('label on the title row, full-width year, 单位： as org, unit in the header row', () => {
    const rec = recognise(
      wb(
        sheet('S', [
          ['支出决算表', null, null, null, null, null, null, null, '公开 ０３ 表'],
          ['单位：上饶市医疗保障局', null, '（2022 年度）'],
          [...EXPENSE_HEADER, '金额单位：元'],
          [null, '合计', 10, 10],
        ]),
      ),
    );
    const t = rec.tables[0];
    expect([t.specId, t.label, t.org, t.year, t.unit, t.unitText]).toEqual([
      'expense/national',
      '公开03表',
      '上饶市医疗保障局',
      2022,
      '元',
      '金额单位：元',
    ]);
    expect(t.columns.map((c) => c.key)).toEqual(['total', 'basic', 'project', 'remit_superior', 'operating', 'subsidy_affiliated']);
    expect(rangeAddress(t.range)).toBe('A1:I4');
  });

  test('a sentence that names a table is not its title', () => {
    const rec = recognise(wb(sheet('S', [['截止 2022 年 12 月 31 日，本部门国有资产占用情况见公开 10 表《国有资产占用情况表》。']])));
    expect(rec.tables).toEqual([]);
    expect(rec.unrecognised[0].reason).toBe('工作表「S」A1 有未识别的内容：「截止 2022 年 12 月 31 日，本部门国有资产占用情」');
  });
});

describe('绩效自评表 forms', () => {
  test('部门整体 form as in seed 004: funds with 分值/得分 in text, indicators, 总分', () => {
    const rec = recognise(
      wb(
        sheet('附件2', [
          ['2022年度部门整体支出绩效自评表'],
          ['预算部门', '益阳市资阳区医疗保障事务中心'],
          ['年度预算申请（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
          [null, '年度资金总额', 358.84, 359.98, 351.44, '10分', '97.63%', 9],
          [null, '按收入性质分：359.98', null, null, '按支出性质分：351.44'],
          ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
          [null, '产出指标(50分)', '数量指标', '基本医疗保险综合参保率', '100%', '98.65%', 8, 7, '参保人数没达到'],
          [null, null, null, '异地就医经办人员业务培训', '2次', '2次', 6, 6],
          ['总    分', null, null, null, null, null, '100分', 96],
          ['填表人：鲁鹏祺', null, '填报日期：2023年4月12日'],
        ]),
      ),
    );
    const t = rec.tables[0];
    expect([t.specId, t.org, t.year, t.unit, t.unitText, rangeAddress(t.range)]).toEqual([
      'perf_department/national',
      '益阳市资阳区医疗保障事务中心',
      2022,
      '万元',
      '年度预算申请（万元）',
      'A1:I9',
    ]);
    expect(
      t.rows.map(
        (r) =>
          `${r.block}/${r.key} ${r.name} | ${Object.entries(r.values)
            .map(([k, v]) => `${k}=${v.status === 'number' ? v.value!.toString() : v.status}`)
            .join(' ')}`,
      ),
    ).toEqual([
      'funds/funds.total 年度资金总额 | initial_budget=358.84 budget=359.98 actual=351.44 weight=10 rate=97.63 score=9',
      'indicators/indicator.1 基本医疗保险综合参保率 | weight=8 score=7',
      'indicators/indicator.2 异地就医经办人员业务培训 | weight=6 score=6',
      'indicators/score_total 总    分 | weight=100 score=96',
    ]);
    expect(row(t, 'funds.total', 'funds').values.rate).toMatchObject({ raw: '97.63%', fromText: true, row: 3, col: 6 });
    expect(t.notes).toEqual(['填表人：鲁鹏祺 填报日期：2023年4月12日']);
    expect(t.problems).toEqual([]);
    expect(rec.unrecognised).toEqual([]);
  });
});
