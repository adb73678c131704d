/** The evaluator on hand-built recognised tables (no recogniser): rounding, messages, cells, severities. */
import { validate } from '../src/core/validate';
import type { Finding } from '../src/core/model';
import { recognition, table } from './validate-builder';

const brief = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  cells: f.cells,
  expected: f.expected,
  actual: f.actual,
  tail: f.tail,
});

/** Seed 000 支出决算表 as printed (万元). */
function expense000(overrides: Record<string, (number | null)[]> = {}) {
  const rows: [string, string, (number | null)[]][] = [
    ['total', '合计', [1709.37, 1335.29, 374.08]],
    ['208', '社会保障和就业支出', [10.0, null, 10.0]],
    ['20801', '人力资源和社会保障管理事务', [10.0, null, 10.0]],
    ['2080109', '社会保险经办机构', [10.0, null, 10.0]],
    ['210', '卫生健康支出', [1699.38, 1335.29, 364.09]],
    ['21015', '医疗保障管理事务', [1699.38, 1335.29, 364.09]],
    ['2101501', '行政运行', [1230.98, 1230.98, null]],
    ['2101504', '信息化建设', [304.35, null, 304.35]],
    ['2101505', '医疗保障政策管理', [49.16, 49.16, null]],
    ['2101506', '医疗保障经办事务', [114.74, 55.0, 59.74]],
    ['2101550', '事业运行', [0.15, 0.15, null]],
  ];
  return table('expense', {
    sheet: '公开03表',
    title: '支出决算表',
    label: '公开03表',
    unit: '万元',
    cols: [
      { key: 'total', header: '本年支出合计' },
      { key: 'basic', header: '基本支出' },
      { key: 'project', header: '项目支出' },
    ],
    rows: rows.map(([k, n, v]) => [k, n, overrides[k] ?? v]),
  });
}

describe('sum identities in 万元: rounding tails', () => {
  test('seed 000 支出决算表: the two real tails are rounding, nothing else', () => {
    const { findings, summary } = validate(recognition(expense000()));
    expect(findings.map(brief)).toEqual([
      {
        rule: 'expense.hierarchy.total',
        severity: 'rounding',
        cells: ['公开03表!C5', '公开03表!C6', '公开03表!C9'],
        expected: '1709.38',
        actual: '1709.37',
        tail: '-0.01',
      },
      {
        rule: 'expense.hierarchy.total',
        severity: 'rounding',
        cells: ['公开03表!E5', '公开03表!E6', '公开03表!E9'],
        expected: '374.09',
        actual: '374.08',
        tail: '-0.01',
      },
    ]);
    expect(findings[1].message).toBe(
      '支出决算表（公开03表）“合计”项目支出 374.08 万元 ≠ “社会保障和就业支出”（208） 10.00 + “卫生健康支出”（210） 364.09 = 374.09 万元，前者比后者少 0.01 万元，在尾数误差允许范围（±0.015 万元）内，属尾数差',
    );
    expect(summary).toEqual({ error: 0, warning: 0, rounding: 2, info: 0 });
  });

  test('one wrong cell beyond the tail bound: every broken identity once, cells total first', () => {
    // 医疗保障经办事务 基本支出 55.00 → 55.37: its row and the 款 above it break; nothing else does.
    const { findings } = validate(recognition(expense000({ '2101506': [114.74, 55.37, 59.74] })));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map(brief)).toEqual([
      {
        rule: 'expense.hierarchy.section',
        severity: 'error',
        cells: ['公开03表!D10', '公开03表!D11', '公开03表!D12', '公开03表!D13', '公开03表!D14', '公开03表!D15'],
        expected: '1335.66',
        actual: '1335.29',
        tail: undefined,
      },
      {
        rule: 'expense.row',
        severity: 'error',
        cells: ['公开03表!C14', '公开03表!D14', '公开03表!E14'],
        expected: '115.11',
        actual: '114.74',
        tail: undefined,
      },
    ]);
    expect(errors[1].message).toBe(
      '支出决算表（公开03表）“医疗保障经办事务”（2101506）本年支出合计 114.74 万元 ≠ 基本支出 55.37 + 项目支出 59.74 = 115.11 万元，前者比后者少 0.37 万元，超出尾数误差允许范围（±0.015 万元）',
    );
  });

  test('the tail bound grows with the printed terms: (n + 1) × 0.005', () => {
    // 21015 ← 5 items: 1699.38 vs 1699.38; moving the total by 0.03 stays a tail (bound 0.03), 0.04 does not.
    const at = (v: number) =>
      validate(recognition(expense000({ '21015': [v, 1335.29, 364.09], '210': [v, 1335.29, 364.09] }))).findings.find(
        (f) => f.rule === 'expense.hierarchy.section' && f.cells[0] === '公开03表!C10',
      );
    expect(at(1699.41)).toMatchObject({ severity: 'rounding', tail: '0.03' });
    expect(at(1699.42)).toMatchObject({ severity: 'error', expected: '1699.38', actual: '1699.42' });
  });
});

describe('元 tables are exact', () => {
  test('a one-cent difference is an error', () => {
    const t = table('gpb_expense', {
      sheet: 'Sheet1',
      unit: '元',
      cols: [
        { key: 'total', header: '本年支出合计' },
        { key: 'basic', header: '基本支出' },
        { key: 'project', header: '项目支出' },
      ],
      rows: [['total', '合计', [100.01, 60, 40]]],
    });
    const { findings } = validate(recognition(t));
    expect(findings.map(brief)).toEqual([
      {
        rule: 'gpb_expense.row',
        severity: 'error',
        cells: ['Sheet1!C5', 'Sheet1!D5', 'Sheet1!E5'],
        expected: '100.00',
        actual: '100.01',
        tail: undefined,
      },
    ]);
    expect(findings[0].message).toBe(
      'gpb_expense“合计”本年支出合计 100.01 元 ≠ 基本支出 60.00 + 项目支出 40.00 = 100.00 元，前者比后者多 0.01 元',
    );
  });
});

describe('between tables', () => {
  const summary = (health: number) =>
    table('income_expense_summary', {
      sheet: '公开01表',
      title: '收入支出决算总表',
      label: '公开01表',
      cols: [
        { key: 'amount', header: '决算数', block: 'income' },
        { key: 'amount', header: '决算数', block: 'expense' },
      ],
      rows: [
        ['income.gpb', '一般公共预算财政拨款收入', [1709.37], { block: 'income', row: 4 }],
        ['income.total', '本年收入合计', [1709.37], { block: 'income', row: 30 }],
        ['income.grand_total', '总计', [1709.37], { block: 'income', row: 34 }],
        ['201', '一、一般公共服务支出', [null], { block: 'expense', row: 4, cols: [5], codeText: null }],
        ['208', '八、社会保障和就业支出', [10.0], { block: 'expense', row: 11, cols: [5], codeText: null }],
        ['210', '九、卫生健康支出', [health], { block: 'expense', row: 12, cols: [5], codeText: null }],
        ['expense.total', '本年支出合计', [1709.37], { block: 'expense', row: 30, cols: [5] }],
        ['expense.grand_total', '总计', [1709.37], { block: 'expense', row: 34, cols: [5] }],
      ],
    });
  const ids = (fs: Finding[]) => fs.map((f) => `${f.rule}:${f.severity}:${f.cells.join(',')}`);

  test('the same quantity 0.01 apart in two 万元 tables is a tail; 0.37 apart is an error', () => {
    const rounding = validate(recognition(summary(1699.37), expense000())).findings.filter((f) => f.rule.startsWith('cross.'));
    expect(ids(rounding)).toEqual(['cross.summary_expense_class:rounding:公开01表!F13,公开03表!C9']);
    expect(rounding[0]).toMatchObject({
      expected: '1699.38',
      actual: '1699.37',
      tail: '-0.01',
      table: expect.stringMatching(/^公开01表!/) as string,
    });
    expect(rounding[0].message).toBe(
      '收入支出决算总表（公开01表）“九、卫生健康支出”（210）决算数 1,699.37 万元 ≠ 支出决算表（公开03表）“卫生健康支出”（210）本年支出合计 1,699.38 万元，前者比后者少 0.01 万元，在尾数误差允许范围（±0.01 万元）内，属尾数差',
    );
    const wrong = validate(recognition(summary(1699.75), expense000())).findings.filter((f) => f.severity === 'error');
    expect(ids(wrong)).toEqual([
      // by row: the 类 line (row 13) before 本年支出合计 (row 31)
      'cross.summary_expense_class:error:公开01表!F13,公开03表!C9',
      'income_expense_summary.expense_total:error:公开01表!F31,公开01表!F12,公开01表!F13',
    ]);
  });

  test('a line printed in one table only is compared with zero', () => {
    const exp = expense000();
    // 支出决算表 prints a 类 the summary does not list at all.
    exp.rows.push({ ...exp.rows[1], key: '221', code: '221', codeText: '221', name: '住房保障支出', row: 20, values: {} });
    exp.rows[exp.rows.length - 1].values.total = { ...exp.rows[1].values.total, row: 20 };
    const found = validate(recognition(summary(1699.38), exp)).findings.filter((f) => f.rule === 'cross.summary_expense_class');
    expect(found.map(brief)).toEqual([
      {
        rule: 'cross.summary_expense_class',
        severity: 'error',
        cells: ['公开03表!C21'],
        expected: '10.00',
        actual: '0.00',
        tail: undefined,
      },
    ]);
    expect(found[0].message).toContain('“221”决算数 未列示 ≠ 支出决算表（公开03表）“住房保障支出”（221）本年支出合计 10.00 万元');
  });

  test('a rule whose other table is missing is skipped (no finding per cross rule)', () => {
    const found = validate(recognition(summary(1699.37))).findings;
    expect(found.filter((f) => f.rule.startsWith('cross.'))).toEqual([]);
  });

  test('元 and 万元 tables compared in the total’s unit', () => {
    const yuan = expense000();
    yuan.unit = '元';
    for (const r of yuan.rows) for (const c of Object.values(r.values)) if (c.value) c.value = c.value.times(10000);
    const found = validate(recognition(summary(1699.38), yuan)).findings.filter((f) => f.rule.startsWith('cross.'));
    expect(found).toEqual([]);
  });
});
