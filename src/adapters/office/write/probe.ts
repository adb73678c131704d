/**
 * The probe: what a plan's ops will replace, looked up in one sync (more only past the byte budget, or one more
 * to locate threaded comments on the fallback path) — sheet names, protection, the ledger, and of each cell the
 * ops or the ledger's entries name: its fill, its note, its value, formula and number format.
 */
import { entriesToClear, type LedgerEntry } from '../../../core/ledger';
import { isItemNotFound, type OfficeEnv } from '../env';
import { listSheets } from '../read';
import { isCommentNote, ledgerFromValues, RECORD_SHEET, sameLedger } from '../records';
import type { OfficeFill } from '../translate';
import { ACTION } from './batch';
import { cellKey, cellsOf, targetOf, type CellTarget, type Prepared } from './ops';
import type { Caps, OfficeState } from './types';

export interface ValueState {
  value: unknown;
  formula: unknown;
  format: string;
}

export interface CommentState {
  id: string;
  content: string;
}

/** What the ops will replace (from a probe, or from the last read: cached.ts). Cell maps are keyed by `cellKey`. */
export interface Probe {
  names: string[];
  workbookProtected: boolean;
  records: LedgerEntry[];
  recordSheet: boolean;
  sheetProtected: Map<string, boolean>;
  fills: Map<string, OfficeFill>;
  notes: Map<string, string | null>;
  values: Map<string, ValueState>;
  /** Comments by cell, for the sheets that needed them. */
  comments: Map<string, CommentState>;
}

export interface ProbeNeeds {
  sheets: Set<string>;
  fills: CellTarget[];
  notes: CellTarget[];
  values: CellTarget[];
  commentSheets: Set<string>;
}

/** The cells and sheets the ops look at: their own targets, and for a clear the cells of the tag's entries. */
export function needsFor(ops: Prepared[], records: LedgerEntry[], caps: Caps): ProbeNeeds {
  const n: ProbeNeeds = { sheets: new Set(), fills: [], notes: [], values: [], commentSheets: new Set() };
  const seen = new Set<string>();
  const add = (list: CellTarget[], t: CellTarget, kind: string) => {
    n.sheets.add(t.sheet);
    const k = `${kind}\u0000${cellKey(t.sheet, t.a1)}`;
    if (!seen.has(k)) {
      seen.add(k);
      list.push(t);
    }
  };
  const comments = (sheet: string) => {
    n.sheets.add(sheet);
    n.commentSheets.add(sheet);
  };
  for (const op of ops) {
    if (op.op === 'fill') op.cells.forEach((c) => add(n.fills, c, 'f'));
    else if (op.op === 'note') {
      if (caps.mode === 'notes') add(n.notes, op.cell, 'n');
      else if (caps.mode === 'comments') comments(op.cell.sheet);
    } else if (op.op === 'setValues') cellsOf(op.sheet, op.box).forEach((c) => add(n.values, c, 'v'));
    else if (op.op === 'setFormulas') op.cells.forEach((c) => add(n.values, c, 'v'));
    else if (op.op === 'clearTag') {
      for (const e of entriesToClear(records, op.tag)) {
        if (e.kind === 'fill') add(n.fills, targetOf(e.sheet, e.cell), 'f');
        else if (e.kind === 'values') add(n.values, targetOf(e.sheet, e.cell), 'v');
        else if (e.kind === 'note') {
          if (isCommentNote(e)) {
            if (caps.commentsApi) comments(e.sheet);
          } else if (caps.mode === 'notes') add(n.notes, targetOf(e.sheet, e.cell), 'n');
        }
      }
    }
  }
  return n;
}

/**
 * Probes until the answer is consistent: the sheet list it was built on is the workbook's, and the ledger it
 * looked up cells for is the one it found (a different one means other cells to look at).
 */
export async function probe(
  env: OfficeEnv,
  state: OfficeState,
  ops: Prepared[],
  caps: Caps,
  syncs: { n: number },
  perSync: number,
): Promise<Probe> {
  let guess = state.records ?? [];
  for (let attempt = 0; attempt < 4; attempt++) {
    if (state.cache.names === null) syncs.n += await listSheets(env, state.cache);
    const names = state.cache.names ?? [];
    let p: Probe;
    try {
      p = await probeOnce(env, names, needsFor(ops, guess, caps), caps.withPattern, syncs, perSync);
    } catch (e) {
      if (!isItemNotFound(e)) throw e;
      syncs.n++;
      state.cache.names = null;
      continue;
    }
    const sameNames = p.names.length === names.length && p.names.every((n) => names.includes(n));
    state.cache.names = p.names;
    state.records = p.records;
    if (sameNames && sameLedger(p.records, guess)) return p;
    guess = p.records;
  }
  throw new Error('工作簿正在被修改，无法写入，请稍后重试。');
}

/** What one probe batch has queued: the workbook-level loads and the sheets it looks into. */
interface Queued {
  all: Excel.WorksheetCollection;
  protection: Excel.WorkbookProtection;
  recordSheet: boolean;
  record: Excel.Range | null;
  sheets: Map<string, Excel.Worksheet>;
  commentColls: { s: string; c: Excel.CommentCollection }[];
}

async function probeOnce(
  env: OfficeEnv,
  names: string[],
  needs: ProbeNeeds,
  withPattern: boolean,
  syncs: { n: number },
  perSync: number,
): Promise<Probe> {
  return env.run(async (ctx) => {
    const q = queueSheets(ctx, names, needs);
    const cells = { fills: new Map<string, OfficeFill>(), notes: new Map<string, string | null>(), values: new Map<string, ValueState>() };
    const units = cellUnits(q.sheets, needs, withPattern, cells);
    // Per-cell loads in slices that keep each request under the budget (one slice for a normal plan).
    const perSlice = Math.max(1, Math.floor(perSync / (5 * ACTION)));
    for (let i = 0, first = true; first || i < units.length; i += perSlice, first = false) {
      const collect = units.slice(i, i + perSlice).map((u) => u());
      await ctx.sync();
      syncs.n++;
      collect.forEach((c) => c());
    }
    const comments = await locateComments(ctx, q.commentColls, syncs);
    const sheetProtected = new Map<string, boolean>();
    for (const [s, ws] of q.sheets) sheetProtected.set(s, ws.protection.protected);
    return {
      names: q.all.items.map((w) => w.name),
      workbookProtected: q.protection.protected,
      records: q.record && !q.record.isNullObject ? ledgerFromValues(q.record.values) : [],
      recordSheet: q.recordSheet,
      sheetProtected,
      ...cells,
      comments,
    };
  });
}

/** Queues the workbook-level loads: sheet names, protection, the record sheet, the sheets the needs name. */
function queueSheets(ctx: Excel.RequestContext, names: string[], needs: ProbeNeeds): Queued {
  const present = (s: string) => names.some((n) => n.toLowerCase() === s.toLowerCase());
  const wb = ctx.workbook;
  const all = wb.worksheets;
  all.load('items/name');
  wb.protection.load('protected');
  const recordSheet = present(RECORD_SHEET);
  const record = recordSheet ? all.getItem(RECORD_SHEET).getUsedRangeOrNullObject(true) : null;
  record?.load('values');
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
  return { all, protection: wb.protection, recordSheet, record, sheets, commentColls };
}

/** One unit per cell load (per row run for values): queuing it returns what collects its answer after the sync. */
function cellUnits(
  sheets: Map<string, Excel.Worksheet>,
  needs: ProbeNeeds,
  withPattern: boolean,
  out: { fills: Map<string, OfficeFill>; notes: Map<string, string | null>; values: Map<string, ValueState> },
): (() => () => void)[] {
  const units: (() => () => void)[] = [];
  for (const t of needs.fills) {
    if (!sheets.has(t.sheet)) continue;
    units.push(() => {
      const f = sheets.get(t.sheet)!.getRange(t.a1).format.fill;
      f.load(withPattern ? 'color,pattern' : 'color');
      return () => out.fills.set(cellKey(t.sheet, t.a1), { color: f.color, pattern: withPattern ? f.pattern : 'Solid' });
    });
  }
  for (const t of needs.notes) {
    if (!sheets.has(t.sheet)) continue;
    units.push(() => {
      const note = sheets.get(t.sheet)!.notes.getItemOrNullObject(t.a1);
      note.load('content');
      return () => out.notes.set(cellKey(t.sheet, t.a1), note.isNullObject ? null : note.content);
    });
  }
  // Values, formulas and formats come as 2-D arrays: one load per run of adjacent cells in a row.
  for (const run of rowRuns(needs.values.filter((t) => sheets.has(t.sheet)))) {
    units.push(() => {
      const r = sheets.get(run.sheet)!.getRangeByIndexes(run.row, run.col, 1, run.cells.length);
      r.load('values,formulas,numberFormat');
      return () =>
        run.cells.forEach((t, j) =>
          out.values.set(cellKey(t.sheet, t.a1), {
            value: r.values[0][j],
            formula: r.formulas[0][j],
            format: String(r.numberFormat[0][j]),
          }),
        );
    });
  }
  return units;
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

/** Threaded comments carry no address; locating them takes a second round trip (fallback path only). */
async function locateComments(
  ctx: Excel.RequestContext,
  colls: { s: string; c: Excel.CommentCollection }[],
  syncs: { n: number },
): Promise<Map<string, CommentState>> {
  const comments = new Map<string, CommentState>();
  const located: { s: string; item: Excel.Comment; where: Excel.Range }[] = [];
  for (const { s, c } of colls) {
    for (const item of c.items) {
      const where = item.getLocation();
      where.load('address');
      located.push({ s, item, where });
    }
  }
  if (located.length === 0) return comments;
  await ctx.sync();
  syncs.n++;
  for (const { s, item, where } of located) {
    const a1 = where.address.includes('!') ? where.address.slice(where.address.lastIndexOf('!') + 1) : where.address;
    comments.set(cellKey(s, a1.replace(/\$/g, '').split(':')[0]), { id: item.id, content: item.content });
  }
  return comments;
}
