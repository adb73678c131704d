/**
 * The add-in's own records, kept inside the workbook in the veryHidden sheet `_juesuan` — the same sheet and row
 * format the exceljs adapter writes (src/adapters/xlsx/apply.ts), so marks made by the standalone page can be
 * cleared in Excel and the other way round, and table-kind corrections follow the file.
 *
 * Rows: header `kind | tag | sheet | cell | data`, then one row per record. `data` is JSON:
 *  - fill:   `{ prior: Fill | null, applied: Fill }` with Fill in exceljs' shape
 *            (`{ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }`; null = no fill);
 *            a non-solid Excel pattern is kept in `officePattern` so Excel restores it exactly.
 *  - note:   `{ prior: string | null, applied: string }`; `via: 'comment'` when Excel had no notes API and the
 *            text went into a threaded comment instead.
 *  - values: `{ prior: StoredValue, applied: StoredValue, priorFormat?: string }`.
 *  - sheet:  a sheet the add-in added (`cell` and `data` empty).
 *  - override: a table-kind correction, `cell` = anchor, `data` = JSON spec id or null.
 */
import type { KindOverride } from '../../core/snapshot';

export const RECORD_SHEET = '_juesuan';
export const RECORD_HEADER = ['kind', 'tag', 'sheet', 'cell', 'data'];

export type RecordKind = 'fill' | 'note' | 'values' | 'sheet' | 'override';

export interface AddinRecord {
  kind: RecordKind;
  tag: string;
  sheet: string;
  cell: string;
  data: string;
}

export interface StoredFill {
  type: 'pattern';
  pattern: string;
  fgColor?: { argb?: string; theme?: number; tint?: number };
  officePattern?: string;
}

export type StoredValue =
  { t: 'null' } | { t: 'date'; v: string } | { t: 'plain'; v: string | number | boolean } | { t: 'object'; v: unknown };

const KINDS: RecordKind[] = ['fill', 'note', 'values', 'sheet', 'override'];

export function parseRecords(values: unknown[][] | null): AddinRecord[] {
  if (!values) return [];
  const out: AddinRecord[] = [];
  values.forEach((row, i) => {
    if (i === 0) return;
    const cell = (j: number) => (row[j] === null || row[j] === undefined ? '' : String(row[j]));
    const kind = cell(0) as RecordKind;
    if (!KINDS.includes(kind)) return;
    out.push({ kind, tag: cell(1), sheet: cell(2), cell: cell(3), data: cell(4) });
  });
  return out;
}

export function recordRows(records: AddinRecord[]): string[][] {
  return [RECORD_HEADER, ...records.map((r) => [r.kind, r.tag, r.sheet, r.cell, r.data])];
}

export function sameRecords(a: AddinRecord[], b: AddinRecord[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A note record whose text went into a threaded comment (Excel without the notes API). */
export function isCommentRecord(r: AddinRecord): boolean {
  if (r.kind !== 'note') return false;
  try {
    return (JSON.parse(r.data) as { via?: string }).via === 'comment';
  } catch {
    return false;
  }
}

export function overridesFromRecords(records: AddinRecord[]): KindOverride[] {
  return records
    .filter((r) => r.kind === 'override')
    .map((r) => ({ sheet: r.sheet, anchor: r.cell, specId: r.data === '' ? null : (JSON.parse(r.data) as string | null) }));
}

export function withOverrides(records: AddinRecord[], list: KindOverride[]): AddinRecord[] {
  const byKey = new Map<string, KindOverride>();
  for (const o of list) byKey.set(`${o.sheet}!${o.anchor}`, o);
  const out = records.filter((r) => r.kind !== 'override');
  for (const o of byKey.values()) {
    out.push({ kind: 'override', tag: 'override', sheet: o.sheet, cell: o.anchor, data: JSON.stringify(o.specId) });
  }
  return out;
}

// ---------- fills: Excel's { color, pattern } ⇄ the stored exceljs shape ----------

/** What office.js reports for a cell's fill. `pattern` is `None` for no fill (color then reads `#FFFFFF`). */
export interface OfficeFill {
  color: string | null;
  pattern: string | null;
}

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

/** The cell shows this stored fill (same colour, solid unless the record says otherwise). */
export function officeShows(f: OfficeFill, stored: StoredFill | null): boolean {
  if (stored === null) return f.pattern === 'None';
  const hex = storedHex(stored);
  if (!hex || f.color === null || f.pattern === 'None') return false;
  const pattern = stored.officePattern ?? (stored.pattern === 'solid' ? 'Solid' : stored.pattern);
  return normHex(f.color) === normHex(hex) && (f.pattern === null || f.pattern === pattern);
}

// ---------- values ----------

export function noteText(n: unknown): string {
  if (n === null || n === undefined) return '';
  if (typeof n === 'string') return n;
  const texts = (n as { texts?: { text: string }[] }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text).join('') : '';
}

/**
 * A cell as the exceljs adapter stores it, from office.js `values` and `formulas`. Text that starts with `=` in a
 * text-formatted cell reads the same in both, which is how it differs from a formula.
 */
export function storedFromCell(value: unknown, formula: unknown): StoredValue {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return { t: 'object', v: { formula: formula.slice(1) } };
  if (value === '' || value === null || value === undefined) return { t: 'null' };
  return { t: 'plain', v: value as string | number | boolean };
}

/**
 * What to write back for a stored value: `{ formula }` to put into `formulas`, `{ value }` as a literal, or null
 * when Excel cannot take it back exactly (a date or rich object from the exceljs side).
 */
export function officeFromStored(s: StoredValue): { formula: string } | { value: string | number | boolean | '' } | null {
  switch (s.t) {
    case 'null':
      return { value: '' };
    case 'plain':
      return { value: s.v };
    case 'object': {
      const v = s.v as { formula?: string; richText?: { text: string }[] };
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
