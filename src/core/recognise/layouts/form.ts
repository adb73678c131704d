/** The form layout (绩效自评表): labelled cells and sections found by their cues. */
import type { CellAmount, ColumnInfo, TableRow } from '../../model';
import type { RangeBox } from '../../snapshot';
import type { FormSection, TableSpec } from '../../specs/types';
import { amountAt, isNoteText, type Ctx } from '../cells';
import { normOf, textOf, type GCell } from '../grid';
import type { Meta } from '../meta';
import { matchAny, matchName, matchSegment } from '../pattern';
import type { Parsed, Region } from './parsed';
import { columnInfo, extendCell, opening, pickLine, type Bounds, type MatchedColumn } from './shared';

const ORG_LABELS: string[][] = [
  ['部门名称', '预算部门', '单位名称'],
  ['实施单位', '资金使用单位'],
  ['主管部门', '地方主管部门'],
];

/** The form's rows (up to a gap of more than 3 rows, or the notes under it) and its notes. */
function formExtent(ctx: Ctx, region: Region, start: number | null, bounds: Bounds) {
  const notes: string[] = [];
  const noteBoxes: RangeBox[] = [];
  const formRows: number[] = [];
  let last = region.title.row;
  for (const r of ctx.grid.rowsBetween(start ?? region.regionEnd + 1, region.regionEnd)) {
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
  return { formRows, notes, noteBoxes };
}

/** Org (the value right of 部门名称 / 实施单位 / 主管部门) and unit (`（万元）` in a label) from the form's cells. */
function readFormMeta(ctx: Ctx, formRows: number[], meta: Meta): void {
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
}

/** The section being read: its columns, its name column (repeat rows), the first data row, rows so far. */
interface Section {
  s: FormSection;
  cols: MatchedColumn[];
  nameCol: number | null;
  dataFrom: number;
  n: number;
  done: boolean;
}

/** A section announced on row r: its columns and name column, looked for on r and the rows next to it. */
function openSection(ctx: Ctx, s: FormSection, r: number, window: number[]): Section {
  const cols: MatchedColumn[] = [];
  let dataFrom = r + 1;
  for (const cs of s.columns) {
    let hit: GCell | null = null;
    for (const wr of window) {
      hit =
        ctx.grid.row(wr).find((c) => typeof c.value === 'string' && cs.header.some((p) => matchSegment(p.split('>').pop()!, normOf(c)))) ??
        null;
      if (hit) break;
    }
    if (hit) {
      cols.push({ col: hit.col, spec: cs, header: textOf(hit).trim(), block: s.block });
      if (hit.row > r) dataFrom = Math.max(dataFrom, hit.row + 1);
    }
  }
  let nameCol: number | null = null;
  if (s.nameHeader) {
    for (const wr of window) {
      const h = ctx.grid.row(wr).find((c) => matchAny(s.nameHeader!, normOf(c)));
      if (h) {
        nameCol = h.col;
        if (h.row > r) dataFrom = Math.max(dataFrom, h.row + 1);
        break;
      }
    }
  }
  return { s, cols, nameCol, dataFrom, n: 0, done: false };
}

/** What the sections' rows make: rows, columns, lines placed, rows placed. */
interface FormOut {
  rows: TableRow[];
  columns: ColumnInfo[];
  usedLines: Set<string>;
  placed: number;
}

function valuesAt(ctx: Ctx, cur: Section, r: number): Record<string, CellAmount> {
  const v: Record<string, CellAmount> = {};
  for (const m of cur.cols) v[m.spec.key] = amountAt(ctx, r, m.col, m.spec.kind ?? 'amount');
  return v;
}

/** A `lines` section's row: the line its label names, if any. */
function lineRow(ctx: Ctx, cur: Section, r: number, out: FormOut): void {
  const firstValue = cur.cols.length ? Math.min(...cur.cols.map((m) => m.col)) : Infinity;
  const lines = cur.s.lines ?? [];
  const label = ctx.grid.row(r).find((c) => c.col < firstValue && typeof c.value === 'string' && pickLine(lines, textOf(c), out.usedLines));
  if (!label) return;
  const line = pickLine(lines, textOf(label), out.usedLines)!;
  out.usedLines.add(line.key);
  out.rows.push({
    key: line.key,
    block: cur.s.block,
    level: line.level ?? 'line',
    code: null,
    codeText: null,
    name: textOf(label).trim(),
    row: r,
    nameCol: label.col,
    values: valuesAt(ctx, cur, r),
  });
  out.placed++;
}

/** A `repeat` section's row: its end line (总分, with values found by their text), a stop, or one more row. */
function repeatRow(ctx: Ctx, cur: Section, r: number, out: FormOut): void {
  const cells = ctx.grid.row(r);
  const endLines = cur.s.endLines ?? [];
  const end = cells.find((c) => typeof c.value === 'string' && endLines.some((l) => matchName(l.names, textOf(c))));
  if (end) {
    const line = endLines.find((l) => matchName(l.names, textOf(end)))!;
    const v = valuesAt(ctx, cur, r);
    const taken = new Set(cur.cols.map((m) => m.col));
    for (const ev of cur.s.endValues ?? []) {
      const hit = cells.find((c) => c.col > end.col && !taken.has(c.col) && typeof c.value === 'string' && matchAny(ev.text, normOf(c)));
      if (!hit) continue;
      taken.add(hit.col);
      v[ev.key] = amountAt(ctx, r, hit.col, ev.kind);
      out.columns.push({ key: ev.key, header: ev.header, kind: ev.kind, col: hit.col, block: cur.s.block });
    }
    out.rows.push({
      key: line.key,
      block: cur.s.block,
      level: line.level ?? 'total',
      code: null,
      codeText: null,
      name: textOf(end).trim(),
      row: r,
      nameCol: end.col,
      values: v,
    });
    out.placed++;
    cur.done = true;
    return;
  }
  if (cells.some((c) => typeof c.value === 'string' && matchAny(cur.s.stopNames ?? [], normOf(c)))) return;
  if (cur.nameCol === null) return;
  const nameCell = ctx.grid.cell(r, cur.nameCol);
  if (!nameCell || !textOf(nameCell).trim()) return;
  cur.n++;
  out.rows.push({
    key: `${cur.s.keyPrefix ?? 'row'}.${cur.n}`,
    block: cur.s.block,
    level: 'line',
    code: null,
    codeText: null,
    name: textOf(nameCell).trim(),
    row: r,
    nameCol: nameCell.col,
    values: valuesAt(ctx, cur, r),
  });
  out.placed++;
}

export function parseForm(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  const { pre, bounds } = opening(ctx, region);
  const meta = pre.meta;
  const { formRows, notes, noteBoxes } = formExtent(ctx, region, pre.start, bounds);
  readFormMeta(ctx, formRows, meta);

  const sections = spec.sections ?? [];
  const out: FormOut = { rows: [], columns: [], usedLines: new Set(), placed: 0 };
  const found = new Set<FormSection>();
  let current: Section | null = null;
  const isHeaderFor = (s: FormSection, r: number) => {
    const cells = ctx.grid.row(r);
    return s.cues.every((cue) => cells.some((c) => typeof c.value === 'string' && matchSegment(cue, normOf(c))));
  };
  for (let i = 0; i < formRows.length; i++) {
    const r = formRows[i];
    const next = sections.find((s) => !found.has(s) && isHeaderFor(s, r));
    if (next) {
      found.add(next);
      current = openSection(
        ctx,
        next,
        r,
        [formRows[i - 1], r, formRows[i + 1]].filter((x): x is number => x !== undefined),
      );
      out.columns.push(...current.cols.map(columnInfo));
      continue;
    }
    if (!current || current.done || r < current.dataFrom) continue;
    if (current.s.rows === 'lines') lineRow(ctx, current, r, out);
    else repeatRow(ctx, current, r, out);
  }
  const { rows, columns, placed } = out;
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
