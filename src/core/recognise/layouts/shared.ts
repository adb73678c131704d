/** Helpers every layout parser shares: bounds, header split, column matching, line picking, codes. */
import type { ColumnInfo } from '../../model';
import type { RangeBox } from '../../snapshot';
import { qualifiedAddress } from '../../snapshot';
import type { ColumnSpec, LineSpec } from '../../specs/types';
import { lineKeyText } from '../../text';
import { prelude, scanBody, isMetaCell } from '../body';
import { codeAndName, codeToken, isNoteText, isNumeric, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { buildHeader, type HeaderBlock } from '../header';
import { readMetaCell, type Meta } from '../meta';
import { matchKey, matchPath } from '../pattern';
import { NO_EVIDENCE, MAX_HEADER_ROWS, type Parsed, type Region } from './parsed';

export interface Bounds {
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
export function extendCell(ctx: Ctx, b: Bounds, c: GCell): void {
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

export function allLineNames(lines: LineSpec[]): string[] {
  return lines.flatMap((l) => l.names);
}

export function isCodeLead(c: GCell): boolean {
  const t = codeToken(c);
  if (t && t.digits.length >= 3) return true;
  return typeof c.value === 'string' && codeAndName(textOf(c)) !== null;
}

export interface MatchedColumn {
  col: number;
  spec: ColumnSpec;
  header: string;
  block?: string;
}

/** Assigns column specs to header columns: the most specific pattern wins, each key once, left to right. */
export function matchColumns(header: HeaderBlock, left: number, right: number, specs: ColumnSpec[], block?: string) {
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

export function columnInfo(m: MatchedColumn): ColumnInfo {
  const info: ColumnInfo = { key: m.spec.key, header: m.header, kind: m.spec.kind ?? 'amount', col: m.col };
  if (m.block) info.block = m.block;
  return info;
}

/** Picks the line spec for a row name: one not used yet, preferring one whose `after` line has been seen. */
export function pickLine(lines: LineSpec[], name: string, used: Set<string>): LineSpec | null {
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

export function uniqueKey(ctx: Ctx, key: string, seen: Set<string>, row: number, col: number): string {
  if (!seen.has(key)) {
    seen.add(key);
    return key;
  }
  ctx.problems.push(`${qualifiedAddress(ctx.sheet, row, col)} 编码「${key}」在表中重复出现`);
  const k = `${key}@${row + 1}`;
  seen.add(k);
  return k;
}

export function checkCode(ctx: Ctx, code: string, row: number, col: number): void {
  if (code.length !== 3 && code.length !== 5 && code.length !== 7) {
    ctx.problems.push(`${qualifiedAddress(ctx.sheet, row, col)} 编码「${code}」位数不对（应为 3、5 或 7 位）`);
  }
}

export function fitReasons(matched: number, required: number, missing: ColumnSpec[]): string {
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

/**
 * What every layout parser starts with: the title's meta lines (label, org, year, unit), the table's bounds
 * grown over them, and the failed parse to return when the region holds no table.
 */
export function opening(ctx: Ctx, region: Region) {
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
export function headerAndBody(ctx: Ctx, region: Region, start: number, meta: Meta, bounds: RangeBox, isLead: (cells: GCell[]) => boolean) {
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
