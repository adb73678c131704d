/**
 * The ledger as a plan is built: the entries in the order writes happened, with the lookups and replacements of
 * src/core/ledger (`findCellEntry`, `replaceEntry`) kept cheap for plans of tens of thousands of cells — an
 * index of the cell entries by kind, tag, sheet and cell, each bucket searched with `findCellEntry` itself.
 * Entries this adapter does not write (`package`, `foreign`, overrides, the `exact` data of .xlsx entries) are
 * never touched.
 */
import { findCellEntry, type CellEntry, type LedgerEntry } from '../../../core/ledger';

const keyOf = (kind: string, tag: string, sheet: string, cell: string) => `${kind}\u0000${tag}\u0000${sheet}\u0000${cell}`;

export class LedgerWork {
  private readonly list: LedgerEntry[];
  private readonly dropped = new Set<LedgerEntry>();
  private readonly byCell = new Map<string, CellEntry[]>();

  constructor(entries: readonly LedgerEntry[]) {
    this.list = [...entries];
    for (const e of this.list) if (isCell(e)) this.bucket(e).push(e);
  }

  private bucket(e: CellEntry): CellEntry[] {
    const k = keyOf(e.kind, e.tag, e.sheet, e.cell);
    let b = this.byCell.get(k);
    if (!b) this.byCell.set(k, (b = []));
    return b;
  }

  /** `findCellEntry` over the entries as they stand. */
  find<K extends CellEntry['kind']>(kind: K, tag: string, sheet: string, cell: string): Extract<CellEntry, { kind: K }> | undefined {
    return findCellEntry(this.byCell.get(keyOf(kind, tag, sheet, cell)) ?? [], kind, tag, sheet, cell);
  }

  /** `replaceEntry`: `old` (if any) goes, `entry` comes at the end. */
  replace(old: LedgerEntry | undefined, entry: LedgerEntry): void {
    if (old !== undefined) this.drop(old);
    this.list.push(entry);
    if (isCell(entry)) this.bucket(entry).push(entry);
  }

  drop(e: LedgerEntry): void {
    if (this.dropped.has(e)) return;
    this.dropped.add(e);
    if (isCell(e)) {
      const b = this.bucket(e);
      const i = b.indexOf(e);
      if (i >= 0) b.splice(i, 1);
    }
  }

  /** The entries as they stand, in the order writes happened. */
  current(): LedgerEntry[] {
    return this.list.filter((e) => !this.dropped.has(e));
  }
}

function isCell(e: LedgerEntry): e is CellEntry {
  return e.kind === 'fill' || e.kind === 'note' || e.kind === 'values';
}
