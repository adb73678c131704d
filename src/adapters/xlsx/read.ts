/**
 * .xlsx bytes → WorkbookSnapshot, at the package level: the zip is opened with fflate and only the parts the
 * snapshot needs are inflated and scanned (workbook, its relationships, shared strings, cell formats, the
 * worksheets, the add-in's record sheet). Charts, images, pivot tables, VBA and any part this reader does not
 * know are never parsed, so they cannot make a readable workbook unreadable. Browser-safe: bytes only, no fs.
 */
import { overridesOf, parseLedger, LEDGER_SHEET } from '../../core/ledger';
import type { SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { WorkbookReadError } from './errors';
import { PackageError, readBook, workbookPart, type Book } from './package/book';
import { ZipPackage, type RawInflate } from './package/zip';
import { readSheetCells, type SheetContext } from './read/sheet';
import { readSharedStrings } from './read/strings';
import { readCellFormats } from './read/styles';
import { explainPackage, shown, sniff } from './sniff';

export { formatNumber } from './numfmt';

/**
 * Non-empty cells read per workbook at most. A real 决算 workbook holds a few thousand; two million keeps a
 * runaway sheet (a formula filled down to row 1,048,576) from exhausting the browser's memory. Cells past the
 * limit are dropped and every sheet that lost cells carries `truncated`.
 */
export const MAX_CELLS = 2_000_000;

export interface ReadOptions {
  /** Overrides MAX_CELLS (tests use a small one). */
  maxCells?: number;
  /** A native inflater for the zip's entries (Node's zlib: `nodeInflateRaw` of file.ts). */
  inflateRaw?: RawInflate;
}

/** An opened package with its workbook structure: what the reader and the writer both start from. */
export interface OpenedWorkbook {
  pkg: ZipPackage;
  book: Book;
}

function corrupt(name: string | undefined, why: string): WorkbookReadError {
  return new WorkbookReadError('corrupt', `${shown(name)}已损坏或不完整，无法读取（${why}）。请在 Excel 中打开并重新保存后再试。`, name);
}

/** Checks the bytes and opens the package; every failure is a WorkbookReadError with a Chinese message. */
export function openWorkbook(data: ArrayBuffer | Uint8Array, name?: string, inflateRaw?: RawInflate): OpenedWorkbook {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniff(bytes, name);
  let pkg: ZipPackage;
  try {
    pkg = ZipPackage.open(bytes, inflateRaw);
  } catch (e) {
    throw corrupt(name, `压缩包无法解开：${(e as Error).message || String(e)}`);
  }
  if (workbookPart(pkg) === null) explainPackage(pkg.names(), name);
  try {
    return { pkg, book: readBook(pkg) };
  } catch (e) {
    throw corrupt(name, e instanceof PackageError ? e.message : `工作簿部件无法读取：${(e as Error).message || String(e)}`);
  }
}

/** Reads a workbook; a file that cannot be read rejects with a WorkbookReadError. */
export function readWorkbookBuffer(data: ArrayBuffer | Uint8Array, name?: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return new Promise((resolve) => resolve(snapshotOf(openWorkbook(data, name, options.inflateRaw), name, options)));
}

/**
 * The snapshot of an opened package. The add-in's own record sheet is not the user's content: it is left out,
 * and its table-kind corrections become `snapshot.overrides`, so every front end honours corrections made in
 * any other.
 */
export function snapshotOf({ pkg, book }: OpenedWorkbook, name?: string, options: ReadOptions = {}): WorkbookSnapshot {
  const worksheets = book.sheets.filter((s) => s.type === 'worksheet' && s.part !== null);
  pkg.load([...(book.sharedStrings ? [book.sharedStrings] : []), ...(book.styles ? [book.styles] : []), ...worksheets.map((s) => s.part!)]);
  let ctx: SheetContext;
  try {
    ctx = {
      strings: readSharedStrings(book.sharedStrings ? pkg.text(book.sharedStrings) : undefined),
      formats: readCellFormats(book.styles ? pkg.text(book.styles) : undefined),
      date1904: book.date1904,
    };
  } catch (e) {
    throw corrupt(name, `共享字符串或样式部件无法读取：${(e as Error).message}`);
  }
  let budget = options.maxCells ?? MAX_CELLS;
  const sheets: SheetSnapshot[] = [];
  const snapshot: WorkbookSnapshot = { sheets };
  for (const entry of worksheets) {
    const xml = pkg.text(entry.part!);
    if (xml === undefined) continue;
    if (entry.name === LEDGER_SHEET) {
      const overrides = overridesOf(parseLedger(ledgerRowsOf(xml, ctx)));
      if (overrides.length > 0) snapshot.overrides = overrides;
      continue;
    }
    const read = readSheetCells(xml, ctx, budget);
    budget -= read.cells.length;
    const sheet: SheetSnapshot = { name: entry.name, cells: read.cells, merges: read.merges };
    if (read.protected) sheet.protected = true;
    if (entry.state !== 'visible') sheet.hidden = true;
    // `truncated` tells how big the sheet really is, so the core can say how much was left unread.
    if (read.dropped > 0) sheet.truncated = { rows: read.rows, cols: read.cols };
    sheets.push(sheet);
  }
  if (name !== undefined) snapshot.name = name;
  return snapshot;
}

/** The record sheet as rows of text (it holds text only; its size is bounded by what the add-in wrote). */
export function ledgerRowsOf(xml: string, ctx: SheetContext): string[][] {
  const rows: string[][] = [];
  for (const c of readSheetCells(xml, ctx, Number.MAX_SAFE_INTEGER).cells) {
    (rows[c.row] ??= [])[c.col] = c.value === null ? '' : String(c.value);
  }
  return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ''));
}
