/**
 * The blocks layout (基本支出表): repeated 编码 | 名称 | 金额 triples side by side, the code in one cell or split
 * over a 类 | 款 pair (`302 | 01 | 办公费 | 21.21`, as district publications print it).
 */
import type { ColumnInfo, TableRow } from '../../model';
import type { RangeBox } from '../../snapshot';
import type { LineSpec, TableSpec, TripleSpec } from '../../specs/types';
import { lineKeyText } from '../../text';
import { amountAt, codeAndName, codeDigits, codeToken, levelOfCode, type CodeToken, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { type HeaderBlock } from '../header';
import { type Meta } from '../meta';
import { matchAny, matchKey } from '../pattern';
import { rowEvidence, type Parsed } from './parsed';
import { checkCode, isCodeLead, uniqueKey, type Bounds } from './shared';
import { unreadInBlocks } from './unread';

interface Triple {
  codeCol: number | null;
  /** The 款 half of a code split over two columns (类 in `codeCol`), or null. */
  sectionCol: number | null;
  nameCol: number;
  amountCol: number;
  block: string | null;
  header: string;
}

/** A code column's own header: the spec's (科目编码), or 类 / 款 printed under it. */
function isCodeHeader(t: TripleSpec, path: string[]): boolean {
  const last = path[path.length - 1];
  if (matchAny(t.code, last)) return true;
  return /^(类|款)$/.test(last) && path.slice(0, -1).some((p) => matchAny(t.code, p));
}

/** The triples of the header, left to right; a second code column right after a code column is its 款 half. */
function findTriples(t: TripleSpec, header: HeaderBlock): Triple[] {
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
        sectionCol: cur.sectionCol ?? null,
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
    if (isCodeHeader(t, hc.path)) {
      if (cur && cur.codeCol !== undefined && cur.sectionCol === undefined && cur.nameCol === undefined && cur.codeCol === c - 1) {
        cur.sectionCol = c;
        continue;
      }
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
  return triples;
}

/** Rows of one table being read: keys seen per block, lines placed, rows placed by code or line. */
class BlockRows {
  readonly rows: TableRow[] = [];
  readonly usedLines = new Set<string>();
  placed = 0;
  private readonly seen = new Map<string, Set<string>>();

  seenIn(block: string): Set<string> {
    let s = this.seen.get(block);
    if (!s) this.seen.set(block, (s = new Set()));
    return s;
  }
}

/** The code of a triple on a row: in its code cell, split over 类 | 款, or in front of the name; and the name. */
function codeOfRow(
  ctx: Ctx,
  tr: Triple,
  r: number,
  lastClass: string[],
  ti: number,
): { tok: CodeToken | null; name: string; codeCol: number | undefined } {
  const codeCell = tr.codeCol === null ? undefined : ctx.grid.cell(r, tr.codeCol);
  const nameCell = ctx.grid.cell(r, tr.nameCol);
  let tok = codeToken(codeCell);
  let name = nameCell && typeof nameCell.value === 'string' ? textOf(nameCell).trim() : '';
  let codeCol: number | undefined = tok && tr.codeCol !== null ? tr.codeCol : undefined;
  if (tr.sectionCol !== null) {
    // 类 | 款: a 款 joins the 类 printed with it, or the last 类 printed above it
    const section = codeDigits(ctx.grid.cell(r, tr.sectionCol));
    if (tok && tok.digits.length === 3) lastClass[ti] = tok.digits;
    if (section !== null && section.length <= 2) {
      const cls = tok && tok.digits.length === 3 ? tok.digits : !tok ? lastClass[ti] : '';
      if (cls) {
        const digits = cls + section.padStart(2, '0');
        tok = { digits, raw: digits };
        codeCol ??= tr.sectionCol;
      }
    }
  }
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
  return { tok, name, codeCol };
}

/** The line label (人员经费合计 / 公用经费合计) a triple prints on a row, if any. */
function labelOf(ctx: Ctx, tr: Triple, r: number, lines: LineSpec[]): { line: LineSpec; cell: GCell } | null {
  for (const col of [tr.codeCol, tr.nameCol]) {
    const c = col === null ? undefined : ctx.grid.cell(r, col);
    if (c && typeof c.value === 'string' && !isCodeLead(c)) {
      // the name's key text once, against every line (matchName would fold it again per line)
      const key = lineKeyText(textOf(c));
      const line = lines.find((l) => matchKey(l.names, key));
      if (line) return { line, cell: c };
    }
  }
  return null;
}

/**
 * A total line's row. Its amount is the first filled amount cell of the triples it spans (up to the next
 * label). When all are empty it is printed at the right end of that span (公用经费合计 … | 346.54), so an empty
 * total points there rather than at the label's own triple. Returns the amount column it took.
 */
function totalRow(
  ctx: Ctx,
  t: TripleSpec,
  triples: Triple[],
  labels: ReturnType<typeof labelOf>[],
  ti: number,
  r: number,
  out: BlockRows,
): number {
  const label = labels[ti]!;
  let amountCol: number | null = null;
  let lastCol = triples[ti].amountCol;
  for (let tj = ti; tj < triples.length; tj++) {
    if (tj > ti && labels[tj]) break;
    lastCol = triples[tj].amountCol;
    if (ctx.grid.cell(r, lastCol)) {
      amountCol = lastCol;
      break;
    }
  }
  if (amountCol === null) amountCol = lastCol;
  const block = label.line.block ?? triples[ti].block ?? t.otherBlock;
  out.usedLines.add(label.line.key);
  out.seenIn(block).add(label.line.key);
  out.rows.push({
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
  out.placed++;
  return amountCol;
}

/** Every triple's row on sheet row r: a total line, a coded row, or an unplaced line. */
function readRow(ctx: Ctx, t: TripleSpec, triples: Triple[], lines: LineSpec[], r: number, lastClass: string[], out: BlockRows): void {
  const consumed = new Set<number>();
  // line labels on this row (人员经费合计 / 公用经费合计) bound each other's amounts
  const labels = triples.map((tr) => labelOf(ctx, tr, r, lines));
  triples.forEach((tr, ti) => {
    const label = labels[ti];
    if (label) {
      if (!out.usedLines.has(label.line.key)) consumed.add(totalRow(ctx, t, triples, labels, ti, r, out));
      return;
    }
    const { tok, name, codeCol } = codeOfRow(ctx, tr, r, lastClass, ti);
    const nameCell = ctx.grid.cell(r, tr.nameCol);
    const amountCell = consumed.has(tr.amountCol) ? undefined : ctx.grid.cell(r, tr.amountCol);
    if (!tok && !name && !amountCell) return;
    const values = { amount: amountAt(ctx, r, tr.amountCol, 'amount') };
    const at = nameCell ? nameCell.col : tr.nameCol;
    if (tok) {
      const code = tok.digits;
      checkCode(ctx, code, r, codeCol ?? at);
      const block = t.blockByClass[code.slice(0, 3)] ?? t.otherBlock;
      const row: TableRow = {
        key: uniqueKey(ctx, code, out.seenIn(block), r, codeCol ?? at),
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
      out.rows.push(row);
      out.placed++;
    } else {
      const block = tr.block ?? t.otherBlock;
      const key = ti === 0 ? `row${r + 1}` : `row${r + 1}.${ti + 1}`;
      out.rows.push({
        key: uniqueKey(ctx, key, out.seenIn(block), r, at),
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

export function finishBlocks(
  ctx: Ctx,
  spec: TableSpec,
  header: HeaderBlock,
  body: { dataRows: number[]; notes: string[]; noteBoxes: RangeBox[] },
  bounds: Bounds,
  meta: Meta,
): Parsed {
  const t = spec.triple!;
  const triples = findTriples(t, header);
  const columns: ColumnInfo[] = triples.map((tr) => {
    const info: ColumnInfo = { key: 'amount', header: tr.header, kind: 'amount', col: tr.amountCol };
    if (tr.block) info.block = tr.block;
    return info;
  });
  const lines = spec.lines ?? [];
  const out = new BlockRows();
  const lastClass: string[] = triples.map(() => '');
  for (const r of body.dataRows) readRow(ctx, t, triples, lines, r, lastClass, out);
  const { rows, placed } = out;
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
    unread: unreadInBlocks(
      ctx,
      header,
      triples.flatMap((tr) => [tr.codeCol, tr.sectionCol, tr.nameCol, tr.amountCol].filter((c): c is number => c !== null)),
      body.dataRows,
    ),
  };
}
