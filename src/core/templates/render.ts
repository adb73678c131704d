/** Definitions as Excel formula text, and their values (decimal.js) for the cached results. */
import Decimal from 'decimal.js';
import { cellAddress, columnLetters } from '../snapshot';
import { cellId, type CellAt, type Definition, type Term } from './formulas';

/** Always quoted: every reader takes `'公开03表'!A1`, not every one takes it bare. */
const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Formula text (without `=`) of a definition on table `home`'s sheet; `sheets[t]` names table t's sheet. */
export function formulaText(def: Definition, home: number, sheets: string[]): string {
  const ref = (c: CellAt) => `${c.t === home ? '' : `${quoteSheet(sheets[c.t])}!`}${cellAddress(c.row, c.col)}`;
  if (def.type === 'ratio') return `IF(${ref(def.denominator)}=0,"",${ref(def.numerator)}/${ref(def.denominator)})`;
  if (def.type === 'grade') {
    const s = ref(def.score);
    const bands = def.bands.slice(0, -1);
    const last = def.bands[def.bands.length - 1].grade;
    const nested = bands.reduceRight((inner, b) => `IF(${s}>=${b.min},"${b.grade}",${inner})`, `"${last}"`);
    return `IF(${s}=0,"",${nested})`;
  }
  return def.terms.map((x, i) => `${x.sign < 0 ? '-' : i > 0 ? '+' : ''}${termText(x, home, sheets)}`).join('');
}

function termText(term: Term, home: number, sheets: string[]): string {
  const prefix = (t: number) => (t === home ? '' : `${quoteSheet(sheets[t])}!`);
  if ('cell' in term) return `${prefix(term.cell.t)}${cellAddress(term.cell.row, term.cell.col)}`;
  if ('range' in term) {
    const { t, top, bottom, col } = term.range;
    return `SUM(${prefix(t)}${cellAddress(top, col)}:${cellAddress(bottom, col)})`;
  }
  const { t, codeCol, top, bottom, pattern, col } = term.sumif;
  const code = columnLetters(codeCol);
  const value = columnLetters(col);
  return `SUMIF(${prefix(t)}$${code}$${top + 1}:$${code}$${bottom + 1},"${pattern}",${prefix(t)}${value}$${top + 1}:${value}$${bottom + 1})`;
}

export type Value = Decimal | string | null;

/** Evaluates every definition over `input` (what the cells hold), memoised; returns each defined cell's value. */
export function evaluate(defs: Map<string, Definition>, input: (c: CellAt) => Value): Map<string, Value> {
  const out = new Map<string, Value>();
  const value = (c: CellAt): Value => {
    const id = cellId(c);
    const def = defs.get(id);
    if (!def) return input(c);
    if (out.has(id)) return out.get(id)!;
    const v = compute(def, value, input);
    out.set(id, v);
    return v;
  };
  for (const [id] of defs) {
    const [t, row, col] = id.split(':').map(Number);
    value({ t, row, col });
  }
  return out;
}

const num = (v: Value): Decimal => (v instanceof Decimal ? v : new Decimal(0));

function compute(def: Definition, value: (c: CellAt) => Value, input: (c: CellAt) => Value): Value {
  if (def.type === 'ratio') {
    const d = num(value(def.denominator));
    return d.isZero() ? '' : num(value(def.numerator)).div(d);
  }
  if (def.type === 'grade') {
    const s = num(value(def.score));
    if (s.isZero()) return '';
    return def.bands.find((b) => s.gte(b.min))?.grade ?? def.bands[def.bands.length - 1].grade;
  }
  let sum = new Decimal(0);
  for (const term of def.terms) sum = sum.plus(termValue(term, value, input).times(term.sign));
  return sum;
}

function termValue(term: Term, value: (c: CellAt) => Value, input: (c: CellAt) => Value): Decimal {
  if ('cell' in term) return num(value(term.cell));
  if ('range' in term) {
    let s = new Decimal(0);
    for (let r = term.range.top; r <= term.range.bottom; r++) s = s.plus(num(value({ t: term.range.t, row: r, col: term.range.col })));
    return s;
  }
  const { t, codeCol, top, bottom, pattern, col } = term.sumif;
  let s = new Decimal(0);
  for (let r = top; r <= bottom; r++) {
    const code = input({ t, row: r, col: codeCol });
    if (typeof code === 'string' && matches(code, pattern)) s = s.plus(num(value({ t, row: r, col })));
  }
  return s;
}

/** SUMIF's criterion: `?` is any one character, the rest must match exactly. */
export function matches(text: string, pattern: string): boolean {
  if (text.length !== pattern.length) return false;
  for (let i = 0; i < text.length; i++) if (pattern[i] !== '?' && pattern[i] !== text[i]) return false;
  return true;
}
