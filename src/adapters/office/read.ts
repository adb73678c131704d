/**
 * office.js → WorkbookSnapshot. Translation only.
 *
 * Round trips: office.js cannot ask for a sheet's used range before it knows the sheet, so the host keeps the
 * list of sheet names (and each sheet's last known size) in a `SheetCache`. With the cache warm — `prepareCache`
 * runs when the pane opens — a read is ONE `context.sync`: every sheet's used range (values, number formats, display
 * text, position), merged areas, formula cells, protection and visibility, plus the add-in's record sheet, all in one
 * batch. The single-sync guarantee holds while the sheets together stay under `cellsPerSync` used-range cells
 * (default 60,000 — values, formats and text come to about 3 MB, under Excel on the web's 5 MB limit); a real 决算 workbook has a
 * few thousand. Sheets past it are loaded in row bands of at most `cellsPerSync` cells, one sync per band.
 * If the sheet list changed since the cache was filled (the batch fails with ItemNotFound, or a new name shows
 * up) the cache is refreshed and the read repeated; a payload error falls back to the banded path.
 *
 * The same batch also gathers what a later write of marks or a findings sheet needs to know (`WorkbookState`:
 * workbook protection, the fill of every cell of each used range, where the notes are), so that 标记 after 审核
 * is one write sync with no probe. apply.ts says when that state may be used instead of looking again.
 *
 * Why the sheet list is not folded into this batch: office.js lets proxies chain without a sync, so
 * `worksheets.getFirst().getNextOrNullObject()…` could name up to N sheets in one batch. But the @types/office-js
 * docs define `getNextOrNullObject` only on a real worksheet; they say nothing about calling it — or
 * `getUsedRangeOrNullObject`, `protection`, … — on a null object, so the chain past the last sheet is not
 * provably harmless, and any N can be too small. Listing the names when the pane opens (`prepareCache`) and
 * checking them in the read itself (`worksheets.load('items/name')`, repeat on a mismatch) is documented
 * behaviour and already gives one sync.
 */
import type { CellSnapshot, CellValue, RangeBox, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { parseRange, splitQualified } from '../../core/snapshot';
import { API, isItemNotFound, isPayloadTooLarge, splitAreas, type OfficeEnv } from './env';
import { overridesOf, type LedgerEntry } from '../../core/ledger';
import { isCommentNote, ledgerFromValues, RECORD_SHEET } from './records';
import type { OfficeFill } from './translate';

export const CELLS_PER_SYNC = 60_000;
/**
 * A cell's fill from `getCellProperties` (`{"format":{"fill":{"color":"#FFFFFF","pattern":"None"}}}`, ~55 bytes)
 * weighs about what its values, format and text do (~50 bytes, the unit `cellsPerSync` counts). Fills are loaded
 * only with what is left of the budget once every sheet's data fits, so they never cost the read a sync.
 */
const FILL_WEIGHT = 1;
/** Cells read per workbook at most (same limit as the .xlsx reader); the rest is reported as truncated. */
export const MAX_CELLS = 2_000_000;

export interface SheetCache {
  /** Sheet names in workbook order, as last seen; null until listed. */
  names: string[] | null;
  /** Used-range cell count per sheet as last seen (rows × columns). */
  cells: Map<string, number>;
}

export function emptyCache(): SheetCache {
  return { names: null, cells: new Map() };
}

/**
 * The workbook as the read saw it, as far as a write of marks or a findings sheet needs it (see apply.ts).
 * Kept by the host next to the snapshot, never inside it: the core knows nothing of fills and notes.
 */
export interface WorkbookState {
  names: string[];
  workbookProtected: boolean;
  records: LedgerEntry[];
  recordSheet: boolean;
  sheetProtected: Map<string, boolean>;
  /** Fill of every cell of the sheet's used range (`box`), for the sheets it was loaded for. */
  fills: Map<string, { box: RangeBox; fills: OfficeFill[][] }>;
  /** Every note of the sheet (A1 → text), for the sheets whose notes were all located; absent = not known. */
  notes: Map<string, Map<string, string>>;
  /** Sheets known to have no threaded comment (loaded only when notes fall back to comments). */
  noComments: Set<string>;
}

export interface ReadOptions {
  cellsPerSync?: number;
  maxCells?: number;
  onProgress?: (p: number, text: string) => void;
  /**
   * The add-in's records as last seen. Notes carry no address in office.js (only `getLocation()`, one more
   * round trip), so the read looks up the recorded note cells by address and counts each sheet's notes: when
   * the count matches, every note of the sheet is located. A wrong guess costs no correctness, only that.
   */
  knownRecords?: LedgerEntry[] | null;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  /** The add-in's records as found in `_juesuan` (empty when the sheet is absent). */
  records: LedgerEntry[];
  recordSheet: boolean;
  /** What a write needs to know, as of this read. */
  state: WorkbookState;
  /** `context.sync` calls made by this read. */
  syncs: number;
}

/** Lists the sheets (one sync). */
export async function listSheets(env: OfficeEnv, cache: SheetCache): Promise<number> {
  await env.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    cache.names = sheets.items.map((s) => s.name);
  });
  return 1;
}

/** Fills the cache: sheet names, then each sheet's used-range size (two syncs, both tiny). */
export async function prepareCache(env: OfficeEnv, cache: SheetCache): Promise<number> {
  let syncs = await listSheets(env, cache);
  const names = cache.names ?? [];
  try {
    await env.run(async (ctx) => {
      const ranges = names.map((n) => {
        const r = ctx.workbook.worksheets.getItem(n).getUsedRangeOrNullObject(true);
        r.load('rowCount,columnCount');
        return r;
      });
      await ctx.sync();
      ranges.forEach((r, i) => cache.cells.set(names[i], r.isNullObject ? 0 : r.rowCount * r.columnCount));
    });
    syncs++;
  } catch (e) {
    if (!isItemNotFound(e)) throw e;
    // Renamed meanwhile: the next read lists again.
    cache.names = null;
    syncs++;
  }
  return syncs;
}

interface SheetLoad {
  name: string;
  sheet: Excel.Worksheet;
  used: Excel.Range;
  full: boolean;
  merges: Excel.RangeAreas | null;
  formulas: Excel.RangeAreas | null;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  notes: Excel.NoteCollection | null;
  /** Notes looked up at the cells the records name. */
  noteAt: { a1: string; note: Excel.Note }[];
  comments: Excel.CommentCollection | null;
}

interface Used {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface SheetResult {
  name: string;
  hidden: boolean;
  protected: boolean;
  used: Used | null;
  /** Dense values / formats / display text when loaded in the main batch. */
  values: unknown[][] | null;
  formats: string[][] | null;
  texts: string[][] | null;
  merges: RangeBox[];
  formulaBoxes: RangeBox[];
  fills: { box: RangeBox; fills: OfficeFill[][] } | null;
  /** All the sheet's notes, or null when some could not be located (or notes were not loaded). */
  notes: Map<string, string> | null;
  /** Whether the sheet has no threaded comment; null when not loaded. */
  noComments: boolean | null;
}

const DIMS = 'address,rowIndex,columnIndex,rowCount,columnCount';
/**
 * `text` is what Excel shows (number format applied). It roughly doubles the payload, but it is the host's own
 * rendering, so messages can quote a number as the user sees it; kept only for number and boolean cells.
 */
const DATA = 'values,numberFormat,text';

/** Reads every sheet into a snapshot (one sync with a warm cache and normal sizes; see the file comment). */
export async function readWorkbook(env: OfficeEnv, cache: SheetCache, options: ReadOptions = {}): Promise<ReadResult> {
  const perSync = options.cellsPerSync ?? CELLS_PER_SYNC;
  const progress = options.onProgress ?? (() => undefined);
  const main = await readMain(env, cache, mainOptions(env, options, perSync), progress);
  for (const r of main.results) cache.cells.set(r.name, r.used ? r.used.rows * r.used.cols : 0);
  const banded = await readBands(env, main.results, perSync, options.maxCells ?? MAX_CELLS, progress);
  const out = assemble(main.results, main.workbookProtected, banded.truncated);
  progress(1, '读取完成');
  return { ...out, syncs: main.syncs + banded.syncs };
}

/** What the main batch loads, as far as the host supports it. */
interface MainOptions {
  perSync: number;
  withAreas: boolean;
  withMerges: boolean;
  withNotes: boolean;
  withComments: boolean;
  /** Per sheet, the cells the ledger says hold our notes (looked up by address). */
  noteCells: Map<string, string[]>;
}

function mainOptions(env: OfficeEnv, options: ReadOptions, perSync: number): MainOptions {
  // Notes degrade to threaded comments, then to a sheet (apply.ts `noteMode`); load what the write will use.
  const withNotes = env.isSetSupported('ExcelApi', API.notes);
  const noteCells = new Map<string, string[]>();
  for (const r of options.knownRecords ?? []) {
    if (r.kind !== 'note' || isCommentNote(r)) continue;
    const list = noteCells.get(r.sheet) ?? [];
    if (!list.includes(r.cell)) list.push(r.cell);
    noteCells.set(r.sheet, list);
  }
  return {
    perSync,
    withAreas: env.isSetSupported('ExcelApi', API.rangeAreas),
    // The manifest asks for 1.13; on an older host the snapshot simply has no merges.
    withMerges: env.isSetSupported('ExcelApi', API.merges),
    withNotes,
    withComments: !withNotes && env.isSetSupported('ExcelApi', API.comments),
    noteCells,
  };
}

/**
 * The main batch, repeated until it ran on the workbook's own sheet list: refreshed when a sheet was renamed,
 * deleted or added since the names were cached; every sheet in bands after a payload error.
 */
async function readMain(
  env: OfficeEnv,
  cache: SheetCache,
  o: MainOptions,
  progress: (p: number, text: string) => void,
): Promise<{ results: SheetResult[]; workbookProtected: boolean; syncs: number }> {
  let syncs = 0;
  let forceBands = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (cache.names === null) syncs += await prepareCache(env, cache);
    if (cache.names === null) continue;
    const names = cache.names;
    progress(0.05, '正在读取工作簿…');
    try {
      const out = await mainBatch(env, cache, names, o, forceBands);
      syncs++;
      // A sheet appeared since the names were cached: read again with the new list.
      const added = out.fresh.some((n) => !names.includes(n));
      cache.names = out.fresh;
      if (added || out.fresh.length !== names.length) continue;
      // Same sheets; take the workbook's current order (the user may have moved a sheet).
      const results = out.fresh.map((n) => out.loads.find((l) => l.name === n)!);
      return { results, workbookProtected: out.workbookProtected, syncs };
    } catch (e) {
      syncs++;
      if (isItemNotFound(e)) {
        cache.names = null;
        continue;
      }
      if (isPayloadTooLarge(e) && !forceBands) {
        forceBands = true;
        continue;
      }
      throw e;
    }
  }
  throw new Error('工作簿的工作表正在变化，读取失败，请稍后重试。');
}

/** One batch: every sheet's used range (whole while the budget lasts), merges, formulas, notes, fills. */
async function mainBatch(
  env: OfficeEnv,
  cache: SheetCache,
  names: string[],
  o: MainOptions,
  forceBands: boolean,
): Promise<{ fresh: string[]; workbookProtected: boolean; loads: SheetResult[] }> {
  return env.run(async (ctx) => {
    const all = ctx.workbook.worksheets;
    all.load('items/name');
    const wbProtection = ctx.workbook.protection;
    wbProtection.load('protected');
    const budget = { left: o.perSync };
    const loads = names.map((name) => queueSheet(all.getItem(name), name, cache.cells.get(name) ?? 0, o, forceBands, budget));
    // Fills (ExcelApi 1.9) with what the data left of the budget, on the same used range. `getUsedRange`, not
    // the OrNullObject variant the data uses: it is documented never to throw (a blank sheet gives its top-left
    // cell), so no method is ever called on a null object.
    if (o.withAreas) {
      for (const l of loads) {
        const cells = cache.cells.get(l.name) ?? 0;
        if (!l.full || l.name === RECORD_SHEET || cells === 0 || cells * FILL_WEIGHT > budget.left) continue;
        budget.left -= cells * FILL_WEIGHT;
        l.fills = l.sheet.getUsedRange(true).getCellProperties({ format: { fill: { color: true, pattern: true } } });
      }
    }
    await ctx.sync();
    return { fresh: all.items.map((s) => s.name), workbookProtected: wbProtection.protected, loads: loads.map((l) => collect(l)) };
  });
}

/** Queues one sheet's loads; its data comes whole when `size` fits what is left of the budget. */
function queueSheet(
  sheet: Excel.Worksheet,
  name: string,
  size: number,
  o: MainOptions,
  forceBands: boolean,
  budget: { left: number },
): SheetLoad {
  sheet.load('name,visibility');
  const isRecord = name === RECORD_SHEET;
  if (!isRecord) sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  const full = !forceBands && (isRecord || size <= budget.left);
  if (full && !isRecord) budget.left -= size;
  used.load(full ? `${DIMS},${DATA}` : DIMS);
  const load: SheetLoad = { name, sheet, used, full, merges: null, formulas: null, fills: null, notes: null, noteAt: [], comments: null };
  if (isRecord) return load;
  // Whole sheet, not the used range: a merged title may reach past the last value.
  if (o.withMerges) {
    load.merges = sheet.getRange().getMergedAreasOrNullObject();
    load.merges.load('address');
  }
  if (o.withAreas) {
    load.formulas = sheet.getRange().getSpecialCellsOrNullObject('Formulas');
    load.formulas.load('address');
  }
  if (o.withNotes) {
    load.notes = sheet.notes;
    load.notes.load('items/content');
    for (const a1 of o.noteCells.get(name) ?? []) {
      const note = sheet.notes.getItemOrNullObject(a1);
      note.load('content');
      load.noteAt.push({ a1, note });
    }
  } else if (o.withComments) {
    load.comments = sheet.comments;
    load.comments.load('items/id');
  }
  return load;
}

/** Banded loads for what the main batch left out; sheets past `maxCells` are cut (`truncated`: their real size). */
async function readBands(
  env: OfficeEnv,
  results: SheetResult[],
  perSync: number,
  maxCells: number,
  progress: (p: number, text: string) => void,
): Promise<{ truncated: Map<string, { rows: number; cols: number }>; syncs: number }> {
  let syncs = 0;
  let budget = maxCells;
  const truncated = new Map<string, { rows: number; cols: number }>();
  const pending = results.filter((r) => r.used && r.values === null);
  let done = 0;
  const totalBig = pending.reduce((n, r) => n + r.used!.rows * r.used!.cols, 0);
  for (const r of results) if (r.used && r.values !== null) budget -= r.used.rows * r.used.cols;
  for (const r of pending) {
    const u = r.used!;
    let rows = u.rows;
    if (rows * u.cols > budget) {
      rows = Math.max(0, Math.floor(budget / u.cols));
      truncated.set(r.name, { rows: u.top + u.rows, cols: u.left + u.cols });
    }
    budget -= rows * u.cols;
    const band = Math.max(1, Math.floor(perSync / u.cols));
    const values: unknown[][] = [];
    const formats: string[][] = [];
    const texts: string[][] = [];
    for (let start = 0; start < rows; start += band) {
      const n = Math.min(band, rows - start);
      await env.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem(r.name).getRangeByIndexes(u.top + start, u.left, n, u.cols);
        range.load(DATA);
        await ctx.sync();
        values.push(...range.values);
        formats.push(...(range.numberFormat as string[][]));
        texts.push(...range.text);
      });
      syncs++;
      done += n * u.cols;
      progress(0.05 + 0.9 * (done / Math.max(1, totalBig)), `正在分段读取“${r.name}”（${start + n}/${rows} 行）…`);
    }
    r.values = values;
    r.formats = formats;
    r.texts = texts;
  }
  return { truncated, syncs };
}

/** The snapshot, the ledger and what a write needs to know, from the sheets as read. */
function assemble(
  results: SheetResult[],
  workbookProtected: boolean,
  truncated: Map<string, { rows: number; cols: number }>,
): Omit<ReadResult, 'syncs'> {
  const sheets: SheetSnapshot[] = [];
  let records: LedgerEntry[] = [];
  let recordSheet = false;
  for (const r of results) {
    if (r.name === RECORD_SHEET) {
      recordSheet = true;
      records = ledgerFromValues(r.values);
      continue;
    }
    const sheet: SheetSnapshot = { name: r.name, cells: sparse(r), merges: r.merges };
    if (r.protected) sheet.protected = true;
    if (r.hidden) sheet.hidden = true;
    const t = truncated.get(r.name);
    if (t) sheet.truncated = t;
    sheets.push(sheet);
  }
  const snapshot: WorkbookSnapshot = { sheets };
  const overrides = overridesOf(records);
  if (overrides.length > 0) snapshot.overrides = overrides;
  // Banded sheets simply have no fills here: a write touching them looks first (apply.ts).
  const state: WorkbookState = {
    names: results.map((r) => r.name),
    workbookProtected,
    records,
    recordSheet,
    sheetProtected: new Map(results.filter((r) => r.name !== RECORD_SHEET).map((r) => [r.name, r.protected])),
    fills: new Map(results.filter((r) => r.fills).map((r) => [r.name, r.fills!])),
    notes: new Map(results.filter((r) => r.notes).map((r) => [r.name, r.notes!])),
    noComments: new Set(results.filter((r) => r.noComments === true).map((r) => r.name)),
  };
  return { snapshot, records, recordSheet, state };
}

function collect(l: SheetLoad): SheetResult {
  const used: Used | null = l.used.isNullObject
    ? null
    : { top: l.used.rowIndex, left: l.used.columnIndex, rows: l.used.rowCount, cols: l.used.columnCount };
  return {
    name: l.name,
    hidden: l.sheet.visibility !== 'Visible',
    protected: l.name === RECORD_SHEET ? false : l.sheet.protection.protected,
    used,
    values: used && l.full ? l.used.values : null,
    formats: used && l.full ? (l.used.numberFormat as string[][]) : null,
    texts: used && l.full ? l.used.text : null,
    merges: l.merges && !l.merges.isNullObject ? boxes(l.merges.address) : [],
    formulaBoxes: l.formulas && !l.formulas.isNullObject ? boxes(l.formulas.address) : [],
    // A sheet emptied since its size was cached: the fills are of its top-left cell, not of a used range.
    fills:
      l.fills && used
        ? {
            box: { top: used.top, left: used.left, bottom: used.top + used.rows - 1, right: used.left + used.cols - 1 },
            fills: l.fills.value.map((row) =>
              row.map((c) => ({ color: c.format?.fill?.color ?? null, pattern: c.format?.fill?.pattern ?? null })),
            ),
          }
        : null,
    notes: l.notes ? locatedNotes(l) : null,
    noComments: l.comments ? l.comments.items.length === 0 : null,
  };
}

/** The sheet's notes by cell when every one of them is at a cell looked up by address; else null. */
function locatedNotes(l: SheetLoad): Map<string, string> | null {
  const found = new Map<string, string>();
  for (const { a1, note } of l.noteAt) if (!note.isNullObject) found.set(a1, note.content);
  // A cell holds at most one note: as many located as the sheet has means none is elsewhere.
  return found.size === l.notes!.items.length ? found : null;
}

function boxes(address: string): RangeBox[] {
  return splitAreas(address)
    .map((a) => parseRange(a.includes('!') ? splitQualified(a).range : a))
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

/** A number format that shows a date or time (codes outside quotes, brackets and escapes). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  const codes = fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '');
  return /[ymdhs]/i.test(codes);
}

/**
 * Excel's date serial as the .xlsx reader reports a date: `2022-12-31`, or `2022-12-31T10:30:00` with a time.
 * Days from 1899-12-30, the same conversion the .xlsx reader makes (so both readers agree, early-1900 quirk included).
 */
export function serialToIso(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000));
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, '');
}

function sparse(r: SheetResult): CellSnapshot[] {
  if (!r.used || !r.values) return [];
  const { top, left } = r.used;
  const out: CellSnapshot[] = [];
  const inFormula = formulaTest(r.formulaBoxes);
  r.values.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === '' || v === null || v === undefined) return;
      const fmt = r.formats?.[i]?.[j];
      // Dates arrive as serial numbers; the snapshot holds them as the .xlsx reader does (ISO text).
      const value = typeof v === 'number' && isDateFormat(fmt) ? serialToIso(v) : (v as CellValue);
      const cell: CellSnapshot = { row: top + i, col: left + j, value };
      if (fmt && fmt !== 'General') cell.format = fmt;
      const text = r.texts?.[i]?.[j];
      // `####` is Excel saying the column is too narrow, not the number's text.
      if ((typeof v === 'number' || typeof v === 'boolean') && text && !/^#+$/.test(text)) cell.text = text;
      if (inFormula(top + i, left + j)) cell.formula = true;
      out.push(cell);
    });
  });
  return out;
}

function formulaTest(list: RangeBox[]): (row: number, col: number) => boolean {
  if (list.length === 0) return () => false;
  if (list.length <= 64) {
    return (row, col) => list.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
  }
  const set = new Set<string>();
  for (const b of list) for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) set.add(`${r},${c}`);
  return (row, col) => set.has(`${row},${col}`);
}
