/**
 * office.js ⇄ the ledger's shapes (src/core/ledger): a fill as office.js reports it (`{ color, pattern }`) ⇄
 * StoredFill, a cell's `values` and `formulas` ⇄ StoredValue, a note's content ⇄ its text. Translation only:
 * what a write records and what a clear restores is the ledger's decision.
 */
import type { StoredFill, StoredValue } from '../../core/ledger';

// ---------- fills ----------

/** What office.js reports for a cell's fill. `pattern` is `None` for no fill (color then reads `#FFFFFF`). */
export interface OfficeFill {
  color: string | null;
  pattern: string | null;
}

/** What office.js reports for a cell without a fill. */
export const NO_FILL: OfficeFill = { color: '#FFFFFF', pattern: 'None' };

/** `RRGGBB` of `#RRGGBB`, `AARRGGBB` or `#RGB`; a Chinese error for anything else. */
export function normHex(color: string): string {
  const hex = color.trim().replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{8}$/.test(hex)) return hex.slice(2);
  if (/^[0-9A-F]{6}$/.test(hex)) return hex;
  if (/^[0-9A-F]{3}$/.test(hex))
    return hex
      .split('')
      .map((c) => c + c)
      .join('');
  throw new Error(`无法识别的颜色：${color}`);
}

/** The stored fill of what office.js reports (null: no fill); a non-solid Excel pattern is kept in `officePattern`. */
export function storedFromOffice(f: OfficeFill): StoredFill | null {
  if (f.pattern === 'None' || f.color === null) return null;
  const fill: StoredFill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${normHex(f.color)}` } };
  if (f.pattern && f.pattern !== 'Solid') fill.officePattern = f.pattern;
  return fill;
}

export function solidStored(color: string): StoredFill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${normHex(color)}` } };
}

/** Hex `#RRGGBB` of a stored fill Excel can paint, or null when it is a theme colour office.js cannot set. */
export function storedHex(f: StoredFill): string | null {
  const argb = f.fgColor?.argb;
  return argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : null;
}

/** The cell shows this stored fill (same colour, solid unless the entry says otherwise). */
export function officeShows(f: OfficeFill, stored: StoredFill | null): boolean {
  if (stored === null) return f.pattern === 'None';
  const hex = storedHex(stored);
  if (!hex || f.color === null || f.pattern === 'None') return false;
  const pattern = stored.officePattern ?? (stored.pattern === 'solid' ? 'Solid' : stored.pattern);
  return normHex(f.color) === normHex(hex) && (f.pattern === null || f.pattern === pattern);
}

// ---------- notes ----------

/** A note's text: a string, or rich text (`{ texts: [{ text }] }`) as an older writer may have stored it. */
export function noteText(n: unknown): string {
  if (n === null || n === undefined) return '';
  if (typeof n === 'string') return n;
  const texts = (n as { texts?: { text: string }[] }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text).join('') : '';
}

// ---------- values ----------

/**
 * A cell as the ledger stores it, from office.js `values` and `formulas`. Text that starts with `=` in a
 * text-formatted cell reads the same in both, which is how it differs from a formula.
 */
export function storedFromCell(value: unknown, formula: unknown): StoredValue {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return { t: 'object', v: { formula: formula.slice(1) } };
  if (value === '' || value === null || value === undefined) return { t: 'null' };
  return { t: 'plain', v: value as string | number | boolean };
}

/**
 * What to write back for a stored value: `{ formula }` to put into `formulas`, `{ value }` as a literal (`''`
 * empties the cell), or null when Excel cannot take it back exactly (a date or rich object from the .xlsx side).
 */
export function officeFromStored(s: StoredValue): { formula: string } | { value: string | number | boolean } | null {
  switch (s.t) {
    case 'null':
      return { value: '' };
    case 'plain':
      return { value: s.v };
    case 'object': {
      const v = s.v as { formula?: string; richText?: { text: string }[] } | null;
      if (v && typeof v.formula === 'string') return { formula: `=${v.formula}` };
      if (v && Array.isArray(v.richText)) return { value: v.richText.map((t) => t.text).join('') };
      return null;
    }
    default:
      return null;
  }
}

/** The cell currently holds this stored value. */
export function officeHolds(value: unknown, formula: unknown, s: StoredValue): boolean {
  return JSON.stringify(storedFromCell(value, formula)) === JSON.stringify(s);
}
