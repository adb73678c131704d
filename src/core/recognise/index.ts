/**
 * The recogniser: one generic pass over a workbook snapshot, driven by the table specs in `src/core/specs/`.
 *
 * Per sheet: index the cells by row once; find title cells (a spec's title inside the cell's text); each
 * title owns the rows down to the next title; every spec sharing that title parses the region and the one
 * whose header fits best wins. What no title claims is then searched for tables by their header structure
 * alone (structure.ts: lower confidence, conservative). What no table covers is listed in `unrecognised`,
 * never dropped.
 * Work is linear in the number of non-empty cells (title matching and body scans touch each cell a
 * bounded number of times).
 */
import { DecimalCache } from '../amount';
import type { Recognition, UnrecognisedRegion } from '../model';
import { cellAddress, parseRange, rangeAddress, type KindOverride, type RangeBox, type WorkbookSnapshot } from '../snapshot';
import { SPECS, type TableSpec } from '../specs';
import { normalizeLabel } from '../text';
import type { Ctx } from './cells';
import { isMetaCell, isPageFooter, setMetaCells } from './body';
import { GridWindow, RowFloor, SheetGrid, normOf, textOf, virtualCell, withTextMemo, type GCell } from './grid';
import { parseWithSpec, recognisedTable, type Parsed } from './layouts';
import { labelOf } from './meta';
import { recogniseByStructure } from './structure';

export interface RecogniseOptions {
  /** Specs to use (default: all of `SPECS`). */
  specs?: readonly TableSpec[];
  /** Tables under this confidence are dropped to `unrecognised` (default 0.3). */
  minConfidence?: number;
  /** Also recognise tables without a title by their header structure (default true; see structure.ts). */
  byStructure?: boolean;
}

interface Alias {
  norm: string;
  spec: TableSpec;
  primary: boolean;
}

interface TitleHit {
  cell: GCell;
  specs: TableSpec[];
  /** The spec's first title matched (the variant's own title). */
  primary: Set<TableSpec>;
  exact: boolean;
  /** From the user's overrides: a spec, or null for "not a table". */
  override?: TableSpec | null;
}

const TITLE_SUFFIX = /^(\(?公开\d+(\.\d+)?表\)?|\(?\d{4}年度?\)?)?$/;

function aliasesOf(specs: readonly TableSpec[]): Alias[] {
  const out: Alias[] = [];
  for (const spec of specs) spec.titles.forEach((t, i) => out.push({ norm: normalizeLabel(t), spec, primary: i === 0 }));
  return out.sort((a, b) => b.norm.length - a.norm.length);
}

/** A cell that is a table title: its text holds a spec title, with at most an org/year prefix and a label suffix. */
function titleHit(cell: GCell, aliases: Alias[]): TitleHit | null {
  if (typeof cell.value !== 'string' || textOf(cell).length > 160 || !textOf(cell).includes('表')) return null;
  const norm = normOf(cell).replace(/[\u200b\ufeff]/g, '');
  if (norm.length > 80 || !/表/.test(norm)) return null;
  let found: string | null = null;
  const specs: TableSpec[] = [];
  const primary = new Set<TableSpec>();
  let exact = false;
  for (const a of aliases) {
    if (found !== null && a.norm.length < found.length) break;
    if (found !== null && a.norm !== found) continue;
    const at = norm.indexOf(a.norm);
    if (at < 0) continue;
    const prefix = norm.slice(0, at);
    const suffix = norm.slice(at + a.norm.length);
    // a sentence naming a table (`…见公开10表《国有资产占用情况表》`) is not its title; `附表1：` is a fine prefix
    const plainPrefix = prefix.replace(/^附?表[\d一二三四五六七八九十]+[:、.]?/, '');
    if (/[。，,;；《》见:]/.test(plainPrefix) || prefix.length > 40 || !TITLE_SUFFIX.test(suffix)) continue;
    found = a.norm;
    if (!specs.includes(a.spec)) specs.push(a.spec);
    if (a.primary) primary.add(a.spec);
    exact = (prefix === '' || /^\d{4}年度?$/.test(prefix)) && suffix === '';
  }
  return specs.length ? { cell, specs, primary, exact } : null;
}

function a1(sheet: string, cell: { row: number; col: number }): string {
  return `${sheet}!${cellAddress(cell.row, cell.col)}`;
}

function confidenceOf(p: Parsed, exact: boolean): number {
  const c = 0.3 * (exact ? 1 : 0.85) + 0.5 * Math.min(1, p.fit) + 0.2 * Math.min(1, p.rowFit);
  return Math.round(c * 100) / 100;
}

export function recognise(snapshot: WorkbookSnapshot, options: RecogniseOptions = {}): Recognition {
  const result: Recognition = { tables: [], unrecognised: [], notices: [] };
  try {
    // texts recur all over a workbook: their normal forms and readings are worked out once per recognition
    withTextMemo(() => recogniseInto(snapshot, options, result));
  } catch (e) {
    // Bad input must not stop the add-in: say what happened and return what was found.
    result.notices.push(`识别中断：${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}

function recogniseInto(snapshot: WorkbookSnapshot, options: RecogniseOptions, result: Recognition): void {
  const specs = options.specs ?? SPECS;
  const minConfidence = options.minConfidence ?? 0.3;
  const aliases = aliasesOf(specs);
  const sheets = Array.isArray(snapshot?.sheets) ? snapshot.sheets : [];
  const overrides: KindOverride[] = Array.isArray(snapshot?.overrides) ? snapshot.overrides : [];
  let nonEmpty = 0;
  const decimals = new DecimalCache();
  for (const sheet of sheets) {
    if (!sheet) continue;
    const grid = new SheetGrid(sheet, decimals);
    if (sheet.protected) result.notices.push(`工作表「${sheet.name}」受保护：可以识别和审核，但不能在表上标注。`);
    if (sheet.truncated)
      result.notices.push(
        `工作表「${sheet.name}」过大，只读取了前 ${sheet.truncated.rows} 行、${sheet.truncated.cols} 列，其余内容未识别。`,
      );
    if (!grid.cellCount) {
      result.notices.push(`工作表「${sheet.name}」为空。`);
      continue;
    }
    nonEmpty++;
    recogniseSheet(
      grid,
      specs,
      aliases,
      overrides.filter((o) => o && o.sheet === sheet.name),
      minConfidence,
      options.byStructure !== false,
      result,
    );
  }
  if (!nonEmpty) result.notices.push('工作簿为空：没有可识别的内容。');
  else if (!result.tables.length) result.notices.push('未识别到任何决算公开表。');
}

function recogniseSheet(
  grid: SheetGrid,
  specs: readonly TableSpec[],
  aliases: Alias[],
  overrides: KindOverride[],
  minConfidence: number,
  byStructure: boolean,
  result: Recognition,
): void {
  const firstTable = result.tables.length;
  const hits = titleHits(grid, specs, aliases, overrides, result);
  dropReprintedTitles(grid, hits);
  const scan: SheetScan = {
    grid,
    hits,
    labelAbove: new Map(),
    lastRow: grid.rowIds[grid.rowIds.length - 1],
    minConfidence,
    covered: [],
    labelled: [],
    result,
  };
  // a `公开NN表` line right above a title belongs to that title (label printed above the title)
  for (const h of hits) {
    const cells = labelRowAbove(grid, h.cell);
    if (cells) scan.labelAbove.set(h, cells);
  }
  for (let i = 0; i < hits.length; i++) recogniseTitle(scan, i);

  // what no title claimed: tables known by their header alone (lower confidence), then sheet order
  const { covered, labelled } = scan;
  if (byStructure) {
    const found = recogniseByStructure(grid, specs, [...covered, ...labelled.map((l) => l.box)], minConfidence);
    for (const f of found.tables) {
      setMetaCells(grid, f.table);
      result.tables.push(f.table);
      covered.push(f.table.range, ...f.noteBoxes);
    }
    labelled.push(...found.labelled);
    if (found.tables.length) {
      const mine = result.tables.splice(firstTable).sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
      result.tables.push(...mine);
    }
  }

  result.unrecognised.push(...leftovers(grid, covered, labelled));
}

/** What the title hits of one sheet share while each is recognised. */
interface SheetScan {
  grid: SheetGrid;
  /** In sheet order (row, then column). */
  hits: TitleHit[];
  /** A `公开NN表` line printed right above a title. */
  labelAbove: Map<TitleHit, GCell[]>;
  lastRow: number;
  minConfidence: number;
  /** What the tables found so far take up (ranges, notes, labels above). */
  covered: RangeBox[];
  /** Regions that are no table, with the reason (a title whose header fits no spec, a user's “not a table”). */
  labelled: { box: RangeBox; reason: string }[];
  result: Recognition;
}

/** The cells that are titles (the grid lists those that print 表), and the user's overrides, in sheet order. */
function titleHits(
  grid: SheetGrid,
  specs: readonly TableSpec[],
  aliases: Alias[],
  overrides: KindOverride[],
  result: Recognition,
): TitleHit[] {
  const hits: TitleHit[] = [];
  const hitAt = new Map<string, TitleHit>();
  for (let k = 0; k < grid.withTable.length; k++) {
    const c = grid.withTable[k];
    const h = titleHit(c, aliases);
    if (h) {
      hits.push(h);
      hitAt.set(`${c.row},${c.col}`, h);
    }
  }
  for (const o of overrides) {
    let box: RangeBox;
    try {
      box = parseRange(o.anchor);
    } catch {
      result.notices.push(`工作表「${grid.name}」的表类型更正指向无效地址「${o.anchor}」，已忽略。`);
      continue;
    }
    const spec = o.specId === null ? null : specs.find((s) => s.id === o.specId);
    if (spec === undefined) {
      result.notices.push(`表类型更正「${o.specId}」不是已知的表规格，已忽略。`);
      continue;
    }
    const key = `${box.top},${box.left}`;
    let h = hitAt.get(key);
    if (!h) {
      const cell = grid.cell(box.top, box.left) ?? virtualCell(box.top, box.left);
      h = { cell, specs: [], primary: new Set(), exact: true };
      hits.push(h);
      hitAt.set(key, h);
    }
    h.override = spec;
  }
  hits.sort((a, b) => a.cell.row - b.cell.row || a.cell.col - b.cell.col);
  return hits;
}

/** Titles within this many rows of each other but in different columns start tables side by side. */
const NEAR = 3;

/**
 * The columns hit `i` may take by its neighbours: up to the next title on its right within NEAR rows (hits are
 * sorted by row: neighbours are found by walking out from the hit's index).
 */
function sideWindow(hits: readonly TitleHit[], i: number): { left: number; right: number } {
  const h = hits[i];
  let left = 0;
  let right = Number.MAX_SAFE_INTEGER;
  for (const step of [-1, 1]) {
    for (let j = i + step; j >= 0 && j < hits.length && Math.abs(hits[j].cell.row - h.cell.row) <= NEAR; j += step) {
      const k = hits[j];
      if (k.cell.col > h.cell.col) right = Math.min(right, k.cell.col - 1);
      if (k.cell.col < h.cell.col) left = h.cell.col;
    }
  }
  return { left, right };
}

/** The region of title hit `i` parsed by every spec sharing its title: a table, or a labelled region. */
function recogniseTitle(scan: SheetScan, i: number): void {
  const { grid, hits, labelAbove, labelled } = scan;
  const h = hits[i];
  const win = ownColumns(grid, h.cell, sideWindow(hits, i));
  let regionEnd = scan.lastRow;
  for (let j = i + 1; j < hits.length; j++) {
    const k = hits[j];
    if (k.cell.row <= h.cell.row || k.cell.col < win.left || k.cell.col > win.right) continue;
    const above = labelAbove.get(k);
    regionEnd = (above ? above[0].row : k.cell.row) - 1;
    break;
  }
  const box = { top: h.cell.row, bottom: regionEnd, left: win.left, right: win.right };
  if (h.override === null) {
    labelled.push({ box, reason: `用户已标记「${textOf(h.cell).trim()}」不是决算公开表` });
    return;
  }
  const view = win.left === 0 && win.right === Number.MAX_SAFE_INTEGER ? grid : new GridWindow(grid, win.left, win.right);
  // A forced spec anchored on a table found without its title (its first line is a header, a unit or label
  // line): that line is the table's first row, not a title to read below.
  const headless = !!h.override && !h.specs.length && (grid.row(h.cell.row).length > 1 || isMetaCell(h.cell));
  const best = bestParse(h, headless ? new RowFloor(view, h.cell.row) : view, grid.name, regionEnd, headless);
  if (!best) return;
  const { spec, parsed, ctx } = best;
  const forced = h.override !== undefined;
  const confidence = forced ? 1 : confidenceOf(parsed, h.exact);
  if (!forced && (!parsed.ok || confidence < scan.minConfidence)) {
    labelled.push({ box, reason: `「${textOf(h.cell).trim()}」像是${spec.title}，但表头对不上（${parsed.reasons[0]}）` });
    return;
  }
  const reasons = [
    forced ? `用户指定为「${spec.title}」（${spec.id}）` : `标题「${textOf(h.cell).trim()}」对应${spec.title}（${spec.id}）`,
    ...parsed.reasons,
  ];
  const above = labelAbove.get(h);
  if (above) {
    parsed.meta.label ??= labelOf(above.map((c) => textOf(c)).join(' '));
    for (const c of above) scan.covered.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
  }
  const table = recognisedTable(parsed, ctx.problems, {
    id: a1(grid.name, h.cell),
    kind: spec.kind,
    specId: spec.id,
    title: spec.title,
    printedTitle: headless ? null : textOf(h.cell).replace(/\s+/g, ' ').trim(),
    sheet: grid.name,
    range: parsed.range,
    anchor: { row: h.cell.row, col: h.cell.col },
    confidence,
    reasons,
  });
  setMetaCells(grid, table);
  scan.result.tables.push(table);
  scan.covered.push(parsed.range, ...parsed.noteBoxes);
}

/** Every candidate spec parses the region; the best-fitting header wins (ties: the variant's own title). */
function bestParse(
  h: TitleHit,
  grid: Ctx['grid'],
  sheet: string,
  regionEnd: number,
  headless: boolean,
): { spec: TableSpec; parsed: Parsed; ctx: Ctx; score: number } | null {
  const candidates = h.override ? [h.override] : h.specs;
  const title = headless ? virtualCell(h.cell.row - 1, h.cell.col) : h.cell;
  let best: { spec: TableSpec; parsed: Parsed; ctx: Ctx; score: number } | null = null;
  for (const spec of candidates) {
    const ctx: Ctx = { grid, sheet, problems: [] };
    const parsed = parseWithSpec(ctx, spec, { title, regionEnd });
    if (headless) parsed.range.top = h.cell.row;
    const score = (parsed.ok ? 10 : 0) + parsed.fit + 0.1 * parsed.rowFit + (h.primary.has(spec) ? 0.01 : 0);
    if (!best || score > best.score) best = { spec, parsed, ctx, score };
  }
  return best;
}

/**
 * A printed table broken over pages may print its title again at the top of the next page: the same text in
 * the same column, right under a page footer (`第 1 页，共 3 页`, `- 1 -`; at most three empty rows between).
 * That is the same table going on (its body scan steps over the line), not a new one. A title with
 * `（续）` is no title hit at all. In place; overrides are kept.
 */
function dropReprintedTitles(grid: SheetGrid, hits: TitleHit[]): void {
  const seen = new Set<string>();
  let k = 0;
  for (const h of hits) {
    const key = `${h.cell.col}\u0001${normOf(h.cell)}`;
    let reprint = false;
    if (h.override === undefined && seen.has(key)) {
      const i = grid.rowIndexFrom(h.cell.row) - 1;
      const r = i >= 0 ? grid.rowIds[i] : -1;
      reprint = r >= 0 && h.cell.row - r <= 4 && isPageFooter(grid.row(r));
    }
    seen.add(key);
    if (!reprint) hits[k++] = h;
  }
  hits.length = k;
}

/**
 * A title merged across its own table only, with another block of columns beside it past an empty column
 * (a table printed side by side whose title is missing): the title's region keeps to its own columns, so
 * that it never reads its neighbour's. Unmerged titles (centred text) say nothing about their width.
 */
function ownColumns(grid: SheetGrid, title: GCell, win: { left: number; right: number }): { left: number; right: number } {
  const m = grid.mergeAt(title.row, title.col);
  if (!m || m.top !== title.row || m.left !== title.col || m.right === m.left) return win;
  const used = new Set<number>();
  const i = grid.rowIndexFrom(title.row + 1);
  for (let k = i; k < grid.rowIds.length && k < i + 12; k++) {
    const r = grid.rowIds[k];
    for (const c of grid.rowSpan(r, win.left, win.right)) used.add(c.col);
    for (const mm of grid.mergesOnRow(r)) for (let c = Math.max(mm.left, win.left); c <= Math.min(mm.right, win.right); c++) used.add(c);
  }
  let left = m.left;
  let right = m.right;
  while (left - 1 >= win.left && used.has(left - 1)) left--;
  while (right + 1 <= win.right && used.has(right + 1)) right++;
  // only when content lies beyond an empty column on either side
  let beyond = false;
  for (const c of used) if (c < left || c > right) beyond = true;
  return beyond ? { left, right } : win;
}

/** The cells of a label-only row (`公开01表`) just above a title (at most one empty row between), or null. */
function labelRowAbove(grid: SheetGrid, title: GCell): GCell[] | null {
  const i = grid.rowIndexFrom(title.row) - 1;
  if (i < 0) return null;
  const r = grid.rowIds[i];
  if (title.row - r > 2) return null;
  const cells = grid.row(r);
  const only = cells.every(
    (c) =>
      typeof c.value === 'string' &&
      labelOf(textOf(c)) !== null &&
      textOf(c)
        .replace(/公\s*开\s*[\d\uFF10-\uFF19.．\s]+\s*表/, '')
        .trim() === '',
  );
  return only ? cells : null;
}

/** Non-empty cells outside every table, grouped into blocks of adjacent rows. */
function leftovers(grid: SheetGrid, covered: RangeBox[], labelled: { box: RangeBox; reason: string }[]): UnrecognisedRegion[] {
  const out: UnrecognisedRegion[] = [];
  let cur: { box: RangeBox; first: string; reason: string | null } | null = null;
  const flush = () => {
    if (!cur) return;
    const where = rangeAddress(cur.box);
    out.push({
      sheet: grid.name,
      range: cur.box,
      reason: cur.reason ?? `工作表「${grid.name}」${where} 有未识别的内容：「${cur.first.slice(0, 30)}」`,
    });
    cur = null;
  };
  // boxes active on the current row, by a sweep over rows sorted by top: linear however many tables there are
  const coveredActive = sweep(covered.map((box) => ({ box, reason: null as string | null })));
  const labelledActive = sweep(labelled);
  for (let k = 0; k < grid.rowIds.length; k++) {
    const r = grid.rowIds[k];
    const rowBoxes = coveredActive(r);
    const rowLabels = labelledActive(r);
    const cells = grid.row(r);
    // most rows lie inside one table from their first cell to their last (cells are sorted by column)
    if (cells.length && anySpanning(rowBoxes, r, cells[0].col, cells[cells.length - 1].col)) continue;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (anyInside(rowBoxes, r, c.col)) continue;
      const why = firstInside(rowLabels, r, c.col);
      const reason = why ? why.reason : null;
      if (cur && (r > cur.box.bottom + 1 || cur.reason !== reason)) flush();
      if (!cur) cur = { box: { top: r, bottom: r, left: c.col, right: c.col }, first: textOf(c).trim(), reason };
      else {
        cur.box.bottom = Math.max(cur.box.bottom, r);
        cur.box.left = Math.min(cur.box.left, c.col);
        cur.box.right = Math.max(cur.box.right, c.col);
      }
    }
  }
  flush();
  return out;
}

/** The boxes that reach row r. (A helper, not a closure over r: that would cost a context per row.) */
function stillOpen<T extends { it: { box: RangeBox } }>(active: T[], r: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < active.length; k++) if (active[k].it.box.bottom >= r) out.push(active[k]);
  return out;
}

function anyEnded(active: readonly { it: { box: RangeBox } }[], r: number): boolean {
  for (let k = 0; k < active.length; k++) if (active[k].it.box.bottom < r) return true;
  return false;
}

/** The first item whose box holds (r, c). (No closure in the callers' loops: it would cost a context per cell.) */
function firstInside<T extends { box: RangeBox }>(items: readonly T[], r: number, c: number): T | undefined {
  for (let k = 0; k < items.length; k++) {
    const b = items[k].box;
    if (r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) return items[k];
  }
  return undefined;
}

/** Whether one box holds row r from column `left` to column `right`. */
function anySpanning(items: readonly { box: RangeBox }[], r: number, left: number, right: number): boolean {
  for (let k = 0; k < items.length; k++) {
    const b = items[k].box;
    if (r >= b.top && r <= b.bottom && left >= b.left && right <= b.right) return true;
  }
  return false;
}

function anyInside(items: readonly { box: RangeBox }[], r: number, c: number): boolean {
  for (let k = 0; k < items.length; k++) {
    const b = items[k].box;
    if (r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) return true;
  }
  return false;
}

/**
 * For rows asked in increasing order: the boxes spanning that row (first listed first). The list is rebuilt
 * only when a box starts or ends (callers only read it).
 */
function sweep<T extends { box: RangeBox }>(items: T[]): (r: number) => T[] {
  const order = items.map((it, i) => ({ it, i })).sort((a, b) => a.it.box.top - b.it.box.top || a.i - b.i);
  let next = 0;
  let active: { it: T; i: number }[] = [];
  let spanning: T[] = [];
  return (r) => {
    let changed = false;
    while (next < order.length && order[next].it.box.top <= r) {
      active.push(order[next++]);
      changed = true;
    }
    if (anyEnded(active, r)) {
      active = stillOpen(active, r);
      changed = true;
    }
    if (changed) {
      active.sort((a, b) => a.i - b.i);
      spanning = active.map((a) => a.it);
    }
    return spanning;
  };
}

export type { Parsed };
