/** The blocks layout (基本支出表): repeated 编码 | 名称 | 金额 triples side by side. */
import type { ColumnInfo, TableRow } from '../../model';
import type { RangeBox } from '../../snapshot';
import type { TableSpec } from '../../specs/types';
import { lineKeyText } from '../../text';
import { amountAt, codeAndName, codeToken, levelOfCode, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { type HeaderBlock } from '../header';
import { type Meta } from '../meta';
import { matchAny, matchKey } from '../pattern';
import { rowEvidence, type Parsed } from './parsed';
import { checkCode, isCodeLead, uniqueKey, type Bounds } from './shared';

interface Triple {
  codeCol: number | null;
  nameCol: number;
  amountCol: number;
  block: string | null;
  header: string;
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
