/** The body rows of one block of a rows or side-by-side table: codes (whole or over 类 | 款 | 项), names, values. */
import { functionClassByName } from '../../classification';
import type { CellAmount, TableRow } from '../../model';
import { amountOf, codeAndName, codeDigits, codeRaw, levelOfCode, type Ctx } from '../cells';
import { textOf, type GCell } from '../grid';
import { type HeaderBlock } from '../header';
import { RowTally } from './parsed';
import { checkCode, pickLine, uniqueKey, type MatchedColumn } from './shared';
import type { RowsBlock } from './table';

export function parseRows(
  ctx: Ctx,
  header: HeaderBlock,
  b: RowsBlock,
  matched: MatchedColumn[],
  dataRows: number[],
  tally: RowTally,
  headerCells: Set<GCell> | null,
) {
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
  let np: number;
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
      // header text printed in the row (header-in-body.ts): no amount of this row
      if (headerCells !== null && cell !== undefined && headerCells.has(cell)) cell = undefined;
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
