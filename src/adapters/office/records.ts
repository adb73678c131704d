/**
 * The record sheet `_juesuan` through office.js. Its format, and every decision about what it holds, is the
 * ledger's (src/core/ledger) — one format for this adapter and the .xlsx one, so marks made in the page clear in
 * Excel and the other way round. This module only moves the ledger's rows in and out of the sheet: the sheet's
 * values → entries, entries → the queued writes that put them back. Entries this adapter does not write (the .xlsx
 * adapter's `package` bookkeeping and `exact` data, rows of a newer version kept as `foreign`) pass through
 * untouched.
 */
import { LEDGER_SHEET, ledgerRows, parseLedger, type LedgerEntry } from '../../core/ledger';
import { noteText } from './translate';
import { ACTION, size, type Write } from './write/batch';

export const RECORD_SHEET = LEDGER_SHEET;

/** A cell of the record sheet as text (the sheet is text-formatted; a stray number reads as its digits). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The entries of the record sheet's values (its used range from A1, as office.js loads it: dense, so each row is
 * trimmed of the empty cells the widest row gave it).
 */
export function ledgerFromValues(values: readonly (readonly unknown[])[] | null): LedgerEntry[] {
  if (!values) return [];
  const rows = values.map((row) => {
    const texts = row.map(cellText);
    let n = texts.length;
    while (n > 0 && texts[n - 1] === '') n--;
    return texts.slice(0, n);
  });
  return parseLedger(rows).map(plainNote);
}

/** A note entry whose texts an older writer kept as rich text, as the plain text the ledger types it as. */
function plainNote(e: LedgerEntry): LedgerEntry {
  if (e.kind !== 'note' || ((e.prior === null || typeof e.prior === 'string') && typeof e.applied === 'string')) return e;
  return { ...e, prior: e.prior === null ? null : noteText(e.prior), applied: noteText(e.applied) };
}

/** Whether `entries` leave anything to remember: else the record sheet goes (the ledger's `ledgerRows` decides). */
export function keepsSheet(entries: readonly LedgerEntry[]): boolean {
  return ledgerRows(entries).length > 0;
}

/** The two lists would put the same rows into the sheet. */
export function sameLedger(a: readonly LedgerEntry[], b: readonly LedgerEntry[]): boolean {
  return a === b || JSON.stringify(ledgerRows(a)) === JSON.stringify(ledgerRows(b));
}

/** A note whose text went into a threaded comment (Excel without the notes API). */
export function isCommentNote(e: LedgerEntry): boolean {
  return e.kind === 'note' && e.via === 'comment';
}

/**
 * The writes that make the record sheet hold `entries`: the sheet rewritten whole (created very hidden when
 * `exists` is false), in bands of rows so that no request passes the budget; or, when nothing is left to
 * remember, the sheet deleted (nothing when it does not exist).
 */
export function recordSheetWrites(entries: readonly LedgerEntry[], exists: boolean, perSync: number): Write[] {
  const rows = ledgerRows(entries);
  if (rows.length === 0) return exists ? [{ bytes: 2 * ACTION, run: (x) => x.remove(RECORD_SHEET) }] : [];
  // Rows differ in length (the header carries the version, a foreign row may be longer): one width for all.
  const width = Math.max(...rows.map((r) => r.length));
  const dense = rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
  const out: Write[] = [
    {
      bytes: 4 * ACTION,
      run: (x) => {
        if (!exists) x.add(RECORD_SHEET).visibility = 'VeryHidden';
        else x.sheet(RECORD_SHEET).getRange().clear();
      },
    },
  ];
  let start = 0;
  while (start < dense.length) {
    let end = start;
    let bytes = 6 * ACTION;
    while (end < dense.length && (end === start || bytes + size(dense[end]) + 30 <= perSync / 2)) bytes += size(dense[end++]) + 30;
    const band = dense.slice(start, end);
    const top = start;
    out.push({
      bytes,
      run: (x) => {
        const range = x.sheet(RECORD_SHEET).getRangeByIndexes(top, 0, band.length, width);
        // Text format first: a sheet named `2023` must come back as text, not as the number 2023.
        range.numberFormat = band.map((r) => r.map(() => '@'));
        range.values = band;
      },
    });
    start = end;
  }
  return out;
}
