/** The form layout (绩效自评表): labelled cells and sections found by their cues. */
import type { CellAmount, ColumnInfo, TableRow } from '../../model';
import type { RangeBox } from '../../snapshot';
import type { FormSection, TableSpec } from '../../specs/types';
import { amountAt, isNoteText, type Ctx } from '../cells';
import { normOf, textOf, type GCell } from '../grid';
import { matchAny, matchName, matchSegment } from '../pattern';
import type { Parsed, Region } from './parsed';
import { columnInfo, extendCell, opening, pickLine, type MatchedColumn } from './shared';

// ---------- form (绩效自评表) ----------

const ORG_LABELS: string[][] = [
  ['部门名称', '预算部门', '单位名称'],
  ['实施单位', '资金使用单位'],
  ['主管部门', '地方主管部门'],
];

export function parseForm(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
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
