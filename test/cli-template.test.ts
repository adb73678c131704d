/** `juesuan template`: arguments, a new workbook per set, insertion into a copy that skips the kinds it holds. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { parseTemplateArgs, runTemplate } from '../src/cli/template';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';

class Text {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-template-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Text();
  const err = new Text();
  const code = await runTemplate(args, out as unknown as NodeJS.WritableStream, err as unknown as NodeJS.WritableStream);
  return { code, out: out.text, err: err.text };
}

test('arguments: defaults, choices, errors', () => {
  expect(parseTemplateArgs(['--set', 'yunnan', '-o', 'a.xlsx'], 2025)).toEqual({
    options: { set: 'yunnan', tables: undefined, year: 2024, unit: '万元', org: 'XX单位' },
    into: null,
    from: null,
    given: { year: false, unit: false, org: false },
    output: 'a.xlsx',
  });
  expect(
    parseTemplateArgs(['--set=shanghai', '--tables', '1,3、7', '--unit', '元', '--org', '某局', '--year', '2023', '-o', 'b.xlsx']),
  ).toMatchObject({
    options: { set: 'shanghai', tables: ['1', '3', '7'], year: 2023, unit: '元', org: '某局' },
  });
  expect(parseTemplateArgs(['--set', 'hunan', '-o', 'x.xlsx'])).toEqual({ error: '--set 须为 jiangxi、yunnan、shanghai 之一' });
  expect(parseTemplateArgs(['--set', 'jiangxi'])).toEqual({ error: '请用 -o 指定输出文件' });
  expect(parseTemplateArgs(['--set', 'jiangxi', '--into', 'a.xlsx', '-o', 'a.xlsx'])).toEqual({
    error: '输出文件不能是原文件（原文件不会被改动）',
  });
  expect(parseTemplateArgs(['--set', 'jiangxi', '--into', 'a.xlsx', '--from', 'b.xlsx', '-o', 'c.xlsx'])).toEqual({
    error: '--into 与 --from 不能同时使用',
  });
});

test.each(['jiangxi', 'yunnan', 'shanghai'])('%s: a new workbook of the whole set, recognised, no error', async (set) => {
  const file = path.join(dir, `${set}.xlsx`);
  const r = await run(['--set', set, '--year', '2024', '--org', '某某局', '-o', file]);
  expect(r.code).toBe(0);
  const rec = recognise(await readWorkbookFile(file));
  expect(rec.unrecognised).toEqual([]);
  expect(rec.tables.map((t) => t.sheet)).toEqual(r.out.replace(/^.*（|）\n$/gs, '').split('、'));
  expect(rec.tables.every((t) => t.org === '某某局' && t.year === 2024)).toBe(true);
  expect(validate(rec).findings.filter((f) => f.severity === 'error' && !f.rule.endsWith('.weight_sum'))).toEqual([]);
});

test('--into: a copy with the missing tables only; the original unchanged', async () => {
  const base = path.join(dir, 'base.xlsx');
  expect((await run(['--set', 'jiangxi', '--tables', '01,09', '--year', '2023', '-o', base])).code).toBe(0);
  const before = fs.readFileSync(base);
  const copy = path.join(dir, 'copy.xlsx');
  const r = await run(['--set', 'jiangxi', '--tables', '01,02,09', '--year', '2023', '--into', base, '-o', copy]);
  expect(r.code).toBe(0);
  expect(r.err).toBe('工作表“公开01表”已有收入支出决算总表，未再插入\n工作表“公开09表”已有财政拨款“三公”经费支出决算表，未再插入\n');
  expect(r.out).toBe(`已写入 ${copy}：1 张表（公开02表）\n`);
  expect(fs.readFileSync(base).equals(before)).toBe(true);
  const rec = recognise(await readWorkbookFile(copy));
  expect(rec.tables.map((t) => `${t.sheet} ${t.kind}`)).toEqual([
    '公开01表 income_expense_summary',
    '公开09表 three_public',
    '公开02表 income',
  ]);
});

test('--from: the 上饶 sample rebuilt with every total a formula: its published tails and gaps are gone', async () => {
  const sample = path.join(__dirname, '..', 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');
  const before = validate(recognise(await readWorkbookFile(sample))).summary;
  expect(before.error + before.rounding).toBeGreaterThan(0);
  const out = path.join(dir, 'rebuilt.xlsx');
  const r = await run(['--set', 'jiangxi', '--from', sample, '-o', out]);
  expect(r.code).toBe(0);
  const rec = recognise(await readWorkbookFile(out));
  expect(rec.tables.every((t) => t.org === '上饶市医疗保障局' && t.year === 2022)).toBe(true);
  const { findings } = validate(rec);
  expect(findings.map((f) => f.rule)).toEqual([]);
  const expense = rec.tables.find((t) => t.kind === 'expense')!;
  expect(expense.rows.map((x) => x.key)).toEqual([
    'total',
    '208',
    '20801',
    '2080109',
    '210',
    '21015',
    '2101501',
    '2101504',
    '2101505',
    '2101506',
    '2101550',
  ]);
  expect(expense.rows[0].values.total.value!.toString()).toBe('1709.38');
});

test('an unknown table is a usage error', async () => {
  const r = await run(['--set', 'shanghai', '--tables', '10', '-o', path.join(dir, 'x.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('上海（2024 模板）没有表“10”');
});
