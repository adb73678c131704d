/** `juesuan convert`: arguments, the JSON of the issue, the written copy (read back by exceljs too), exit codes. */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseConvertArgs, runConvert } from '../src/cli/convert';
import { main } from '../src/cli/main';
import { findingsOf, SAMPLE_WAN, SAMPLE_YUAN } from './convert-kit';

class Capture {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const code = await runConvert(argv, out as unknown as NodeJS.WritableStream, err as unknown as NodeJS.WritableStream);
  return { code, out: out.text, err: err.text };
}

const dir = mkdtempSync(path.join(tmpdir(), 'juesuan-convert-'));

// Importing src/cli/main.ts runs the CLI once on jest's own arguments (the module ends by calling main), which
// sets process.exitCode to 2: that is not this test's result, and would make jest exit 2 with every test passed.
afterAll(() => {
  process.exitCode = undefined;
});

describe('juesuan convert', () => {
  it('writes the converted copy and prints the JSON { file, to, rounding, tables, adjusted, tails }', async () => {
    const out = path.join(dir, 'wan.xlsx');
    const r = await run(SAMPLE_YUAN, '--to', '万元', '-o', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { adjusted: unknown[]; [k: string]: unknown };
    expect(Object.keys(json).slice(0, 6)).toEqual(['file', 'to', 'rounding', 'adjust', 'tables', 'adjusted']);
    expect(json).toEqual(expect.objectContaining({ file: SAMPLE_YUAN, to: '万元', rounding: 'controlled', tails: [] }));
    expect(json.adjusted).toHaveLength(24);
    expect(json.adjusted[0]).toEqual({ cell: '公开02表!E17', exact: '21.939296', plain: '21.94', value: '21.93' });
    const bytes = readFileSync(out);
    expect(findingsOf(bytes).filter((f) => f.severity === 'rounding')).toEqual([]);
    // An independent reader opens it, and sees the converted value with two decimals.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const e17 = wb.getWorksheet('公开02表')!.getCell('E17');
    expect(e17.value).toBe(21.93);
    expect(wb.getWorksheet('单位换算说明')).toBeDefined();
  });

  it('plain rounding exits 1 and lists its tails', async () => {
    const r = await run(SAMPLE_YUAN, '--to=万元', '--rounding', 'plain', '-o', path.join(dir, 'plain.xlsx'), '--json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { tails: unknown[] }).tails.length).toBeGreaterThan(0);
  });

  it('text report; a workbook already in 万元 is refused (exit 2)', async () => {
    const ok = await run(SAMPLE_YUAN, '--to', '万元', '--adjust', 'last', '-o', path.join(dir, 'last.xlsx'));
    expect(ok.out).toContain('换算后各勾稽关系均严格相等，无尾差。');
    const refused = await run(SAMPLE_WAN, '--to', '万元', '-o', path.join(dir, 'x.xlsx'));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('金额单位已是万元，无需换算');
  });

  it('reaches runConvert through main', async () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['convert', SAMPLE_YUAN, '--to', '万元', '-o', path.join(dir, 'main.xlsx')])).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('wrong command lines', () => {
    expect(parseConvertArgs([SAMPLE_YUAN, '-o', 'x.xlsx'])).toEqual({ error: '请用 --to 万元 或 --to 元 指定换算后的单位' });
    expect(parseConvertArgs([SAMPLE_YUAN, '--to', '千元', '-o', 'x.xlsx'])).toEqual({ error: '--to 需要 万元 或 元' });
    expect(parseConvertArgs([SAMPLE_YUAN, '--to', '万元'])).toEqual({ error: '请用 -o 指定换算后副本的文件名（原文件不变）' });
    expect(parseConvertArgs([SAMPLE_YUAN, '--to', '万元', '-o', SAMPLE_YUAN])).toEqual({
      error: '输出文件不能与原文件相同：原文件保持不变',
    });
    expect(parseConvertArgs([SAMPLE_YUAN, '--to', '万元', '-o', 'x.xlsx', '--adjust', 'middle'])).toEqual({
      error: '--adjust 需要 fewest、largest 或 last',
    });
  });
});
