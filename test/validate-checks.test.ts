/** Codes, cell contents, completeness, ≤ lines, `—` columns, balances and performance tables, on hand-built tables. */
import type { Finding, RecognisedTable } from '../src/core/model';
import { validate } from '../src/core/validate';
import { recognition, table, type RowSpec } from './validate-builder';

const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, cells: f.cells, expected: f.expected, actual: f.actual });
const only = (fs: Finding[], prefix: string) => fs.filter((f) => f.rule.startsWith(prefix)).map(brief);

/** Seed 001 07表 (元) blocks: 302 block in column D–F, 309 block in column G–I. */
function projectEconomic(code309child = '20921'): RecognisedTable {
  const pub = { block: 'public', codeCol: 3, nameCol: 4, cols: [5] };
  const cap = { block: 'public', codeCol: 6, nameCol: 7, cols: [8] };
  return table('gpb_project_economic', {
    sheet: '公开07表',
    title: '一般公共预算财政拨款项目支出决算表',
    label: '公开07表',
    unit: '元',
    cols: [{ key: 'amount', header: '金额' }],
    rows: [
      ['302', '商品和服务支出', [89698.34], { ...pub, row: 4 }],
      ['30201', '办公费', [25492.34], { ...pub, row: 5 }],
      ['30226', '劳务费', [64206.0], { ...pub, row: 6 }],
      ['309', '资本性支出（基本建设）', [null], { ...cap, row: 4 }],
      ['30919', '其他交通工具购置', [null], { ...cap, row: 5 }],
      [code309child, '文物和陈列品购置', [null], { ...cap, row: 6, code: code309child }],
      ['30922', '无形资产购置', [null], { ...cap, row: 7 }],
      ['public.total', '公用经费合计', [89698.34], { block: 'public', row: 40, cols: [8], level: 'total' }],
    ],
  });
}

describe('codes', () => {
  test('20921 in the 309 block: wrong parent, 30921 suggested; no other code finding', () => {
    const { findings } = validate(recognition(projectEconomic()));
    expect(findings.map(brief)).toEqual([
      { rule: 'code.parent', severity: 'error', cells: ['公开07表!G7', '公开07表!G5'], expected: '30921', actual: '20921' },
    ]);
    expect(findings[0].message).toBe(
      '一般公共预算财政拨款项目支出决算表（公开07表）“文物和陈列品购置”（20921）列在“资本性支出（基本建设）”（309）之下，但编码 20921 不以 309 开头；疑为 30921（文物和陈列品购置）',
    );
  });

  test('malformed codes: letter O, a stray digit', () => {
    const t = table('income', {
      sheet: '公开02表',
      unit: '万元',
      cols: ['total', 'fiscal'],
      rows: [
        ['total', '合计', [10, 10]],
        ['208', '社会保障和就业支出', [10, 10]],
        ['row7', '人力资源和社会保障管理事务', [10, 10], { code: null, codeText: '2O801', codeCol: 0 }],
        ['row8', '社会保险经办机构', [10, 10], { code: '208010', codeText: '208010', codeCol: 0, level: 'line' }],
      ],
    });
    const codes = only(validate(recognition(t)).findings, 'code.');
    expect(codes).toEqual([
      { rule: 'code.malformed', severity: 'error', cells: ['公开02表!A7'], expected: '20801', actual: '2O801' },
      { rule: 'code.malformed', severity: 'error', cells: ['公开02表!A8'], expected: null, actual: '208010' },
    ]);
  });

  test('duplicates and order; an unknown function code is info; synonyms are no finding', () => {
    const t = table('expense', {
      sheet: 'S',
      cols: ['total'],
      rows: [
        ['total', '合计', [30]],
        ['210', '卫生健康支出', [20]],
        ['21015', '医疗保障管理事务', [20]],
        ['2101504', '信息化建设', [10]],
        ['2101501', '行政运行', [10]],
        ['208', '社会保障和就业支出', [10]],
        ['20899', '其他社会保障和就业支出', [10]],
        ['x', '医疗保障管理事务', [null], { code: '21015', codeText: '21015', level: 'section' }],
      ],
    });
    const codes = only(validate(recognition(t)).findings, 'code.');
    expect(codes).toEqual([
      { rule: 'code.order', severity: 'warning', cells: ['S!A9', 'S!A8'], expected: null, actual: '2101501' },
      { rule: 'code.order', severity: 'warning', cells: ['S!A10', 'S!A9'], expected: null, actual: '208' },
      { rule: 'code.unknown_function', severity: 'info', cells: ['S!A11'], expected: null, actual: null },
      { rule: 'code.duplicate', severity: 'error', cells: ['S!A12', 'S!A7'], expected: null, actual: '21015' },
    ]);
    expect(validate(recognition(t)).findings.find((f) => f.rule === 'code.unknown_function')!.message).toBe(
      '本表有 1 个功能分类科目编码不在内置科目清单中（清单只含已公开样本中出现的科目，无法据此判断对错）：20899 其他社会保障和就业支出',
    );
  });

  test('unknown function 款/项 codes: one 提示 per table listing ten of them, every code cell marked; structural checks stay per row', () => {
    const income = table('income', {
      sheet: '公开02表',
      cols: ['total'],
      rows: [
        ['total', '合计', [null]],
        ['208', '社会保障和就业支出', [null]],
        ['20801', '人力资源和社会保障管理事务', [null]],
        ['2080109', '社会保险经办机构', [null]],
        ['20899', '其他社会保障和就业支出', [null]],
        ['2089901', '其他社会保障和就业支出', [null]],
        ['210', '卫生健康支出', [null]],
        ['21001', '卫生健康管理事务', [null]],
        ['2100101', '行政运行', [null]],
        ['2100102', '一般行政管理事务', [null]],
        ['2100199', '其他卫生健康管理事务支出', [null]],
        ['21002', '公立医院', [null]],
        ['2100201', '综合医院', [null]],
        ['2100202', '中医（民族） 医院', [null]],
        ['2100299', '其他公立医院支出', [null]],
        ['21004', '公共卫生', [null]],
        ['2100401', '疾病预防控制机构', [null]],
        ['2100502', '妇幼保健机构', [null]],
        ['x', '疾病预防控制机构', [null], { code: '2100401', codeText: '2100401', level: 'item' }],
        ['299', '未知类', [null]],
      ],
    });
    const expense = table('expense', {
      sheet: '公开03表',
      cols: ['total'],
      rows: [
        ['total', '合计', [null]],
        ['208', '社会保障和就业支出', [null]],
        ['20899', '其他社会保障和就业支出', [null]],
        ['210', '卫生健康支出', [null]],
        ['21001', '卫生健康管理事务', [null]],
        ['2100101', '机关服务', [null]],
      ],
    });
    const { findings, summary } = validate(recognition(income, expense));
    const unknown = ['A9', 'A10', 'A12', 'A13', 'A14', 'A15', 'A16', 'A17', 'A18', 'A19', 'A20', 'A21'].map((a) => `公开02表!${a}`);
    expect(findings.map(brief)).toEqual([
      { rule: 'code.unknown_function', severity: 'info', cells: unknown, expected: null, actual: null },
      { rule: 'code.name_mismatch', severity: 'warning', cells: ['公开02表!B13', '公开03表!B10'], expected: null, actual: null },
      { rule: 'code.parent', severity: 'error', cells: ['公开02表!A22', '公开02表!A20'], expected: '2100402', actual: '2100502' },
      { rule: 'code.duplicate', severity: 'error', cells: ['公开02表!A23', '公开02表!A21'], expected: null, actual: '2100401' },
      { rule: 'code.unknown_function', severity: 'warning', cells: ['公开02表!A24'], expected: null, actual: '299' },
      {
        rule: 'code.unknown_function',
        severity: 'info',
        cells: ['公开03表!A7', '公开03表!A9', '公开03表!A10'],
        expected: null,
        actual: null,
      },
    ]);
    expect(summary).toEqual({ error: 2, warning: 2, rounding: 0, info: 2 });
    const prefix = '本表有 12 个功能分类科目编码不在内置科目清单中（清单只含已公开样本中出现的科目，无法据此判断对错）：';
    expect(findings[0].message).toBe(
      `${prefix}20899 其他社会保障和就业支出、2089901 其他社会保障和就业支出、21001 卫生健康管理事务、2100101 行政运行、` +
        '2100102 一般行政管理事务、2100199 其他卫生健康管理事务支出、21002 公立医院、2100201 综合医院、2100202 中医（民族）医院、' +
        '2100299 其他公立医院支出、… 等',
    );
    expect(findings[4].message).toBe('income“未知类”（299）：功能分类编码 299 不在已知科目中（类级科目表中没有此类）');
    expect(findings[5].message).toBe(
      '本表有 3 个功能分类科目编码不在内置科目清单中（清单只含已公开样本中出现的科目，无法据此判断对错）：20899 其他社会保障和就业支出、21001 卫生健康管理事务、2100101 机关服务',
    );
    expect(findings.map((f) => f.table)).toEqual([income.id, income.id, income.id, income.id, income.id, expense.id]);
  });

  test('the same code named differently in two tables; 生活补助/生活补贴 and 缴费/缴款 are the same name', () => {
    // Two different kinds of table (one set); two 基本支出表 would be two departments' sets, compared apart.
    const basic = (sheet: string, names: [string, string, string], kind: 'gpb_basic' | 'gpb_project_economic' = 'gpb_basic') =>
      table(kind, {
        sheet,
        unit: '元',
        cols: [{ key: 'amount', header: '金额' }],
        rows: [
          ['301', '工资福利支出', [null], { block: 'personnel' }],
          ['30111', names[1], [null], { block: 'personnel' }],
          ['303', '对个人和家庭的补助', [5], { block: 'personnel' }],
          ['30305', names[0], [5], { block: 'personnel' }],
          ['30399', names[2], [null], { block: 'personnel' }],
          ['personnel.total', '人员经费合计', [5], { block: 'personnel', level: 'total' }],
        ],
      });
    const a = basic('A', ['生活补助', '公务员医疗补助缴费', '其他对个人和家庭的补助支出']);
    const b = basic('B', ['生活补贴', '公务员医疗补助缴款', '其他个人和家庭的补助支出'], 'gpb_project_economic');
    expect(only(validate(recognition(a, b)).findings, 'code.')).toEqual([]);
    const c = basic('C', ['生活补助', '公务员医疗补助缴费', '其他资本性支出'], 'gpb_project_economic');
    const found = validate(recognition(a, c)).findings.filter((f) => f.rule.startsWith('code.'));
    expect(found.map(brief)).toEqual([
      { rule: 'code.name_mismatch', severity: 'warning', cells: ['A!B9', 'C!B9'], expected: '其他对个人和家庭的补助', actual: null },
    ]);
    expect(found[0].message).toBe(
      '科目 30399 在不同表中名称不一致：gpb_basic作“其他对个人和家庭的补助支出”；gpb_project_economic作“其他资本性支出”。标准名称为“其他对个人和家庭的补助”',
    );
  });

  test('an economic code outside the list is a warning', () => {
    const t = projectEconomic('30920');
    expect(only(validate(recognition(t)).findings, 'code.')).toEqual([
      { rule: 'code.unknown_economic', severity: 'warning', cells: ['公开07表!G7'], expected: null, actual: '30920' },
    ]);
  });
});

describe('cells', () => {
  test('text and #REF! in number cells are errors with the cell; identities using them are left alone', () => {
    const t = table('gpb_expense', {
      sheet: 'Sheet 1',
      cols: ['total', 'basic', 'project'],
      rows: [
        ['total', '合计', [10, 'abc', 4]],
        ['208', '社会保障和就业支出', [10, 6, '#REF!']],
      ],
    });
    const { findings } = validate(recognition(t));
    expect(findings.map(brief)).toEqual([
      { rule: 'cell.text', severity: 'error', cells: ["'Sheet 1'!D5"], expected: null, actual: 'abc' },
      { rule: 'coverage.unchecked_other', severity: 'info', cells: ["'Sheet 1'!E5", "'Sheet 1'!D6"], expected: null, actual: null },
      { rule: 'cell.error', severity: 'error', cells: ["'Sheet 1'!E6"], expected: null, actual: '#REF!' },
    ]);
    expect(findings[0].message).toBe('gpb_expense“合计”basic 应为数字，单元格中是文字“abc”');
    expect(findings[1].message).toBe(
      "gpb_expense有 2 个金额（共 4 个）没有参与任何核对：同一行或同一栏有文字或错误值（已另报），用到它的核对未进行（2 个：'Sheet 1'!E5、'Sheet 1'!D6）",
    );
  });

  test('negative amounts warn (结余分配 may be negative); fractional counts are errors', () => {
    const t = table('three_public', {
      sheet: '公开09表',
      unit: '万元',
      cols: ['initial_budget', 'budget', 'actual'],
      rows: [
        ['total', '一、“三公”经费支出', [1, 1, -1]],
        ['abroad', '1.因公出国（境）费', [1, 1, -1]],
        ['count.vehicle_held', '4.公务用车保有量（辆）', ['—', '—', 1.5], { valueKind: 'count' }],
      ],
    });
    expect(only(validate(recognition(t)).findings, 'amount.')).toEqual([
      { rule: 'amount.negative', severity: 'warning', cells: ['公开09表!E5'], expected: null, actual: '-1.00' },
      { rule: 'amount.negative', severity: 'warning', cells: ['公开09表!E6'], expected: null, actual: '-1.00' },
      { rule: 'amount.count_not_integer', severity: 'error', cells: ['公开09表!E7'], expected: null, actual: '1.5' },
    ]);
  });
});

describe('≤ lines, `—` columns, balances', () => {
  const threePublic = (domestic: number, foreign: number) =>
    table('three_public', {
      sheet: '公开09表',
      cols: ['initial_budget', 'budget', 'actual'],
      rows: [
        ['total', '一、“三公”经费支出', [13.83, 13.83, 11.42]],
        ['abroad', '1.因公出国（境）费', [0, 0, 0]],
        ['vehicle', '2.公务用车购置及运行维护费', [0, 0, 0]],
        ['vehicle.purchase', '（1）公务用车购置费', [0, 0, 0]],
        ['vehicle.operation', '（2）公务用车运行维护费', [0, 0, 0]],
        ['reception', '3.公务接待费', [13.83, 13.83, 11.42]],
        ['reception.domestic', '（1）国内接待费', ['—', '—', domestic]],
        ['reception.domestic.foreign_affairs', '其中：外事接待费', ['—', '—', foreign]],
        ['reception.abroad', '（2）国（境）外接待费', ['—', '—', 0]],
      ],
    });

  test('seed 000 “三公” 表: `—` budget columns are not applicable, nothing to report', () => {
    expect(validate(recognition(threePublic(11.42, 0))).findings).toEqual([]);
  });

  test('其中 line above its parent is an error; below is fine', () => {
    const found = validate(recognition(threePublic(11.42, 12))).findings;
    expect(found.map(brief)).toEqual([
      {
        rule: 'three_public.foreign_affairs',
        severity: 'error',
        cells: ['公开09表!E11', '公开09表!E12'],
        expected: '11.42',
        actual: '12.00',
      },
    ]);
    expect(found[0].message).toBe(
      'three_public“其中：外事接待费”actual 12.00 万元 超过 “（1）国内接待费”actual 11.42 万元，超出 0.58 万元，超出尾数误差允许范围（±0.01 万元）',
    );
  });

  test('三公 vs economic classification: more in 30217 than 公务接待费 is a warning, less is nothing', () => {
    const basic = (v: number) =>
      table('gpb_basic', {
        sheet: '公开06表',
        cols: [{ key: 'amount', header: '金额' }],
        rows: [
          ['302', '商品和服务支出', [v], { block: 'public' }],
          ['30217', '公务接待费', [v], { block: 'public' }],
          ['public.total', '公用经费合计', [v], { block: 'public', level: 'total' }],
        ],
      });
    expect(validate(recognition(threePublic(11.42, 0), basic(10))).findings).toEqual([]);
    const over = validate(recognition(threePublic(11.42, 0), basic(12))).findings;
    expect(over.map(brief)).toEqual([
      {
        rule: 'cross.three_public.reception',
        severity: 'warning',
        cells: ['公开09表!E10', '公开06表!C6'],
        expected: '11.42',
        actual: '12.00',
      },
    ]);
  });

  test('政府性基金表: 年末 = 年初 + 本年收入 − 本年支出 (n = 3 terms on the right)', () => {
    const fund = (end: number) =>
      table('gov_fund', {
        sheet: '公开07表',
        cols: ['begin', 'income', 'expense.total', 'expense.basic', 'expense.project', 'end'],
        rows: [['total', '合计', [5, 10, 12, 2, 10, end]]],
        notes: [],
      });
    expect(validate(recognition(fund(3))).findings).toEqual([]);
    expect(validate(recognition(fund(3.02))).findings.map(brief)).toEqual([
      {
        rule: 'gov_fund.carryover',
        severity: 'rounding',
        cells: ['公开07表!H5', '公开07表!C5', '公开07表!D5', '公开07表!E5'],
        expected: '3.00',
        actual: '3.02',
      },
    ]);
    const wrong = validate(recognition(fund(3.5))).findings;
    expect(wrong.map(brief)).toEqual([
      {
        rule: 'gov_fund.carryover',
        severity: 'error',
        cells: ['公开07表!H5', '公开07表!C5', '公开07表!D5', '公开07表!E5'],
        expected: '3.00',
        actual: '3.50',
      },
    ]);
    expect(wrong[0].message).toBe(
      'gov_fund“合计”end 3.50 万元 ≠ begin 5.00 + income 10.00 − expense.total 12.00 = 3.00 万元，前者比后者多 0.50 万元，超出尾数误差允许范围（±0.02 万元）',
    );
  });
});

describe('completeness', () => {
  const t = (kind: Parameters<typeof table>[0], sheet: string, rows: RowSpec[] = [], notes: string[] = []) =>
    table(kind, { sheet, cols: ['total', 'expense.total', 'expense.basic', 'expense.project'], rows, notes });

  test('national set: one finding per missing table; an empty fund table needs its 无… sentence', () => {
    const tables = [
      t('income_expense_summary', '01'),
      t('income', '02'),
      t('expense', '03'),
      t('fiscal_summary', '04'),
      t('gpb_expense', '05'),
      t('gpb_basic', '06'),
      t(
        'gov_fund',
        '07',
        [['total', '合计', [null, null, null, null]]],
        ['说明：当此表数据为零时，即本部门无政府性基金预算财政拨款收入、支出。'],
      ),
      t('state_capital', '08', [['total', '合计', [null, null, null, null]]], ['注：本表反映部门本年度国有资本经营预算财政拨款支出情况。']),
    ];
    const found = validate(recognition(...tables)).findings;
    expect(found.map((f) => `${f.rule}:${f.severity}:${f.cells.join(',')}`)).toEqual([
      "completeness.empty_note:warning:'08'!A1",
      'completeness.missing_table:warning:',
    ]);
    expect(found[1].message).toBe(
      '未找到财政拨款“三公”经费支出决算表（全国/江西表式公开09表）：部门决算公开应包含此表；如已有此表但未识别，请检查表标题',
    );
  });

  test('Yunnan set is told from its own tables; half the set or less: no completeness finding', () => {
    const yn = [
      t('income_expense_summary', '01'),
      t('income', '02'),
      t('expense', '03'),
      t('gpb_income_expense', '05'),
      t('gpb_basic', '06'),
    ];
    expect(validate(recognition(...yn)).findings.map((f) => f.message.slice(0, 12))).toEqual([
      '未找到财政拨款收入支出决',
      '未找到一般公共预算财政拨',
      '未找到“三公”经费、行政',
      '未找到国有资产使用情况表',
    ]);
    // 4 of the 9 Yunnan tables, or 01–03 of a national set: tables being worked on, not a whole disclosure.
    expect(validate(recognition(...yn.slice(0, 4))).findings).toEqual([]);
    expect(validate(recognition(t('income_expense_summary', '01'), t('income', '02'), t('expense', '03'))).findings).toEqual([]);
  });
});

describe('performance tables', () => {
  const perf = (o: { rate?: string; weights?: number[]; scores?: number[]; total?: [number, number, string] }) => {
    const weights = o.weights ?? [10, 40, 50];
    const scores = o.scores ?? [4.7, 40, 50];
    const [tw, ts, grade] = o.total ?? [100, 94.7, '优'];
    return table('perf_project', {
      sheet: '公开14表',
      title: '项目支出绩效自评表',
      unit: '万元',
      cols: [
        { key: 'initial_budget', header: '年初预算数' },
        { key: 'budget', header: '全年预算数' },
        { key: 'actual', header: '全年执行数' },
        { key: 'weight', header: '分值', kind: 'score' },
        { key: 'rate', header: '执行率', kind: 'percent' },
        { key: 'score', header: '得分', kind: 'score' },
        { key: 'grade', header: '等级', kind: 'text' },
      ],
      rows: [
        ['funds.total', '年度资金总额', [15.86, 18.26, 8.6, weights[0], o.rate ?? '47.10%', scores[0]], { block: 'funds' }],
        ['funds.fiscal', '其中：当年财政拨款', [15.0, 17.4, 7.74, '—', '44.48%', '—'], { block: 'funds' }],
        ['funds.carryover', '上年结转资金', [0.86, 0.86, 0.86, '—', '100.00%', '—'], { block: 'funds' }],
        ['funds.other', '其他资金', ['—', '—', '—', '—', '—', '—'], { block: 'funds' }],
        ['indicator.1', '戴尔台式电脑', { weight: weights[1], score: scores[1] }, { block: 'indicators' }],
        ['indicator.2', '参保人员对医保服务满意度', { weight: weights[2], score: scores[2] }, { block: 'indicators' }],
        ['score_total', '总分', { weight: tw, score: ts, grade }, { block: 'indicators', level: 'total' }],
      ],
    });
  };

  test('a consistent table has no finding', () => {
    expect(validate(recognition(perf({}))).findings).toEqual([]);
  });

  test('seed 001 defect: 分值 add to 95 and 得分 to 89.70 while 总分 says 100 / 94.70', () => {
    const found = validate(recognition(perf({ weights: [10, 35, 50], scores: [4.7, 35, 50] }))).findings;
    expect(found.map(brief)).toEqual([
      {
        rule: 'perf_project.weight_sum',
        severity: 'error',
        cells: ['公开14表!F5', '公开14表!F9', '公开14表!F10'],
        expected: '100.00',
        actual: '95.00',
      },
      {
        rule: 'perf_project.score_total',
        severity: 'error',
        cells: ['公开14表!H11', '公开14表!H5', '公开14表!H9', '公开14表!H10'],
        expected: '89.70',
        actual: '94.70',
      },
    ]);
    expect(found[0].message).toBe(
      '项目支出绩效自评表分值之和：“年度资金总额” 10.00 + “戴尔台式电脑” 35.00 + “参保人员对医保服务满意度” 50.00 = 95.00 分，应为 100.00 分，少 5.00 分',
    );
  });

  test('执行率: printed rounding is fine, a wrong rate is an error; 得分 above 分值; grade band', () => {
    expect(validate(recognition(perf({ rate: '47.09%' }))).findings.map(brief)).toEqual([
      {
        rule: 'perf_project.funds_rate',
        severity: 'rounding',
        cells: ['公开14表!G5', '公开14表!E5', '公开14表!D5'],
        expected: '47.10',
        actual: '47.09',
      },
    ]);
    expect(validate(recognition(perf({ rate: '57.10%' }))).findings.map(brief)).toEqual([
      {
        rule: 'perf_project.funds_rate',
        severity: 'error',
        cells: ['公开14表!G5', '公开14表!E5', '公开14表!D5'],
        expected: '47.10',
        actual: '57.10',
      },
    ]);
    const over = validate(recognition(perf({ scores: [12, 40, 50], total: [100, 102, '优'] }))).findings;
    expect(over.map(brief)).toEqual([
      {
        rule: 'perf_project.score_le_weight',
        severity: 'error',
        cells: ['公开14表!F5', '公开14表!H5'],
        expected: '10.00',
        actual: '12.00',
      },
      {
        rule: 'perf_project.score_le_weight',
        severity: 'error',
        cells: ['公开14表!F11', '公开14表!H11'],
        expected: '100.00',
        actual: '102.00',
      },
    ]);
    const grade = validate(recognition(perf({ total: [100, 94.7, '良'] }))).findings;
    expect(grade.map(brief)).toEqual([
      { rule: 'perf_project.grade', severity: 'error', cells: ['公开14表!I11', '公开14表!H11'], expected: '优', actual: '良' },
    ]);
    expect(grade[0].message).toBe('项目支出绩效自评表总分 94.70 分对应等级“优”，表中写为“良”');
  });
});

describe('rules the seeds leave empty', () => {
  test('财政拨款总表: 年末结转和结余 ← its three lines (when printed); 总计 ← 本年支出合计 + 年末', () => {
    const fiscal = (endGpb: number) =>
      table('fiscal_summary', {
        sheet: '公开04表',
        cols: [
          { key: 'amount', header: '金额', block: 'income' },
          { key: 'total', header: '合计', block: 'expense' },
          { key: 'gpb', header: '一般公共预算财政拨款', block: 'expense' },
          { key: 'gov_fund', header: '政府性基金预算财政拨款', block: 'expense' },
          { key: 'state_capital', header: '国有资本经营预算财政拨款', block: 'expense' },
        ],
        rows: [
          ['income.gpb', '一、一般公共预算财政拨款', [110], { block: 'income', row: 4 }],
          ['income.total', '本年收入合计', [110], { block: 'income', row: 30 }],
          ['income.carryover_begin', '年初财政拨款结转和结余', [null], { block: 'income', row: 31 }],
          ['income.grand_total', '总计', [110], { block: 'income', row: 35 }],
          ['210', '九、卫生健康支出', [100, 100, null, null], { block: 'expense', row: 12, cols: [3, 4, 5, 6] }],
          ['expense.total', '本年支出合计', [100, 100, null, null], { block: 'expense', row: 30, cols: [3, 4, 5, 6] }],
          ['expense.carryover_end', '年末财政拨款结转和结余', [10, 10, null, null], { block: 'expense', row: 31, cols: [3, 4, 5, 6] }],
          [
            'expense.carryover_end.gpb',
            '一般公共预算财政拨款',
            [10, endGpb, null, null],
            { block: 'expense', row: 32, cols: [3, 4, 5, 6] },
          ],
          ['expense.grand_total', '总计', [110, 110, null, null], { block: 'expense', row: 35, cols: [3, 4, 5, 6] }],
        ],
      });
    expect(validate(recognition(fiscal(10))).findings).toEqual([]);
    expect(validate(recognition(fiscal(12))).findings.map(brief)).toEqual([
      {
        rule: 'fiscal_summary.carryover_end',
        severity: 'error',
        cells: ['公开04表!E32', '公开04表!E33'],
        expected: '12.00',
        actual: '10.00',
      },
      {
        rule: 'fiscal_summary.expense_row',
        severity: 'error',
        cells: ['公开04表!D33', '公开04表!E33', '公开04表!F33', '公开04表!G33'],
        expected: '12.00',
        actual: '10.00',
      },
    ]);
  });

  test('国有资产使用情况表: 合计 ← the units’ rows, each row ← its assets', () => {
    const usage = table('asset_usage', {
      sheet: '公开11表',
      unit: '元',
      cols: ['total', 'current', 'fixed', 'fixed.vehicles', 'fixed.other', 'intangible'],
      rows: [
        ['total', '合计', [300, 100, 200, 50, 150, null]],
        ['row6', '本级', [200, 50, 150, 50, 100, null]],
        ['row7', '医保中心', [100, 50, 50, null, 50, 1]],
      ],
    });
    expect(validate(recognition(usage)).findings.map(brief)).toEqual([
      {
        rule: 'asset_usage.units',
        severity: 'error',
        cells: ['公开11表!H5', '公开11表!H6', '公开11表!H7'],
        expected: '1.00',
        actual: '0.00',
      },
      {
        rule: 'asset_usage.row',
        severity: 'error',
        cells: ['公开11表!C7', '公开11表!D7', '公开11表!E7', '公开11表!H7'],
        expected: '101.00',
        actual: '100.00',
      },
    ]);
  });

  test('部门整体绩效自评表: 批复金额 总额 ← 财政拨款 + 其他资金; 执行率 = 实际支出 ÷ 总额', () => {
    const dept = table('perf_department', {
      sheet: '部门整体',
      cols: [
        { key: 'approved.total', header: '总额', block: 'tasks' },
        { key: 'approved.fiscal', header: '财政拨款', block: 'tasks' },
        { key: 'approved.other', header: '其他资金', block: 'tasks' },
        { key: 'actual', header: '实际支出金额（万元）', block: 'tasks' },
        { key: 'rate', header: '预算执行率', kind: 'percent', block: 'tasks' },
      ],
      rows: [
        ['task.1', '城乡医疗救助', [866.98, 50, 816.98, 420, '48.44%'], { block: 'tasks' }],
        ['task.2', '党建工作', [0.47, 0.37, null, 0.37, '100.00%'], { block: 'tasks' }],
      ],
    });
    expect(validate(recognition(dept)).findings.map(brief)).toEqual([
      {
        rule: 'perf_department.task_total',
        severity: 'error',
        cells: ['部门整体!C6', '部门整体!D6', '部门整体!E6'],
        expected: '0.37',
        actual: '0.47',
      },
      {
        rule: 'perf_department.task_rate',
        severity: 'error',
        cells: ['部门整体!G6', '部门整体!F6', '部门整体!C6'],
        expected: '78.72',
        actual: '100.00',
      },
    ]);
  });
});
