/**
 * exceljs → WorkbookSnapshot. Browser-safe: works on bytes only (no fs), so the standalone page and the
 * CLI share it. Translation only — no domain logic here.
 */
import ExcelJS from 'exceljs';
import { Decimal } from '../../core/amount';
import type { CellSnapshot, CellValue, RangeBox, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { loadOverridesFromWorkbook, RECORD_SHEET } from './apply';
import { WorkbookReadError } from './errors';

/**
 * Non-empty cells read per workbook at most. A real 决算 workbook holds a few thousand; two million keeps a
 * runaway sheet (a formula filled down to row 1,048,576) from exhausting the browser's memory. Cells past the
 * limit are dropped and every sheet that lost cells carries `truncated`.
 */
export const MAX_CELLS = 2_000_000;

export interface ReadOptions {
  /** Overrides MAX_CELLS (tests use a small one). */
  maxCells?: number;
}

export async function readWorkbookBuffer(
  data: ArrayBuffer | Uint8Array,
  name?: string,
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await loadWorkbook(data, name), name, options);
}

// ---------- format sniffing: a clear Chinese message instead of a zip library's stack trace ----------

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function shown(name?: string): string {
  return name ? `文件“${name}”` : '文件';
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

/** Byte search; `needle` ASCII, or UTF-16LE when `wide`. Scans at most the first `within` bytes. */
function contains(bytes: Uint8Array, needle: string, wide = false, within = bytes.length): boolean {
  const pat: number[] = [];
  for (const ch of needle) {
    pat.push(ch.charCodeAt(0));
    if (wide) pat.push(0);
  }
  const end = Math.min(bytes.length, within) - pat.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

function sniff(bytes: Uint8Array, name?: string): void {
  const who = shown(name);
  if (bytes.length === 0) throw new WorkbookReadError('empty', `${who}是空文件（0 字节），不是 Excel 工作簿。`, name);
  if (startsWith(bytes, OLE)) {
    // An encrypted .xlsx is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage.
    if (contains(bytes, 'EncryptedPackage', true) || contains(bytes, 'EncryptionInfo', true)) {
      throw new WorkbookReadError(
        'encrypted',
        `${who}设置了打开密码（已加密），无法读取。请在 Excel 中打开，于“文件 → 信息 → 保护工作簿 → 用密码进行加密”中删除密码并保存后再试。`,
        name,
      );
    }
    throw new WorkbookReadError(
      'legacy',
      `${who}是旧版 Excel 97-2003 格式（.xls）或其他旧版 Office 文件，无法直接读取。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。`,
      name,
    );
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  if (!isZip) {
    let what = '';
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) what = '（这是 PDF 文件）';
    else if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) what = '（这是 RTF 文档）';
    else if (looksLikeText(bytes)) {
      const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).toLowerCase();
      if (/<html|<!doctype html|<table/.test(head)) what = '（这是网页 / HTML 文件，可能是另存为“网页”的表格）';
      else if (/^<\?xml/.test(head.trimStart())) what = '（这是 XML 文件，可能是“XML 电子表格 2003”格式）';
      else what = '（这是文本或 CSV 文件）';
    }
    throw new WorkbookReadError(
      'not-xlsx',
      `${who}不是 Excel 工作簿（.xlsx）${what}。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。`,
      name,
    );
  }
  // A zip ends with its central directory; a file cut short (an interrupted download or copy) has none.
  if (!hasEndOfCentralDirectory(bytes)) {
    throw new WorkbookReadError(
      'corrupt',
      `${who}已损坏或不完整，无法读取（压缩包缺少结尾目录，可能没有下载或复制完整）。请在 Excel 中打开并重新保存后再试。`,
      name,
    );
  }
  // A zip: which package is it? Part names are stored uncompressed in the zip headers.
  if (contains(bytes, 'xl/workbook.xml')) return;
  if (contains(bytes, 'xl/workbook.bin')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 Excel 二进制工作簿（.xlsb），无法读取。请另存为 Excel 工作簿（.xlsx）后再试。`, name);
  }
  if (contains(bytes, 'word/document.xml')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）。`, name);
  }
  if (contains(bytes, 'ppt/presentation.xml')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿（.xlsx）。`, name);
  }
  if (contains(bytes, 'opendocument.spreadsheet')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 OpenDocument 表格（.ods），无法读取。请另存为 Excel 工作簿（.xlsx）后再试。`, name);
  }
  if (contains(bytes, '[Content_Types].xml') || bytes.length < 64) {
    throw new WorkbookReadError(
      'corrupt',
      `${who}是压缩包，但其中没有 Excel 工作簿内容，可能已损坏。请在 Excel 中打开并重新保存后再试。`,
      name,
    );
  }
  throw new WorkbookReadError('not-xlsx', `${who}是普通压缩包（.zip），不是 Excel 工作簿（.xlsx）。`, name);
}

/** The end-of-central-directory record sits in the last 22 + 65,535 bytes. */
function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  }
  return true;
}

// ---------- sheets and cells ----------

function readSheet(ws: ExcelJS.Worksheet, budget: number): SheetSnapshot {
  const cells: CellSnapshot[] = [];
  let dropped = false;
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (dropped) return;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (dropped) return;
      // Cells covered by a merge repeat the master's value in exceljs; the snapshot keeps it in the master only.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const snap = readCell(cell, Number(row.number) - 1, Number(cell.col) - 1);
      if (!snap) return;
      if (cells.length >= budget) {
        dropped = true;
        return;
      }
      cells.push(snap);
    });
  });
  // exceljs keeps merges by master address (1-based ranges); `ws.model` would re-serialise every row.
  const merges: RangeBox[] = [];
  const index = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  for (const m of Object.values(index)) {
    if (m) merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);

  const sheet: SheetSnapshot = { name: ws.name, cells, merges };
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean | string | number } | null }).sheetProtection;
  if (protection && isTrue(protection.sheet)) sheet.protected = true;
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
  // `truncated` tells how big the sheet really is, so the core can say how much was left unread.
  if (dropped) sheet.truncated = { rows: ws.rowCount, cols: ws.columnCount };
  return sheet;
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

type RawValue = ExcelJS.CellValue;

function readCell(cell: ExcelJS.Cell, row: number, col: number): CellSnapshot | null {
  const raw = cell.value as RawValue;
  const numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  let formula = false;
  let v: RawValue = raw;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    formula = true;
    v = (v as ExcelJS.CellFormulaValue).result as RawValue;
    if (v === undefined) v = null;
  }
  const value = plain(v);
  if (value === null && !formula) return null;
  if (value === '' && !formula) return null;
  const snap: CellSnapshot = { row, col, value };
  if (numFmt) snap.format = numFmt;
  if (formula) snap.formula = true;
  const text = displayText(value, v, numFmt);
  if (text !== undefined) snap.text = text;
  return snap;
}

/** Reduces an exceljs value to what the snapshot holds: text, number, boolean or null. */
function plain(v: RawValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('hyperlink' in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      if (t && typeof t === 'object' && 'richText' in (t as object)) {
        return (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
      }
      return t === undefined || t === null ? (v as ExcelJS.CellHyperlinkValue).hyperlink : String(t);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

/** exceljs gives dates as UTC instants of the serial value; midnight → `2022-12-31`, else with the time. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}

// ---------- display text for the common number formats ----------

/**
 * What Excel shows for a number under General, `0`, `0.00`, `#,##0`, `#,##0.00` and the percent forms,
 * with a second `;` section for negatives and parentheses when that section has them. Other formats
 * (dates, currency codes, conditions) return undefined: the core then works from the value.
 */
export function formatNumber(n: number, format?: string): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const fmt = (format ?? 'General').trim();
  if (fmt === '' || fmt === 'General' || fmt === '@') return general(n);
  const sections = fmt.split(';');
  if (sections.length > 2) {
    if (n === 0 && sections[2] !== undefined) return formatSection(0, sections[2], false);
  }
  if (n < 0 && sections.length >= 2) return formatSection(-n, sections[1], false);
  return formatSection(n, sections[0], n < 0);
}

function formatSection(n: number, section: string, minus: boolean): string | undefined {
  // Date / time codes outside quotes: not a number format this reader renders.
  const codes = section
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  if (/[ymdhsebYMDHSEB]/.test(codes)) return undefined;
  // Drop colour / locale tags and the `_)` padding Excel uses to line up with parenthesised negatives.
  let s = section
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/"([^"]*)"/g, '$1');
  // A section with no digit placeholder is literal text: `"-"` shows a dash for zero.
  if (!/[#0]/.test(s)) return s.trim();
  const paren = /^\((.*)\)$/.exec(s.trim());
  if (paren) s = paren[1];
  const m = /^([^#0.,%]*)([#0,]+)(\.(0+))?(%?)([^#0.,%]*)$/.exec(s.trim());
  if (!m) return undefined;
  const [, prefix, intPart, , decimals = '', percent, suffix] = m;
  if (/[#0]/.test(prefix + suffix)) return undefined;
  const grouping = intPart.includes(',') && /[#0],[#0]/.test(intPart);
  let d = new Decimal(Number(n.toPrecision(15)).toString());
  if (percent) d = d.times(100);
  const fixed = d.abs().toFixed(decimals.length, Decimal.ROUND_HALF_UP);
  let [int, frac] = fixed.split('.');
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // `#,##0` shows nothing before the point only with a `#` pattern and zero; `0` forces the digit.
  if (!intPart.includes('0') && int === '0' && frac !== undefined) int = '';
  const body = `${prefix}${int}${frac !== undefined ? '.' + frac : ''}${percent}${suffix}`;
  const negative = minus && !new Decimal(fixed).isZero();
  if (paren) return `(${body})`;
  return negative ? `-${body}` : body;
}

/** Excel's General: up to 11 significant characters, no separators. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e11 || (abs !== 0 && abs < 1e-9)) {
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace(/E([+-])(\d)$/, 'E$10$2')
      .toUpperCase();
  }
  const intDigits = abs < 1 ? 1 : Math.floor(Math.log10(abs)) + 1;
  const decimals = Math.max(0, 10 - intDigits);
  return String(Number(new Decimal(Number(n.toPrecision(15)).toString()).toFixed(decimals, Decimal.ROUND_HALF_UP)));
}

function displayText(value: CellValue, raw: RawValue, numFmt: string | undefined): string | undefined {
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return raw instanceof Date ? value : undefined;
  return undefined;
}

// ---------- for callers that keep the exceljs Workbook (the standalone page applies plans to it) ----------

/** Checks and loads .xlsx bytes into an exceljs Workbook; same checks and Chinese errors as readWorkbookBuffer. */
export async function loadWorkbook(data: ArrayBuffer | Uint8Array, name?: string): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniff(bytes, name);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError(
      'corrupt',
      `${shown(name)}已损坏或不完整，无法读取（${(e as Error).message || String(e)}）。请在 Excel 中打开并重新保存后再试。`,
      name,
    );
  }
  return wb;
}

/**
 * The snapshot of a loaded Workbook. The add-in's own record sheet (`_juesuan`: what marks replaced, the
 * user's table-kind corrections) is not part of the user's content: it is left out, and its corrections
 * become `snapshot.overrides`, so the CLI honours corrections made in the page or in Excel.
 */
export function snapshotFromWorkbook(wb: ExcelJS.Workbook, name?: string, options: ReadOptions = {}): WorkbookSnapshot {
  let budget = options.maxCells ?? MAX_CELLS;
  const sheets: SheetSnapshot[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === RECORD_SHEET) continue;
    const sheet = readSheet(ws, budget);
    budget -= sheet.cells.length;
    sheets.push(sheet);
  }
  const snapshot: WorkbookSnapshot = { sheets };
  if (name !== undefined) snapshot.name = name;
  const overrides = loadOverridesFromWorkbook(wb);
  if (overrides.length > 0) snapshot.overrides = overrides;
  return snapshot;
}
