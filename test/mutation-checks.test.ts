/**
 * The non-sum checks and the ≤ / warning identities on mutated copies of the real seed workbooks
 * (000, one table per sheet): each change produces exactly the finding it should, with its cell.
 */
import type { Finding } from '../src/core/model';
import type { CellValue, WorkbookSnapshot } from '../src/core/snapshot';
import { qualifiedAddress } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import { buildSnapshot, locate, SEEDS, tableIndexOf } from './fixtures';

function loc(key: string, text: string, col: number) {
  const ti = tableIndexOf('000', key);
  const ri = SEEDS['000'].tables[ti].rows.findIndex((r) => r.some((c) => c.trim() === text));
  if (ri < 0) throw new Error(`no row ${text} in ${key}`);
  return locate('000', 'per-sheet', ti, ri, col);
}
const addr = (key: string, text: string, col: number) => {
  const l = loc(key, text, col);
  return qualifiedAddress(l.sheet, l.row, l.col);
};

function set(snap: WorkbookSnapshot, key: string, text: string, col: number, value: CellValue): void {
  const l = loc(key, text, col);
  const sheet = snap.sheets.find((s) => s.name === l.sheet)!;
  const c = sheet.cells.find((x) => x.row === l.row && x.col === l.col);
  if (c) {
    c.value = value;
    delete c.text;
  } else sheet.cells.push({ row: l.row, col: l.col, value });
}

const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, cells: f.cells, expected: f.expected, actual: f.actual });
/** Findings beyond those of the unmodified seed (3 errors, 7 tails). */
async function changed(edit: (s: WorkbookSnapshot) => void): Promise<Finding[]> {
  const base = validate(recognise(await buildSnapshot('000', 'per-sheet'))).findings;
  const seen = new Set(base.map((f) => `${f.rule}|${f.cells.join(',')}|${f.actual}`));
  const snap = await buildSnapshot('000', 'per-sheet');
  edit(snap);
  return validate(recognise(snap)).findings.filter((f) => !seen.has(`${f.rule}|${f.cells.join(',')}|${f.actual}`));
}

test('text in a number cell: one cell.text error; the identities through it are left alone', async () => {
  const found = await changed((s) => set(s, '03', '2101504', 4, '见附表'));
  expect(found.map(brief)).toEqual([
    { rule: 'cell.text', severity: 'error', cells: [addr('03', '2101504', 4)], expected: null, actual: '见附表' },
  ]);
  expect(found[0].message).toBe('支出决算表（公开03表）“信息化建设”（2101504）本年支出合计 应为数字，单元格中是文字“见附表”');
});

test('#REF! in a number cell: one cell.error', async () => {
  const found = await changed((s) => set(s, '02', '2101501', 4, '#REF!'));
  expect(found.map(brief)).toEqual([
    { rule: 'cell.error', severity: 'error', cells: [addr('02', '2101501', 4)], expected: null, actual: '#REF!' },
  ]);
});

test('codes: letter O, a stray digit, a wrong parent, a duplicate, an unknown economic code', async () => {
  expect((await changed((s) => set(s, '03', '20801', 0, '2O801'))).map(brief)).toEqual([
    { rule: 'code.malformed', severity: 'error', cells: [addr('03', '20801', 0)], expected: '20801', actual: '2O801' },
  ]);
  const stray = await changed((s) => set(s, '03', '2080109', 0, '20801099'));
  expect(stray.map(brief)).toEqual([
    { rule: 'code.malformed', severity: 'error', cells: [addr('03', '2080109', 0)], expected: null, actual: '20801099' },
  ]);
  expect(stray[0].message).toBe(
    '支出决算表（公开03表）“社会保险经办机构”（20801099）的科目编码“20801099”格式错误：功能分类编码应为 3、5 或 7 位数字，位数不对（多或少了一位数字）',
  );
  // Taken at its word, 2081504 is no longer an item of 21015: that 款 stops footing too (two more errors, by code).
  const parent = await changed((s) => set(s, '03', '2101504', 0, '2081504'));
  expect(parent.map((f) => `${f.rule}:${f.severity}:${f.cells[0]}`)).toEqual([
    `expense.hierarchy.section:error:${addr('03', '21015', 4)}`,
    `expense.hierarchy.section:error:${addr('03', '21015', 6)}`,
    `code.parent:error:${addr('03', '2101504', 0)}`,
  ]);
  expect(brief(parent[2])).toEqual({
    rule: 'code.parent',
    severity: 'error',
    cells: [addr('03', '2101504', 0), addr('03', '21015', 0)],
    expected: '2101504',
    actual: '2081504',
  });
  expect((await changed((s) => set(s, '03', '2101505', 0, '2101504'))).map(brief)).toEqual([
    {
      rule: 'code.duplicate',
      severity: 'error',
      cells: [addr('03', '医疗保障政策管理', 0), addr('03', '信息化建设', 0)],
      expected: null,
      actual: '2101504',
    },
  ]);
  expect((await changed((s) => set(s, '06', '30299', 3, '30298'))).map(brief)).toEqual([
    { rule: 'code.unknown_economic', severity: 'warning', cells: [addr('06', '30299', 3)], expected: null, actual: '30298' },
  ]);
});

test('a name changed in one table: one finding, differing between tables and from the classification list', async () => {
  const found = await changed((s) => set(s, '05', '行政运行', 3, '行政管理'));
  expect(found.map(brief)).toEqual([
    {
      rule: 'code.name_mismatch',
      severity: 'warning',
      cells: [addr('02', '行政运行', 3), addr('05', '行政运行', 3)],
      expected: '行政运行',
      actual: null,
    },
  ]);
  expect(found[0].message).toBe(
    '科目 2101501 在不同表中名称不一致：收入决算表（公开02表）、支出决算表（公开03表）作“行政运行”；一般公共预算财政拨款支出决算表（公开05表）作“行政管理”。标准名称为“行政运行”',
  );
});

test('an empty 政府性基金 table without its 无…收支 sentence', async () => {
  const found = await changed((s) => {
    const l = loc('07', '合计', 3);
    const sheet = s.sheets.find((x) => x.name === l.sheet)!;
    sheet.cells = sheet.cells.filter((c) => !(typeof c.value === 'string' && c.value.startsWith('说明：')));
  });
  expect(found.map((f) => `${f.rule}:${f.severity}:${f.cells.join(',')}`)).toEqual([
    `completeness.empty_note:warning:${loc('07', '合计', 3).sheet}!A1`,
  ]);
});

test('a missing table: one completeness finding, none of the cross rules that need it', async () => {
  const sheet = loc('09', '3.公务接待费', 4).sheet;
  const found = await changed((s) => {
    s.sheets = s.sheets.filter((x) => x.name !== sheet);
  });
  expect(found.map(brief)).toEqual([{ rule: 'completeness.missing_table', severity: 'warning', cells: [], expected: null, actual: null }]);
  expect(found[0].message).toContain('未找到财政拨款“三公”经费支出决算表（全国/江西表式公开09表）');
});

test('negative amount warns; a fractional count is an error', async () => {
  expect((await changed((s) => set(s, '09', '（2）国（境）外接待费', 4, '-0.00'))).map(brief)).toEqual([]);
  const frac = await changed((s) => set(s, '09', '4.公务用车保有量（辆）', 4, '1.50'));
  expect(frac.map(brief)).toEqual([
    {
      rule: 'amount.count_not_integer',
      severity: 'error',
      cells: [addr('09', '4.公务用车保有量（辆）', 4)],
      expected: null,
      actual: '1.5',
    },
  ]);
  const neg = await changed((s) => {
    set(s, '09', '1.因公出国（境）费', 4, '-5.00');
    set(s, '09', '一、“三公”经费支出', 4, '6.42');
  });
  expect(neg.map(brief)).toEqual([
    // 基本支出表 30212 (empty) is now more than the negative 因公出国（境）费.
    {
      rule: 'cross.three_public.abroad',
      severity: 'warning',
      cells: [addr('09', '1.因公出国（境）费', 4), addr('06', '30212', 5)],
      expected: '-5.00',
      actual: '0.00',
    },
    { rule: 'amount.negative', severity: 'warning', cells: [addr('09', '1.因公出国（境）费', 4)], expected: null, actual: '-5.00' },
  ]);
});

test('其中 line above its parent; 三公 paid beyond the economic line only warns', async () => {
  expect((await changed((s) => set(s, '09', '其中：外事接待费', 4, '12.00'))).map(brief)).toEqual([
    {
      rule: 'three_public.foreign_affairs',
      severity: 'error',
      cells: [addr('09', '（1）国内接待费', 4), addr('09', '其中：外事接待费', 4)],
      expected: '11.42',
      actual: '12.00',
    },
  ]);
  const moved = await changed((s) => {
    // 30217 公务接待费 12.00 and 30218 专用材料费 25.96: 302 still foots, 基本支出表 exceeds “三公” 公务接待费 11.42.
    set(s, '06', '30217', 5, '12.00');
    set(s, '06', '30218', 5, '25.96');
  });
  expect(moved.map(brief)).toEqual([
    {
      rule: 'cross.three_public.reception',
      severity: 'warning',
      cells: [addr('09', '3.公务接待费', 4), addr('06', '30217', 5)],
      expected: '11.42',
      actual: '12.00',
    },
  ]);
});

test('执行率: a wrong rate is an error, a rate off by the inputs’ rounding is a tail', async () => {
  const key = 'perf-2';
  expect((await changed((s) => set(s, key, '年度资金总额:', 5, '91.98%'))).map(brief)).toEqual([
    {
      rule: 'perf_project.funds_rate',
      severity: 'error',
      cells: [addr(key, '年度资金总额:', 5), addr(key, '年度资金总额:', 4), addr(key, '年度资金总额:', 3)],
      expected: '81.98',
      actual: '91.98',
    },
  ]);
  expect((await changed((s) => set(s, key, '年度资金总额:', 5, '81.97%'))).map(brief)).toEqual([
    {
      rule: 'perf_project.funds_rate',
      severity: 'rounding',
      cells: [addr(key, '年度资金总额:', 5), addr(key, '年度资金总额:', 4), addr(key, '年度资金总额:', 3)],
      expected: '81.98',
      actual: '81.97',
    },
  ]);
});
