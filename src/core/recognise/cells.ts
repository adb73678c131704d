/** Reading one cell as an amount, a code or a name. */
import { parseAmount, type AmountStatus, type Decimal, type ParsedAmount } from '../amount';
import type { CellAmount, ColumnKind } from '../model';
import { cellAddress, qualifiedAddress } from '../snapshot';
import { remembered, type GCell, type Grid } from './grid';

export interface Ctx {
  grid: Grid;
  sheet: string;
  problems: string[];
}

const FULL_DIGIT = /[\uFF10-\uFF19]/g;
const fold = (s: string) => s.replace(FULL_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A value cell as CellAmount; text or errors in number cells are also written to `ctx.problems`. */
export function amountAt(ctx: Ctx, r: number, c: number, kind: ColumnKind): CellAmount {
  return amountOf(ctx, ctx.grid.cell(r, c), r, c, kind);
}

/** amountAt, with the cell at (r, c) already looked up (`ctx.grid.cell(r, c)`). */
export function amountOf(ctx: Ctx, cell: GCell | undefined, r: number, c: number, kind: ColumnKind): CellAmount {
  // a value cell covered by a merge is empty (the merge belongs to a label such as 公用经费合计)
  // nothing printed: most positions of a sparse table
  if (!cell) return { value: null, status: 'empty', raw: null, fromText: false, row: r, col: c };
  const raw = cell.value;
  let value: Decimal | null;
  let status: AmountStatus;
  let fromText = false;
  let badSpaces = false;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    value = ctx.grid.decimals.of(raw);
    status = 'number';
  } else {
    let v = raw;
    if (typeof v === 'string' && (kind === 'percent' || kind === 'score')) {
      v = v.trim().replace(kind === 'percent' ? /[%％]$/ : /分$/, '');
    }
    if (typeof v === 'string' && kind === 'count') v = v.trim().replace(/[个人辆台套次批]$/, '');
    // the value as it is is parsed once per cell (several specs may read it); a stripped text is parsed anew
    const p = v === raw && typeof raw === 'string' ? textAmount(raw) : parseAmount(v, ctx.grid.decimals);
    value = p.value;
    status = p.status;
    fromText = p.fromText;
    badSpaces = !!p.badSpaces;
  }
  // a value merged down over several rows: it is counted in its first row only, say so
  const m = ctx.grid.mergeAt(r, c);
  if (m && m.top === r && m.left === c && m.bottom > m.top && status !== 'empty') {
    ctx.problems.push(
      `${qualifiedAddress(ctx.sheet, m.top, m.left)}:${cellAddress(m.bottom, m.right)} 是跨 ${m.bottom - m.top + 1} 行的合并单元格，其中的数值只计入第 ${m.top + 1} 行`,
    );
  }
  if (kind !== 'text') {
    if (badSpaces) {
      ctx.problems.push(
        `${qualifiedAddress(ctx.sheet, r, c)} 数字「${String(raw).trim().slice(0, 30)}」中间的空格不是千分位，看不出是哪个数，未当作数值`,
      );
    } else if (status === 'text') {
      ctx.problems.push(`${qualifiedAddress(ctx.sheet, r, c)} 应为数值，却是文字「${String(raw).trim().slice(0, 30)}」`);
    } else if (status === 'error') {
      ctx.problems.push(`${qualifiedAddress(ctx.sheet, r, c)} 是错误值 ${String(raw).trim()}`);
    }
  }
  return { value, status, raw, fromText, row: r, col: c };
}

export interface CodeToken {
  digits: string;
  raw: string;
}

/** A cell that holds only a code (or a code part): `208`, `01`, `2080109`, `2O801` (malformed). */
export function codeToken(cell: GCell | undefined): CodeToken | null {
  const digits = codeDigits(cell);
  return digits === null ? null : { digits, raw: codeRaw(cell!) };
}

/** codeToken's digits (no object made), or null. */
export function codeDigits(cell: GCell | undefined): string | null {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 1e9 ? String(v) : null;
  if (typeof v !== 'string') return null;
  switch (codeShape(v)) {
    case 'digits':
      return v;
    case 'none':
      return null;
  }
  const s = fold(v).replace(/[\s\u3000]+/g, '');
  if (/^\d{1,9}$/.test(s)) return s;
  // letter O / l typed for 0 / 1: still a code, printed wrongly
  if (/^[\dOoIl]{3,9}$/.test(s) && (s.match(/\d/g) ?? []).length >= 3) return s.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
  return null;
}

/** codeToken's raw text of a code cell: as printed (trimmed). */
export function codeRaw(cell: GCell): string {
  return typeof cell.value === 'number' ? String(cell.value) : String(cell.value).trim();
}

/**
 * What a scan of the characters tells of a code cell, before any regex: plain ASCII digits (at most 9: the
 * code as it is), a character no code holds (a letter, CJK, punctuation: no code), or anything else (spaces,
 * full-width digits, O/l look-alikes: the full reading decides).
 */
function codeShape(v: string): 'digits' | 'none' | 'other' {
  let plain = v.length > 0 && v.length <= 9;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) continue;
    plain = false;
    if (ch < 0x80) {
      // ASCII: only spaces and the look-alikes O o I l may stand in a code
      if (ch === 0x20 || (ch >= 0x09 && ch <= 0x0d) || ch === 0x4f || ch === 0x6f || ch === 0x49 || ch === 0x6c) continue;
      return 'none';
    }
    // CJK ideographs and full-width forms other than digits are never part of a code, nor spaces
    if ((ch >= 0x3400 && ch <= 0x9fff) || (ch >= 0xff00 && ch <= 0xffef && !(ch >= 0xff10 && ch <= 0xff19))) return 'none';
  }
  return plain ? 'digits' : 'other';
}

/** `2080109 社会保险经办机构` / `2080109社会保险经办机构` → code and name. */
export function codeAndName(text: string): { code: string; name: string } | null {
  const m = /^\s*(\d{3}|\d{5}|\d{7})(?!\d)\s*([^\d\s.,，．、%％].*)$/s.exec(fold(text));
  // `2022年度`, `100万元`, `12人` are figures, not a code and a name
  if (!m || (/^(年|月|日|万|元|亿|个|人|次|台|辆|套|批|分)/.test(m[2]) && m[2].length <= 3) || /^(年|月|万元|元)/.test(m[2])) return null;
  return { code: m[1], name: m[2].trim() };
}

/** A text read as an amount, once per recognition and text (several specs and checks read the same cell). */
function textAmount(text: string): ParsedAmount {
  return remembered(
    (m) => m.amount,
    text,
    (t) => parseAmount(t),
  );
}

/** True for a cell that reads as a number (a value, not a label). */
export function isNumeric(cell: GCell): boolean {
  if (typeof cell.value === 'number') return true;
  if (typeof cell.value !== 'string') return false;
  return textAmount(cell.value).status === 'number';
}

export function levelOfCode(code: string): 'class' | 'section' | 'item' {
  if (code.length <= 3) return 'class';
  if (code.length <= 5) return 'section';
  return 'item';
}

/** Note lines under a table: `注：…`, `说明：…`, `填表人：…`; with `sentences`, also a long sentence. */
export function isNoteText(text: string, sentences = true): boolean {
  const t = text.trim();
  return (
    /^(注|说明|备注|附注|填表人|填报人|填报日期|单位负责人|财务负责人|制表人|审核人)\s*[:：1-9１-９.．、]/.test(t) ||
    (sentences && t.length > 40 && /[。；]/.test(t))
  );
}
