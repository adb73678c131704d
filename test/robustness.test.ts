/**
 * Bad input, end to end: bytes → readWorkbookBuffer → recognise → validate. Each case must end in a clear
 * Chinese message and lose nothing that was readable: text numbers, merged value cells, #REF!, an empty
 * workbook, a huge sheet of noise around one table, a protected sheet, a workbook of foreign content, and
 * files that are not workbooks at all.
 */
import ExcelJS from 'exceljs';
import { readWorkbookBuffer, formatNumber } from '../src/adapters/xlsx/read';
import { WorkbookReadError } from '../src/adapters/xlsx/errors';
import type { CellAmount, Finding, Recognition, RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { cellAddress, rangeAddress, type WorkbookSnapshot } from '../src/core/snapshot';
import { validate, type ValidationResult } from '../src/core/validate';
import { buildWorkbook, locate, locateMeta, tableBox, tableIndexOf, type SeedId } from './fixtures';

interface Run {
  snap: WorkbookSnapshot;
  rec: Recognition;
  val: ValidationResult;
}

async function run(data: Uint8Array, name: string): Promise<Run> {
  const snap = await readWorkbookBuffer(data, name);
  const rec = recognise(snap);
  const val = validate(rec);
  return { snap, rec, val };
}

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const baseline = new Map<SeedId, Promise<Run>>();
function plain(seed: SeedId): Promise<Run> {
  if (!baseline.has(seed))
    baseline.set(
      seed,
      buildWorkbook(seed, 'per-sheet').then((b) => run(b, `${seed}.xlsx`)),
    );
  return baseline.get(seed)!;
}

const A1 = (sheet: string, row: number, col: number) => `${sheet}!${cellAddress(row, col)}`;

/** Every value of every table: `sheet!anchor block/key col = decimal|status @ cell`. */
function values(rec: Recognition): string[] {
  const out: string[] = [];
  for (const t of rec.tables) {
    for (const r of t.rows) {
      for (const [k, v] of Object.entries<CellAmount>(r.values)) {
        out.push(
          `${t.id} ${r.block}/${r.key} ${k} = ${v.status === 'number' ? v.value!.toString() : v.status} @ ${A1(t.sheet, v.row, v.col)}`,
        );
      }
    }
  }
  return out;
}

const tablesOf = (rec: Recognition) =>
  rec.tables.map((t) => `${t.id} ${t.specId} ${rangeAddress(t.range)} ${t.label} ${t.org} ${t.year} ${t.unit}`);
const findingFacts = (fs: Finding[]) =>
  fs.map((f) => `${f.rule} ${f.severity} [${f.cells.join(' ')}] ${f.expected} ${f.actual} ${f.tail ?? ''} ${f.message}`);

function table(rec: Recognition, seed: SeedId, key: string): RecognisedTable {
  const at = locateMeta(seed, 'per-sheet', tableIndexOf(seed, key), 'title')!;
  const t = rec.tables.find((x) => x.sheet === at.sheet && x.anchor.row === at.row && x.anchor.col === at.col);
  if (!t) throw new Error(`no table ${key}`);
  return t;
}

function at(seed: SeedId, key: string, r: number, c: number): { sheet: string; row: number; col: number; ref: string } {
  const l = locate(seed, 'per-sheet', tableIndexOf(seed, key), r, c);
  return { sheet: l.sheet, row: l.row, col: l.col, ref: `${l.sheet}!${l.address}` };
}

// ---------- text numbers ----------

const FULL = (s: string) => s.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** The ways a number arrives as text: as displayed, full-width, padded with NBSP / ideographic space, bare. */
function asText(n: number, format: string | undefined, k: number): string {
  const shownText = formatNumber(n, format) ?? String(n);
  switch (k % 4) {
    case 0:
      return shownText; // `1,709.37`
    case 1:
      return FULL(shownText); // `１，７０９．３７`
    case 2:
      return `\u00a0${shownText}\u3000`;
    default:
      return String(n);
  }
}

describe.each(['000', '001'] as SeedId[])('text numbers everywhere (seed %s)', (seed) => {
  test('every number cell turned into text of four kinds: same tables, values, cells and findings', async () => {
    const wb = await load(await buildWorkbook(seed, 'per-sheet'));
    let k = 0;
    let turned = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value !== 'number') return;
          const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
          cell.value = asText(cell.value, fmt, k++);
          cell.numFmt = '@';
          turned++;
        }),
      ),
    );
    const base = await plain(seed);
    expect(turned).toBe(base.snap.sheets.flatMap((s) => s.cells).filter((c) => typeof c.value === 'number').length);
    const got = await run(await save(wb), `${seed}-text.xlsx`);
    expect(tablesOf(got.rec)).toEqual(tablesOf(base.rec));
    expect(values(got.rec)).toEqual(values(base.rec));
    // every number now comes from text, and nothing is reported as text that is not a number
    const nums = got.rec.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.values).filter((v) => v.status === 'number')));
    expect(nums.filter((v) => !v.fromText)).toEqual([]);
    expect(got.rec.tables.flatMap((t) => t.problems)).toEqual([]);
    expect(got.rec.unrecognised).toEqual([]);
    expect(findingFacts(got.val.findings)).toEqual(findingFacts(base.val.findings));
  });
});

// ---------- merged value cells ----------

describe('merged value cells (000 公开03表)', () => {
  const t03 = () => tableIndexOf('000', '03');
  async function merged(): Promise<{ got: Run; vertical: string; horizontal: string }> {
    const wb = await load(await buildWorkbook('000', 'per-sheet'));
    const a = at('000', '03', 0, 5); // 合计 / 基本支出 1,335.29 …
    const b = at('000', '03', 1, 5); // … merged down over 208 / 基本支出 (empty)
    const c = at('000', '03', 0, 7); // 合计 / 上缴上级支出 … 对附属单位补助支出: three empty cells merged
    const d = at('000', '03', 0, 9);
    const ws = wb.getWorksheet(a.sheet)!;
    ws.mergeCells(a.row + 1, a.col + 1, b.row + 1, b.col + 1);
    ws.mergeCells(c.row + 1, c.col + 1, d.row + 1, d.col + 1);
    const got = await run(await save(wb), '000-merged.xlsx');
    return { got, vertical: `${a.ref}:${cellAddress(b.row, b.col)}`, horizontal: `${c.ref}:${cellAddress(d.row, d.col)}` };
  }

  test('the value stays with the merge’s top-left cell, covered cells read empty, nothing counted twice', async () => {
    const { got } = await merged();
    const base = await plain('000');
    const sheet = got.snap.sheets.find((x) => x.name === tableBox('000', 'per-sheet', t03()).sheet)!;
    expect(sheet.merges.map(rangeAddress).filter((m) => m === 'F7:F8' || m === 'H7:J7')).toEqual(['F7:F8', 'H7:J7']);
    expect(tablesOf(got.rec)).toEqual(tablesOf(base.rec));
    expect(values(got.rec)).toEqual(values(base.rec));
    const t = table(got.rec, '000', '03');
    expect(t.rows.find((r) => r.key === 'total')!.values.basic).toMatchObject({ status: 'number', row: 6, col: 5 });
    expect(t.rows.find((r) => r.key === '208')!.values.basic).toMatchObject({ status: 'empty', row: 7, col: 5 });
    expect(
      ['remit_superior', 'operating', 'subsidy_affiliated'].map((k) => t.rows.find((r) => r.key === 'total')!.values[k].status),
    ).toEqual(['empty', 'empty', 'empty']);
    expect(t.rows.find((r) => r.key === 'total')!.values.basic.value!.toString()).toBe('1335.29');
    expect(findingFacts(got.val.findings)).toEqual(findingFacts(base.val.findings));
  });

  test('a merged amount cell is reported in Chinese, naming the merged range', async () => {
    const { got, vertical, horizontal } = await merged();
    const texts = [
      ...got.rec.notices,
      ...got.rec.tables.flatMap((t) => t.problems),
      ...got.val.findings.map((f) => `${f.message} ${f.cells.join(' ')}`),
    ];
    // the vertical merge joins the 合计 row's 基本支出 with 208's: which row the figure belongs to is ambiguous
    expect(texts.filter((s) => s.includes('合并') && s.includes(vertical.split('!')[1]))).toHaveLength(1);
    expect(vertical).toBe('公开03表!F7:F8');
    expect(horizontal).toBe('公开03表!H7:J7');
  });
});

// ---------- #REF! ----------

describe('#REF! in amount cells', () => {
  test('an error value and a formula whose result is #REF!: error findings naming the cells, nothing else lost', async () => {
    const wb = await load(await buildWorkbook('000', 'per-sheet'));
    const e1 = at('000', '02', 1, 4); // 收入决算表 208 本年收入合计 (10.00)
    const e2 = at('000', '03', 4, 4); // 支出决算表 210 本年支出合计 (1,699.38)
    wb.getWorksheet(e1.sheet)!.getCell(e1.row + 1, e1.col + 1).value = { error: '#REF!' };
    wb.getWorksheet(e2.sheet)!.getCell(e2.row + 1, e2.col + 1).value = {
      formula: 'SUM(#REF!)',
      result: { error: '#REF!' },
    };
    const got = await run(await save(wb), '000-ref.xlsx');
    const base = await plain('000');
    expect([e1.ref, e2.ref]).toEqual(['公开02表!E8', '公开03表!E11']);

    // recognised where it stands, as an error, with the problem said in Chinese
    const v1 = table(got.rec, '000', '02').rows.find((r) => r.key === '208')!.values.total;
    const v2 = table(got.rec, '000', '03').rows.find((r) => r.key === '210')!.values.total;
    expect([v1.status, v1.raw, v1.row, v1.col, v2.status, v2.raw, v2.row, v2.col]).toEqual([
      'error',
      '#REF!',
      e1.row,
      e1.col,
      'error',
      '#REF!',
      e2.row,
      e2.col,
    ]);
    expect(got.rec.tables.flatMap((t) => t.problems)).toEqual([`${e1.ref} 是错误值 #REF!`, `${e2.ref} 是错误值 #REF!`]);

    // every other value unchanged
    const others = (rec: Recognition) => values(rec).filter((l) => !l.endsWith(`@ ${e1.ref}`) && !l.endsWith(`@ ${e2.ref}`));
    expect(others(got.rec)).toEqual(others(base.rec));

    // the validator: one error finding per #REF! cell, naming it
    const errors = got.val.findings.filter((f) => f.rule === 'cell.error');
    expect(errors.map((f) => [f.severity, f.cells, f.actual, f.table])).toEqual([
      ['error', [e1.ref], '#REF!', '公开02表!A1'],
      ['error', [e2.ref], '#REF!', '公开03表!A1'],
    ]);
    expect(errors.map((f) => f.message)).toEqual([
      '收入决算表（公开02表）“社会保障和就业支出”（208）本年收入合计 是错误值 #REF!，请修正公式或引用',
      '支出决算表（公开03表）“卫生健康支出”（210）本年支出合计 是错误值 #REF!，请修正公式或引用',
    ]);
    // no sum over an error cell is reported as a wrong total
    const touching = got.val.findings.filter((f) => f.rule !== 'cell.error' && f.cells.some((c) => c === e1.ref || c === e2.ref));
    expect(touching).toEqual([]);
    expect(got.val.summary.error).toBe(base.val.summary.error + 2);
  });
});

// ---------- empty workbook ----------

describe('an empty workbook (one empty sheet)', () => {
  test('no tables, a notice, validation without a crash', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const got = await run(await save(wb), 'empty.xlsx');
    expect(got.snap.sheets).toEqual([{ name: 'Sheet1', cells: [], merges: [] }]);
    expect(got.rec).toEqual({ tables: [], unrecognised: [], notices: ['工作表「Sheet1」为空。', '工作簿为空：没有可识别的内容。'] });
    expect(got.val).toEqual({ findings: [], summary: { error: 0, warning: 0, rounding: 0, info: 0 }, coverage: [] });
  });
});

// ---------- huge sheet ----------

describe('a huge sheet: 300,000 cells of noise under one real table', () => {
  test('the table is recognised as on its own sheet, the noise is one unrecognised region', async () => {
    const t0 = Date.now();
    const wb = await load(await buildWorkbook('000', 'per-sheet'));
    const { sheet, box } = tableBox('000', 'per-sheet', tableIndexOf('000', '02'));
    for (const ws of [...wb.worksheets]) if (ws.name !== sheet) wb.removeWorksheet(ws.id);
    const ws = wb.getWorksheet(sheet)!;
    const top = box.bottom + 4; // three blank rows under the last note
    const ROWS = 10_000;
    const COLS = 30;
    for (let r = 0; r < ROWS; r++) {
      const values: (string | number)[] = [];
      for (let c = 0; c < COLS; c++) values.push(c % 3 === 0 ? `记录${r}-${c}` : ((r * 31 + c * 17) % 9973) / 100);
      ws.getRow(top + r + 1).values = values;
    }
    const bytes = await save(wb);
    const t1 = Date.now();
    const snap = await readWorkbookBuffer(bytes, 'huge.xlsx');
    const t2 = Date.now();
    const rec = recognise(snap);
    const t3 = Date.now();
    const val = validate(rec);
    const t4 = Date.now();
    console.log(
      `huge sheet: ${snap.sheets[0].cells.length} cells, ${(bytes.length / 1e6).toFixed(1)} MB; build ${t1 - t0} ms, read ${t2 - t1} ms, recognise ${t3 - t2} ms, validate ${t4 - t3} ms (a note, not a limit)`,
    );
    expect(snap.sheets[0].cells.length).toBe(ROWS * COLS + (await plain('000')).snap.sheets.find((s) => s.name === sheet)!.cells.length);

    const base = await plain('000');
    const t02 = table(base.rec, '000', '02');
    expect(tablesOf(rec)).toEqual([`${t02.id} ${t02.specId} ${rangeAddress(t02.range)} ${t02.label} ${t02.org} ${t02.year} ${t02.unit}`]);
    expect(values(rec)).toEqual(values({ ...base.rec, tables: [t02] }));
    const region = { top, left: 0, bottom: top + ROWS - 1, right: COLS - 1 };
    expect(rec.unrecognised).toEqual([
      { sheet, range: region, reason: `工作表「${sheet}」${rangeAddress(region)} 有未识别的内容：「记录0-0」` },
    ]);
    expect(rangeAddress(region)).toBe('A22:AD10021');
    expect(rec.notices).toEqual([]);
    // only the 02 table: its own findings, and the tables the set lacks
    expect(val.findings.filter((f) => f.table === t02.id).map((f) => f.rule)).toEqual(
      base.val.findings.filter((f) => f.table === t02.id).map((f) => f.rule),
    );
  }, 300_000);
});

// ---------- protected sheet ----------

describe('a protected sheet', () => {
  test('recognised and validated as usual; the notice says it is protected', async () => {
    const wb = await load(await buildWorkbook('000', 'per-sheet'));
    await wb.getWorksheet('公开02表')!.protect('1234', {});
    const got = await run(await save(wb), '000-protected.xlsx');
    const base = await plain('000');
    expect(got.snap.sheets.map((s) => s.protected === true)).toEqual(base.snap.sheets.map((s) => s.name === '公开02表'));
    expect(got.rec.notices).toEqual(['工作表「公开02表」受保护：可以识别和审核，但不能在表上标注。']);
    expect(got.rec.notices.filter((n) => n.includes('保护'))).toHaveLength(1);
    expect(tablesOf(got.rec)).toEqual(tablesOf(base.rec));
    expect(values(got.rec)).toEqual(values(base.rec));
    expect(findingFacts(got.val.findings)).toEqual(findingFacts(base.val.findings));
  });
});

// ---------- foreign content only ----------

describe('a workbook with only a staff list', () => {
  test('no tables, one unrecognised region, a notice; validation finds nothing to check', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('职工花名册');
    ws.getCell('A1').value = '上饶市医疗保障局在职职工花名册';
    ws.mergeCells('A1:F1');
    ws.getRow(2).values = ['序号', '姓名', '性别', '出生年月', '职务', '学历'];
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏';
    for (let i = 0; i < 30; i++) {
      ws.getRow(3 + i).values = [
        i + 1,
        `${surnames[i]}某某`,
        i % 2 ? '女' : '男',
        `19${70 + (i % 25)}-0${1 + (i % 9)}`,
        i < 3 ? '副局长' : '科员',
        i % 3 ? '本科' : '硕士研究生',
      ];
    }
    const got = await run(await save(wb), 'staff.xlsx');
    expect(got.rec.tables).toEqual([]);
    expect(got.rec.unrecognised).toEqual([
      {
        sheet: '职工花名册',
        range: { top: 0, left: 0, bottom: 31, right: 5 },
        reason: '工作表「职工花名册」A1:F32 有未识别的内容：「上饶市医疗保障局在职职工花名册」',
      },
    ]);
    expect(got.rec.notices).toEqual(['未识别到任何决算公开表。']);
    expect(got.val).toEqual({ findings: [], summary: { error: 0, warning: 0, rounding: 0, info: 0 }, coverage: [] });
  });
});

// ---------- not a workbook ----------

describe('input that is not a workbook', () => {
  async function failure(data: Uint8Array, name: string): Promise<[string, string]> {
    try {
      await readWorkbookBuffer(data, name);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      return [(e as WorkbookReadError).reason, (e as Error).message];
    }
    throw new Error(`${name} was read`);
  }
  const enc = (s: string) => new TextEncoder().encode(s);

  test.each([
    [
      'a CSV export',
      enc('项目,金额\n本年收入合计,1709.37\n'),
      '收入.csv',
      'not-xlsx',
      '文件“收入.csv”不是 Excel 工作簿（.xlsx）（这是文本或 CSV 文件）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。',
    ],
    [
      'a PDF',
      enc('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
      '决算公开.pdf',
      'not-xlsx',
      '文件“决算公开.pdf”不是 Excel 工作簿（.xlsx）（这是 PDF 文件）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。',
    ],
    [
      'an .xls of Excel 97-2003',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),
      '决算.xls',
      'legacy',
      '文件“决算.xls”是旧版 Excel 97-2003 格式（.xls）或其他旧版 Office 文件，无法直接读取。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。',
    ],
    ['zero bytes', new Uint8Array(0), '空.xlsx', 'empty', '文件“空.xlsx”是空文件（0 字节），不是 Excel 工作簿。'],
  ])('%s', async (_what, data, name, reason, message) => {
    expect(await failure(data as Uint8Array, name)).toEqual([reason, message]);
  });

  test('a workbook cut short in a download', async () => {
    const full = await buildWorkbook('000', 'per-sheet');
    expect(await failure(full.subarray(0, Math.floor(full.length / 2)), '上饶.xlsx')).toEqual([
      'corrupt',
      '文件“上饶.xlsx”已损坏或不完整，无法读取（压缩包缺少结尾目录，可能没有下载或复制完整）。请在 Excel 中打开并重新保存后再试。',
    ]);
  });
});
