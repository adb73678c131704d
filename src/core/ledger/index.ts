/**
 * The record ledger: what the add-in's writes replaced, kept inside the workbook (very hidden sheet `_juesuan`)
 * so that undoing works after save and reload, in Excel and in the page alike. One format and one set of
 * decisions for every adapter: an adapter observes cells and carries out what the ledger decides.
 *
 * Sheet layout: a header row `kind | tag | sheet | cell | data | juesuan-ledger/2`, then one row per entry.
 * `data` is JSON. Version 1 (no version cell) had the same rows; it reads unchanged.
 */
import type { KindOverride } from '../snapshot';

export const LEDGER_SHEET = '_juesuan';
export const LEDGER_VERSION = 2;
const VERSION_MARK = `juesuan-ledger/${LEDGER_VERSION}`;
export const LEDGER_HEADER = ['kind', 'tag', 'sheet', 'cell', 'data', VERSION_MARK];

/** A fill, in one shape for every adapter (`argb` or a theme colour; office.js's non-solid pattern kept aside). */
export interface StoredFill {
  type: 'pattern';
  pattern: string;
  fgColor?: { argb?: string; theme?: number; tint?: number };
  officePattern?: string;
}

/** A cell's content: nothing, a date, a plain value, or an object (`{ formula }`, `{ richText }`). */
export type StoredValue =
  { t: 'null' } | { t: 'date'; v: string } | { t: 'plain'; v: string | number | boolean } | { t: 'object'; v: unknown };

/**
 * What one adapter needs to undo its own write exactly (for .xlsx: the element text it replaced). Opaque to
 * the core and to other adapters, which fall back on `prior`.
 */
export type Exact = Record<string, unknown>;

interface CellEntryBase {
  tag: string;
  sheet: string;
  /** A1 of one cell. */
  cell: string;
  exact?: Exact;
}

export type FillEntry = CellEntryBase & { kind: 'fill'; prior: StoredFill | null; applied: StoredFill };
export type NoteEntry = CellEntryBase & { kind: 'note'; prior: string | null; applied: string; via?: 'comment' };
export type ValuesEntry = CellEntryBase & { kind: 'values'; prior: StoredValue; applied: StoredValue; priorFormat?: string };
export type CellEntry = FillEntry | NoteEntry | ValuesEntry;
export interface SheetEntry {
  kind: 'sheet';
  tag: string;
  /** A sheet the add-in added. */
  sheet: string;
}
export interface OverrideEntry {
  kind: 'override';
  sheet: string;
  anchor: string;
  specId: string | null;
}
/** Bookkeeping of one adapter about the package (for .xlsx: the style records it appended). */
export interface PackageEntry {
  kind: 'package';
  adapter: string;
  data: Record<string, unknown>;
}
/** A row this version does not know (written by a newer one): kept as it is. */
export interface ForeignEntry {
  kind: 'foreign';
  row: string[];
}
export type LedgerEntry = CellEntry | SheetEntry | OverrideEntry | PackageEntry | ForeignEntry;

// ---------- rows ⇄ entries ----------

/** A cell of the record sheet as text: cells hold text, numbers or booleans (anything else reads as empty). */
function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Parses the record sheet's rows (first row the header). Rows that cannot be read are kept as foreign. */
export function parseLedger(rows: readonly (readonly unknown[])[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  rows.forEach((raw, i) => {
    if (i === 0) return;
    const row = raw.map(text);
    if (row.every((c) => c === '')) return;
    const entry = entryOf(row);
    out.push(entry ?? { kind: 'foreign', row });
  });
  return out;
}

function entryOf([kind, tag, sheet, cell, data]: string[]): LedgerEntry | null {
  try {
    switch (kind) {
      case 'fill':
      case 'note':
      case 'values': {
        const d = JSON.parse(data) as Record<string, unknown>;
        const base = { tag, sheet, cell, ...(d.exact ? { exact: d.exact as Exact } : {}) };
        if (kind === 'fill') return { kind, ...base, prior: (d.prior ?? null) as StoredFill | null, applied: d.applied as StoredFill };
        if (kind === 'note') {
          return {
            kind,
            ...base,
            prior: (d.prior ?? null) as string | null,
            applied: d.applied as string,
            ...(d.via === 'comment' ? { via: 'comment' } : {}),
          };
        }
        return {
          kind,
          ...base,
          prior: d.prior as StoredValue,
          applied: d.applied as StoredValue,
          ...(typeof d.priorFormat === 'string' ? { priorFormat: d.priorFormat } : {}),
        };
      }
      case 'sheet':
        return { kind, tag, sheet };
      case 'override':
        return { kind, sheet, anchor: cell, specId: data === '' ? null : (JSON.parse(data) as string | null) };
      case 'package': {
        const d = JSON.parse(data) as Record<string, unknown>;
        return { kind, adapter: tag, data: d };
      }
      default:
        return null;
    }
  } catch {
    return null;
  }
}

function rowOf(e: LedgerEntry): string[] {
  switch (e.kind) {
    case 'fill':
    case 'note':
    case 'values': {
      const { kind, tag, sheet, cell, ...rest } = e;
      return [kind, tag, sheet, cell, JSON.stringify(rest)];
    }
    case 'sheet':
      return ['sheet', e.tag, e.sheet, '', ''];
    case 'override':
      return ['override', 'override', e.sheet, e.anchor, JSON.stringify(e.specId)];
    case 'package':
      return ['package', e.adapter, '', '', JSON.stringify(e.data)];
    case 'foreign':
      return e.row;
  }
}

/** The record sheet's rows for `entries`: empty when there is nothing left to remember (the sheet then goes). */
export function ledgerRows(entries: readonly LedgerEntry[]): string[][] {
  const meaningful = entries.filter((e) => e.kind !== 'package');
  return meaningful.length === 0 ? [] : [LEDGER_HEADER, ...entries.map(rowOf)];
}

// ---------- overrides ----------

export function overridesOf(entries: readonly LedgerEntry[]): KindOverride[] {
  return entries.flatMap((e) => (e.kind === 'override' ? [{ sheet: e.sheet, anchor: e.anchor, specId: e.specId }] : []));
}

/** Replaces the stored overrides with `list` (one per sheet + anchor, the last wins). */
export function withOverrides(entries: readonly LedgerEntry[], list: readonly KindOverride[]): LedgerEntry[] {
  const byKey = new Map<string, KindOverride>();
  for (const o of list) byKey.set(`${o.sheet}!${o.anchor}`, o);
  return [...entries.filter((e) => e.kind !== 'override'), ...[...byKey.values()].map((o): OverrideEntry => ({ kind: 'override', ...o }))];
}

// ---------- decisions ----------

export function findCellEntry<K extends CellEntry['kind']>(
  entries: readonly LedgerEntry[],
  kind: K,
  tag: string,
  sheet: string,
  cell: string,
): Extract<CellEntry, { kind: K }> | undefined {
  return entries.find(
    (e): e is Extract<CellEntry, { kind: K }> => e.kind === kind && e.tag === tag && e.sheet === sheet && e.cell === cell,
  );
}

/**
 * What a write replaces, to be recorded as its prior. Written again under the same tag while the cell still shows
 * our earlier write: the original prior stays (re-marking never makes our own mark the thing to restore).
 * Otherwise what the cell holds now, which may be a change the user made after our write.
 */
export function priorOf<T>(earlier: { prior: T } | undefined, current: T, stillOurs: boolean): T {
  return earlier !== undefined && stillOurs ? earlier.prior : current;
}

/**
 * The note to write: ours below the user's note. Noted again under the same tag, ours goes below the note that
 * was there before our first one (the recorded prior), never below our old text; a note the user deleted since
 * stays deleted (only ours is written).
 */
export function noteToWrite(
  earlier: NoteEntry | undefined,
  current: string | null,
  text: string,
): { prior: string | null; applied: string } {
  const prior = earlier !== undefined && current !== null ? earlier.prior : current;
  return { prior, applied: prior ? `${prior}\n\n${text}` : text };
}

/** Clearing an entry restores its prior only where the cell still shows what we wrote; a later change of the user stays. */
export function clearAction(stillOurs: boolean): 'restore' | 'keep' {
  return stillOurs ? 'restore' : 'keep';
}

/** Entries of `tag`, newest first: the order in which stacked changes unwind. */
export function entriesToClear(entries: readonly LedgerEntry[], tag: string): (CellEntry | SheetEntry)[] {
  return entries
    .filter(
      (e): e is CellEntry | SheetEntry =>
        (e.kind === 'fill' || e.kind === 'note' || e.kind === 'values' || e.kind === 'sheet') && e.tag === tag,
    )
    .reverse();
}
