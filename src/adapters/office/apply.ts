/**
 * Applies a WritePlan through office.js, keeping the records (sheet `_juesuan`, see records.ts) that let
 * `clearTag` restore exactly what the tagged ops replaced.
 *
 * office.js cannot branch inside a batch (`notes.add` on a cell that already has a note fails the batch), and the
 * records must hold the priors, so the write is built from what the ops will replace: fill colour/pattern of
 * every target cell, the note already on a note cell, prior values of setValues cells, sheet names, protection,
 * and the records. That knowledge comes from one of two places:
 *
 *  - the last read (`WorkbookState`, read.ts) — used when it is from the latest read, nothing was written since,
 *    and the plan only puts things down: every fill cell inside a used range whose fills the read loaded, notes
 *    only on sheets whose notes were all located, no setValues, and no clearTag with a cell to restore. Then 标记
 *    after 审核 is ONE sync: the write.
 *  - else a probe (one sync, more only past `bytesPerSync` or when the records or the sheet list changed since
 *    the host last saw them; one more when the threaded-comment fallback has to locate existing comments).
 *
 * Freshness: the read's state is what the workbook was at 审核. If the user repaints or notes a cell between 审核
 * and 标记, the mark still goes on it (a mark always paints over), and its record names the fill of the 审核
 * moment as the prior, so 清除标记 brings back that fill, not the one painted in between. Nothing else is lost:
 * restoring is never decided from the read's state — a plan that restores anything (清除标记, or a new check's
 * marks replacing old ones) probes first, and restores a fill or note only where the cell still shows exactly
 * what the add-in put there; a cell the user changed after marking is left as it is. A change that makes the
 * cached write impossible (a note added on a target cell, a sheet renamed, deleted or protected) fails that batch;
 * it is then probed and written again (the failed batch wrote its records first, so nothing is lost track of).
 *
 * The write: every change plus the updated records, in one batch, split only when the request would pass
 * `bytesPerSync` (estimated; default 2 MB, under the 5 MB request limit of Excel on the web — a check's marks are
 * a few kB, 3,000 marked cells about 3 MB). The probe is split the same way.
 *
 * Notes (ExcelApi 1.18) degrade to threaded comments (ExcelApi 1.10), then to a sheet `审核说明`; the report's
 * `notices` say so in Chinese.
 */
import type { ApplyReport, WriteOp, WritePlan } from '../../core/model';
import { cellAddress, columnLetters, parseRange, type RangeBox } from '../../core/snapshot';
import { API, errorCode, isItemNotFound, type OfficeEnv } from './env';
import { listSheets, type SheetCache, type WorkbookState } from './read';
import {
  isCommentRecord,
  normHex,
  noteText,
  officeFromStored,
  officeHolds,
  officeShows,
  parseRecords,
  RECORD_SHEET,
  recordRows,
  sameRecords,
  solidStored,
  storedFromCell,
  storedFromOffice,
  storedHex,
  type AddinRecord,
  type OfficeFill,
  type StoredFill,
  type StoredValue,
} from './records';

/** Estimated request bytes per sync (Excel on the web refuses requests over 5 MB). */
export const BYTES_PER_SYNC = 2_000_000;
/** Rough size of one queued action with its object path in office.js' request JSON. */
const ACTION = 120;
/** JSON size of what a write carries; Chinese text is 3 bytes a character in UTF-8. */
function size(v: unknown): number {
  const json = JSON.stringify(v) ?? '';
  let n = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) n += 2;
  return n;
}
/** Cells one fill or setValues op may cover (marks are single cells; this guards against a runaway range). */
export const MAX_OP_CELLS = 50_000;
export const NOTES_SHEET = '审核说明';

export type NoteMode = 'notes' | 'comments' | 'sheet';

export interface OfficeApplyReport extends ApplyReport {
  /** Where note ops went. */
  noteMode: NoteMode;
  syncs: number;
}

/** What the host remembers between calls (kept fresh by reads; re-checked by every probe). */
export interface OfficeState {
  cache: SheetCache;
  /** Records as last seen, or null when not yet read. */
  records: AddinRecord[] | null;
  /** Number of the latest read. */
  readId: number;
  /** The workbook as read `readId` saw it; dropped by the first write after it (it is no longer the workbook). */
  seen: { readId: number; state: WorkbookState } | null;
}

export interface ApplyOptions {
  /** Estimated request bytes per sync before a probe or write is split (tests use small values). */
  bytesPerSync?: number;
}

export function noteMode(env: OfficeEnv): NoteMode {
  if (env.isSetSupported('ExcelApi', API.notes)) return 'notes';
  if (env.isSetSupported('ExcelApi', API.comments)) return 'comments';
  return 'sheet';
}

// ---------- ops, checked and expanded before anything is sent ----------

interface CellTarget {
  sheet: string;
  row: number;
  col: number;
  a1: string;
}

type Prepared =
  | { op: 'fill'; tag: string; sheet: string; range: string; cells: CellTarget[]; color: string }
  | { op: 'note'; tag: string; cell: CellTarget; text: string }
  | { op: 'setValues'; tag: string; sheet: string; box: RangeBox; values: (string | number | null)[][] }
  | { op: 'addSheet'; tag: string; name: string; rows: (string | number | null)[][] }
  | { op: 'clearTag'; tag: string };

function cellsOf(sheet: string, box: RangeBox): CellTarget[] {
  const n = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  if (n > MAX_OP_CELLS) throw new Error(`一次写入的区域过大（${n} 个单元格，上限 ${MAX_OP_CELLS}）`);
  const out: CellTarget[] = [];
  for (let r = box.top; r <= box.bottom; r++)
    for (let c = box.left; c <= box.right; c++) out.push({ sheet, row: r, col: c, a1: cellAddress(r, c) });
  return out;
}

function prepare(op: WriteOp): Prepared {
  switch (op.op) {
    case 'fill': {
      const box = parseRange(op.range);
      return { op: 'fill', tag: op.tag, sheet: op.sheet, range: op.range, cells: cellsOf(op.sheet, box), color: `#${normHex(op.color)}` };
    }
    case 'note': {
      const box = parseRange(op.cell);
      return {
        op: 'note',
        tag: op.tag,
        cell: { sheet: op.sheet, row: box.top, col: box.left, a1: cellAddress(box.top, box.left) },
        text: op.text,
      };
    }
    case 'setValues': {
      const top = parseRange(op.range);
      const rows = op.values.length;
      const cols = Math.max(0, ...op.values.map((r) => r.length));
      const box = { top: top.top, left: top.left, bottom: top.top + Math.max(rows, 1) - 1, right: top.left + Math.max(cols, 1) - 1 };
      cellsOf(op.sheet, box);
      return { op: 'setValues', tag: op.tag, sheet: op.sheet, box, values: op.values };
    }
    case 'addSheet':
      return { op: 'addSheet', tag: op.tag, name: cleanSheetName(op.name), rows: op.rows };
    case 'clearTag':
      return { op: 'clearTag', tag: op.tag };
  }
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], no leading/trailing apostrophe. */
export function cleanSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return s || '审核结果';
}

// ---------- probe ----------

const key = (sheet: string, a1: string) => `${sheet}\u0000${a1}`;

interface ValueState {
  value: unknown;
  formula: unknown;
  format: string;
}

interface CommentState {
  id: string;
  content: string;
}

interface Probe {
  names: string[];
  workbookProtected: boolean;
  records: AddinRecord[];
  recordSheet: boolean;
  sheetProtected: Map<string, boolean>;
  fills: Map<string, OfficeFill>;
  notes: Map<string, string | null>;
  values: Map<string, ValueState>;
  /** Comments by cell, for the sheets that needed them. */
  comments: Map<string, CommentState>;
}

interface ProbeNeeds {
  sheets: Set<string>;
  fills: CellTarget[];
  notes: CellTarget[];
  values: CellTarget[];
  commentSheets: Set<string>;
}

function needsFor(ops: Prepared[], records: AddinRecord[], mode: NoteMode, commentsApi: boolean): ProbeNeeds {
  const n: ProbeNeeds = { sheets: new Set(), fills: [], notes: [], values: [], commentSheets: new Set() };
  const seen = new Set<string>();
  const add = (list: CellTarget[], t: CellTarget, kind: string) => {
    n.sheets.add(t.sheet);
    const k = `${kind}\u0000${key(t.sheet, t.a1)}`;
    if (!seen.has(k)) {
      seen.add(k);
      list.push(t);
    }
  };
  const target = (sheet: string, a1: string): CellTarget => {
    const b = parseRange(a1);
    return { sheet, row: b.top, col: b.left, a1: cellAddress(b.top, b.left) };
  };
  for (const op of ops) {
    if (op.op === 'fill') op.cells.forEach((c) => add(n.fills, c, 'f'));
    else if (op.op === 'note') {
      if (mode === 'notes') add(n.notes, op.cell, 'n');
      else if (mode === 'comments') {
        n.sheets.add(op.cell.sheet);
        n.commentSheets.add(op.cell.sheet);
      }
    } else if (op.op === 'setValues') cellsOf(op.sheet, op.box).forEach((c) => add(n.values, c, 'v'));
    else if (op.op === 'clearTag') {
      for (const r of records) {
        if (r.tag !== op.tag) continue;
        if (r.kind === 'fill') add(n.fills, target(r.sheet, r.cell), 'f');
        else if (r.kind === 'values') add(n.values, target(r.sheet, r.cell), 'v');
        else if (r.kind === 'note') {
          if (isCommentRecord(r)) {
            if (commentsApi) {
              n.sheets.add(r.sheet);
              n.commentSheets.add(r.sheet);
            }
          } else if (mode === 'notes') add(n.notes, target(r.sheet, r.cell), 'n');
        }
      }
    }
  }
  return n;
}

function rowRuns(cells: CellTarget[]): { sheet: string; row: number; col: number; cells: CellTarget[] }[] {
  const sorted = [...cells].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || a.col - b.col));
  const runs: { sheet: string; row: number; col: number; cells: CellTarget[] }[] = [];
  for (const t of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === t.sheet && last.row === t.row && last.col + last.cells.length === t.col) last.cells.push(t);
    else runs.push({ sheet: t.sheet, row: t.row, col: t.col, cells: [t] });
  }
  return runs;
}

async function probeOnce(
  env: OfficeEnv,
  names: string[],
  guess: AddinRecord[],
  ops: Prepared[],
  mode: NoteMode,
  syncs: { n: number },
  perSync: number,
): Promise<Probe> {
  const commentsApi = env.isSetSupported('ExcelApi', API.comments);
  const withPattern = env.isSetSupported('ExcelApi', API.rangeAreas);
  const needs = needsFor(ops, guess, mode, commentsApi);
  const present = (s: string) => names.some((n) => n.toLowerCase() === s.toLowerCase());
  return env.run(async (ctx) => {
    const wb = ctx.workbook;
    const all = wb.worksheets;
    all.load('items/name');
    wb.protection.load('protected');
    const recordSheet = present(RECORD_SHEET);
    const rec = recordSheet ? all.getItem(RECORD_SHEET).getUsedRangeOrNullObject(true) : null;
    rec?.load('values');
    const sheets = new Map<string, Excel.Worksheet>();
    for (const s of needs.sheets) {
      if (!present(s) || s === RECORD_SHEET) continue;
      const ws = all.getItem(s);
      ws.protection.load('protected');
      sheets.set(s, ws);
    }
    const commentColls = [...needs.commentSheets]
      .filter((s) => sheets.has(s))
      .map((s) => {
        const c = sheets.get(s)!.comments;
        c.load('items/id,items/content');
        return { s, c };
      });

    // Per-cell loads, queued in slices that keep each request under the budget (one slice for a normal plan).
    const fills = new Map<string, OfficeFill>();
    const notes = new Map<string, string | null>();
    const values = new Map<string, ValueState>();
    const units: (() => () => void)[] = [];
    for (const t of needs.fills) {
      if (!sheets.has(t.sheet)) continue;
      units.push(() => {
        const f = sheets.get(t.sheet)!.getRange(t.a1).format.fill;
        f.load(withPattern ? 'color,pattern' : 'color');
        return () => fills.set(key(t.sheet, t.a1), { color: f.color, pattern: withPattern ? f.pattern : 'Solid' });
      });
    }
    for (const t of needs.notes) {
      if (!sheets.has(t.sheet)) continue;
      units.push(() => {
        const note = sheets.get(t.sheet)!.notes.getItemOrNullObject(t.a1);
        note.load('content');
        return () => notes.set(key(t.sheet, t.a1), note.isNullObject ? null : note.content);
      });
    }
    // Values, formulas and formats come as 2-D arrays: one load per run of adjacent cells in a row.
    for (const run of rowRuns(needs.values.filter((t) => sheets.has(t.sheet)))) {
      units.push(() => {
        const r = sheets.get(run.sheet)!.getRangeByIndexes(run.row, run.col, 1, run.cells.length);
        r.load('values,formulas,numberFormat');
        return () =>
          run.cells.forEach((t, j) =>
            values.set(key(t.sheet, t.a1), { value: r.values[0][j], formula: r.formulas[0][j], format: String(r.numberFormat[0][j]) }),
          );
      });
    }
    const perSlice = Math.max(1, Math.floor(perSync / (5 * ACTION)));
    let first = true;
    for (let i = 0; first || i < units.length; i += perSlice) {
      const collect = units.slice(i, i + perSlice).map((u) => u());
      await ctx.sync();
      syncs.n++;
      collect.forEach((c) => c());
      first = false;
    }

    const comments = new Map<string, CommentState>();
    const located: { s: string; item: Excel.Comment; where: Excel.Range }[] = [];
    for (const { s, c } of commentColls) {
      for (const item of c.items) {
        const where = item.getLocation();
        where.load('address');
        located.push({ s, item, where });
      }
    }
    if (located.length > 0) {
      // Threaded comments carry no address; locating them takes a second round trip (fallback path only).
      await ctx.sync();
      syncs.n++;
      for (const { s, item, where } of located) {
        const a1 = where.address.includes('!') ? where.address.slice(where.address.lastIndexOf('!') + 1) : where.address;
        comments.set(key(s, a1.replace(/\$/g, '').split(':')[0]), { id: item.id, content: item.content });
      }
    }
    const sheetProtected = new Map<string, boolean>();
    for (const [s, ws] of sheets) sheetProtected.set(s, ws.protection.protected);
    return {
      names: all.items.map((w) => w.name),
      workbookProtected: wb.protection.protected,
      records: rec && !rec.isNullObject ? parseRecords(rec.values) : [],
      recordSheet,
      sheetProtected,
      fills,
      notes,
      values,
      comments,
    };
  });
}

async function probe(
  env: OfficeEnv,
  state: OfficeState,
  ops: Prepared[],
  mode: NoteMode,
  syncs: { n: number },
  perSync: number,
): Promise<Probe> {
  let guess = state.records ?? [];
  for (let attempt = 0; attempt < 4; attempt++) {
    if (state.cache.names === null) syncs.n += await listSheets(env, state.cache);
    const names = state.cache.names ?? [];
    let p: Probe;
    try {
      p = await probeOnce(env, names, guess, ops, mode, syncs, perSync);
    } catch (e) {
      if (!isItemNotFound(e)) throw e;
      syncs.n++;
      state.cache.names = null;
      continue;
    }
    const sameNames = p.names.length === names.length && p.names.every((n) => names.includes(n));
    state.cache.names = p.names;
    state.records = p.records;
    // The probe looked at the cells the guessed records named; if the records were different, look again.
    if (sameNames && sameRecords(p.records, guess)) return p;
    guess = p.records;
  }
  throw new Error('工作簿正在被修改，无法写入，请稍后重试。');
}

/**
 * The probe's answer taken from the last read, or null when the read did not see everything the plan needs
 * (see the file comment for the conditions).
 */
function fromRead(seen: WorkbookState, ops: Prepared[], mode: NoteMode, commentsApi: boolean): Probe | null {
  const present = (s: string) => seen.names.some((n) => n.toLowerCase() === s.toLowerCase());
  for (const op of ops) {
    if (op.op === 'setValues') return null;
    // Restoring is decided on the cells as they are now, never as they were at the read.
    if (
      op.op === 'clearTag' &&
      seen.records.some((r) => r.tag === op.tag && r.kind !== 'sheet' && r.kind !== 'override' && present(r.sheet))
    )
      return null;
  }
  const needs = needsFor(ops, seen.records, mode, commentsApi);
  const sheetProtected = new Map<string, boolean>();
  for (const s of needs.sheets) {
    if (!present(s) || s === RECORD_SHEET) continue;
    const p = seen.sheetProtected.get(s);
    if (p === undefined) return null;
    sheetProtected.set(s, p);
  }
  const fills = new Map<string, OfficeFill>();
  for (const t of needs.fills) {
    if (!present(t.sheet)) continue;
    const f = seen.fills.get(t.sheet);
    if (!f || t.row < f.box.top || t.row > f.box.bottom || t.col < f.box.left || t.col > f.box.right) return null;
    fills.set(key(t.sheet, t.a1), f.fills[t.row - f.box.top][t.col - f.box.left]);
  }
  const notes = new Map<string, string | null>();
  for (const t of needs.notes) {
    if (!present(t.sheet)) continue;
    const all = seen.notes.get(t.sheet);
    if (!all) return null;
    notes.set(key(t.sheet, t.a1), all.get(t.a1) ?? null);
  }
  for (const s of needs.commentSheets) if (present(s) && !seen.noComments.has(s)) return null;
  return {
    names: [...seen.names],
    workbookProtected: seen.workbookProtected,
    records: seen.records,
    recordSheet: seen.recordSheet,
    sheetProtected,
    fills,
    notes,
    values: new Map(),
    comments: new Map(),
  };
}

// ---------- building the write ----------

/** A queued change and its estimated request bytes. */
type Write = { bytes: number; run: (w: WriteCtx) => void };

interface WriteCtx {
  ctx: Excel.RequestContext;
  /** The sheet's proxy in this batch (one per name; a deleted-then-added name gets the new sheet's proxy). */
  sheet: (name: string) => Excel.Worksheet;
  add: (name: string) => Excel.Worksheet;
  remove: (name: string) => void;
}

interface Plan {
  writes: Write[];
  records: AddinRecord[];
  union: AddinRecord[];
  report: OfficeApplyReport;
  namesAfter: string[];
}

const WHITE_NONE: OfficeFill = { color: '#FFFFFF', pattern: 'None' };

/** Row ranges [a, b) of a 2-D array whose JSON stays within half the per-sync budget (at least one row each). */
function bands(rows: unknown[][], perSync: number): [number, number][] {
  const out: [number, number][] = [];
  let a = 0;
  while (a < rows.length) {
    let b = a;
    let bytes = 0;
    while (b < rows.length && (b === a || bytes + size(rows[b]) * 2 <= perSync / 2)) bytes += size(rows[b++]) * 2;
    out.push([a, b]);
    a = b;
  }
  return out;
}

function build(title: string, ops: Prepared[], p: Probe, mode: NoteMode, env: OfficeEnv, perSync: number): Plan {
  const withPattern = env.isSetSupported('ExcelApi', API.rangeAreas);
  const commentsApi = env.isSetSupported('ExcelApi', API.comments);
  const report: OfficeApplyReport = {
    cellsFilled: 0,
    notesWritten: 0,
    valuesWritten: 0,
    sheetsAdded: [],
    restored: 0,
    keptUserChanges: 0,
    noteMode: mode,
    notices: [],
    syncs: 0,
  };
  const notice = (s: string) => {
    if (!report.notices.includes(s)) report.notices.push(s);
  };
  const writes: Write[] = [];
  const w = (bytes: number, run: (x: WriteCtx) => void) => writes.push({ bytes, run });
  const records = [...p.records];
  const names = [...p.names];
  const exists = (s: string) => names.some((n) => n.toLowerCase() === s.toLowerCase());
  const fills = new Map(p.fills);
  const notes = new Map(p.notes);
  const values = new Map(p.values);
  const comments = new Map(p.comments);
  const protectedSheets = new Set([...p.sheetProtected].filter(([, v]) => v).map(([k]) => k));
  const skipped = new Map<string, number>();
  const skip = (sheet: string) => skipped.set(sheet, (skipped.get(sheet) ?? 0) + 1);
  const noteRows: (string | number | null)[][] = [];
  let noteRowsTag: string | null = null;
  let userComments = 0;

  for (const op of ops) {
    if ((op.op === 'fill' || op.op === 'setValues') && !exists(op.sheet))
      throw new Error(`“${title}”无法执行：工作簿中没有名为“${op.sheet}”的工作表`);
    if (op.op === 'note' && !exists(op.cell.sheet)) throw new Error(`“${title}”无法执行：工作簿中没有名为“${op.cell.sheet}”的工作表`);
  }

  // Records indexed by kind/tag/sheet/cell: a conversion plan may write tens of thousands of cells.
  const rk = (kind: string, tag: string, sheet: string, cell: string) => `${kind}\u0000${tag}\u0000${sheet}\u0000${cell}`;
  const live = new Map<string, AddinRecord>(records.map((r) => [rk(r.kind, r.tag, r.sheet, r.cell), r]));
  const dropped = new Set<AddinRecord>();
  const find = (kind: AddinRecord['kind'], tag: string, sheet: string, cell: string) => live.get(rk(kind, tag, sheet, cell));
  const drop = (r: AddinRecord) => {
    dropped.add(r);
    if (live.get(rk(r.kind, r.tag, r.sheet, r.cell)) === r) live.delete(rk(r.kind, r.tag, r.sheet, r.cell));
  };
  const push = (r: AddinRecord) => {
    records.push(r);
    live.set(rk(r.kind, r.tag, r.sheet, r.cell), r);
  };
  const current = () => records.filter((r) => !dropped.has(r));

  for (const op of ops) {
    switch (op.op) {
      case 'clearTag': {
        const mine = current().filter((r) => r.tag === op.tag && r.kind !== 'override');
        // Records of changes that could not be undone now (protected sheet, missing API) stay for a later clear.
        const retained = new Set<AddinRecord>();
        for (const r of [...mine].reverse()) {
          const k = key(r.sheet, r.cell);
          if (r.kind === 'sheet') {
            if (exists(r.sheet)) {
              if (p.workbookProtected) throw new Error(`工作簿结构受保护，无法删除工作表“${r.sheet}”。请先取消“保护工作簿”。`);
              const name = names.find((n) => n.toLowerCase() === r.sheet.toLowerCase())!;
              w(2 * ACTION, (x) => x.remove(name));
              names.splice(names.indexOf(name), 1);
            }
            continue;
          }
          if (!exists(r.sheet)) continue;
          if (protectedSheets.has(r.sheet)) {
            retained.add(r);
            skip(r.sheet);
            continue;
          }
          const d = JSON.parse(r.data) as { prior: unknown; applied: unknown; priorFormat?: string; via?: string };
          const a1 = r.cell;
          if (r.kind === 'fill') {
            const cur = fills.get(k);
            if (cur && officeShows(cur, d.applied as StoredFill)) {
              const prior = d.prior as StoredFill | null;
              if (prior === null) {
                w(5 * ACTION, (x) => x.sheet(r.sheet).getRange(a1).format.fill.clear());
                fills.set(k, WHITE_NONE);
                report.restored++;
              } else {
                const hex = storedHex(prior);
                if (hex === null) {
                  notice('部分单元格原来的底色是主题色，无法在 Excel 中按原样恢复，已保留标记色。');
                  retained.add(r);
                  continue;
                }
                const pattern = prior.officePattern;
                w(6 * ACTION, (x) => {
                  const f = x.sheet(r.sheet).getRange(a1).format.fill;
                  f.color = hex;
                  if (pattern && withPattern) f.pattern = pattern as Excel.FillPattern;
                });
                fills.set(k, { color: hex, pattern: pattern ?? 'Solid' });
                report.restored++;
              }
            } else report.keptUserChanges++;
          } else if (r.kind === 'note') {
            const applied = noteText(d.applied);
            if (d.via === 'comment') {
              const c = comments.get(k);
              if (!commentsApi) {
                notice('此版本的 Excel 不支持批注接口，加载项写入的批注未能删除。');
                retained.add(r);
              } else if (c && c.content === applied) {
                const id = c.id;
                w(3 * ACTION, (x) => x.ctx.workbook.comments.getItem(id).delete());
                comments.delete(k);
                report.restored++;
              } else report.keptUserChanges++;
            } else if (mode !== 'notes') {
              notice('此版本的 Excel 不支持备注接口（需要 ExcelApi 1.18），加载项写入的备注未能删除。');
              retained.add(r);
            } else if ((notes.get(k) ?? null) === applied) {
              const prior = d.prior === null ? null : noteText(d.prior);
              if (prior === null || prior === '') {
                w(4 * ACTION, (x) => x.sheet(r.sheet).notes.getItem(a1).delete());
                notes.set(k, null);
              } else {
                w(4 * ACTION + size(prior), (x) => {
                  x.sheet(r.sheet).notes.getItem(a1).content = prior;
                });
                notes.set(k, prior);
              }
              report.restored++;
            } else report.keptUserChanges++;
          } else if (r.kind === 'values') {
            const cur = values.get(k);
            const prior = officeFromStored(d.prior as StoredValue);
            if (cur && officeHolds(cur.value, cur.formula, d.applied as StoredValue) && prior !== null) {
              const fmt = d.priorFormat;
              w(5 * ACTION + size(prior), (x) => {
                const range = x.sheet(r.sheet).getRange(a1);
                if (fmt !== undefined) range.numberFormat = [[fmt]];
                if ('formula' in prior) range.formulas = [[prior.formula]];
                else range.values = [[prior.value]];
              });
              values.set(k, {
                value: 'formula' in prior ? null : prior.value,
                formula: 'formula' in prior ? prior.formula : prior.value,
                format: fmt ?? cur.format,
              });
              report.restored++;
            } else report.keptUserChanges++;
          }
        }
        mine.filter((r) => !retained.has(r)).forEach(drop);
        break;
      }
      case 'fill': {
        const stored = solidStored(op.color);
        const todo: CellTarget[] = [];
        for (const c of op.cells) {
          if (protectedSheets.has(c.sheet)) {
            skip(c.sheet);
            continue;
          }
          const k = key(c.sheet, c.a1);
          const cur = fills.get(k) ?? WHITE_NONE;
          const rec = find('fill', op.tag, c.sheet, c.a1);
          let prior: StoredFill | null;
          if (rec && officeShows(cur, (JSON.parse(rec.data) as { applied: StoredFill }).applied)) {
            prior = (JSON.parse(rec.data) as { prior: StoredFill | null }).prior;
          } else prior = storedFromOffice(cur);
          if (rec) drop(rec);
          push({ kind: 'fill', tag: op.tag, sheet: c.sheet, cell: c.a1, data: JSON.stringify({ prior, applied: stored }) });
          fills.set(k, { color: op.color, pattern: 'Solid' });
          todo.push(c);
          report.cellsFilled++;
        }
        const whole = todo.length === op.cells.length;
        if (whole)
          w(5 * ACTION, (x) => {
            x.sheet(op.sheet).getRange(op.range).format.fill.color = op.color;
          });
        else
          for (const c of todo)
            w(5 * ACTION, (x) => {
              x.sheet(c.sheet).getRange(c.a1).format.fill.color = op.color;
            });
        break;
      }
      case 'note': {
        const c = op.cell;
        const k = key(c.sheet, c.a1);
        if (mode === 'sheet') {
          noteRows.push([c.sheet, c.a1, op.text]);
          noteRowsTag = noteRowsTag ?? op.tag;
          report.notesWritten++;
          break;
        }
        if (protectedSheets.has(c.sheet)) {
          skip(c.sheet);
          break;
        }
        if (mode === 'comments') {
          const rec = find('note', op.tag, c.sheet, c.a1);
          const had = comments.get(k);
          if (had && rec && had.id !== '' && had.content === noteText((JSON.parse(rec.data) as { applied: unknown }).applied)) {
            // Our own comment from an earlier plan under this tag: replace its text.
            const id = had.id;
            drop(rec);
            w(4 * ACTION + size(op.text), (x) => {
              x.ctx.workbook.comments.getItem(id).content = op.text;
            });
            comments.set(k, { id, content: op.text });
            push({
              kind: 'note',
              tag: op.tag,
              sheet: c.sheet,
              cell: c.a1,
              data: JSON.stringify({ prior: null, applied: op.text, via: 'comment' }),
            });
            report.notesWritten++;
            break;
          }
          if (had) {
            userComments++;
            break;
          }
          if (rec) drop(rec);
          w(5 * ACTION + size(op.text), (x) => {
            x.ctx.workbook.comments.add(x.sheet(c.sheet).getRange(c.a1), op.text);
          });
          comments.set(k, { id: '', content: op.text });
          push({
            kind: 'note',
            tag: op.tag,
            sheet: c.sheet,
            cell: c.a1,
            data: JSON.stringify({ prior: null, applied: op.text, via: 'comment' }),
          });
          report.notesWritten++;
          break;
        }
        const cur = notes.get(k) ?? null;
        const rec = find('note', op.tag, c.sheet, c.a1);
        let prior: string | null;
        if (rec && cur !== null) {
          // Noted again under the same tag: ours goes below the note that was there before the add-in's first
          // one (the recorded prior), not below the note as it is now — that would stack the old text under the
          // new, and more so with every run, whenever the text no longer matches exactly (edited, or normalised
          // by Excel).
          const d = JSON.parse(rec.data) as { prior: unknown };
          prior = d.prior === null ? null : noteText(d.prior);
        } else prior = cur; // No record: the note is the user's. Record but no note: the user deleted it, prior too.
        if (rec) drop(rec);
        // A user's note is kept, with ours below it, rather than replaced.
        const applied = prior ? `${prior}\n\n${op.text}` : op.text;
        if (cur === null)
          w(6 * ACTION + size(applied), (x) => {
            x.sheet(c.sheet).notes.add(x.sheet(c.sheet).getRange(c.a1), applied);
          });
        else
          w(4 * ACTION + size(applied), (x) => {
            x.sheet(c.sheet).notes.getItem(c.a1).content = applied;
          });
        notes.set(k, applied);
        push({ kind: 'note', tag: op.tag, sheet: c.sheet, cell: c.a1, data: JSON.stringify({ prior, applied }) });
        report.notesWritten++;
        break;
      }
      case 'setValues': {
        if (protectedSheets.has(op.sheet)) {
          skip(op.sheet);
          break;
        }
        const rows = op.box.bottom - op.box.top + 1;
        const cols = op.box.right - op.box.left + 1;
        const vals: (string | number)[][] = [];
        const fmts: (string | null)[][] = [];
        let textFormats = false;
        for (let i = 0; i < rows; i++) {
          vals.push([]);
          fmts.push([]);
          for (let j = 0; j < cols; j++) {
            const v = op.values[i]?.[j] ?? null;
            const a1 = cellAddress(op.box.top + i, op.box.left + j);
            const k = key(op.sheet, a1);
            const cur = values.get(k) ?? { value: '', formula: '', format: 'General' };
            const rec = find('values', op.tag, op.sheet, a1);
            let prior: StoredValue;
            let priorFormat: string;
            if (rec && officeHolds(cur.value, cur.formula, (JSON.parse(rec.data) as { applied: StoredValue }).applied)) {
              const d = JSON.parse(rec.data) as { prior: StoredValue; priorFormat?: string };
              prior = d.prior;
              priorFormat = d.priorFormat ?? cur.format;
            } else {
              prior = storedFromCell(cur.value, cur.formula);
              priorFormat = cur.format;
            }
            if (rec) drop(rec);
            // Text goes in as text (`@`): `=SUM(A1)` stays a string, `001` keeps its zeros.
            let fmt: string | null = null;
            if (typeof v === 'string') fmt = '@';
            else if (typeof v === 'number' && cur.format === '@') fmt = 'General';
            if (fmt !== null) textFormats = true;
            fmts[i].push(fmt);
            vals[i].push(v === null ? '' : v);
            const applied: StoredValue = v === null || v === '' ? { t: 'null' } : { t: 'plain', v };
            push({ kind: 'values', tag: op.tag, sheet: op.sheet, cell: a1, data: JSON.stringify({ prior, applied, priorFormat }) });
            values.set(k, { value: v === null ? '' : v, formula: v === null ? '' : v, format: fmt ?? cur.format });
            report.valuesWritten++;
          }
        }
        for (const [a, b] of bands(vals, perSync)) {
          const part = vals.slice(a, b);
          const partFmts = fmts.slice(a, b);
          w(5 * ACTION + size(part) + (textFormats ? size(partFmts) : 0), (x) => {
            const range = x.sheet(op.sheet).getRangeByIndexes(op.box.top + a, op.box.left, b - a, cols);
            if (textFormats) range.numberFormat = partFmts;
            range.values = part;
          });
        }
        break;
      }
      case 'addSheet': {
        addSheet(op.name, op.rows, op.tag);
        break;
      }
    }
  }

  function addSheet(wanted: string, rows: (string | number | null)[][], tag: string) {
    if (p.workbookProtected) throw new Error(`工作簿结构受保护，无法添加工作表“${wanted}”。请先取消“保护工作簿”。`);
    const ours = (n: string) => current().some((r) => r.kind === 'sheet' && r.sheet.toLowerCase() === n.toLowerCase());
    let name = wanted;
    // A user's sheet of that name is never touched: take the first free name, or the add-in's own earlier sheet.
    for (let i = 2; exists(name) && !ours(name); i++) name = cleanSheetName(`${wanted.slice(0, 26)} (${i})`);
    if (exists(name)) {
      const old = names.find((n) => n.toLowerCase() === name.toLowerCase())!;
      w(2 * ACTION, (x) => x.remove(old));
      names.splice(names.indexOf(old), 1);
      current()
        .filter((r) => r.sheet.toLowerCase() === name.toLowerCase() && r.kind !== 'override')
        .forEach(drop);
    }
    const width = Math.max(1, ...rows.map((r) => r.length));
    const vals = rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === null || r[j] === undefined ? '' : r[j]!)));
    const fmts = rows.map((r) => Array.from({ length: width }, (_, j) => (typeof r[j] === 'string' ? '@' : 'General')));
    const widths = Array.from({ length: width }, (_, j) =>
      Math.min(60, Math.max(8, ...rows.map((r) => [...String(r[j] ?? '')].reduce((s, ch) => s + (ch.charCodeAt(0) > 255 ? 2 : 1), 0) + 2))),
    );
    const final = name;
    w((4 + 3 * width) * ACTION, (x) => {
      const ws = x.add(final);
      widths.forEach((cw, j) => {
        // Column width is in points; about 6 points per half-width character.
        ws.getRange(`${columnLetters(j)}:${columnLetters(j)}`).format.columnWidth = cw * 6;
      });
    });
    for (const [a, b] of bands(vals, perSync)) {
      const part = vals.slice(a, b);
      const partFmts = fmts.slice(a, b);
      w(6 * ACTION + size(part) + size(partFmts), (x) => {
        const range = x.sheet(final).getRangeByIndexes(a, 0, b - a, width);
        range.numberFormat = partFmts;
        range.values = part;
        if (a === 0) x.sheet(final).getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      });
    }
    names.push(final);
    push({ kind: 'sheet', tag, sheet: final, cell: '', data: '' });
    report.sheetsAdded.push(final);
  }

  if (noteRows.length > 0) {
    addSheet(NOTES_SHEET, [['工作表', '单元格', '说明'], ...noteRows], noteRowsTag!);
    notice(`此版本的 Excel 不支持备注和批注，审核说明已写入工作表“${report.sheetsAdded[report.sheetsAdded.length - 1]}”。`);
  } else if (mode === 'comments' && report.notesWritten > 0) {
    notice('此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。');
  }
  if (userComments > 0) notice(`${userComments} 个单元格已有批注，未在这些单元格写入审核说明（见任务窗格中的问题列表）。`);
  for (const [s, n] of skipped) notice(`工作表“${s}”受保护，${n} 处未能写入或恢复。请取消工作表保护后重试。`);

  const final = current();
  // While the batch runs the records name everything old and new, so a batch cut short can still be cleared.
  const union = [...p.records, ...final.filter((r) => !p.records.includes(r))];
  return { writes, records: final, union, report, namesAfter: names };
}

// ---------- the record sheet ----------

function recordWrites(p: Probe, plan: Plan, perSync: number): { first: Write[]; last: Write[] } {
  const first: Write[] = [];
  const last: Write[] = [];
  // The sheet is rewritten whole; a large record set goes in bands of rows so no request passes the budget.
  const write = (rows: string[][], create: boolean): Write[] => {
    const out: Write[] = [
      {
        bytes: 4 * ACTION,
        run: (x) => {
          if (create) x.add(RECORD_SHEET).visibility = 'VeryHidden';
          else x.sheet(RECORD_SHEET).getRange().clear();
        },
      },
    ];
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 6 * ACTION;
      while (end < rows.length && (end === start || bytes + size(rows[end]) + 30 <= perSync / 2)) bytes += size(rows[end++]) + 30;
      const band = rows.slice(start, end);
      const top = start;
      out.push({
        bytes,
        run: (x) => {
          const range = x.sheet(RECORD_SHEET).getRangeByIndexes(top, 0, band.length, 5);
          // Text format first: a sheet named `2023` must come back as text, not as the number 2023.
          range.numberFormat = band.map((r) => r.map(() => '@'));
          range.values = band;
        },
      });
      start = end;
    }
    return out;
  };
  let exists = p.recordSheet;
  let stored = p.records;
  const needsSheet = plan.union.length > 0 || plan.records.length > 0;
  if (needsSheet && !exists && p.workbookProtected) {
    throw new Error('工作簿结构受保护，无法保存标记记录（需要添加隐藏工作表 _juesuan）。请先取消“保护工作簿”后重试。');
  }
  if (plan.union.length > 0 && !sameRecords(plan.union, stored)) {
    first.push(...write(recordRows(plan.union), !exists));
    exists = true;
    stored = plan.union;
  }
  if (plan.records.length === 0) {
    if (exists) {
      if (p.workbookProtected) throw new Error('工作簿结构受保护，无法删除隐藏工作表 _juesuan。请先取消“保护工作簿”后重试。');
      last.push({ bytes: 2 * ACTION, run: (x) => x.remove(RECORD_SHEET) });
    }
  } else if (!sameRecords(plan.records, stored)) {
    last.push(...write(recordRows(plan.records), !exists));
  }
  return { first, last };
}

// ---------- entry point ----------

export async function applyPlanOffice(
  env: OfficeEnv,
  state: OfficeState,
  plan: WritePlan,
  options: ApplyOptions = {},
): Promise<OfficeApplyReport> {
  const perSync = options.bytesPerSync ?? BYTES_PER_SYNC;
  const mode = noteMode(env);
  const ops = plan.ops.map(prepare);
  const syncs = { n: 0 };
  const seen = state.seen && state.seen.readId === state.readId ? state.seen.state : null;
  // One use only: once anything is written, the read's picture is no longer the workbook.
  state.seen = null;
  const known = seen ? fromRead(seen, ops, mode, env.isSetSupported('ExcelApi', API.comments)) : null;
  if (known) {
    try {
      return await write(env, state, plan.title, ops, known, mode, perSync, syncs, true);
    } catch {
      // The workbook changed since the read in a way the batch could not take (a note added where ours goes, a
      // sheet renamed or protected…). Look at it as it is now and write again; the failed batch wrote its records
      // first, so the probe finds them and the new write restores or keeps each cell accordingly.
    }
  }
  const p = await probe(env, state, ops, mode, syncs, perSync);
  return write(env, state, plan.title, ops, p, mode, perSync, syncs, false);
}

/**
 * Builds the write from what the ops will replace (`p`) and sends it; throws a Chinese error on failure, after
 * which the host's records and sheet names are a guess for the probe that `retrying` will make, or forgotten.
 */
async function write(
  env: OfficeEnv,
  state: OfficeState,
  title: string,
  ops: Prepared[],
  p: Probe,
  mode: NoteMode,
  perSync: number,
  syncs: { n: number },
  retrying: boolean,
): Promise<OfficeApplyReport> {
  const built = build(title, ops, p, mode, env, perSync);
  const { first, last } = recordWrites(p, built, perSync);
  const all = [...first, ...built.writes, ...last];

  // One sync, unless the batch would be too big for one request.
  const chunks: Write[][] = [];
  let cur: Write[] = [];
  let bytes = 0;
  for (const x of all) {
    if (cur.length > 0 && bytes + x.bytes > perSync) {
      chunks.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(x);
    bytes += x.bytes;
  }
  if (cur.length > 0) chunks.push(cur);
  for (const chunk of chunks) {
    try {
      await env.run(async (ctx) => {
        const proxies = new Map<string, Excel.Worksheet>();
        const wctx: WriteCtx = {
          ctx,
          sheet: (name) => {
            let ws = proxies.get(name);
            if (!ws) {
              ws = ctx.workbook.worksheets.getItem(name);
              proxies.set(name, ws);
            }
            return ws;
          },
          add: (name) => {
            const ws = ctx.workbook.worksheets.add(name);
            proxies.set(name, ws);
            return ws;
          },
          remove: (name) => {
            wctx.sheet(name).delete();
            proxies.delete(name);
          },
        };
        for (const x of chunk) x.run(wctx);
        await ctx.sync();
      });
    } catch (e) {
      if (retrying) {
        // Best guess for the probe: the batch began with the records (they name everything, see `union`).
        state.records = first.length > 0 ? built.union : p.records;
        state.cache.names = first.length > 0 && !p.recordSheet ? [...p.names, RECORD_SHEET] : p.names;
      } else {
        state.records = null;
        state.cache.names = null;
      }
      throw new Error(`写入工作簿失败（${errorCode(e) || (e as Error).message}）。已写入的部分可用“清除标记”撤销。`);
    } finally {
      syncs.n++;
    }
  }
  state.records = built.records;
  const after = built.namesAfter.filter((n) => n !== RECORD_SHEET);
  state.cache.names = built.records.length > 0 ? [...after, RECORD_SHEET] : after;
  built.report.syncs = syncs.n;
  return built.report;
}
