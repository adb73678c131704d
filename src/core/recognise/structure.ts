/**
 * Tables without a recognisable title (`表一`, `附表3`, a title in a text box, a deleted title row, a wording
 * no spec knows such as `2022年度收支总表`): a region whose header block matches a spec's structure strongly is
 * recognised with lower confidence (at most 0.7) and the reason 未找到标题，按表头结构识别.
 *
 * Per sheet, over the rows that no titled table (or region the user or the title pass labelled) touches:
 * 1. header rows: two or more cells whose whole text is a header word of some spec (one set built from the
 *    specs), no amount in the row; header rows with no data row between them form one header block;
 * 2. each header block gets a region. Grid layouts: upward over the meta lines (label, org, year, unit; one
 *    empty row allowed right above the header) and at most one title-like line, downward to the next header
 *    block. Forms: upward over the adjacent text rows (项目名称 …), downward to the next header block that
 *    follows an empty row;
 * 3. every spec parses its region as under a title; it is kept only on strong structure (`verdict`); the
 *    best wins. Two tables of different kinds fitting equally (一般公共预算 / 国有资本经营 支出表: the same
 *    columns) are told apart only by the title line, the notes or the sheet name naming one of them;
 *    otherwise the region is listed as unrecognised with both names. A missed table stays visible; a wrong
 *    table would be worse.
 * Each cell is tested once for header words; regions of one family do not overlap and each is parsed once
 * per spec: linear in the number of cells.
 */
import type { RecognisedTable } from '../model';
import { cellAddress, type RangeBox } from '../snapshot';
import type { Pattern, TableSpec } from '../specs';
import { normalizeLabel } from '../text';
import { isMetaCell, isPageFooter, rowSignature } from './body';
import { isNoteText, type Ctx } from './cells';
import { readMetaCell } from './meta';
import { RowFloor, normOf, textOf, virtualCell, type GCell, type SheetGrid } from './grid';
import { isAmountLike, isCodeLead, parseWithSpec, recognisedTable, type Parsed } from './layouts';
import { matchSegment } from './pattern';

export const NO_TITLE_REASON = '未找到标题，按表头结构识别';
/** Confidence of a table recognised without its title never exceeds this. */
export const NO_TITLE_MAX_CONFIDENCE = 0.7;
const MAX_HEADER_ROWS = 8;

/** Name and code column words printed by every disclosure header besides the specs' value columns. */
const COMMON_HEADER_WORDS: Pattern[] = ['项目*', '科目名称', '*科目编码', '类', '款', '项'];

// ---------- header words ----------

interface Vocab {
  exact: Set<string>;
  wild: RegExp | null;
  /** First + last character of the plain words; first of the words ending in `*`; last of those starting with it. */
  ends: Set<string>;
  first: Set<string>;
  last: Set<string>;
  /** A word both starts and ends with `*`: no character filter possible. */
  open: boolean;
}

const vocabCache = new WeakMap<readonly TableSpec[], Vocab>();

const QUOTE = new Set([0x201c, 0x201d, 0x301d, 0x301e]);
const OPEN = new Set([0x3010, 0x3014]);
const CLOSE = new Set([0x3011, 0x3015]);

/** normalizeLabel for one character (by code: this runs on every text cell of a sheet). */
function foldChar(code: number): string {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  if (code === 0x22 || QUOTE.has(code)) return '"';
  if (code === 0x2018 || code === 0x2019) return "'";
  if (OPEN.has(code)) return '[';
  if (CLOSE.has(code)) return ']';
  if (code >= 0x41 && code <= 0x5a) code += 0x20;
  return String.fromCharCode(code);
}

/** Whitespace as normalizeLabel removes it. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

function vocabulary(specs: readonly TableSpec[]): Vocab {
  const hit = vocabCache.get(specs);
  if (hit) return hit;
  const alts = new Set<string>();
  const add = (patterns: Pattern[] | undefined) => {
    for (const p of patterns ?? [])
      for (const seg of p.split('>'))
        for (const alt of seg.split('|')) {
          const n = normalizeLabel(alt);
          if (n.replace(/\*/g, '')) alts.add(n);
        }
  };
  for (const s of specs) {
    for (const c of s.columns ?? []) add(c.header);
    // horizontal tables print their items in the header
    if (s.layout === 'horizontal') for (const l of s.lines ?? []) add(l.names);
    for (const b of s.blocks ?? []) {
      add(b.header);
      for (const c of b.columns) add(c.header);
    }
    if (s.triple) {
      add(s.triple.code);
      add(s.triple.name);
      add(s.triple.amount);
      for (const bh of s.triple.blockHeaders) add(bh.header);
    }
    for (const sec of s.sections ?? []) {
      add(sec.cues);
      add(sec.nameHeader);
      for (const c of sec.columns) add(c.header);
    }
  }
  add(COMMON_HEADER_WORDS);
  const v: Vocab = { exact: new Set(), wild: null, ends: new Set(), first: new Set(), last: new Set(), open: false };
  const wild: string[] = [];
  for (const a of alts) {
    if (!a.includes('*')) {
      v.exact.add(a);
      v.ends.add(a[0] + a[a.length - 1]);
      continue;
    }
    wild.push(
      a
        .split('*')
        .map((part) => part.replace(/[.+?^${}()[\]\\/|]/g, '\\$&'))
        .join('.*'),
    );
    if (!a.startsWith('*') && a.endsWith('*')) v.first.add(a[0]);
    else if (a.startsWith('*') && !a.endsWith('*')) v.last.add(a[a.length - 1]);
    else if (!a.startsWith('*')) v.ends.add(a[0] + a[a.length - 1]);
    else v.open = true;
  }
  if (wild.length) v.wild = new RegExp(`^(?:${wild.join('|')})$`);
  vocabCache.set(specs, v);
  return v;
}

/** A cell whose whole text is a header word of some spec. Most cells are turned away by their first/last character. */
function isHeaderWord(v: Vocab, c: GCell): boolean {
  if (typeof c.value !== 'string') return false;
  const t = textOf(c);
  let a = 0;
  let z = t.length - 1;
  while (a <= z && isSpace(t.charCodeAt(a))) a++;
  while (z >= a && isSpace(t.charCodeAt(z))) z--;
  if (a > z || z - a >= 40) return false;
  if (!v.open && t.charCodeAt(a) !== 0x3c) {
    const f = foldChar(t.charCodeAt(a));
    const l = foldChar(t.charCodeAt(z));
    if (!v.ends.has(f + l) && !v.first.has(f) && !v.last.has(l)) return false;
  }
  const n = normOf(c);
  return v.exact.has(n) || (v.wild !== null && v.wild.test(n));
}

/** isAmountLike, with text that cannot start a number turned away before parsing it. */
function amountLike(c: GCell): boolean {
  if (typeof c.value === 'string' && !/^[\s\u3000(（\-+－¥￥.．0-9０-９]/.test(textOf(c))) return false;
  return isAmountLike(c);
}

// ---------- which specs a header block can fit at all ----------

/**
 * Per spec, the parts its header needs (one alternative list of leaf words each) and how many must be printed
 * for `verdict` to accept: 80 % of the required columns (grids), code + name + amount (triples), one value
 * column (horizontal), every cue of one section (forms: the form's first header block opens a section).
 */
interface Needs {
  parts: Pattern[][];
  min: number;
  /** Forms: any one part complete (its words all present) suffices. */
  anyWhole: boolean;
}

interface Screen {
  needs: Needs[];
  /** Header word → `spec:part` keys it can stand for (memo). */
  memo: Map<string, string[]>;
}

const screenCache = new WeakMap<readonly TableSpec[], Screen>();

const leaf = (p: Pattern) => p.split('>').pop()!;

function screenOf(specs: readonly TableSpec[]): Screen {
  const hit = screenCache.get(specs);
  if (hit) return hit;
  const needs = specs.map((s): Needs => {
    switch (s.layout) {
      case 'rows':
      case 'side-by-side': {
        const cols = [...(s.columns ?? []), ...(s.blocks ?? []).flatMap((b) => b.columns)].filter((c) => !c.optional);
        return { parts: cols.map((c) => c.header.map(leaf)), min: Math.ceil(0.8 * cols.length - 1e-9), anyWhole: false };
      }
      case 'blocks':
        return { parts: s.triple ? [s.triple.code, s.triple.name, s.triple.amount] : [], min: 3, anyWhole: false };
      case 'horizontal':
        return { parts: [(s.columns ?? []).flatMap((c) => c.header.map(leaf))], min: 1, anyWhole: false };
      case 'form':
        // every cue of a section is one part of its own: `anyWhole` asks for all cues of one section
        return { parts: (s.sections ?? []).map((sec) => sec.cues), min: 1, anyWhole: true };
    }
  });
  const sc: Screen = { needs, memo: new Map() };
  screenCache.set(specs, sc);
  return sc;
}

/** Keys `spec:part[:cue]` a printed header word can satisfy. */
function keysOf(sc: Screen, word: string): string[] {
  let keys = sc.memo.get(word);
  if (!keys) {
    keys = [];
    sc.needs.forEach((nd, si) =>
      nd.parts.forEach((alts, pi) => {
        if (nd.anyWhole) alts.forEach((cue, ci) => matchSegment(cue, word) && keys!.push(`${si}:${pi}:${ci}`));
        else if (alts.some((a) => matchSegment(a, word))) keys!.push(`${si}:${pi}`);
      }),
    );
    sc.memo.set(word, keys);
  }
  return keys;
}

/** Indexes of the specs whose needs the words of a header block meet. */
function possibleSpecs(sc: Screen, words: Set<string>): Set<number> {
  const got = new Set<string>();
  for (const w of words) for (const k of keysOf(sc, w)) got.add(k);
  const out = new Set<number>();
  sc.needs.forEach((nd, si) => {
    if (nd.anyWhole) {
      if (nd.parts.some((cues, pi) => cues.every((_, ci) => got.has(`${si}:${pi}:${ci}`)))) out.add(si);
    } else if (nd.parts.filter((_, pi) => got.has(`${si}:${pi}`)).length >= nd.min && nd.min > 0) out.add(si);
  });
  return out;
}

// ---------- free rows ----------

/** Runs of non-empty rows that no box touches (a box between two rows ends a run). */
function freeRuns(grid: SheetGrid, boxes: RangeBox[]): number[][] {
  const spans = boxes.map((b) => [b.top, b.bottom]).sort((a, b) => a[0] - b[0]);
  const runs: number[][] = [];
  let cur: number[] = [];
  let k = 0;
  let coveredTo = -1;
  for (let i = 0; i < grid.rowIds.length; i++) {
    const r = grid.rowIds[i];
    while (k < spans.length && spans[k][0] <= r) {
      if (cur.length && spans[k][0] > cur[cur.length - 1]) {
        runs.push(cur);
        cur = [];
      }
      coveredTo = Math.max(coveredTo, spans[k][1]);
      k++;
    }
    if (r <= coveredTo) {
      if (cur.length) {
        runs.push(cur);
        cur = [];
      }
      continue;
    }
    cur.push(r);
  }
  if (cur.length) runs.push(cur);
  return runs;
}

// ---------- regions ----------

interface RegionPlan {
  /** First row of the region (title line, meta line, form row or the header). */
  top: number;
  end: number;
  /** The title-like line's cell, when one sits on top. */
  title: GCell | null;
}

interface HeaderBlockAt {
  first: number;
  last: number;
  /** Indexes in the run of the first and last header rows; number of header rows. */
  i: number;
  j: number;
  n: number;
  gridTop: number;
  gridTitle: number | null;
  formTop: number;
  formTitle: number | null;
  /** An empty row (or the run's start) lies above the grid / form region: a table may begin here. */
  gridStart: boolean;
  formStart: boolean;
}

export interface StructureResult {
  tables: { table: RecognisedTable; noteBoxes: RangeBox[] }[];
  /** Regions that fit two tables equally: listed as unrecognised with this reason. */
  labelled: { box: RangeBox; reason: string }[];
}

/** The titled pass's leftovers on one sheet, searched for tables by their header structure. */
export function recogniseByStructure(
  grid: SheetGrid,
  specs: readonly TableSpec[],
  blocked: RangeBox[],
  minConfidence: number,
): StructureResult {
  const out: StructureResult = { tables: [], labelled: [] };
  const vocab = vocabulary(specs);
  for (const run of freeRuns(grid, blocked)) searchRun(grid, specs, vocab, run, minConfidence, out);
  return out;
}

function searchRun(
  grid: SheetGrid,
  specs: readonly TableSpec[],
  vocab: Vocab,
  rows: number[],
  minConfidence: number,
  out: StructureResult,
): void {
  const run = new RunRows(grid, vocab, rows);
  const blocks = headerBlocks(run);
  if (!blocks.length) return;
  placeRegions(run, blocks);
  judgeBlocks(run, blocks, specs, minConfidence, out);
}

/** The rows of one free run (`rows`: their sheet rows, ascending) and what each row is, worked out once. */
class RunRows {
  private readonly headerRow = new Map<number, boolean>();
  constructor(
    readonly grid: SheetGrid,
    readonly vocab: Vocab,
    readonly rows: number[],
  ) {}

  /** Two header words or more, and no amount. */
  isHeaderRow(r: number): boolean {
    let v = this.headerRow.get(r);
    if (v === undefined) {
      const cells = this.grid.row(r);
      let hits = 0;
      for (const c of cells) if (isHeaderWord(this.vocab, c) && ++hits >= 2) break;
      v = hits >= 2 && !cells.some(amountLike);
      this.headerRow.set(r, v);
    }
    return v;
  }

  isDataRow(r: number): boolean {
    const cells = this.grid.row(r);
    return cells.some(amountLike) || (cells.length > 0 && isCodeLead(cells[0]));
  }

  isMetaRow(r: number): boolean {
    return this.grid.row(r).every(isMetaCell);
  }

  /** One text cell (besides meta cells), short, not a note, not a header word: `表一`, `2022年度收支总表`. */
  isTitleLike(r: number): boolean {
    const cells = this.grid.row(r).filter((c) => !isMetaCell(c));
    if (cells.length !== 1) return false;
    const c = cells[0];
    // a page footer (`第 1 页，共 3 页`) names no table
    if (typeof c.value !== 'string' || isHeaderWord(this.vocab, c) || isNoteText(textOf(c)) || isPageFooter(cells)) return false;
    const n = normOf(c);
    return n.length >= 2 && n.length <= 60 && !/[。；;]/.test(n);
  }
}

/** 1. The header blocks: header rows at most 3 rows apart with no data row between them. */
function headerBlocks(run: RunRows): HeaderBlockAt[] {
  const { rows } = run;
  const blocks: HeaderBlockAt[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!run.isHeaderRow(r)) continue;
    const prev = blocks[blocks.length - 1];
    let joined = false;
    if (prev && r - prev.last <= 3) {
      joined = true;
      for (let k = prev.j + 1; k < i; k++) if (run.isDataRow(rows[k])) joined = false;
    }
    if (joined) {
      prev.last = r;
      prev.j = i;
      prev.n++;
    } else {
      blocks.push({
        first: r,
        last: r,
        i,
        j: i,
        n: 1,
        gridTop: i,
        gridTitle: null,
        formTop: i,
        formTitle: null,
        gridStart: false,
        formStart: false,
      });
    }
  }
  return blocks;
}

/** 2. Where each block's region begins (never above the previous header block), for a grid and for a form. */
function placeRegions(run: RunRows, blocks: HeaderBlockAt[]): void {
  const { grid, rows } = run;
  /**
   * A header block printed again at the top of a page: its first row repeats an earlier block's first row,
   * and a page footer lies just above it (only empty rows, a `续表` / title-like line or meta lines between).
   * The table goes on: it begins no region (its body scan steps over the reprint).
   */
  const firstRows = new Set<string>();
  const reprinted = (b: HeaderBlockAt, floor: number): boolean => {
    const sig = rowSignature(grid.row(b.first));
    const seen = firstRows.has(sig);
    firstRows.add(sig);
    if (!seen) return false;
    for (let k = b.i - 1; k > floor && b.i - k <= 3; k--) {
      if (b.first - rows[k] > 7) return false;
      if (isPageFooter(grid.row(rows[k]))) return true;
      if (!run.isMetaRow(rows[k]) && !run.isTitleLike(rows[k])) return false;
    }
    return false;
  };
  blocks.forEach((b, n) => {
    const floor = n > 0 ? blocks[n - 1].j : -1;
    for (let k = b.i - 1; k > floor && b.i - k <= 6; k--) {
      // one empty row may sit between two lines (a deleted title leaves one between label and unit)
      if (rows[k + 1] - rows[k] > 2) break;
      if (run.isMetaRow(rows[k])) {
        b.gridTop = k;
        continue;
      }
      if (run.isTitleLike(rows[k])) {
        b.gridTop = k;
        b.gridTitle = k;
        // a label or unit line printed above the title line
        while (b.gridTop - 1 > floor && rows[b.gridTop] - rows[b.gridTop - 1] === 1 && run.isMetaRow(rows[b.gridTop - 1])) b.gridTop--;
      }
      break;
    }
    for (let k = b.i - 1; k > floor && b.i - k <= 12; k--) {
      if (rows[k + 1] - rows[k] > 1 || run.isHeaderRow(rows[k])) break;
      const cells = grid.row(rows[k]);
      if (cells.every((c) => typeof c.value === 'string') && isNoteText(textOf(cells[0]), false)) break;
      b.formTop = k;
    }
    if (run.isTitleLike(rows[b.formTop])) b.formTitle = b.formTop;
    // Only a header block after an empty row (or at the run's start) begins a region: a block inside a table
    // (`年初结转和结余 | 年末结转和结余` lines, a form's second section) does not cut it, and regions of one
    // family never overlap.
    b.gridStart = b.gridTop === 0 || rows[b.gridTop] - rows[b.gridTop - 1] > 1;
    b.formStart = b.formTop === 0 || rows[b.formTop] - rows[b.formTop - 1] > 1;
    if (reprinted(b, floor)) b.gridStart = b.formStart = false;
  });
}

/** 3. Each block that begins a region: parsed by the specs its header words allow, judged, kept. */
function judgeBlocks(
  run: RunRows,
  blocks: HeaderBlockAt[],
  specs: readonly TableSpec[],
  minConfidence: number,
  out: StructureResult,
): void {
  const { grid, rows } = run;
  const screen = screenOf(specs);
  /** Texts of the header rows: from the block's first row down to the first data row (at most a header's height). */
  const wordsOf = (b: HeaderBlockAt) => {
    const words = new Set<string>();
    for (let k = b.i; k < rows.length && k <= b.j + MAX_HEADER_ROWS && (k <= b.j || !run.isDataRow(rows[k])); k++) {
      for (const c of grid.row(rows[k])) if (typeof c.value === 'string' && textOf(c).length <= 40) words.add(normOf(c));
    }
    return words;
  };
  const runEnd = rows[rows.length - 1];
  let taken = -1;
  const titleCell = (k: number | null) => (k === null ? null : grid.row(rows[k]).find((c) => !isMetaCell(c))!);
  const isStart = (b: HeaderBlockAt) => b.gridStart || b.formStart;
  /** First row of what a start block begins. */
  const startRow = (b: HeaderBlockAt) => rows[Math.min(b.gridStart ? b.gridTop : b.i, b.formStart ? b.formTop : b.i)];
  let nextAt = 0;
  blocks.forEach((b, n) => {
    // a header is a few rows; rows and rows of header words are a list, not a table
    if (b.first <= taken || !isStart(b) || b.n > MAX_HEADER_ROWS) return;
    // a region ends where the next one (of either family) begins; the pointer only moves forward: linear
    nextAt = Math.max(nextAt, n + 1);
    while (nextAt < blocks.length && !isStart(blocks[nextAt])) nextAt++;
    const end = nextAt < blocks.length ? startRow(blocks[nextAt]) - 1 : runEnd;
    const grid_: RegionPlan | null = b.gridStart ? { top: rows[b.gridTop], end, title: titleCell(b.gridTitle) } : null;
    const form: RegionPlan | null = b.formStart ? { top: rows[b.formTop], end, title: titleCell(b.formTitle) } : null;
    const headerCol = grid.row(b.first)[0].col;
    const possible = possibleSpecs(screen, wordsOf(b));
    if (!possible.size) return;
    const found = judge(
      grid,
      specs.filter((_, si) => possible.has(si)),
      grid_,
      form,
      headerCol,
      taken,
    );
    if (!found) return;
    if (found.kind === 'ambiguous') {
      out.labelled.push({ box: found.box, reason: found.reason });
      taken = found.box.bottom;
      return;
    }
    if (found.table.confidence < minConfidence) return;
    out.tables.push({ table: found.table, noteBoxes: found.noteBoxes });
    taken = Math.max(found.table.range.bottom, ...found.noteBoxes.map((x) => x.bottom));
  });
}

// ---------- judging ----------

interface Candidate {
  spec: TableSpec;
  parsed: Parsed;
  ctx: Ctx;
  plan: RegionPlan;
  score: number;
}

type Judged = { kind: 'table'; table: RecognisedTable; noteBoxes: RangeBox[] } | { kind: 'ambiguous'; box: RangeBox; reason: string };

/**
 * Strong structure, or null. Grids: ≥ 80 % of the spec's columns, ≥ 75 % of the header's value columns
 * explained, two specific (non-generic) column words, plus a code column / coded rows (coded tables) or
 * three named lines; a header of five specific words and more stands without rows. Triples: two of them
 * and three economic codes. Horizontal: three items. Forms: every required section and at least two.
 * Returns the score (higher explains more of the region).
 */
export function verdict(spec: TableSpec, p: Parsed): number | null {
  const e = p.evidence;
  if (!p.ok) return null;
  // A header with nothing under it (a page header repeated after the last page, a template's empty head) is
  // no evidence of a table: without a title, only a header that heads rows counts.
  if (p.rows.length === 0) return null;
  switch (spec.layout) {
    case 'rows':
    case 'side-by-side': {
      const cols = [...(spec.columns ?? []), ...(spec.blocks ?? []).flatMap((b) => b.columns)];
      const required = cols.filter((c) => !c.optional).length;
      if (p.fit < 0.8 || e.coverage < 0.75 || e.specific < Math.min(2, required)) return null;
      const rows = (spec.codes !== undefined && (e.codeColumn || e.codedRows >= 2)) || e.lines >= 3;
      if (!rows && !(e.specific >= 5 && p.fit >= 0.9 && e.coverage >= 0.9)) return null;
      break;
    }
    case 'blocks':
      if (e.parts < 2 || !e.codeColumn || e.codedRows < 3) return null;
      break;
    case 'horizontal':
      if (e.lines < 3 || p.fit < 0.8) return null;
      break;
    case 'form':
      if (p.fit < 1 || e.parts < 2) return null;
      break;
  }
  return p.fit + e.coverage + 0.5 * p.rowFit + 0.25 * e.lineShare + 0.01 * (e.parts + e.lines);
}

/** Confidence of a table found by its structure: at most 0.7, less for a looser fit. */
function confidenceOf(p: Parsed): number {
  const c = NO_TITLE_MAX_CONFIDENCE * (0.6 * Math.min(1, p.fit) + 0.4 * Math.min(1, p.rowFit));
  return Math.round(c * 100) / 100;
}

/** A budget table (预算表) is not a disclosure of accounts, however alike its header. */
function isForeignTitle(text: string): boolean {
  const n = normalizeLabel(text);
  return /预算/.test(n) && !/决算/.test(n);
}

function judge(
  grid: SheetGrid,
  specs: readonly TableSpec[],
  gridPlan: RegionPlan | null,
  formPlan: RegionPlan | null,
  headerCol: number,
  taken: number,
): Judged | null {
  const candidates: Candidate[] = [];
  for (const spec of specs) {
    const plan = spec.layout === 'form' ? formPlan : gridPlan;
    if (!plan || plan.top <= taken) continue;
    if (plan.title && isForeignTitle(textOf(plan.title))) continue;
    const title = plan.title ?? virtualCell(plan.top - 1, headerCol);
    const ctx: Ctx = { grid: new RowFloor(grid, plan.top), sheet: grid.name, problems: [] };
    const parsed = parseWithSpec(ctx, spec, { title, regionEnd: plan.end });
    const score = verdict(spec, parsed);
    if (score !== null) candidates.push({ spec, parsed, ctx, plan, score });
  }
  if (!candidates.length) return null;
  candidates.sort((x, y) => y.score - x.score);
  let best = candidates[0];
  const rivals = candidates.filter((c) => c.spec.kind !== best.spec.kind && best.score - c.score < 1e-9);
  let hint: string | null = null;
  const tied = [best, ...rivals];
  if (rivals.length) {
    const named = namedIn(grid.name, tied);
    if (!named) {
      const box = boxOf(best);
      const names = [...new Set(tied.map((c) => `「${c.spec.title}」`))].join('');
      return { kind: 'ambiguous', box, reason: `${rangeText(grid.name, box)} 未找到标题；表头结构与${names}都相符，无法确定是哪张表` };
    }
    best = named.candidate;
    hint = named.text;
  }
  const { spec, parsed, ctx, plan } = best;
  const range = boxOf(best);
  // meta lines above the title line (a label or unit printed over it): the title's prelude reads only below it
  if (plan.title)
    for (const r of grid.rowsBetween(plan.top, plan.title.row - 1)) for (const c of grid.row(r)) readMetaCell(textOf(c), parsed.meta);
  const anchorCell = plan.title ?? grid.rowSpan(range.top, range.left, range.right)[0] ?? grid.row(range.top)[0];
  const table = recognisedTable(parsed, ctx.problems, {
    id: `${grid.name}!${cellAddress(anchorCell.row, anchorCell.col)}`,
    kind: spec.kind,
    specId: spec.id,
    title: spec.title,
    printedTitle: plan.title ? textOf(plan.title).replace(/\s+/g, ' ').trim() : null,
    sheet: grid.name,
    range,
    anchor: { row: anchorCell.row, col: anchorCell.col },
    confidence: confidenceOf(parsed),
    reasons: [
      NO_TITLE_REASON,
      `表头结构对应${spec.title}（${spec.id}）`,
      ...(hint
        ? [
            `与表头结构相同的${[...new Set(tied.filter((c) => c.spec.kind !== spec.kind).map((c) => c.spec.title))].join('、')}按「${hint}」区分`,
          ]
        : []),
      ...parsed.reasons,
    ],
  });
  return { kind: 'table', table, noteBoxes: parsed.noteBoxes };
}

/** The parsed range, starting at the region's first row (the virtual title row above it is not the table's). */
function boxOf(c: Candidate): RangeBox {
  return { ...c.parsed.range, top: c.plan.top };
}

function rangeText(sheet: string, box: RangeBox): string {
  const a = cellAddress(box.top, box.left);
  const z = cellAddress(box.bottom, box.right);
  return `工作表「${sheet}」${a === z ? a : `${a}:${z}`}`;
}

/** What a title names, without `决算表`/`情况表`: `一般公共预算财政拨款支出`. */
function stemsOf(spec: TableSpec): string[] {
  return spec.titles
    .map((t) =>
      normalizeLabel(t)
        .replace(/["、]/g, '')
        .replace(/表$/, '')
        .replace(/(明细|情况)$/, '')
        .replace(/决算(总)?$/, ''),
    )
    .filter((s) => s.length >= 6);
}

/**
 * Among tied candidates, the one whose name the title line, the notes or the sheet name print (the longest
 * name printed wins; none or a tie: null).
 */
function namedIn(sheet: string, tied: Candidate[]): { candidate: Candidate; text: string } | null {
  const c0 = tied[0];
  const texts = [c0.plan.title ? textOf(c0.plan.title) : '', ...c0.parsed.notes, sheet].filter((t) => t);
  for (const text of texts) {
    const n = normalizeLabel(text).replace(/["、]/g, '');
    let bestLen = 0;
    let winners: Candidate[] = [];
    for (const c of tied) {
      const len = Math.max(
        0,
        ...stemsOf(c.spec)
          .filter((s) => n.includes(s))
          .map((s) => s.length),
      );
      if (len > bestLen) {
        bestLen = len;
        winners = [c];
      } else if (len === bestLen && len > 0) winners.push(c);
    }
    const kinds = new Set(winners.map((w) => w.spec.kind));
    if (bestLen > 0 && kinds.size === 1) return { candidate: winners[0], text: text.trim().slice(0, 40) };
  }
  return null;
}
