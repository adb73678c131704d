/** A cell element's content in the ledger's neutral form, and the element for a value to write. */
import type { StoredValue } from '../../../core/ledger';
import { escapeText, scanXml, unescapeOoxml } from '../package/xml';
import { cellXml, type CellInput } from './book';
import { getAttr, innerOf, setAttr, setInner } from './tags';

/** What a `<c>` element holds: a formula (with its cached result), text, a number, a boolean, or nothing. */
export function storedOf(cell: string | null, strings: () => string[]): StoredValue {
  if (cell === null) return { t: 'null' };
  const t = getAttr(cell, 't') ?? 'n';
  let v: string | null = null;
  let formula: string | null = null;
  let inline = '';
  let inIs = false;
  let phonetic = 0;
  let target: 'v' | 'f' | 't' | null = null;
  const events = {
    wantText: false,
    open(name: string) {
      if (name === 'v' || name === 'f') {
        target = name;
        if (name === 'f') formula = '';
        else v = '';
        events.wantText = true;
      } else if (name === 'is') inIs = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && inIs && phonetic === 0) {
        target = 't';
        events.wantText = true;
      }
    },
    close(name: string) {
      if (name === 'v' || name === 'f' || name === 't') {
        target = null;
        events.wantText = false;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'is') inIs = false;
    },
    text(s: string) {
      if (target === 'v') v = (v ?? '') + s;
      else if (target === 'f') formula = (formula ?? '') + s;
      else if (target === 't') inline += s;
    },
  };
  scanXml(cell, events);
  const f = formula as string | null;
  const cached = v as string | null;
  if (f !== null) return { t: 'object', v: { formula: f, ...(cached !== null ? { result: cached } : {}) } };
  if (t === 'inlineStr') return inline === '' ? { t: 'null' } : { t: 'plain', v: unescapeOoxml(inline) };
  if (cached === null || cached === '') return { t: 'null' };
  if (t === 's') {
    const s = strings()[Number(cached)];
    return s === undefined || s === '' ? { t: 'null' } : { t: 'plain', v: s };
  }
  if (t === 'str' || t === 'e') return { t: 'plain', v: unescapeOoxml(cached) };
  if (t === 'b') return { t: 'plain', v: cached.trim() === '1' };
  if (t === 'd') return { t: 'date', v: cached };
  const n = Number(cached);
  return Number.isFinite(n) ? { t: 'plain', v: n } : { t: 'null' };
}

export function sameStored(a: StoredValue, b: StoredValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when the element holds a formula. */
export function hasFormula(cell: string | null): boolean {
  return cell !== null && /<(?:\w+:)?f[\s>/]/.test(cell);
}

/** The element with `value` written: other attributes (style) kept, content and type replaced. */
export function withValue(cell: string, row: number, col: number, value: CellInput): string {
  const style = getAttr(cell, 's');
  const fresh = cellXml(row, col, value, style === undefined ? undefined : Number(style));
  let out = setAttr(cell, 't', getAttr(fresh, 't') ?? null);
  out = setInner(out, innerOf(fresh));
  return out;
}

/** A ledger value turned back into cell input where it can be written as one; null when it cannot. */
export function inputOf(s: StoredValue): { value: CellInput } | { formula: string } | null {
  switch (s.t) {
    case 'null':
      return { value: null };
    case 'plain':
      return typeof s.v === 'boolean' ? null : { value: s.v };
    case 'object': {
      const v = s.v as { formula?: unknown; richText?: { text: string }[] };
      if (typeof v?.formula === 'string') return { formula: v.formula };
      if (Array.isArray(v?.richText)) return { value: v.richText.map((r) => r.text).join('') };
      return null;
    }
    default:
      return null;
  }
}

/** The element holding a formula (no cached value: Excel computes it on open). */
export function withFormula(cell: string, formula: string): string {
  const out = setAttr(cell, 't', null);
  return setInner(out, `<f>${escapeText(formula)}</f>`);
}

/** The element holding a formula with its cached result (so readers that do not calculate see the value). */
export function withFormulaResult(cell: string, formula: string, value: number | string | null): string {
  const f = `<f>${escapeText(formula)}</f>`;
  if (typeof value === 'number') return setInner(setAttr(cell, 't', null), `${f}<v>${value}</v>`);
  return setInner(setAttr(cell, 't', 'str'), `${f}<v>${escapeText(value ?? '')}</v>`);
}
