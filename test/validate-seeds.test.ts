/**
 * The unmodified seed workbooks (recognised from the generated .xlsx): exactly the real defects are errors,
 * exactly the real rounding tails are `rounding`, nothing else is reported. Cells are located through the
 * fixture plan, so the expectations follow the transcribed tables, not a hard-coded layout.
 */
import type { Finding } from '../src/core/model';
import { qualifiedAddress } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import { buildSnapshot, LAYOUTS, locate, SEEDS, tableIndexOf, type SeedId } from './fixtures';

/** Sheet-qualified address of the cell in column `col` of the first row of seed table `key` holding `text`. */
function at(seed: SeedId, key: string, text: string, col: number): string {
  const ti = tableIndexOf(seed, key);
  const ri = SEEDS[seed].tables[ti].rows.findIndex((r) => r.some((c) => c.trim() === text));
  if (ri < 0) throw new Error(`no row ${text} in ${seed}/${key}`);
  const loc = locate(seed, 'per-sheet', ti, ri, col);
  return qualifiedAddress(loc.sheet, loc.row, loc.col);
}

const brief = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  cells: f.cells,
  expected: f.expected,
  actual: f.actual,
  tail: f.tail,
});

describe('seed 000 (江西, 万元)', () => {
  let findings: Finding[];
  let summary: Record<string, number>;
  beforeAll(async () => {
    ({ findings, summary } = validate(recognise(await buildSnapshot('000', 'per-sheet'))));
  });
  const a = (key: string, text: string, col: number) => at('000', key, text, col);

  test('exactly the published tails and the empty 公开05表 合计', () => {
    const items = ['2101501', '2101504', '2101505', '2101506', '2101550'];
    expect(findings.map(brief)).toEqual([
      // 总表 卫生健康支出 1,699.37 vs 支出决算表 1,699.38 (docs/DOMAIN.md §5.4).
      {
        rule: 'cross.summary_expense_class',
        severity: 'rounding',
        cells: [a('01', '九、卫生健康支出', 5), a('03', '210', 4)],
        expected: '1699.38',
        actual: '1699.37',
        tail: '-0.01',
      },
      // 收入决算表 医疗保障管理事务 1,699.37 vs its items 1,699.38, in both printed columns.
      {
        rule: 'income.hierarchy.section',
        severity: 'rounding',
        cells: [a('02', '21015', 4), ...items.map((c) => a('02', c, 4))],
        expected: '1699.38',
        actual: '1699.37',
        tail: '-0.01',
      },
      {
        rule: 'income.hierarchy.section',
        severity: 'rounding',
        cells: [a('02', '21015', 5), ...items.map((c) => a('02', c, 5))],
        expected: '1699.38',
        actual: '1699.37',
        tail: '-0.01',
      },
      // 支出决算表 合计 1,709.37 vs 10.00 + 1,699.38; 项目支出 374.08 vs 10.00 + 364.09 (docs/DOMAIN.md §5.4).
      {
        rule: 'expense.hierarchy.total',
        severity: 'rounding',
        cells: [a('03', '合计', 4), a('03', '208', 4), a('03', '210', 4)],
        expected: '1709.38',
        actual: '1709.37',
        tail: '-0.01',
      },
      {
        rule: 'expense.hierarchy.total',
        severity: 'rounding',
        cells: [a('03', '合计', 6), a('03', '208', 6), a('03', '210', 6)],
        expected: '374.09',
        actual: '374.08',
        tail: '-0.01',
      },
      // 财政拨款总表 卫生健康支出 1,699.37 vs 一般公共预算支出表 1,699.38.
      {
        rule: 'cross.fiscal_gpb_class',
        severity: 'rounding',
        cells: [a('04', '九、卫生健康支出', 6), a('05', '210', 4)],
        expected: '1699.38',
        actual: '1699.37',
        tail: '-0.01',
      },
      // 公开05表 合计 row printed without its 本年支出合计 (a real printing defect): three identities break.
      {
        rule: 'cross.fiscal_gpb_total',
        severity: 'error',
        cells: [a('04', '本年支出合计', 6), a('05', '合计', 4)],
        expected: '0.00',
        actual: '1709.37',
        tail: undefined,
      },
      {
        rule: 'gpb_expense.row',
        severity: 'error',
        cells: [a('05', '合计', 4), a('05', '合计', 5), a('05', '合计', 6)],
        expected: '1709.37',
        actual: '0.00',
        tail: undefined,
      },
      {
        rule: 'gpb_expense.hierarchy.total',
        severity: 'error',
        cells: [a('05', '合计', 4), a('05', '208', 4), a('05', '210', 4)],
        expected: '1709.38',
        actual: '0.00',
        tail: undefined,
      },
      {
        rule: 'gpb_expense.hierarchy.total',
        severity: 'rounding',
        cells: [a('05', '合计', 6), a('05', '208', 6), a('05', '210', 6)],
        expected: '374.09',
        actual: '374.08',
        tail: '-0.01',
      },
    ]);
    expect(summary).toEqual({ error: 3, warning: 0, rounding: 7, info: 0 });
  });

  test('messages say what should equal what, in 万元, with names and codes', () => {
    expect(findings[0].message).toBe(
      '收入支出决算总表（公开01表）“九、卫生健康支出”（210）支出/决算数 1,699.37 万元 ≠ 支出决算表（公开03表）“卫生健康支出”（210）本年支出合计 1,699.38 万元，前者比后者少 0.01 万元，在尾数误差允许范围（±0.01 万元）内，属尾数差',
    );
    expect(findings[7].message).toBe(
      '一般公共预算财政拨款支出决算表（公开05表）“合计”本年支出合计 为空 ≠ 基本支出 1,335.29 + 项目支出 374.08 = 1,709.37 万元，前者比后者少 1,709.37 万元，超出尾数误差允许范围（±0.01 万元）',
    );
    expect(findings[7].table).toBe(`${a('05', '合计', 0).split('!')[0]}!A1`);
  });
});

describe('seed 001 (云南, 元)', () => {
  let findings: Finding[];
  beforeAll(async () => {
    ({ findings } = validate(recognise(await buildSnapshot('001', 'per-sheet'))));
  });
  const a = (key: string, text: string, col: number) => at('001', key, text, col);

  test('exactly the four published defects, no rounding (元 is exact)', () => {
    const indicators = [
      '戴尔台式电脑',
      'HPQJ200打印机',
      '政府购买人员业务能力培养补助',
      '报送基金监管信息数据',
      '加强基金日常监督',
      '欺诈骗保打击率',
      '医疗保障制度改革落实',
      '医保经办服务能力',
      '提高全民参保意识',
      '医保政策落实与脱贫攻坚工作成果巩固',
      '参保人员对医保服务满意度',
    ];
    expect(findings.map(brief)).toEqual([
      // 07表: 20921 in the 309 block (docs/DOMAIN.md §4.4).
      {
        rule: 'code.parent',
        severity: 'error',
        cells: [a('07', '20921', 6), a('07', '309', 6)],
        expected: '30921',
        actual: '20921',
        tail: undefined,
      },
      // 部门整体支出绩效自评表: 部门名称 新平彝族自治州医疗保障局, every other table 新平彝族傣族自治县医疗保障局.
      {
        rule: 'meta.org_differs',
        severity: 'warning',
        cells: [a('perf-dept', '部门名称', 2)],
        expected: '新平彝族傣族自治县医疗保障局',
        actual: '新平彝族自治州医疗保障局',
        tail: undefined,
      },
      // 项目支出绩效自评表 (医疗服务与保障能力提升): 分值 add to 95, 得分 to 89.70 against 总分 94.70.
      {
        rule: 'perf_project.weight_sum',
        severity: 'error',
        cells: [a('perf-13', '年度资金总额', 5), ...indicators.map((n) => a('perf-13', n, 7))],
        expected: '100.00',
        actual: '95.00',
        tail: undefined,
      },
      {
        rule: 'perf_project.score_total',
        severity: 'error',
        cells: [a('perf-13', '总分', 8), a('perf-13', '年度资金总额', 7), ...indicators.map((n) => a('perf-13', n, 8))],
        expected: '89.70',
        actual: '94.70',
        tail: undefined,
      },
    ]);
    expect(findings[0].message).toBe(
      '一般公共预算财政拨款项目支出决算表（公开07表）“文物和陈列品购置”（20921）列在“资本性支出（基本建设）”（309）之下，但编码 20921 不以 309 开头；疑为 30921（文物和陈列品购置）',
    );
    expect(findings[1].message).toBe(
      '2022年度部门整体支出绩效自评表的单位名称印为“新平彝族自治州医疗保障局”，同一套公开表的其他 9 张表印为“新平彝族傣族自治县医疗保障局”：请核对是否笔误，或此表是从其他单位的文件复制来的',
    );
    expect(findings[1].table).toBe('部门整体支出绩效自评表!A1');
    expect(findings[2].message).toBe(
      '2022年度项目支出绩效自评表分值之和：“年度资金总额” 10.00 + “戴尔台式电脑” 5.00 + “HPQJ200打印机” 5.00 + … 等 12 项 = 95.00 分，应为 100.00 分，少 5.00 分',
    );
  });
});

describe('every workbook layout of the same seed gives the same findings (addresses aside)', () => {
  const facts = (fs: Finding[]) =>
    fs.map((f) => `${f.rule} ${f.severity} ${f.expected} ${f.actual} ${f.tail ?? ''} ${f.cells.length}`).sort();
  test.each(['000', '001', 'shanghai'] as const)('seed %s', async (seed) => {
    const reference = facts(validate(recognise(await buildSnapshot(seed, 'per-sheet'))).findings);
    expect(reference.length).toBeGreaterThan(0);
    for (const layout of LAYOUTS.filter((l) => l !== 'per-sheet' && (seed === 'shanghai' || l !== 'shanghai'))) {
      expect({ layout, facts: facts(validate(recognise(await buildSnapshot(seed, layout))).findings) }).toEqual({
        layout,
        facts: reference,
      });
    }
  });
});

describe('Shanghai 2024 template (seed “shanghai”, 万元)', () => {
  test('the horizontal “三公” 表 and the 1–9 set: only the tails, no completeness finding', async () => {
    const { findings, summary } = validate(recognise(await buildSnapshot('shanghai', 'per-sheet')));
    expect(summary).toEqual({ error: 0, warning: 0, rounding: 8, info: 0 });
    expect(findings.map((f) => f.rule)).toEqual([
      'cross.summary_expense_class',
      'income.hierarchy.section',
      'income.hierarchy.section',
      'expense.hierarchy.total',
      'expense.hierarchy.total',
      'cross.fiscal_gpb_class',
      'gpb_expense.hierarchy.total',
      'gpb_expense.hierarchy.total',
    ]);
    expect(findings.every((f) => f.tail === '-0.01')).toBe(true);
  });
});
