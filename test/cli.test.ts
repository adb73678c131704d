/**
 * The `juesuan` command as a user runs it: the bundled CLI (scripts/build-cli.js) in a child process, on
 * workbooks from the fixture generator and on the committed samples.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { buildWorkbook, locate, locateMeta, placement, tableIndexOf, SEEDS } from './fixtures';
import { KNOWN_FUNCTION_CODES } from '../src/core/classification';
import { cellAddress } from '../src/core/snapshot';
import type { CheckJson, FailureJson, InspectJson } from '../src/cli/json';

// The scripts are CommonJS without types: required once here, typed by what the tests use of them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildCli } = require('../scripts/build-cli.js') as { buildCli: (options: { quiet: boolean }) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateWorkbook } = require('../scripts/bench.js') as {
  generateWorkbook: (file: string, names: Map<string, string>, items: number) => Promise<void>;
};

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'juesuan.js');
const SAMPLE_000 = path.join(root, 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');
const SAMPLE_001 = path.join(root, 'samples', '新平县医疗保障局2022年度部门决算.xlsx');
const VERSION = parse<{ version: string }>(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

let tmp: string;
/** Seed 000 tables in the 上海 template layout: rounding tails only, no error. */
let clean: string;
/** Seed 001 per sheet: its real defects (07表 `20921` in the 309 block, 绩效 分值 95). */
let yunnan: string;
/** Seed 000 per sheet with `<script>` in the 编制单位 line of 公开01表. */
let hostile: string;
/** Seed 000 stacked on one sheet. */
let stacked: string;
/** A text file named .xlsx. */
let fake: string;
/** The bench's consolidated workbook, small: consistent sums, 64 function codes outside the known list. */
let consolidated: string;
/** Seed 001 per sheet with the 15 known function 款/项 names of 公开02/03/05表 changed: 15 提示 in 公开02表. */
let renamed: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = root): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The printed JSON, typed as src/cli/json.ts declares it (the assertions check what it really holds). */
function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** One JSON object per line: a checked file, or one that could not be read. */
type JsonLine = Partial<CheckJson> & Partial<FailureJson> & { file: string };

function jsonLines(s: string): JsonLine[] {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => parse<JsonLine>(l));
}

const SCRIPT = '<script>alert("x")</script>';

beforeAll(async () => {
  buildCli({ quiet: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-cli-'));
  clean = path.join(tmp, '000-shanghai.xlsx');
  fs.writeFileSync(clean, await buildWorkbook('000', 'shanghai'));
  yunnan = path.join(tmp, '001-per-sheet.xlsx');
  fs.writeFileSync(yunnan, await buildWorkbook('001', 'per-sheet'));
  stacked = path.join(tmp, '000-stacked.xlsx');
  fs.writeFileSync(stacked, await buildWorkbook('000', 'stacked'));

  const org = locateMeta('000', 'per-sheet', tableIndexOf('000', '01'), 'org')!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildWorkbook('000', 'per-sheet')) as unknown as ArrayBuffer);
  wb.getWorksheet(org.sheet)!.getCell(org.row + 1, org.col + 1).value = `编制单位：${SCRIPT}`;
  hostile = path.join(tmp, '000-hostile.xlsx');
  await wb.xlsx.writeFile(hostile);

  consolidated = path.join(tmp, 'consolidated.xlsx');
  await generateWorkbook(consolidated, new Map(), 60);

  const known = new Set(KNOWN_FUNCTION_CODES.filter((c) => c.code.length > 3).map((c) => c.code));
  const wb001 = new ExcelJS.Workbook();
  await wb001.xlsx.load((await buildWorkbook('001', 'per-sheet')) as unknown as ArrayBuffer);
  for (const key of ['02', '03', '05']) {
    const ti = tableIndexOf('001', key);
    const { col, nameCol } = SEEDS['001'].tables[ti].codes[0];
    SEEDS['001'].tables[ti].rows.forEach((row, i) => {
      if (!known.has(row[col].trim())) return;
      const at = locate('001', 'per-sheet', ti, i, nameCol);
      wb001.getWorksheet(at.sheet)!.getCell(at.row + 1, at.col + 1).value = `${row[nameCol].trim()}（旧称）`;
    });
  }
  renamed = path.join(tmp, '001-renamed.xlsx');
  await wb001.xlsx.writeFile(renamed);

  fake = path.join(tmp, 'notes.xlsx');
  fs.writeFileSync(fake, '这是一段文字，不是工作簿。\n');
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const FINDING_KEYS = ['rule', 'severity', 'message', 'cells', 'expected', 'actual'];
const TABLE_KEYS = ['sheet', 'range', 'title', 'printedTitle', 'label', 'org', 'year', 'unit', 'rows', 'confidence'];

describe('juesuan inspect', () => {
  test('--json on the committed 000 sample: one object, every table with sheet, A1 range, title, label, unit, year', () => {
    const r = run(['inspect', SAMPLE_000, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = parse<InspectJson>(r.stdout);
    expect(Object.keys(out)).toEqual(['file', 'tables', 'unrecognised']);
    expect(out.file).toBe(SAMPLE_000);
    expect(out.unrecognised).toEqual([]);
    expect(out.tables[0]).toEqual({
      sheet: '公开01表',
      range: 'A1:F37',
      title: '收入支出决算总表',
      printedTitle: '收入支出决算总表',
      label: '公开01表',
      org: '上饶市医疗保障局',
      year: 2022,
      unit: '万元',
      rows: 42,
      confidence: 1,
    });
    for (const t of out.tables) expect(Object.keys(t)).toEqual(TABLE_KEYS);
    expect(out.tables.map((t) => [t.sheet, t.range, t.label, t.title, t.unit, t.year])).toEqual([
      ['公开01表', 'A1:F37', '公开01表', '收入支出决算总表', '万元', 2022],
      ['公开02表', 'A1:K17', '公开02表', '收入决算表', '万元', 2022],
      ['公开03表', 'A1:J17', '公开03表', '支出决算表', '万元', 2022],
      ['公开04表', 'A1:I38', '公开04表', '财政拨款收入支出决算总表', '万元', 2022],
      ['公开05表', 'A1:G17', '公开05表', '一般公共预算财政拨款支出决算表', '万元', 2022],
      ['公开06表', 'A1:I40', '公开06表', '一般公共预算财政拨款基本支出决算表', '万元', 2022],
      ['公开07表', 'A1:J7', '公开07表', '政府性基金预算财政拨款收入支出决算表', '万元', 2022],
      ['公开08表', 'A1:G7', '公开08表', '国有资本经营预算财政拨款支出决算表', '万元', 2022],
      ['公开09表', 'A1:E25', '公开09表', '财政拨款“三公”经费支出决算表', '万元', 2022],
      ['公开10表', 'A1:C14', '公开10表', '国有资产占用情况表', null, 2022],
      ['项目支出绩效自评表', 'A1:G34', null, '项目支出绩效自评表', '万元', 2022],
      ['项目支出绩效自评表2', 'A1:G17', null, '项目支出绩效自评表', '万元', 2022],
    ]);
  });

  test('--json on the committed 001 sample (Yunnan, 元): printed title kept beside the canonical one', () => {
    const r = run(['inspect', '--json', SAMPLE_001]);
    expect(r.status).toBe(0);
    const out = parse<InspectJson>(r.stdout);
    expect(out.tables[0]).toEqual({
      sheet: '公开01表',
      range: 'A1:F36',
      title: '收入支出决算总表',
      printedTitle: '收入支出决算表',
      label: '公开01表',
      org: '新平彝族傣族自治县医疗保障局',
      year: null,
      unit: '元',
      rows: 42,
      confidence: 1,
    });
    expect(out.tables.find((t) => t.label === '公开07表')).toMatchObject({
      title: '一般公共预算财政拨款项目支出决算表',
      range: 'A1:L39',
      unit: '元',
    });
  });

  test('stacked layout: every table found on Sheet1, each range starting at the title cell the generator wrote', () => {
    const r = run(['inspect', stacked, '--json']);
    expect(r.status).toBe(0);
    const out = parse<InspectJson>(r.stdout);
    const seedTables = SEEDS['000'].tables;
    expect(out.tables).toHaveLength(seedTables.length);
    // The recogniser lists tables in sheet order; the generator stacks them in seed order.
    seedTables.forEach((st, i) => {
      const title = locateMeta('000', 'stacked', i, 'title')!;
      const p = placement('000', 'stacked', i);
      const t = out.tables[i];
      expect(t.sheet).toBe('Sheet1');
      expect(t.range.split(':')[0]).toBe(cellAddress(title.row, p.left));
      expect(t.label).toBe(st.label === null ? null : st.label.replace(/\s+/g, ''));
    });
    expect(out.tables[0].range).toBe('B1:G37');
    expect(out.tables[1].range).toBe('D42:N58');
  });

  test('text output is a readable Chinese summary', () => {
    const r = run(['inspect', SAMPLE_001]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`文件：${SAMPLE_001}\n识别到 12 张决算公开表：\n  1. 公开01表 收入支出决算总表\n`);
    expect(r.stdout).toContain('     位置：公开01表!A1:F36；单位：元；年度：未注明；数据行：42；置信度：1.00\n');
    expect(r.stdout).toContain('     编制单位：新平彝族傣族自治县医疗保障局\n     表内标题：收入支出决算表\n');
    expect(r.stdout).toContain('  7. 公开07表 一般公共预算财政拨款项目支出决算表\n');
  });

  test('text output shows what a table prints instead of an amount unit (台、辆、套)', () => {
    const r = run(['inspect', SAMPLE_000]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '  10. 公开10表 国有资产占用情况表\n     位置：公开10表!A1:C14；单位：台、辆、套；年度：2022；数据行：10；置信度：1.00\n',
    );
    expect(r.stdout).toContain('  11. 项目支出绩效自评表\n     位置：项目支出绩效自评表!A1:G34；单位：万元；');
  });

  test('a text file named .xlsx: Chinese message on stderr, exit 2, nothing on stdout', () => {
    const r = run(['inspect', fake]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'juesuan：文件“notes.xlsx”不是 Excel 工作簿（.xlsx）（这是文本或 CSV 文件）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。\n',
    );
  });

  test('a missing file: exit 2, and with --json the object says why', () => {
    const missing = path.join(tmp, '没有这个文件.xlsx');
    const r = run(['inspect', missing, '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`juesuan：找不到文件：${missing}\n`);
    expect(parse<FailureJson>(r.stdout)).toEqual({ file: missing, error: `找不到文件：${missing}` });
  });
});

describe('juesuan check', () => {
  test('--json, no error finding (only rounding tails): exit 0', () => {
    const r = run(['check', clean, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = parse<CheckJson>(r.stdout);
    expect(Object.keys(out)).toEqual(['file', 'tables', 'findings', 'summary']);
    expect(out.summary).toEqual({ error: 0, warning: 0, rounding: 8, info: 0 });
    expect(out.findings).toHaveLength(8);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(FINDING_KEYS);
      expect(f.severity).toBe('rounding');
    }
    expect(out.tables.map((t) => t.sheet)).toEqual([
      '1收入支出决算总表',
      '2收入决算表',
      '3支出决算表',
      '4财政拨款收入支出决算总表',
      '5一般公共预算财政拨款支出决算表',
      '6一般公共预算财政拨款基本支出决算表',
      '7财政拨款“三公”经费支出决算表',
      '8政府性基金预算财政拨款收入支出决算表',
      '9国有资本经营预算财政拨款收入支出决算表',
    ]);
    // each table's coverage: the identities that ran on it, no amount left unchecked
    expect(out.tables.map((t) => [t.identities, t.unchecked])).toEqual([
      [40, []],
      [53, []],
      [66, []],
      [117, []],
      [52, []],
      [11, []],
      [8, []],
      [27, []],
      [27, []],
    ]);
  });

  test('--format json on seed 001: its real defects are errors, exit 1', () => {
    const r = run(['check', '--format', 'json', yunnan]);
    expect(r.status).toBe(1);
    const out = parse<CheckJson>(r.stdout);
    expect(out.summary).toEqual({ error: 3, warning: 1, rounding: 0, info: 0 });
    expect(out.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([
      'code.parent',
      'perf_project.weight_sum',
      'perf_project.score_total',
    ]);
    // The 部门整体支出绩效自评表 prints the department as 新平彝族自治州… — a real misprint of the publication.
    expect(out.findings.filter((f) => f.severity === 'warning').map((f) => [f.rule, f.cells, f.expected, f.actual])).toEqual([
      ['meta.org_differs', ['部门整体支出绩效自评表!C2'], '新平彝族傣族自治县医疗保障局', '新平彝族自治州医疗保障局'],
    ]);
    const code = out.findings.find((f) => f.rule === 'code.parent');
    expect(code).toEqual({
      rule: 'code.parent',
      severity: 'error',
      message: expect.stringContaining('编码 20921 不以 309 开头；疑为 30921') as string,
      cells: ['公开07表!G16', '公开07表!G6'],
      expected: '30921',
      actual: '20921',
    });
    const weights = out.findings.find((f) => f.rule === 'perf_project.weight_sum')!;
    expect([weights.expected, weights.actual]).toEqual(['100.00', '95.00']);
  });

  test('text output lists every error first, then warnings, by table, numbered through, with cells', () => {
    const r = run(['check', yunnan]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('审核结果：错误 3 项，警告 1 项，尾差 0 项，提示 0 项\n\n【错误】3 项\n');
    expect(r.stdout).toContain('【错误】3 项\n  ■ 公开07表 一般公共预算财政拨款项目支出决算表（公开07表!A1:L39）：1 项\n    1. ');
    expect(r.stdout).toContain('       单元格：公开07表!G16、公开07表!G6\n       应为 30921，实为 20921\n');
    expect(r.stdout).toContain('  ■ 项目支出绩效自评表（项目支出绩效自评表!A1:J25）：2 项\n    2. ');
    expect(r.stdout.indexOf('【警告】1 项\n')).toBeGreaterThan(r.stdout.indexOf('    3. '));
  });

  test('text output of a clean workbook says so per severity', () => {
    const r = run(['check', clean]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '审核结果：错误 0 项，警告 0 项，尾差 8 项，提示 0 项\n未发现错误或警告。\n\n【尾差】8 项（已折叠，下面是各表项数；加 --all 逐条列出）\n',
    );
    expect(r.stdout).not.toContain('【错误】');
    expect(r.stdout).not.toMatch(/\n {4}1\. /);
    expect(run(['check', clean, '--all']).stdout).toMatch(/\n {4}8\. /);
  });

  test('function codes outside the built-in list: one 提示 per table, not one per code; exit 0', () => {
    const r = run(['check', consolidated]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('审核结果：错误 0 项，警告 0 项，尾差 0 项，提示 3 项\n');
    const json = parse<CheckJson>(run(['check', consolidated, '--json']).stdout);
    // 4 款 (20101…20104) and their 60 项 in each of 公开02/03/05表, from row 9 on (合计 row 7, 201 row 8).
    const codeCells = (sheet: string) => Array.from({ length: 64 }, (_, i) => `${sheet}!A${9 + i}`);
    const message =
      '本表有 64 个功能分类科目编码不在内置科目清单中（清单只含已公开样本中出现的科目，无法据此判断对错）：' +
      '20101 一般公共服务事务1、2010101 行政运行、2010102 一般行政管理事务、2010103 机关服务、2010104 信息化建设、' +
      '2010105 专项业务、2010106 事业运行、2010107 监督检查、2010108 宣传培训、2010109 规划管理、… 等';
    expect(json.findings).toEqual(
      ['公开02表', '公开03表', '公开05表'].map((sheet) => ({
        rule: 'code.unknown_function',
        severity: 'info',
        message,
        cells: codeCells(sheet),
        expected: null,
        actual: null,
      })),
    );
    // Folded by default: the count per table.
    expect(r.stdout).toContain('【提示】3 项（已折叠，下面是各表项数；加 --all 逐条列出）\n  ■ 公开02表 收入决算表');
    expect(r.stdout).not.toContain(message);
    // Listed with --all: the first cell alone, then the run of the others as one range.
    const all = run(['check', consolidated, '--all']).stdout;
    expect(all).toContain(`：1 项\n    2. ${message}\n       单元格：公开03表!A9、公开03表!A10:A72\n`);
  });

  test('a finding of 3,000+ cells: JSON keeps every cell; text and html list 20 areas and 等 M 处', async () => {
    const big = path.join(tmp, 'consolidated-3000.xlsx');
    await generateWorkbook(big, new Map(), 3000);
    const json = parse<CheckJson>(run(['check', big, '--json']).stdout);
    const f = json.findings.find((x) => x.rule === 'code.unknown_function' && x.cells[0] === '公开03表!A9')!;
    // Every code cell of the table, as data: column A from row 9, in order.
    const rows: number[] = f.cells.map((c: string) => Number(/^公开03表!A(\d+)$/.exec(c)![1]));
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.every((r, i) => i === 0 || r > rows[i - 1])).toBe(true);
    // What a person reads: A9 (the first cell) alone, then runs of consecutive rows as ranges, 20 areas in all.
    const areas = ['公开03表!A9'];
    for (let i = 1, start = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      areas.push(i - start > 1 ? `公开03表!A${rows[start]}:A${rows[i - 1]}` : `公开03表!A${rows[start]}`);
      start = i;
    }
    expect(areas.length).toBeGreaterThan(20);
    const line = `       单元格：${areas.slice(0, 20).join('、')} 等 ${rows.length} 处\n`;
    expect(line.length).toBeLessThan(1000);
    const text = run(['check', big, '--all']).stdout;
    expect(text).toContain(`. ${f.message}\n${line}`);
    const html = run(['check', big, '--format', 'html']).stdout;
    const cellsDiv = new RegExp(
      `<div class="cells">单元格：((?:<a href="#c0-\\d+-\\d+-0"><span class="addr">公开03表![^<]*</span></a>){20}) 等 ${rows.length} 处</div>`,
    ).exec(html);
    expect(cellsDiv).not.toBeNull();
    expect([...cellsDiv![1].matchAll(/<span class="addr">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(areas.slice(0, 20));
    // Three such findings (公开02/03/05表) listed cell by cell made a report of more than 600 KB.
    expect(html.length).toBeLessThan(150_000);
  });

  test('many 提示 in one table: text counts them after the errors (--all lists them); html folds them', () => {
    const r = run(['check', renamed]);
    // Seed 001's own three defects stay errors, and come first.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('审核结果：错误 3 项，警告 1 项，尾差 0 项，提示 15 项\n\n【错误】3 项\n');
    expect(r.stdout).toContain('【提示】15 项（已折叠，下面是各表项数；加 --all 逐条列出）\n');
    expect(r.stdout).not.toContain('    5. ');
    const all = run(['check', renamed, '--all']).stdout;
    expect(all).toContain('    5. ');
    expect(all).toContain('    19. ');
    expect(all).not.toContain('    20. ');
    const json = parse<CheckJson>(run(['check', renamed, '--json']).stdout);
    const infos = json.findings.filter((f) => f.severity === 'info');
    expect(infos.map((f) => f.expected)).toEqual([
      '其他共产党事务支出',
      '其他共产党事务支出',
      '行政事业单位养老支出',
      '行政单位离退休',
      '机关事业单位基本养老保险缴费支出',
      '机关事业单位职业年金缴费支出',
      '行政事业单位医疗',
      '行政单位医疗',
      '公务员医疗补助',
      '医疗保障管理事务',
      '行政运行',
      '信息化建设',
      '医疗保障政策管理',
      '住房改革支出',
      '住房公积金',
    ]);
    expect(new Set(infos.map((f) => f.rule))).toEqual(new Set(['code.name_differs']));
    expect(infos[0]).toEqual({
      rule: 'code.name_differs',
      severity: 'info',
      message: '收入决算表（公开02表）“其他共产党事务支出（旧称）”（20136）：科目 20136 的标准名称为“其他共产党事务支出”',
      cells: ['公开02表!D10', '公开03表!D9', '公开05表!D10'],
      expected: '其他共产党事务支出',
      actual: '其他共产党事务支出（旧称）',
    });
    const html = run(['check', renamed, '--format', 'html']).stdout;
    expect(html).toContain('<details><summary><b class="info">提示（15 项）</b>，点击展开</summary>');
    // 3 errors + the 编制单位 warning + 15 提示, every one listed (the 提示 folded away, not dropped).
    expect(html.match(/<li id="f0-\d+">/g)).toHaveLength(19);
  });

  test('unreadable and missing files: exit 2 with a JSON line each', () => {
    const missing = path.join(tmp, 'missing.xlsx');
    const r = run(['check', '--json', fake, missing]);
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([
      { file: fake, error: expect.stringMatching(/^文件“notes\.xlsx”不是 Excel 工作簿/) as string },
      { file: missing, error: `找不到文件：${missing}` },
    ]);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });

  test('a directory: its .xlsx files recursively, sorted, one JSON line each; the batch goes on past a bad file', () => {
    const dir = path.join(tmp, 'batch');
    fs.mkdirSync(path.join(dir, 'b-云南'), { recursive: true });
    fs.copyFileSync(clean, path.join(dir, 'a-上海格式.xlsx'));
    fs.copyFileSync(yunnan, path.join(dir, 'b-云南', '新平.xlsx'));
    fs.copyFileSync(fake, path.join(dir, 'c-坏文件.xlsx'));
    fs.writeFileSync(path.join(dir, '说明.txt'), '不是工作簿');
    fs.writeFileSync(path.join(dir, '~$a-上海格式.xlsx'), 'Excel lock file');

    const r = run(['check', dir, '--json']);
    expect(r.status).toBe(2);
    const lines = jsonLines(r.stdout);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3); // JSON lines: one object per line
    expect(lines.map((l) => l.file)).toEqual([
      path.join(dir, 'a-上海格式.xlsx'),
      path.join(dir, 'b-云南', '新平.xlsx'),
      path.join(dir, 'c-坏文件.xlsx'),
    ]);
    expect(lines[0].summary).toEqual({ error: 0, warning: 0, rounding: 8, info: 0 });
    expect(lines[1].summary).toEqual({ error: 3, warning: 1, rounding: 0, info: 0 });
    expect(Object.keys(lines[2])).toEqual(['file', 'error']);
    // Not a terminal: no progress bar, only the one message about the bad file.
    expect(r.stderr).toBe(`juesuan：${lines[2].error}\n`);

    fs.rmSync(path.join(dir, 'c-坏文件.xlsx'));
    const r2 = run(['check', dir, '--json']);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toBe('');
  });

  test('-o writes the output to the file and nothing to stdout', () => {
    const out = path.join(tmp, 'result.json');
    const r = run(['check', clean, '--json', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(parse<CheckJson>(fs.readFileSync(out, 'utf8')).summary).toEqual({ error: 0, warning: 0, rounding: 8, info: 0 });
  });

  test('html report: self-contained, findings by table and severity, highlighted cells, workbook text escaped', () => {
    const out = path.join(tmp, 'report.html');
    const r = run(['check', hostile, '--format', 'html', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // Self-contained and script-free: the injected text appears only escaped.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<link');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Counts per file and per table.
    expect(html).toContain('<span class="badge error">错误 3</span>');
    expect(html).toContain('<h5 class="error">错误（2 项）</h5>');
    // The shared severity names (src/core/labels.ts): 尾差, as in the pane and the findings sheet.
    expect(html).toContain(
      '<p class="legend">单元格底色：<span style="background:var(--err-bg)">错误</span><span style="background:var(--warn-bg)">警告</span>' +
        '<span style="background:var(--rnd-bg)">尾差</span><span style="background:var(--info-bg)">提示</span>；',
    );
    expect(html).toMatch(/<span class="badge rounding">尾差 [1-9]\d*<\/span>/);
    expect(html).not.toContain('尾数差异');
    // A finding with its rule, and its total cell highlighted in the rendered grid with a link back.
    expect(html).toContain('规则 <code>gpb_expense.row</code>');
    expect(html).toContain('“合计”本年支出合计 为空 ≠ 基本支出 1,335.29 + 项目支出 374.08 = 1,709.37 万元');
    const e7 = /<td class="hl-error total" id="(c0-\d+-6-4)" title="E7\n([^"]*)"><sup><a href="#f0-\d+">\d+<\/a>/.exec(html);
    expect(e7).not.toBeNull();
    expect(e7![2]).toContain('错误：一般公共预算财政拨款支出决算表（公开05表）“合计”本年支出合计 为空');
    expect(html).toContain(`<a href="#${e7![1]}"><span class="addr">公开05表!E7</span></a>`);
    // The rounding tail of 公开03表 shows in its own colour.
    expect(html).toMatch(/<td class="n? ?hl-rounding[^"]*"[^>]*title="E11\n/);
  });

  test('html to stdout when no -o; several files in one report', () => {
    const r = run(['check', '--format=html', clean, fake]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('<h2>' + clean.replace(/&/g, '&amp;') + '</h2>');
    expect(r.stdout).toContain('无法读取：文件“notes.xlsx”不是 Excel 工作簿');
    expect(r.stdout.match(/<section class="file"/g)).toHaveLength(2);
  });
});

describe('usage', () => {
  test('--help prints the Chinese usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法：\n  juesuan inspect 文件.xlsx|目录 ... [--json]\n');
    expect(r.stdout).toContain('退出码：');
  });

  test('an unknown option: message and usage on stderr, exit 2', () => {
    const r = run(['check', clean, '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('juesuan：不认识的选项：--frobnicate\n\n决算公开助手 juesuan')).toBe(true);
    expect(r.stderr).toContain('用法：');
  });

  test('no command, unknown command, bad format, html for inspect: exit 2', () => {
    expect(run([]).stderr).toContain('缺少命令：inspect 或 check');
    expect(run(['verify', clean]).stderr).toContain('不认识的命令：verify');
    expect(run(['check', clean, '--format', 'pdf']).stderr).toContain('不支持的输出格式：pdf');
    expect(run(['inspect', clean, '--format', 'html']).status).toBe(2);
    expect(run(['check']).stderr).toContain('请给出要处理的 .xlsx 文件或目录');
  });

  test('--version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`juesuan ${VERSION}\n`);
  });
});

describe('bin/juesuan.js', () => {
  test('builds dist/cli/juesuan.js on first run in a fresh tree, quietly', () => {
    const fresh = path.join(tmp, 'fresh');
    fs.mkdirSync(path.join(fresh, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(fresh, 'scripts'));
    fs.copyFileSync(bin, path.join(fresh, 'bin', 'juesuan.js'));
    fs.copyFileSync(path.join(root, 'scripts', 'build-cli.js'), path.join(fresh, 'scripts', 'build-cli.js'));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(fresh, 'package.json'));
    fs.symlinkSync(path.join(root, 'src'), path.join(fresh, 'src'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(fresh, 'node_modules'));
    const r = spawnSync(process.execPath, [path.join(fresh, 'bin', 'juesuan.js'), 'inspect', clean, '--json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(parse<InspectJson>(r.stdout).tables).toHaveLength(9);
    expect(fs.existsSync(path.join(fresh, 'dist', 'cli', 'juesuan.js'))).toBe(true);
  });
});

describe('progress bar', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  (hasScript ? test : test.skip)('drawn on stderr when it is a terminal, and cleared', () => {
    const out = path.join(tmp, 'tty.jsonl');
    const cmd = [process.execPath, bin, 'check', clean, yunnan, '--json', '-o', out].map((a) => `'${a}'`).join(' ');
    // `script` gives the command a pseudo-terminal; what the terminal received comes back on stdout.
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(r.stdout).toContain('░] 0/2 ');
    expect(r.stdout).toContain('] 1/2 ');
    expect(r.stdout).toContain('\r\x1b[K');
    expect(r.stdout).toContain(`结果已写入：${out}`);
    expect(jsonLines(fs.readFileSync(out, 'utf8'))).toHaveLength(2);
  });
});

describe('check --mark -o OUT: marked copies, inputs untouched', () => {
  const entries = (file: string) => unzipSync(new Uint8Array(fs.readFileSync(file)));
  const fillOf = async (file: string, sheet: string, a1: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const f = wb.getWorksheet(sheet)!.getCell(a1).fill as ExcelJS.FillPattern | undefined;
    return f?.pattern === 'solid' ? f.fgColor?.argb : undefined;
  };

  test('one file: OUT is the copy, with the pane’s marks; the input keeps every byte; other parts are the input’s', async () => {
    const input = path.join(tmp, 'mark-in.xlsx');
    fs.copyFileSync(SAMPLE_000, input);
    const before = fs.readFileSync(input);
    const out = path.join(tmp, 'marked', '上饶（已标记）.xlsx');
    const r = run(['check', input, '--mark', '-o', out, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`已写入标记副本：${out}（标记 28 个单元格，批注 9 条）\n`);
    expect(parse<CheckJson>(r.stdout).summary).toEqual({ error: 3, warning: 0, rounding: 7, info: 0 });
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    // The three errors of 公开05表 are red, the rounding tail of 公开01表 blue.
    expect(await fillOf(out, '公开01表', 'F15')).toBe('FFDDEBF7');
    expect(await fillOf(out, '公开05表', 'E7')).toBe('FFFFC7CE');
    const a = entries(input);
    const b = entries(out);
    const changed = Object.keys(b).filter((k) => !a[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0);
    // Only the parts a mark touches: the marked sheets, their notes, the styles, the record sheet's links.
    const touched =
      /^xl\/(worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml|styles\.xml|workbook\.xml|_rels\/workbook\.xml\.rels)$|^\[Content_Types\]\.xml$/;
    expect(changed.filter((k) => !touched.test(k))).toEqual([]);
    expect(changed.filter((k) => /sheet\d+\.xml$/.test(k)).length).toBe(6); // 公开01–05表 and the record sheet
    expect(Object.keys(a).filter((k) => !b[k])).toEqual([]);
  });

  test('several files: OUT is a folder keeping the directory layout; output in input order, on two threads as on one', () => {
    const dir = path.join(tmp, 'bureau');
    fs.mkdirSync(path.join(dir, '县区'), { recursive: true });
    fs.copyFileSync(SAMPLE_000, path.join(dir, 'a-上饶.xlsx'));
    fs.copyFileSync(SAMPLE_001, path.join(dir, '县区', 'b-新平.xlsx'));
    fs.copyFileSync(clean, path.join(dir, 'c-上海版式.xlsx'));
    fs.copyFileSync(fake, path.join(dir, 'd-假的.xlsx'));
    const out = path.join(tmp, 'bureau-marked');
    const two = run(['check', dir, '--mark', '-o', out, '--json', '--jobs', '2']);
    const one = run(['check', dir, '--json', '--jobs', '1']);
    expect(two.status).toBe(2);
    expect(jsonLines(two.stdout)).toEqual(jsonLines(one.stdout));
    expect(jsonLines(two.stdout).map((j) => path.relative(dir, j.file))).toEqual([
      'a-上饶.xlsx',
      'c-上海版式.xlsx',
      'd-假的.xlsx',
      path.join('县区', 'b-新平.xlsx'),
    ]);
    expect(fs.readdirSync(out).sort()).toEqual(['a-上饶.xlsx', 'c-上海版式.xlsx', '县区']);
    expect(fs.readdirSync(path.join(out, '县区'))).toEqual(['b-新平.xlsx']);
    expect(two.stderr).toContain('不是 Excel 工作簿');
  });

  test('a copy that would overwrite its input is refused; --mark needs -o and check', () => {
    const input = path.join(tmp, 'same.xlsx');
    fs.copyFileSync(SAMPLE_000, input);
    const before = fs.readFileSync(input);
    const r = run(['check', input, '--mark', '-o', input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`标记副本 ${input} 会覆盖原文件，已跳过`);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(run(['check', input, '--mark']).stderr).toContain('--mark 需要用 -o 指定副本的位置');
    expect(run(['inspect', input, '--mark', '-o', 'x.xlsx']).stderr).toContain('--mark 只用于 check');
  });
});
