/** The five layouts of docs: each turns a title's region into columns and logical rows, using its spec. */
import { functionClassByName, isKnownClassOf } from '../classification';
import type { CellAmount, ColumnInfo, TableRow } from '../model';
import type { RangeBox } from '../snapshot';
import { qualifiedAddress } from '../snapshot';
import type { ColumnSpec, FormSection, LineSpec, TableSpec } from '../specs/types';
import { lineKeyText } from '../text';
import { prelude, scanBody, isMetaCell } from './body';
import { amountAt, amountOf, codeAndName, codeDigits, codeRaw, codeToken, isNoteText, isNumeric, levelOfCode, type Ctx } from './cells';
import { normOf, textOf, type GCell } from './grid';
import { buildHeader, type HeaderBlock } from './header';
import { readMetaCell, type Meta } from './meta';
import { matchAny, matchKey, matchName, matchPath, matchSegment } from './pattern';

export interface Parsed {
  ok: boolean;
  /** How well the header fits the spec, 0..1. */
  fit: number;
  /** Share of rows placed by code or line name, 0..1. */
  rowFit: number;
  reasons: string[];
  columns: ColumnInfo[];
  rows: TableRow[];
  notes: string[];
  noteBoxes: RangeBox[];
  range: RangeBox;
  meta: Meta;
  /** What the header and rows show by themselves (used when a region has no title, see structure.ts). */
  evidence: Evidence;
}

/**
 * Structural facts of a parse, independent of the title. Meanings per layout: columns for rows and
 * side-by-side; triples for blocks; item × value columns for horizontal; sections for forms.
 */
export interface Evidence {
  /** Share of the header's value columns (from the first matched column rightwards) that a spec column took. */
  coverage: number;
  /** Non-optional spec columns matched under a header that is not a generic word (金额, 合计, 小计…). */
  specific: number;
  /** The header prints a code column (科目编码, 类 | 款 | 项). */
  codeColumn: boolean;
  /** Rows whose code lies in a known 类 of the spec's classification (function 类 named in words count too). */
  codedRows: number;
  /** Distinct named lines placed (horizontal: items; form: rows). */
  lines: number;
  /** Share of the spec's named lines placed (0 when it names none). */
  lineShare: number;
  /** Matched columns, triples, item values or sections: how much of the table the spec explains. */
  parts: number;
}

const NO_EVIDENCE: Evidence = { coverage: 0, specific: 0, codeColumn: false, codedRows: 0, lines: 0, lineShare: 0, parts: 0 };

/** Header words that say nothing about which table this is. */
const GENERIC_HEADER = /^(金额|合计|小计|总计|数量|数额|决算金额)$/;
const CODE_HEADER = /(编码|代码)$|^(类|款|项)$/;

function hasCodeColumn(header: HeaderBlock): boolean {
  for (const hc of header.columns.values()) if (hc.path.some((p) => CODE_HEADER.test(p))) return true;
  return false;
}

/** Coded rows of a known 类 and distinct named lines among parsed rows. */
function rowEvidence(rows: TableRow[], codes: 'function' | 'economic' | undefined): { codedRows: number; lines: number } {
  const tally = new RowTally(codes);
  for (let k = 0; k < rows.length; k++) tally.add(rows[k]);
  return tally.result();
}

/** rowEvidence counted row by row, as rows are made (a row is read while it is still in the cache). */
class RowTally {
  private codedRows = 0;
  private readonly lines = new Set<string>();

  constructor(private readonly codes: 'function' | 'economic' | undefined) {}

  add(r: TableRow): void {
    if (r.code !== null) {
      if (isClassifiedCode(r.code) && isKnownClassOf(r.code, this.codes ?? 'function')) this.codedRows++;
    } else if (!/^row\d/.test(r.key)) this.lines.add(`${r.block}/${r.key}`);
  }

  result(): { codedRows: number; lines: number } {
    return { codedRows: this.codedRows, lines: this.lines.size };
  }
}

/** 3, 5 or 7 digits (what `/^(\d{3}|\d{5}|\d{7})$/` accepts), by a scan: this runs on every coded row. */
function isClassifiedCode(code: string): boolean {
  if (code.length !== 3 && code.length !== 5 && code.length !== 7) return false;
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return false;
  }
  return true;
}

interface Region {
  title: GCell;
  regionEnd: number;
}

const MAX_HEADER_ROWS = 8;

export function parseWithSpec(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  switch (spec.layout) {
    case 'rows':
    case 'side-by-side':
    case 'blocks':
      return parseGrid(ctx, spec, region);
    case 'horizontal':
      return parseHorizontal(ctx, spec, region);
    case 'form':
      return parseForm(ctx, spec, region);
  }
}

// ---------- shared ----------

interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function extend(b: Bounds, row: number, col: number): void {
  b.bottom = Math.max(b.bottom, row);
  b.left = Math.min(b.left, col);
  b.right = Math.max(b.right, col);
}

/** Extends bounds by a cell and, when it is a merge's top-left, by the whole merge. */
function extendCell(ctx: Ctx, b: Bounds, c: GCell): void {
  extend(b, c.row, c.col);
  const m = ctx.grid.mergeAt(c.row, c.col);
  if (m && m.top === c.row && m.left === c.col) extend(b, m.bottom, m.right);
}

/**
 * extendCell for every cell of row r in [left, right], without looking up a merge per cell: the row's first
 * and last cells, and the merges that start at one of its cells.
 */
function extendRow(ctx: Ctx, b: Bounds, r: number, left: number, right: number): void {
  const cells = ctx.grid.rowSpan(r, left, right);
  if (!cells.length) return;
  extend(b, r, cells[0].col);
  extend(b, r, cells[cells.length - 1].col);
  for (const m of ctx.grid.mergesOnRow(r)) {
    if (m.top !== r || m.left < left || m.left > right || !ctx.grid.cell(r, m.left)) continue;
    // the merge extendCell would find at that cell (overlapping merges: the first listed)
    if (ctx.grid.mergeAt(r, m.left) === m) extend(b, m.bottom, m.right);
  }
}

function startBounds(ctx: Ctx, title: GCell): Bounds {
  const b = { top: title.row, bottom: title.row, left: title.col, right: title.col };
  if (textOf(title)) extendCell(ctx, b, title);
  return b;
}

/** Header rows from `start` up to the first row whose lead cell starts the data. */
function splitHeader(
  ctx: Ctx,
  start: number,
  regionEnd: number,
  isLead: (cells: GCell[]) => boolean,
): { headerRows: number[]; dataStart: number } {
  const headerRows: number[] = [];
  for (let r = ctx.grid.nextRow(start, regionEnd); r >= 0; r = ctx.grid.nextRow(r + 1, regionEnd)) {
    const cells = ctx.grid.row(r).filter((c) => !isMetaCell(c));
    if (!cells.length) continue;
    if (headerRows.length && (isLead(cells) || (typeof cells[0].value === 'string' && isNoteText(textOf(cells[0]))))) {
      return { headerRows, dataStart: r };
    }
    if (headerRows.length >= MAX_HEADER_ROWS) return { headerRows: headerRows.slice(0, 1), dataStart: headerRows[1] };
    headerRows.push(r);
  }
  return { headerRows, dataStart: regionEnd + 1 };
}

export function isAmountLike(c: GCell): boolean {
  if (!isNumeric(c)) return false;
  const n = typeof c.value === 'number' ? c.value : Number(String(c.value).replace(/[,，\s]/g, ''));
  return !Number.isInteger(n) || Math.abs(n) > 100;
}

function allLineNames(lines: LineSpec[]): string[] {
  return lines.flatMap((l) => l.names);
}

export function isCodeLead(c: GCell): boolean {
  const t = codeToken(c);
  if (t && t.digits.length >= 3) return true;
  return typeof c.value === 'string' && codeAndName(textOf(c)) !== null;
}

interface MatchedColumn {
  col: number;
  spec: ColumnSpec;
  header: string;
  block?: string;
}

/** Assigns column specs to header columns: the most specific pattern wins, each key once, left to right. */
function matchColumns(header: HeaderBlock, left: number, right: number, specs: ColumnSpec[], block?: string) {
  const out: MatchedColumn[] = [];
  const used = new Set<string>();
  for (let c = left; c <= right; c++) {
    const hc = header.columns.get(c);
    if (!hc || !hc.path.length) continue;
    let best: ColumnSpec | null = null;
    let bestScore = 0;
    for (const s of specs) {
      if (used.has(s.key)) continue;
      for (const p of s.header) {
        const score = matchPath(p, hc.path);
        if (score > bestScore) {
          best = s;
          bestScore = score;
        }
      }
    }
    if (best) {
      used.add(best.key);
      out.push({ col: c, spec: best, header: hc.printed.join('/'), block });
    }
  }
  const missing = specs.filter((s) => !used.has(s.key) && !s.optional);
  const required = specs.filter((s) => !s.optional).length;
  return { matched: out, missing, required };
}

function columnInfo(m: MatchedColumn): ColumnInfo {
  const info: ColumnInfo = { key: m.spec.key, header: m.header, kind: m.spec.kind ?? 'amount', col: m.col };
  if (m.block) info.block = m.block;
  return info;
}

/** Picks the line spec for a row name: one not used yet, preferring one whose `after` line has been seen. */
function pickLine(lines: LineSpec[], name: string, used: Set<string>): LineSpec | null {
  let plain: LineSpec | null = null;
  const key = lineKeyText(name);
  if (!key) return null;
  for (const l of lines) {
    if (used.has(l.key) || !matchKey(l.names, key)) continue;
    if (l.after) {
      if (used.has(l.after)) return l;
    } else plain ??= l;
  }
  return plain;
}

function uniqueKey(ctx: Ctx, key: string, seen: Set<string>, row: number, col: number): string {
  if (!seen.has(key)) {
    seen.add(key);
    return key;
  }
  ctx.problems.push(`${qualifiedAddress(ctx.sheet, row, col)} 编码「${key}」在表中重复出现`);
  const k = `${key}@${row + 1}`;
  seen.add(k);
  return k;
}

function checkCode(ctx: Ctx, code: string, row: number, col: number): void {
  if (code.length !== 3 && code.length !== 5 && code.length !== 7) {
    ctx.problems.push(`${qualifiedAddress(ctx.sheet, row, col)} 编码「${code}」位数不对（应为 3、5 或 7 位）`);
  }
}

function fitReasons(matched: number, required: number, missing: ColumnSpec[]): string {
  const label = (m: ColumnSpec) =>
    m.header[m.header.length - 1]
      .split('>')
      .map((seg) => seg.split('|')[0].replace(/\*/g, ''))
      .join('/');
  const miss = missing.length ? `；缺少：${missing.map(label).join('、')}` : '';
  return `表头对上 ${matched}/${required} 个栏目${miss}`;
}

/** Meta cells printed inside the header rows (`金额单位：元` at the right of the first header row). */
function readHeaderMeta(ctx: Ctx, headerRows: number[], meta: Meta, bounds: Bounds): void {
  for (const r of headerRows) {
    for (const c of ctx.grid.row(r)) {
      if (isMetaCell(c)) {
        readMetaCell(textOf(c), meta);
        extendCell(ctx, bounds, c);
      }
    }
  }
}

// ---------- rows / side-by-side / blocks ----------

interface RowsBlock {
  block: string;
  left: number;
  right: number;
  columns: ColumnSpec[];
  lines: LineSpec[];
  functionClassLines: boolean;
}

/**
 * What every layout parser starts with: the title's meta lines (label, org, year, unit), the table's bounds
 * grown over them, and the failed parse to return when the region holds no table.
 */
function opening(ctx: Ctx, region: Region) {
  const pre = prelude(ctx, region.title, region.regionEnd);
  const bounds = startBounds(ctx, region.title);
  for (const c of pre.metaCells) extendCell(ctx, bounds, c);
  const fail = (reason: string): Parsed => ({
    ok: false,
    fit: 0,
    rowFit: 0,
    reasons: [reason],
    columns: [],
    rows: [],
    notes: [],
    noteBoxes: [],
    range: bounds,
    meta: pre.meta,
    evidence: NO_EVIDENCE,
  });
  return { pre, bounds, fail };
}

/**
 * The header block under the meta lines (its header paths, and the unit/year it may carry) and the body under
 * it, both grown into the table's bounds. `isLead` tells the first body row; null when there is no header.
 */
function headerAndBody(ctx: Ctx, region: Region, start: number, meta: Meta, bounds: RangeBox, isLead: (cells: GCell[]) => boolean) {
  const { headerRows, dataStart } = splitHeader(ctx, start, region.regionEnd, isLead);
  const header = buildHeader(ctx, headerRows, isMetaCell);
  if (header.right < header.left) return null;
  for (const r of headerRows) for (const c of ctx.grid.rowSpan(r, header.left, header.right)) extendCell(ctx, bounds, c);
  readHeaderMeta(ctx, headerRows, meta, bounds);
  extend(bounds, headerRows[headerRows.length - 1], header.left);
  extend(bounds, headerRows[headerRows.length - 1], header.right);
  const body = scanBody(ctx, dataStart, region.regionEnd, header.left, header.right, { headerRows, title: region.title });
  for (const r of body.dataRows) extendRow(ctx, bounds, r, header.left, header.right);
  return { headerRows, header, body };
}

function parseGrid(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { pre, bounds, fail: empty } = opening(ctx, region);
  if (pre.start === null) return empty('标题下没有表头');

  const lines = spec.lines ?? [];
  const blockLines = (spec.blocks ?? []).flatMap((b) => b.lines);
  const names = allLineNames([...lines, ...blockLines]);
  const classLines = spec.functionClassLines || (spec.blocks ?? []).some((b) => b.functionClassLines);
  const isLine = (c: GCell) =>
    typeof c.value === 'string' && (matchName(names, textOf(c)) || (classLines && functionClassByName(textOf(c)) !== null));
  const isLead = (cells: GCell[]): boolean => {
    const c = cells[0];
    if (isCodeLead(c)) return true;
    // a row of amounts without code or name (the 合计 row of 云南 05表): 栏次 numbers are small integers
    if (cells.some(isAmountLike)) return true;
    // a named line, unless the row goes on with header words (`合计 | 基本支出结转 | …` is a header row)
    return (
      isLine(c) &&
      cells.every(
        (x) => x === c || typeof x.value !== 'string' || isNumeric(x) || isLine(x) || isCodeLead(x) || /^[-—–－]+$/.test(textOf(x).trim()),
      )
    );
  };
  const block = headerAndBody(ctx, region, pre.start, pre.meta, bounds, isLead);
  if (!block) return empty('没有表头');
  const { headerRows, header, body } = block;

  if (spec.layout === 'blocks') return finishBlocks(ctx, spec, header, body, bounds, pre.meta);
  let specific = 0;
  let valueCols = 0;
  let matchedCols = 0;

  const blocks: RowsBlock[] = [];
  if (spec.layout === 'side-by-side') {
    const specBlocks = spec.blocks ?? [];
    const spans = new Map<string, { left: number; right: number }>();
    for (const [c, hc] of header.columns) {
      if (!hc.path.length) continue;
      const b = specBlocks.find((sb) => matchAny(sb.header, hc.path[0]));
      if (!b) continue;
      const s = spans.get(b.block);
      if (s) {
        s.left = Math.min(s.left, c);
        s.right = Math.max(s.right, c);
      } else spans.set(b.block, { left: c, right: c });
    }
    if (spans.size < specBlocks.length) {
      // no 收入/支出 header row: each block starts at its own 项目 column
      const starts = [...header.columns.values()]
        .filter((hc) => hc.path.length && /^项目/.test(hc.path[hc.path.length - 1]))
        .map((hc) => hc.col);
      if (starts.length === specBlocks.length) {
        spans.clear();
        starts.forEach((c, k) =>
          spans.set(specBlocks[k].block, { left: c, right: k + 1 < starts.length ? starts[k + 1] - 1 : header.right }),
        );
      }
    }
    for (const sb of specBlocks) {
      const s = spans.get(sb.block);
      if (s) blocks.push({ block: sb.block, ...s, columns: sb.columns, lines: sb.lines, functionClassLines: !!sb.functionClassLines });
    }
  } else {
    blocks.push({
      block: 'main',
      left: header.left,
      right: header.right,
      columns: spec.columns ?? [],
      lines,
      functionClassLines: !!spec.functionClassLines,
    });
  }

  const columns: ColumnInfo[] = [];
  const rows: TableRow[] = [];
  const tally = new RowTally(spec.codes);
  let matchedCount = 0;
  let requiredCount = 0;
  const missingAll: ColumnSpec[] = [];
  let placed = 0;
  for (const b of blocks) {
    const { matched, missing, required } = matchColumns(
      header,
      b.left,
      b.right,
      b.columns,
      spec.layout === 'side-by-side' ? b.block : undefined,
    );
    matchedCount += matched.filter((m) => !m.spec.optional).length;
    requiredCount += required;
    missingAll.push(...missing);
    columns.push(...matched.map(columnInfo));
    if (!matched.length) continue;
    for (const m of matched) {
      const leaf = header.columns.get(m.col)!.path;
      if (!m.spec.optional && !GENERIC_HEADER.test(leaf[leaf.length - 1])) specific++;
    }
    const first = Math.min(...matched.map((m) => m.col));
    for (let c = first; c <= b.right; c++) {
      const hc = header.columns.get(c);
      if (hc && hc.path.length && !hc.rowNo) valueCols++;
    }
    matchedCols += matched.length;
    const res = parseRows(ctx, header, b, matched, body.dataRows, tally);
    rows.push(...res.rows);
    placed += res.placed;
  }
  if (spec.layout === 'side-by-side' && blocks.length < (spec.blocks ?? []).length) {
    for (const sb of spec.blocks ?? [])
      if (!blocks.some((b) => b.block === sb.block)) {
        requiredCount += sb.columns.filter((c) => !c.optional).length;
        missingAll.push(...sb.columns.filter((c) => !c.optional));
      }
  }
  const fit = requiredCount ? matchedCount / requiredCount : 0;
  const rowFit = rows.length ? placed / rows.length : 0.5;
  const reasons = [fitReasons(matchedCount, requiredCount, missingAll), `${rows.length} 行，其中 ${placed} 行按编码或行名识别`];
  const allLines = lines.length + blockLines.length;
  const re = tally.result();
  const evidence: Evidence = {
    coverage: valueCols ? matchedCols / valueCols : 0,
    specific,
    codeColumn: hasCodeColumn(header),
    codedRows: re.codedRows,
    lines: re.lines,
    lineShare: allLines ? Math.min(1, re.lines / allLines) : 0,
    parts: matchedCols,
  };
  return {
    ok: fit >= 0.5,
    fit,
    rowFit,
    reasons,
    columns,
    rows,
    notes: body.notes,
    noteBoxes: body.noteBoxes,
    range: bounds,
    meta: pre.meta,
    evidence,
  };
}

function parseRows(ctx: Ctx, header: HeaderBlock, b: RowsBlock, matched: MatchedColumn[], dataRows: number[], tally: RowTally) {
  const firstValue = Math.min(...matched.map((m) => m.col));
  const kuan = new Set<number>();
  const xiang = new Set<number>();
  const rowNo = new Set<number>();
  for (let c = b.left; c < firstValue; c++) {
    const hc = header.columns.get(c);
    if (!hc) continue;
    const last = hc.path[hc.path.length - 1];
    if (last === '款') kuan.add(c);
    if (last === '项') xiang.add(c);
    if (hc.rowNo) rowNo.add(c);
  }
  const rows: TableRow[] = [];
  const seen = new Set<string>();
  const usedLines = new Set<string>();
  let lastClass: string | null = null;
  let lastSection: string | null = null;
  let placed = 0;
  // the code cells of a row (a code, or 类 | 款 | 项 parts): the first `np` entries, reused from row to row
  const parts: GCell[] = [];
  const digitsOf: string[] = [];
  let np = 0;
  const byCol = ctx.grid.uniqueCells;
  // every row's values hold the same keys in the same order: made from one template (no property added per row)
  const template: Record<string, CellAmount | null> = {};
  for (const m of matched) template[m.spec.key] = null;
  for (let k = 0; k < dataRows.length; k++) {
    const r = dataRows[k];
    const cells = ctx.grid.rowSpan(r, b.left, b.right);
    np = 0;
    let name: string | null = null;
    let nameCol = -1;
    let inlineCode: string | null = null;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (c.col >= firstValue) break;
      const digits = codeDigits(c);
      if (digits !== null) {
        if (digits.length >= 3 || kuan.has(c.col) || xiang.has(c.col) || (np && !rowNo.has(c.col))) {
          parts[np] = c;
          digitsOf[np++] = digits;
        }
        continue;
      }
      if (typeof c.value !== 'string' || name !== null) continue;
      const cn = !np ? codeAndName(textOf(c)) : null;
      if (cn) {
        inlineCode = cn.code;
        name = cn.name;
      } else name = textOf(c).trim();
      nameCol = c.col;
    }
    const values = { ...template } as Record<string, CellAmount>;
    let hasValue = false;
    // the value cells found by walking the row (matched columns run left to right), when no two cells share a place
    let walk = 0;
    for (let i = 0; i < matched.length; i++) {
      const m = matched[i];
      let cell: GCell | undefined;
      if (byCol) {
        while (walk < cells.length && cells[walk].col < m.col) walk++;
        cell = walk < cells.length && cells[walk].col === m.col ? cells[walk] : undefined;
      } else cell = ctx.grid.cell(r, m.col);
      const v = amountOf(ctx, cell, r, m.col, m.spec.kind ?? 'amount');
      values[m.spec.key] = v;
      if (v.status !== 'empty') hasValue = true;
    }
    let code: string | null = null;
    let codeText: string | null = null;
    let codeCol: number | undefined;
    if (inlineCode) {
      code = inlineCode;
      codeText = inlineCode;
    } else if (np) {
      let big = -1;
      for (let i = 0; i < np && big < 0; i++) if (digitsOf[i].length >= 3) big = i;
      if (big >= 0) {
        code = digitsOf[big];
        codeCol = parts[big].col;
        // 类 | 款 | 项 in separate cells: the short parts right of the code
        let joined = 0;
        const wanted = code.length === 3 ? 2 : code.length === 5 ? 1 : 0;
        for (let i = 0; i < np && joined < wanted; i++) {
          if (parts[i].col <= codeCol || digitsOf[i].length > 2) continue;
          code += digitsOf[i].padStart(2, '0');
          joined++;
        }
        codeText = joined ? code : codeRaw(parts[big]);
      } else {
        let k = -1;
        let x = -1;
        for (let i = 0; i < np; i++) {
          if (k < 0 && kuan.has(parts[i].col)) k = i;
          if (x < 0 && xiang.has(parts[i].col)) x = i;
        }
        if (k >= 0 && lastClass) code = lastClass + digitsOf[k].padStart(2, '0') + (x >= 0 ? digitsOf[x].padStart(2, '0') : '');
        else if (x >= 0 && lastSection) code = lastSection + digitsOf[x].padStart(2, '0');
        if (code) {
          codeText = code;
          codeCol = parts[k >= 0 ? k : x].col;
        }
      }
    }
    if (!code && !name && !hasValue) continue;
    const at = nameCol >= 0 ? nameCol : b.left;
    let row: TableRow;
    if (code) {
      checkCode(ctx, code, r, codeCol ?? at);
      if (code.length === 3) lastClass = code;
      if (code.length === 5) {
        lastSection = code;
        lastClass = code.slice(0, 3);
      }
      const key = uniqueKey(ctx, code, seen, r, at);
      const level = levelOfCode(code);
      // made whole (with its code column when it has one), not grown by a property afterwards
      row =
        codeCol === undefined
          ? { key, block: b.block, level, code, codeText, name: name ?? '', row: r, nameCol: at, values }
          : { key, block: b.block, level, code, codeText, name: name ?? '', row: r, nameCol: at, values, codeCol };
      placed++;
    } else {
      // an unnamed first row of amounts is the 合计 row (云南 05表 prints it without its label)
      const unnamedTotal = !name && !rows.length ? (b.lines.find((l) => l.key === 'total' && !usedLines.has(l.key)) ?? null) : null;
      const line = name ? pickLine(b.lines, name, usedLines) : unnamedTotal;
      const cls = !line && name && b.functionClassLines ? functionClassByName(name) : null;
      if (line) {
        usedLines.add(line.key);
        seen.add(line.key);
        row = {
          key: line.key,
          block: b.block,
          level: line.level ?? 'line',
          code: null,
          codeText: null,
          name: name ?? '',
          row: r,
          nameCol: at,
          values,
        };
        if (line.valueKind) row.valueKind = line.valueKind;
        placed++;
      } else if (cls) {
        row = {
          key: uniqueKey(ctx, cls, seen, r, at),
          block: b.block,
          level: 'class',
          code: cls,
          codeText: null,
          name: name!,
          row: r,
          nameCol: at,
          values,
        };
        placed++;
      } else {
        row = {
          key: uniqueKey(ctx, `row${r + 1}`, seen, r, at),
          block: b.block,
          level: 'line',
          code: null,
          codeText: null,
          name: name ?? '',
          row: r,
          nameCol: at,
          values,
        };
      }
    }
    rows.push(row);
    tally.add(row);
  }
  return { rows, placed };
}

// ---------- blocks (基本支出表) ----------

interface Triple {
  codeCol: number | null;
  nameCol: number;
  amountCol: number;
  block: string | null;
  header: string;
}

function finishBlocks(
  ctx: Ctx,
  spec: TableSpec,
  header: HeaderBlock,
  body: { dataRows: number[]; notes: string[]; noteBoxes: RangeBox[] },
  bounds: Bounds,
  meta: Meta,
): Parsed {
  const t = spec.triple!;
  const triples: Triple[] = [];
  let cur: Partial<Triple> | null = null;
  const blockOf = (path: string[]): string | null => {
    for (const bh of t.blockHeaders) if (path.some((p) => matchAny(bh.header, p))) return bh.block;
    return null;
  };
  const close = () => {
    if (cur && cur.nameCol !== undefined && cur.amountCol !== undefined) {
      triples.push({
        codeCol: cur.codeCol ?? null,
        nameCol: cur.nameCol,
        amountCol: cur.amountCol,
        block: cur.block ?? null,
        header: cur.header ?? '',
      });
    }
    cur = null;
  };
  for (let c = header.left; c <= header.right; c++) {
    const hc = header.columns.get(c);
    if (!hc || !hc.path.length) continue;
    const last = hc.path[hc.path.length - 1];
    if (matchAny(t.code, last)) {
      close();
      cur = { codeCol: c, block: blockOf(hc.path) };
    } else if (matchAny(t.name, last)) {
      if (!cur || cur.nameCol !== undefined) {
        close();
        cur = { block: blockOf(hc.path) };
      }
      cur.nameCol = c;
    } else if (matchAny(t.amount, last) && cur) {
      cur.amountCol = c;
      cur.header = hc.printed.join('/');
      close();
    }
  }
  close();
  const columns: ColumnInfo[] = triples.map((tr) => {
    const info: ColumnInfo = { key: 'amount', header: tr.header, kind: 'amount', col: tr.amountCol };
    if (tr.block) info.block = tr.block;
    return info;
  });
  const lines = spec.lines ?? [];
  const rows: TableRow[] = [];
  const seen = new Map<string, Set<string>>();
  const usedLines = new Set<string>();
  let placed = 0;
  const seenIn = (block: string) => {
    let s = seen.get(block);
    if (!s) seen.set(block, (s = new Set()));
    return s;
  };
  const textAt = (r: number, c: number | null): GCell | undefined => (c === null ? undefined : ctx.grid.cell(r, c));
  for (const r of body.dataRows) {
    const consumed = new Set<number>();
    // line labels on this row (人员经费合计 / 公用经费合计) bound each other's amounts
    const labels = triples.map((tr) => {
      for (const c of [textAt(r, tr.codeCol), textAt(r, tr.nameCol)]) {
        if (c && typeof c.value === 'string' && !isCodeLead(c)) {
          // the name's key text once, against every line (matchName would fold it again per line)
          const key = lineKeyText(textOf(c));
          const line = lines.find((l) => matchKey(l.names, key));
          if (line) return { line, cell: c };
        }
      }
      return null;
    });
    triples.forEach((tr, ti) => {
      const codeCell = textAt(r, tr.codeCol);
      const nameCell = textAt(r, tr.nameCol);
      const label = labels[ti];
      if (label) {
        if (usedLines.has(label.line.key)) return;
        // The total's amount is the first filled amount cell of the triples it spans (up to the next label).
        // When all are empty it is printed at the right end of that span (公用经费合计 … | 346.54), so an
        // empty total points there rather than at the label's own triple.
        let amountCol: number | null = null;
        let lastCol = tr.amountCol;
        for (let tj = ti; tj < triples.length; tj++) {
          if (tj > ti && labels[tj]) break;
          lastCol = triples[tj].amountCol;
          if (ctx.grid.cell(r, lastCol)) {
            amountCol = lastCol;
            break;
          }
        }
        if (amountCol === null) amountCol = lastCol;
        const block = label.line.block ?? tr.block ?? t.otherBlock;
        consumed.add(amountCol);
        usedLines.add(label.line.key);
        seenIn(block).add(label.line.key);
        rows.push({
          key: label.line.key,
          block,
          level: label.line.level ?? 'total',
          code: null,
          codeText: null,
          name: textOf(label.cell).trim(),
          row: r,
          nameCol: label.cell.col,
          values: { amount: amountAt(ctx, r, amountCol, 'amount') },
        });
        placed++;
        return;
      }
      let tok = codeToken(codeCell);
      let name = nameCell && typeof nameCell.value === 'string' ? textOf(nameCell).trim() : '';
      let codeCol: number | undefined = tok && tr.codeCol !== null ? tr.codeCol : undefined;
      if (!tok && codeCell && typeof codeCell.value === 'string') {
        const cn = codeAndName(textOf(codeCell));
        if (cn) {
          tok = { digits: cn.code, raw: cn.code };
          name ||= cn.name;
        }
      }
      if (!tok && nameCell && typeof nameCell.value === 'string') {
        const cn = codeAndName(textOf(nameCell));
        if (cn) {
          tok = { digits: cn.code, raw: cn.code };
          name = cn.name;
        }
      }
      const amountCell = consumed.has(tr.amountCol) ? undefined : ctx.grid.cell(r, tr.amountCol);
      if (!tok && !name && !amountCell) return;
      const values = { amount: amountAt(ctx, r, tr.amountCol, 'amount') };
      const at = nameCell ? nameCell.col : tr.nameCol;
      if (tok) {
        const code = tok.digits;
        checkCode(ctx, code, r, codeCol ?? at);
        const block = t.blockByClass[code.slice(0, 3)] ?? t.otherBlock;
        const row: TableRow = {
          key: uniqueKey(ctx, code, seenIn(block), r, codeCol ?? at),
          block,
          level: levelOfCode(code),
          code,
          codeText: tok.raw,
          name,
          row: r,
          nameCol: at,
          values,
        };
        if (codeCol !== undefined) row.codeCol = codeCol;
        rows.push(row);
        placed++;
      } else {
        const block = tr.block ?? t.otherBlock;
        const key = ti === 0 ? `row${r + 1}` : `row${r + 1}.${ti + 1}`;
        rows.push({
          key: uniqueKey(ctx, key, seenIn(block), r, at),
          block,
          level: 'line',
          code: null,
          codeText: null,
          name,
          row: r,
          nameCol: at,
          values,
        });
      }
    });
  }
  const fit = triples.length ? Math.min(1, triples.length / 2) : 0;
  const rowFit = rows.length ? placed / rows.length : 0.5;
  const re = rowEvidence(rows, spec.codes);
  return {
    evidence: {
      coverage: triples.length ? 1 : 0,
      specific: triples.length,
      codeColumn: triples.some((tr) => tr.codeCol !== null),
      codedRows: re.codedRows,
      lines: re.lines,
      lineShare: lines.length ? re.lines / lines.length : 0,
      parts: triples.length,
    },
    ok: triples.length > 0,
    fit,
    rowFit,
    reasons: [`找到 ${triples.length} 组“编码｜名称｜金额”栏`, `${rows.length} 行，其中 ${placed} 行按编码或行名识别`],
    columns,
    rows,
    notes: body.notes,
    noteBoxes: body.noteBoxes,
    range: bounds,
    meta,
  };
}

// ---------- horizontal (上海 “三公” 表) ----------

function isNumberingRow(cells: GCell[]): boolean {
  const nums = cells.filter((c) => typeof c.value === 'number' || /^\s*\d{1,2}\s*$/.test(textOf(c)));
  if (!nums.length) return false;
  return nums.every((c, i) => Number(textOf(c)) === Number(textOf(nums[0])) + i) && nums.length >= cells.length - 2;
}

function parseHorizontal(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { title } = region;
  const { pre, bounds, fail } = opening(ctx, region);
  if (pre.start === null) return fail('标题下没有表头');
  const isLead = (cells: GCell[]) => cells.some(isNumeric) && !isNumberingRow(cells) && !cells.some((c) => /^(栏次|行次)$/.test(normOf(c)));
  const block = headerAndBody(ctx, region, pre.start, pre.meta, bounds, isLead);
  if (!block) return fail('没有表头');
  const { headerRows, header, body } = block;
  const dataRow = body.dataRows.find((r) => ctx.grid.rowSpan(r, header.left, header.right).some(isNumeric)) ?? body.dataRows[0] ?? null;

  const lines = spec.lines ?? [];
  const colSpecs = spec.columns ?? [];
  const byLine = new Map<string, { line: LineSpec; name: string; values: Record<string, CellAmount>; firstCol: number }>();
  const columns: ColumnInfo[] = [];
  let valueCols = 0;
  let mapped = 0;
  for (let c = header.left; c <= header.right; c++) {
    const hc = header.columns.get(c);
    if (!hc || hc.path.length < 1) continue;
    const leaf = hc.path[hc.path.length - 1];
    const cs = colSpecs.find((s) => s.header.some((p) => matchSegment(p.split('>').pop()!, leaf)));
    if (!cs) continue;
    valueCols++;
    let line: LineSpec | null = null;
    let lineName = '';
    for (let i = hc.path.length - 2; i >= 0 && !line; i--) {
      const l = lines.find((ln) => matchName(ln.names, hc.printed[i] ?? hc.path[i]));
      if (l) {
        line = l;
        lineName = hc.printed[i] ?? hc.path[i];
      }
    }
    if (!line) continue;
    let entry = byLine.get(line.key);
    if (!entry) {
      entry = { line, name: lineName, values: {}, firstCol: c };
      byLine.set(line.key, entry);
    }
    if (entry.values[cs.key]) continue;
    mapped++;
    entry.values[cs.key] =
      dataRow === null
        ? { value: null, status: 'empty', raw: null, fromText: false, row: headerRows[headerRows.length - 1] + 1, col: c }
        : amountAt(ctx, dataRow, c, cs.kind ?? 'amount');
    columns.push({ key: cs.key, header: hc.printed.join('/'), kind: cs.kind ?? 'amount', col: c });
  }
  const rows: TableRow[] = [];
  for (const e of byLine.values()) {
    rows.push({
      key: e.line.key,
      block: 'main',
      level: e.line.level ?? 'line',
      code: null,
      codeText: null,
      name: e.name,
      row: dataRow ?? headerRows[headerRows.length - 1],
      nameCol: e.firstCol,
      values: e.values,
    });
  }
  // one ColumnInfo per key (first column), as the vertical form has
  const firstCols: ColumnInfo[] = [];
  for (const ci of columns) if (!firstCols.some((f) => f.key === ci.key)) firstCols.push(ci);
  const fit = valueCols ? mapped / valueCols : 0;
  if (body.dataRows.filter((r) => ctx.grid.rowSpan(r, header.left, header.right).some(isNumeric)).length > 1) {
    ctx.problems.push(`${qualifiedAddress(ctx.sheet, dataRow ?? title.row, header.left)} 横向“三公”表有多行数据，只读取了第一行`);
  }
  return {
    ok: byLine.size >= 2 && fit >= 0.5,
    fit,
    rowFit: 1,
    evidence: {
      coverage: fit,
      specific: new Set(firstCols.map((c) => c.key)).size,
      codeColumn: false,
      codedRows: 0,
      lines: byLine.size,
      lineShare: lines.length ? byLine.size / lines.length : 0,
      parts: mapped,
    },
    reasons: [`横向表头：${byLine.size} 个项目、${mapped} 个数值栏对上`],
    columns: firstCols,
    rows,
    notes: body.notes,
    noteBoxes: body.noteBoxes,
    range: bounds,
    meta: pre.meta,
  };
}

// ---------- form (绩效自评表) ----------

const ORG_LABELS: string[][] = [
  ['部门名称', '预算部门', '单位名称'],
  ['实施单位', '资金使用单位'],
  ['主管部门', '地方主管部门'],
];

function parseForm(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { title, regionEnd } = region;
  const { pre, bounds } = opening(ctx, region);
  const meta = pre.meta;
  const notes: string[] = [];
  const noteBoxes: RangeBox[] = [];
  const formRows: number[] = [];
  let last = title.row;
  for (const r of ctx.grid.rowsBetween(pre.start ?? regionEnd + 1, regionEnd)) {
    const cells = ctx.grid.row(r);
    if (r - last > 3) break;
    if (cells.every((c) => typeof c.value === 'string') && isNoteText(textOf(cells[0]), false) && cells.length <= 3 && formRows.length) {
      notes.push(cells.map((c) => textOf(c).trim()).join(' '));
      noteBoxes.push({ top: r, bottom: r, left: cells[0].col, right: cells[cells.length - 1].col });
      last = r;
      continue;
    }
    if (notes.length) break;
    formRows.push(r);
    last = r;
    for (const c of cells) extendCell(ctx, bounds, c);
  }
  // org and unit from labelled cells
  const orgs: (string | null)[] = ORG_LABELS.map(() => null);
  for (const r of formRows) {
    const cells = ctx.grid.row(r);
    cells.forEach((c, i) => {
      if (typeof c.value !== 'string') return;
      const k = ORG_LABELS.findIndex((labels) => labels.includes(normOf(c)));
      if (k >= 0 && orgs[k] === null) {
        const next = cells.slice(i + 1).find((n) => typeof n.value === 'string' && textOf(n).trim());
        if (next) orgs[k] = textOf(next).trim();
      }
      if (meta.unit === null && /[(（]\s*万元\s*[)）]/.test(textOf(c))) {
        meta.unit = '万元';
        meta.unitText = textOf(c).trim();
      } else if (meta.unit === null && /[(（]\s*元\s*[)）]/.test(textOf(c))) {
        meta.unit = '元';
        meta.unitText = textOf(c).trim();
      }
    });
  }
  meta.org ??= orgs.find((o) => o !== null) ?? null;

  const sections = spec.sections ?? [];
  const rows: TableRow[] = [];
  const columns: ColumnInfo[] = [];
  const found = new Set<FormSection>();
  let current: { s: FormSection; cols: MatchedColumn[]; nameCol: number | null; dataFrom: number; n: number; done: boolean } | null = null;
  const usedLines = new Set<string>();
  let placed = 0;
  const isHeaderFor = (s: FormSection, r: number) => {
    const cells = ctx.grid.row(r);
    return s.cues.every((cue) => cells.some((c) => typeof c.value === 'string' && matchSegment(cue, normOf(c))));
  };
  for (let i = 0; i < formRows.length; i++) {
    const r = formRows[i];
    const next = sections.find((s) => !found.has(s) && isHeaderFor(s, r));
    if (next) {
      found.add(next);
      const window = [formRows[i - 1], r, formRows[i + 1]].filter((x): x is number => x !== undefined);
      const cols: MatchedColumn[] = [];
      let dataFrom = r + 1;
      for (const cs of next.columns) {
        let hit: GCell | null = null;
        for (const wr of window) {
          hit =
            ctx.grid
              .row(wr)
              .find((c) => typeof c.value === 'string' && cs.header.some((p) => matchSegment(p.split('>').pop()!, normOf(c)))) ?? null;
          if (hit) break;
        }
        if (hit) {
          cols.push({ col: hit.col, spec: cs, header: textOf(hit).trim(), block: next.block });
          if (hit.row > r) dataFrom = Math.max(dataFrom, hit.row + 1);
        }
      }
      let nameCol: number | null = null;
      if (next.nameHeader) {
        for (const wr of window) {
          const h = ctx.grid.row(wr).find((c) => matchAny(next.nameHeader!, normOf(c)));
          if (h) {
            nameCol = h.col;
            if (h.row > r) dataFrom = Math.max(dataFrom, h.row + 1);
            break;
          }
        }
      }
      columns.push(...cols.map(columnInfo));
      current = { s: next, cols, nameCol, dataFrom, n: 0, done: false };
      continue;
    }
    if (!current || current.done || r < current.dataFrom) continue;
    const cells = ctx.grid.row(r);
    const values = (): Record<string, CellAmount> => {
      const v: Record<string, CellAmount> = {};
      for (const m of current!.cols) v[m.spec.key] = amountAt(ctx, r, m.col, m.spec.kind ?? 'amount');
      return v;
    };
    if (current.s.rows === 'lines') {
      const firstValue = current.cols.length ? Math.min(...current.cols.map((m) => m.col)) : Infinity;
      const label = cells.find(
        (c) => c.col < firstValue && typeof c.value === 'string' && pickLine(current!.s.lines ?? [], textOf(c), usedLines),
      );
      if (!label) continue;
      const line = pickLine(current.s.lines ?? [], textOf(label), usedLines)!;
      usedLines.add(line.key);
      rows.push({
        key: line.key,
        block: current.s.block,
        level: line.level ?? 'line',
        code: null,
        codeText: null,
        name: textOf(label).trim(),
        row: r,
        nameCol: label.col,
        values: values(),
      });
      placed++;
      continue;
    }
    // repeat rows
    const end = cells.find((c) => typeof c.value === 'string' && (current!.s.endLines ?? []).some((l) => matchName(l.names, textOf(c))));
    if (end) {
      const line = (current.s.endLines ?? []).find((l) => matchName(l.names, textOf(end)))!;
      const v = values();
      const taken = new Set(current.cols.map((m) => m.col));
      for (const ev of current.s.endValues ?? []) {
        const hit = cells.find((c) => c.col > end.col && !taken.has(c.col) && typeof c.value === 'string' && matchAny(ev.text, normOf(c)));
        if (!hit) continue;
        taken.add(hit.col);
        v[ev.key] = amountAt(ctx, r, hit.col, ev.kind);
        columns.push({ key: ev.key, header: ev.header, kind: ev.kind, col: hit.col, block: current.s.block });
      }
      rows.push({
        key: line.key,
        block: current.s.block,
        level: line.level ?? 'total',
        code: null,
        codeText: null,
        name: textOf(end).trim(),
        row: r,
        nameCol: end.col,
        values: v,
      });
      placed++;
      current.done = true;
      continue;
    }
    if (cells.some((c) => typeof c.value === 'string' && matchAny(current!.s.stopNames ?? [], normOf(c)))) continue;
    if (current.nameCol === null) continue;
    const nameCell = ctx.grid.cell(r, current.nameCol);
    if (!nameCell || !textOf(nameCell).trim()) continue;
    current.n++;
    rows.push({
      key: `${current.s.keyPrefix ?? 'row'}.${current.n}`,
      block: current.s.block,
      level: 'line',
      code: null,
      codeText: null,
      name: textOf(nameCell).trim(),
      row: r,
      nameCol: nameCell.col,
      values: values(),
    });
    placed++;
  }
  const required = sections.filter((s) => !s.optional);
  const foundRequired = required.filter((s) => found.has(s)).length;
  const fit = required.length ? foundRequired / required.length : found.size ? 1 : 0;
  const missing = required.filter((s) => !found.has(s)).map((s) => s.cues.join('/'));
  return {
    ok: found.size > 0 && fit >= 0.5,
    fit,
    evidence: {
      coverage: sections.length ? found.size / sections.length : 0,
      specific: found.size,
      codeColumn: false,
      codedRows: 0,
      lines: placed,
      lineShare: 0,
      parts: found.size,
    },
    rowFit: rows.length ? placed / rows.length : 0.5,
    reasons: [
      `表单找到 ${found.size} 个区块（${[...found].map((s) => s.cues[0].replace('*', '')).join('、')}）${missing.length ? `；缺少：${missing.join('、')}` : ''}`,
    ],
    columns,
    rows,
    notes,
    noteBoxes,
    range: bounds,
    meta,
  };
}
