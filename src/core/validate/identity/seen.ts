/** Identities judged already, by their total: the same identity reached by two rules is judged once. */
import type { CellAmount, RecognisedTable } from '../../model';
import type { SumRule } from '../../rules/types';
import { address, build, type Built, type Ctx, type Current } from './select';
import { SumOutcome } from './sum';

/** The signed parts of an identity as text, in a fixed order (the same parts in any order read the same). */
export function partsKey(b: Built): string {
  const parts = new Array<string>(b.parts.length);
  for (let i = 0; i < b.parts.length; i++) {
    const p = b.parts[i];
    parts[i] = `${p.sign < 0 ? '-' : '+'}${address(p) ?? `${p.table.id}:${p.rowKey}:${p.colKey}`}`;
  }
  parts.sort();
  return parts.join(',');
}

/** The outcomes judged with one total: most totals are met once. */
export type Judged = SumOutcome | SumOutcome[];

/**
 * Identities already judged, by relation, then total: the total's cell by sheet, row and column (what its
 * sheet-qualified address says, without building it), or as text when it is no cell (a line the table does
 * not print, a constant) or lies outside a sheet's limits. The parts are spelt out only for a total met twice
 * with as many parts.
 */
export class Seen {
  /** Totals that are cells, by (sheet number, row × 16,384 + column). */
  readonly cells = new CellTable();
  /** Totals as text. */
  readonly text = new Map<string, Judged>();
}

/**
 * Outcomes by a total cell's place: an open-addressing table on the number sheet × 2^34 + row × 2^14 + column
 * (exact: below 2^53), found with a few array reads where a Map hashes every number; one probe serves the
 * lookup and the entry that follows it.
 */
class CellTable {
  private keys = new Float64Array(1 << 14);
  private values: (Judged | undefined)[] = new Array<Judged | undefined>(1 << 14);
  private size = 0;

  /** The slot of `key`: where it is, or where it goes. */
  slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = hashPlace(key) & mask;
    while (this.values[i] !== undefined && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  at(slot: number): Judged | undefined {
    return this.values[slot];
  }

  /** Sets the slot found by `slot(key)` (no other entry made in between). */
  set(slot: number, key: number, judged: Judged): void {
    if (this.values[slot] === undefined) {
      this.keys[slot] = key;
      this.size++;
    }
    this.values[slot] = judged;
    if (this.size * 4 > this.keys.length * 3) this.grow();
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Array<Judged | undefined>(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let k = 0; k < keys.length; k++) {
      if (values[k] === undefined) continue;
      let i = hashPlace(keys[k]) & mask;
      while (this.values[i] !== undefined) i = (i + 1) & mask;
      this.keys[i] = keys[k];
      this.values[i] = values[k];
    }
  }
}

/** A hash of a place number (below 2^53): its low and high 32 bits, mixed (murmur3's finaliser). */
function hashPlace(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Excel's limits: 1,048,576 rows, 16,384 columns. */
export const MAX_ROWS = 1 << 20;
export const MAX_COLS = 1 << 14;

/** Rows and columns within a sheet's limits: (row, column) ↔ row × MAX_COLS + column is one to one. */
export function onSheet(cell: CellAmount): boolean {
  const { row, col } = cell;
  return Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0 && row < MAX_ROWS && col < MAX_COLS;
}

export function sheetNo(ctx: Ctx, sheet: string): number {
  let no = ctx.sheetNo.get(sheet);
  if (no === undefined) ctx.sheetNo.set(sheet, (no = ctx.sheetNo.size));
  return no;
}

/**
 * Whether the same identity (relation, total, signed parts) was judged already: among the outcomes with that
 * total and as many parts, one with the same signed parts. The parts are spelt out (`partsKey`) only then,
 * the current identity's from where it is (`mine`).
 */
export function seenBefore(
  judged: Judged,
  n: number,
  mine: { ctx: Ctx; rule: SumRule; table: RecognisedTable; cur: Current | null; col: string | null },
): boolean {
  let parts: string | null = null;
  for (const e of Array.isArray(judged) ? judged : [judged]) {
    if (e.count !== n) continue;
    parts ??= partsKey(build(mine.ctx, mine.rule, mine.table, mine.cur, mine.col)!);
    if (e.partsText() === parts) return true;
  }
  return false;
}
