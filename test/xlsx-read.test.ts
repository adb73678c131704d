/**
 * The package reader: exact cells, formats, merges and flags from generated workbooks; the Chinese messages
 * for everything that is not a readable .xlsx; the cell cap.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatNumber, MAX_CELLS, readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { WorkbookReadError } from '../src/adapters/xlsx/errors';
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { cellAddress, parseRange } from '../src/core/snapshot';
import { buildSnapshot, buildWorkbook, locate, locateMeta } from './fixtures';

function sheet(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const sh = s.sheets.find((x) => x.name === name);
  if (!sh) throw new Error(`no sheet ${name}: ${s.sheets.map((x) => x.name).join(', ')}`);
  return sh;
}

function at(sh: SheetSnapshot, a1: string): CellSnapshot | undefined {
  const { top, left } = parseRange(a1);
  return sh.cells.find((c) => c.row === top && c.col === left);
}

/** A cell without its coordinates, for toEqual. */
function content(sh: SheetSnapshot, a1: string): Omit<CellSnapshot, 'row' | 'col'> | undefined {
  const c = at(sh, a1);
  if (!c) return undefined;
  const { row: _r, col: _c, ...rest } = c;
  return rest;
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function messageOf(p: Promise<unknown>): Promise<{ reason: string; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    const err = e as WorkbookReadError;
    return { reason: err.reason, message: err.message };
  }
  throw new Error('expected a WorkbookReadError');
}

// ---------- a minimal zip writer (stored entries), for packages that are not workbooks ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function oleFile(streamNames: string[]): Buffer {
  const b = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  let at = 1024;
  for (const n of streamNames) {
    Buffer.from(n, 'utf16le').copy(b, at);
    at += 128;
  }
  return b;
}

// ---------- generated fixture workbooks ----------

describe('reading the generated seed workbooks', () => {
  test('000 per-sheet: sheet names in order, values, number formats and display text', async () => {
    const s = await buildSnapshot('000', 'per-sheet');
    expect(s.name).toBe('上饶市医疗保障局2022年度部门决算-per-sheet.xlsx');
    expect(s.sheets.map((x) => x.name)).toEqual([
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开07表',
      '公开08表',
      '公开09表',
      '公开10表',
      '项目支出绩效自评表',
      '项目支出绩效自评表2',
    ]);
    const t02 = sheet(s, '公开02表');
    expect(content(t02, 'A1')).toEqual({ value: '收入决算表' });
    expect(content(t02, 'K2')).toEqual({ value: '公开 02 表' });
    expect(content(t02, 'A3')).toEqual({ value: '编制单位：上饶市医疗保障局' });
    expect(content(t02, 'F3')).toEqual({ value: '2022 年度' });
    expect(content(t02, 'K3')).toEqual({ value: '金额单位：万元' });
    expect(content(t02, 'D7')).toEqual({ value: '合计' });
    expect(content(t02, 'E7')).toEqual({ value: 1709.37, format: '#,##0.00', text: '1,709.37' });
    // Codes stay text; an empty cell is absent.
    expect(content(t02, 'A8')).toEqual({ value: '208' });
    expect(at(t02, 'B8')).toBeUndefined();
    expect(content(t02, 'E17')).toEqual({ value: 0.15, format: '#,##0.00', text: '0.15' });
    // Where the generator says it wrote them.
    expect(locate('000', 'per-sheet', 1, 0, 4)).toEqual({ sheet: '公开02表', row: 6, col: 4, address: 'E7' });
    expect(locateMeta('000', 'per-sheet', 1, 'label')).toEqual({ sheet: '公开02表', row: 1, col: 10, address: 'K2' });

    const t09 = sheet(s, '公开09表');
    const r = locate('000', 'per-sheet', 8, 16, 4); // 6.国内公务接待人次（人） 决算数
    expect(r.address).toBe('E22');
    expect(content(t09, 'A22')).toEqual({ value: '6.国内公务接待人次（人）' });
    expect(content(t09, 'E22')).toEqual({ value: 1343, format: '#,##0', text: '1,343' });
    expect(content(t09, 'E20')).toEqual({ value: 118, text: '118' }); // 5.国内公务接待批次 (General)
    expect(content(t09, 'C13')).toEqual({ value: '—' });
    expect(content(t09, 'E13')).toEqual({ value: 0, format: '#,##0.00', text: '0.00' });
    expect(content(t09, 'B6')).toEqual({ value: 1, text: '1' }); // 行次
  });

  test('000 per-sheet: merged title and header cells as published', async () => {
    const s = await buildSnapshot('000', 'per-sheet');
    const boxes = (name: string) => sheet(s, name).merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`);
    // 收入决算表: title A1:K1, 项目 over the four code/name columns, seven income columns two rows high,
    // 支出功能分类科目编码 over 类/款/项.
    expect(boxes('公开02表')).toEqual(['A1:K1', 'A4:D4', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5', 'A5:C5']);
    expect(boxes('公开01表')).toEqual(['A1:F1', 'A4:C4', 'D4:F4']);
    // 基本支出表: the 合计 row's labels span their columns.
    const m06 = boxes('公开06表');
    expect(m06).toEqual(['A1:I1', 'A4:C4', 'D4:I4', 'A40:B40', 'D40:H40']);
    expect(content(sheet(s, '公开06表'), 'I40')).toEqual({ value: 346.54, format: '#,##0.00', text: '346.54' });
  });

  test('text-numbers: amounts stay strings exactly as printed', async () => {
    const s = await buildSnapshot('000', 'text-numbers');
    const a = locate('000', 'text-numbers', 0, 26, 2); // 本年收入合计
    expect(content(sheet(s, a.sheet), a.address)).toEqual({ value: '1,709.37' });
    const b = locate('000', 'text-numbers', 5, 0, 2); // 301 工资福利支出
    expect(content(sheet(s, b.sheet), b.address)).toEqual({ value: '988.67' });
    const t = locateMeta('000', 'text-numbers', 0, 'title')!;
    expect(content(sheet(s, t.sheet), t.address)).toEqual({ value: '  收入支出决算总表\u3000' });
  });

  test('001 per-sheet: 元 amounts with cents', async () => {
    const s = await buildSnapshot('001', 'per-sheet');
    const a = locate('001', 'per-sheet', 5, 33, 2); // 人员经费合计
    expect(a).toEqual({ sheet: '公开06表', row: 38, col: 2, address: 'C39' });
    expect(content(sheet(s, '公开06表'), 'C39')).toEqual({ value: 4050256, format: '#,##0.00', text: '4,050,256.00' });
    expect(content(sheet(s, '公开06表'), 'A39')).toEqual({ value: '人员经费合计' });
    // The four columns 公用经费合计 spans, and the amount in the last amount column.
    expect(sheet(s, '公开06表').merges.slice(-2)).toEqual([
      { top: 38, left: 0, bottom: 38, right: 1 },
      { top: 38, left: 3, bottom: 38, right: 7 },
    ]);
    expect(content(sheet(s, '公开06表'), 'I39')).toEqual({ value: 453189.96, format: '#,##0.00', text: '453,189.96' });
  });
});

// ---------- hand-built workbooks for the cell kinds ----------

describe('cell kinds', () => {
  let snap: WorkbookSnapshot;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.getCell('A1').value = '标题';
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = { richText: [{ text: '公开' }, { text: '01', font: { bold: true } }, { text: '表' }] };
    ws.getCell('B2').value = { error: '#REF!' };
    ws.getCell('C2').value = { formula: 'SUM(A4:A5)', result: 3 };
    ws.getCell('D2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('E2').value = { formula: 'NOW()' }; // never calculated
    ws.getCell('A3').value = new Date(Date.UTC(2022, 11, 31));
    ws.getCell('B3').value = { text: '财政部', hyperlink: 'http://www.mof.gov.cn' };
    ws.getCell('C3').value = true;
    ws.getCell('D3').value = '';
    ws.getCell('E3').value = '   ';
    ws.getCell('A4').value = 1;
    ws.getCell('A5').value = 2;
    ws.getCell('B4').value = 1709.37;
    ws.getCell('B4').numFmt = '#,##0.00';
    ws.getCell('B5').value = -12;
    ws.getCell('B5').numFmt = '#,##0.00;(#,##0.00)';
    ws.getCell('C4').value = 0.965;
    ws.getCell('C4').numFmt = '0.00%';
    ws.getCell('C5').value = 1.005;
    ws.getCell('C5').numFmt = '0.00';
    ws.getCell('D4').value = 0.1 + 0.2;
    ws.getCell('D5').value = 44926;
    ws.getCell('D5').numFmt = 'yyyy-mm-dd';
    ws.getCell('A6').value = '=SUM(A1)'; // literal text that looks like a formula
    const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
    hidden.getCell('A1').value = 'x';
    const very = wb.addWorksheet('深度隐藏', { state: 'veryHidden' });
    very.getCell('A1').value = 'y';
    const prot = wb.addWorksheet('保护');
    prot.getCell('A1').value = 'z';
    await prot.protect('', { selectLockedCells: true });
    wb.addWorksheet('空表');
    snap = await readWorkbookBuffer(await bufferOf(wb), '测试.xlsx');
  });

  test('values: rich text joined, errors as text, formulas as results, dates ISO, hyperlinks as text', () => {
    const ws = sheet(snap, '数据');
    expect(content(ws, 'A1')).toEqual({ value: '标题' });
    expect(content(ws, 'A2')).toEqual({ value: '公开01表' });
    expect(content(ws, 'B2')).toEqual({ value: '#REF!' });
    expect(content(ws, 'C2')).toEqual({ value: 3, formula: true, text: '3' });
    expect(content(ws, 'D2')).toEqual({ value: '#DIV/0!', formula: true });
    expect(content(ws, 'E2')).toEqual({ value: null, formula: true });
    expect(content(ws, 'A3')).toEqual({ value: '2022-12-31', format: 'mm-dd-yy', text: '2022-12-31' });
    expect(content(ws, 'B3')).toEqual({ value: '财政部' });
    expect(content(ws, 'C3')).toEqual({ value: true, text: 'TRUE' });
    expect(at(ws, 'D3')).toBeUndefined(); // empty string = empty cell
    expect(content(ws, 'E3')).toEqual({ value: '   ' });
    expect(content(ws, 'A6')).toEqual({ value: '=SUM(A1)' });
  });

  test('display text for the common number formats', () => {
    const ws = sheet(snap, '数据');
    expect(content(ws, 'B4')).toEqual({ value: 1709.37, format: '#,##0.00', text: '1,709.37' });
    expect(content(ws, 'B5')).toEqual({ value: -12, format: '#,##0.00;(#,##0.00)', text: '(12.00)' });
    expect(content(ws, 'C4')).toEqual({ value: 0.965, format: '0.00%', text: '96.50%' });
    expect(content(ws, 'C5')).toEqual({ value: 1.005, format: '0.00', text: '1.01' });
    expect(content(ws, 'D4')).toEqual({ value: 0.30000000000000004, text: '0.3' });
    // A serial number under a date format is a date: ISO text.
    expect(content(ws, 'D5')).toEqual({ value: '2022-12-31', format: 'yyyy-mm-dd', text: '2022-12-31' });
  });

  test('merges, hidden / veryHidden and protected sheets, empty sheet', () => {
    expect(sheet(snap, '数据').merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(sheet(snap, '数据').hidden).toBeUndefined();
    expect(sheet(snap, '数据').protected).toBeUndefined();
    expect(sheet(snap, '隐藏')).toMatchObject({ hidden: true, cells: [{ row: 0, col: 0, value: 'x' }] });
    expect(sheet(snap, '深度隐藏').hidden).toBe(true);
    expect(sheet(snap, '保护').protected).toBe(true);
    expect(sheet(snap, '空表')).toEqual({ name: '空表', cells: [], merges: [] });
    expect(snap.sheets.every((s) => s.truncated === undefined)).toBe(true);
  });

  test('a workbook with one empty sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    expect(await readWorkbookBuffer(await bufferOf(wb))).toEqual({ sheets: [{ name: 'Sheet1', cells: [], merges: [] }] });
  });

  test('ArrayBuffer and Uint8Array inputs read the same', async () => {
    const buf = await buildWorkbook('000', 'per-sheet');
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const a = await readWorkbookBuffer(ab as ArrayBuffer, 'x.xlsx');
    const b = await readWorkbookBuffer(new Uint8Array(buf), 'x.xlsx');
    expect(a).toEqual(b);
    expect(a.sheets).toHaveLength(12);
  });
});

describe('formatNumber', () => {
  test.each([
    [1709.37, '#,##0.00', '1,709.37'],
    [4050256, '#,##0.00', '4,050,256.00'],
    [-1709.37, '#,##0.00', '-1,709.37'],
    [-12, '#,##0.00_);(#,##0.00)', '(12.00)'],
    [-12, '#,##0.00;[Red]-#,##0.00', '-12.00'],
    [0, '#,##0.00;-#,##0.00;"-"', '-'],
    [1343, '#,##0', '1,343'],
    [2.675, '0.00', '2.68'],
    [0.5, '0%', '50%'],
    [118, 'General', '118'],
    [1234.5, undefined, '1234.5'],
    [1 / 3, 'General', '0.333333333'],
    [123456789012, 'General', '1.23457E+11'],
  ])('%p with %p → %p', (n, f, text) => {
    expect(formatNumber(n, f)).toBe(text);
  });

  test('formats it does not know give no text', () => {
    expect(formatNumber(44926, 'yyyy"年"m"月"d"日"')).toBeUndefined();
    expect(formatNumber(1, '[$¥-804]#,##0.00')).toBe('1.00'); // locale tag dropped
  });
});

// ---------- what is not a readable workbook ----------

describe('unreadable input: WorkbookReadError with a Chinese message', () => {
  test('empty file', async () => {
    expect(await messageOf(readWorkbookBuffer(new Uint8Array(0), '空.xlsx'))).toEqual({
      reason: 'empty',
      message: '文件“空.xlsx”是空文件（0 字节），不是 Excel 工作簿。',
    });
  });

  test('CSV / text', async () => {
    const r = await messageOf(readWorkbookBuffer(Buffer.from('项目,决算数\n本年收入合计,1709.37\n', 'utf8'), '导出.csv'));
    expect(r.reason).toBe('not-xlsx');
    expect(r.message).toBe(
      '文件“导出.csv”不是 Excel 工作簿（.xlsx）（这是文本或 CSV 文件）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。',
    );
  });

  test('PDF and HTML', async () => {
    expect((await messageOf(readWorkbookBuffer(Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), 'a.pdf'))).message).toContain(
      '（这是 PDF 文件）',
    );
    expect((await messageOf(readWorkbookBuffer(Buffer.from('<html><body><table><tr><td>1</td></tr></table>'), 'a.xls'))).message).toContain(
      '（这是网页 / HTML 文件',
    );
  });

  test('old .xls (OLE container without encryption)', async () => {
    const r = await messageOf(readWorkbookBuffer(oleFile(['Workbook', 'SummaryInformation']), '决算.xls'));
    expect(r).toEqual({
      reason: 'legacy',
      message:
        '文件“决算.xls”是旧版 Excel 97-2003 格式（.xls）或其他旧版 Office 文件，无法直接读取。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。',
    });
  });

  test('password-protected .xlsx (OLE container with EncryptedPackage)', async () => {
    const r = await messageOf(readWorkbookBuffer(oleFile(['EncryptionInfo', 'EncryptedPackage']), '加密.xlsx'));
    expect(r.reason).toBe('encrypted');
    expect(r.message).toMatch(/^文件“加密\.xlsx”设置了打开密码（已加密），无法读取。/);
  });

  test('.docx, .pptx, .xlsb, .ods and a plain zip', async () => {
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await messageOf(readWorkbookBuffer(docx, '说明.docx'))).toEqual({
      reason: 'not-xlsx',
      message: '文件“说明.docx”是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）。',
    });
    const pptx = makeZip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' });
    expect((await messageOf(readWorkbookBuffer(pptx))).message).toBe('文件是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿（.xlsx）。');
    const xlsb = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' });
    expect((await messageOf(readWorkbookBuffer(xlsb))).message).toContain('Excel 二进制工作簿（.xlsb）');
    const ods = makeZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    expect((await messageOf(readWorkbookBuffer(ods))).message).toContain('OpenDocument 表格（.ods）');
    const zip = makeZip({ 'readme.txt': 'hello world, nothing to see here' });
    expect(await messageOf(readWorkbookBuffer(zip, 'a.zip'))).toEqual({
      reason: 'not-xlsx',
      message: '文件“a.zip”是普通压缩包（.zip），不是 Excel 工作簿（.xlsx）。',
    });
  });

  test('corrupt package: a truncated .xlsx, and an xlsx whose workbook part is broken', async () => {
    const good = await buildWorkbook('000', 'per-sheet');
    const r = await messageOf(readWorkbookBuffer(good.subarray(0, Math.floor(good.length / 2)), '坏.xlsx'));
    expect(r.reason).toBe('corrupt');
    expect(r.message).toBe(
      '文件“坏.xlsx”已损坏或不完整，无法读取（压缩包缺少结尾目录，可能没有下载或复制完整）。请在 Excel 中打开并重新保存后再试。',
    );
    const broken = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook><sheets><sheet' });
    expect((await messageOf(readWorkbookBuffer(broken, 'b.xlsx'))).reason).toBe('corrupt');
  });

  test('readWorkbookFile: missing file, directory, and a real file', async () => {
    const missing = path.join(os.tmpdir(), 'juesuan-no-such-dir', '决算.xlsx');
    expect(await messageOf(readWorkbookFile(missing))).toEqual({ reason: 'not-found', message: `找不到文件：${missing}` });
    expect((await messageOf(readWorkbookFile(os.tmpdir()))).message).toBe(`这是一个文件夹，不是 Excel 工作簿：${os.tmpdir()}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-read-'));
    try {
      const file = path.join(dir, '样例.xlsx');
      fs.writeFileSync(file, await buildWorkbook('001', 'per-sheet'));
      const s = await readWorkbookFile(file);
      expect(s.name).toBe('样例.xlsx');
      expect(s.sheets[0].name).toBe('公开01表');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cell cap', () => {
  test('the documented limit', () => {
    expect(MAX_CELLS).toBe(2_000_000);
  });

  test('a small cap cuts the workbook short and marks every sheet that lost cells', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('A');
    for (let r = 1; r <= 4; r++) for (let c = 1; c <= 3; c++) a.getCell(r, c).value = r * 10 + c;
    const b = wb.addWorksheet('B');
    b.getCell('B2').value = 'b';
    const s = await readWorkbookBuffer(await bufferOf(wb), 'big.xlsx', { maxCells: 7 });
    const sa = sheet(s, 'A');
    expect(sa.cells.map((c) => c.value)).toEqual([11, 12, 13, 21, 22, 23, 31]);
    expect(sa.truncated).toEqual({ rows: 4, cols: 3 });
    expect(sheet(s, 'B')).toEqual({ name: 'B', cells: [], merges: [], truncated: { rows: 2, cols: 2 } });
    // Exactly at the cap nothing is lost.
    const full = await readWorkbookBuffer(await bufferOf(wb), 'big.xlsx', { maxCells: 13 });
    expect(full.sheets.map((x) => [x.cells.length, x.truncated])).toEqual([
      [12, undefined],
      [1, undefined],
    ]);
  });
});

describe('the add-in record sheet', () => {
  test('is left out of the snapshot and its table-kind corrections become overrides, for every reader', async () => {
    const { openWorkbook } = await import('../src/adapters/xlsx/read');
    const { saveOverrides } = await import('../src/adapters/xlsx/write/apply');
    const { recognise } = await import('../src/core/recognise');
    const opened = openWorkbook(await buildWorkbook('000', 'per-sheet'), 'marked.xlsx');
    saveOverrides(opened, [{ sheet: '公开10表', anchor: 'A1', specId: null }]);
    const saved = opened.pkg.toBytes();

    const snap = await readWorkbookBuffer(saved, 'marked.xlsx');
    expect(snap.sheets.map((s) => s.name)).not.toContain('_juesuan');
    expect(snap.overrides).toEqual([{ sheet: '公开10表', anchor: 'A1', specId: null }]);
    const rec = recognise(snap);
    expect(rec.tables.map((t) => t.label)).not.toContain('公开10表');
    expect(rec.tables.map((t) => t.label)).toContain('公开09表');
  });
});
