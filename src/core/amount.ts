/**
 * Reading amounts out of cells. Every amount that is summed, compared or rounded is a Decimal:
 * binary floats would turn 0.1 + 0.2 into a "difference".
 */
import Decimal from 'decimal.js';
import type { CellValue } from './snapshot';

export { Decimal };

/** What a cell holds, as far as amounts go. */
export type AmountStatus =
  | 'number' //   a number, or text that reads as one (`1,575.90`, `(12.00)`)
  | 'empty' //    nothing, or only spaces
  | 'na' //       `—`, `——`, `-`: not applicable, not zero
  | 'error' //    `#REF!`, `#VALUE!`…
  | 'text'; //    anything else

export interface ParsedAmount {
  status: AmountStatus;
  value: Decimal | null;
  /** True when the number came from text (copied from a PDF, say). */
  fromText: boolean;
  /** Text that would be a number but for a space that is no thousands separator (`17 09.37`). */
  badSpaces?: boolean;
}

const SPACE = /[\s\u00a0\u2007\u2009\u202f\u3000]/;

/**
 * Text copied from a PDF separates thousands with spaces (`1 709.37`, also no-break spaces). A space is read
 * as a separator only between groups of three digits: in `17 09.37` or `1709 .37` nobody can tell the number.
 */
function spacesAreSeparators(s: string): boolean {
  const digits = s
    .replace(/\s*[,，]\s*/g, ',')
    .replace(/^[(（]?\s*[-+－]?\s*[¥￥]?\s*[-+－]?\s*/, '')
    .replace(/\s*元?\s*[)）]?$/, '');
  if (!SPACE.test(digits)) return true;
  return new RegExp(`^\\d{1,3}(${SPACE.source}+\\d{3})+([.．。]\\d+)?$`).test(digits);
}

const NA = /^[-—–―－─]{1,2}$/;
const EXCEL_ERROR = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|CONNECT!|BLOCKED!|UNKNOWN!)$/i;

/**
 * Full-width digits and punctuation to ASCII, thousands separators out, `(12.00)` → `-12.00`.
 * Returns null when the text is not a number.
 */
export function parseNumberText(raw: string): Decimal | null {
  const folded = raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  if (!spacesAreSeparators(folded)) return null;
  let s = folded
    .replace(/[．。]/g, '.')
    .replace(/[，,\s\u00a0\u2007\u2009\u202f\u3000]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  let negative = false;
  const paren = /^[(（](.*)[)）]$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  if (s.startsWith('－')) s = '-' + s.slice(1);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const d = new Decimal(s);
  return negative ? d.negated() : d;
}

/**
 * The Decimal of a number cell: what the user typed. Excel stores 1709.37 as the nearest double;
 * toPrecision(15) recovers the typed digits. A number that is a whole number of cents below 10^13 is already
 * the double nearest its 15-digit form, so its own digits are those (the common case, without the detour).
 */
export function decimalOfNumber(value: number): Decimal {
  if (value === 0) return new Decimal(0); // −0 too: what was typed is 0
  const cents = Math.round(value * 100);
  if (Math.abs(cents) < 1e15 && cents / 100 === value) return new Decimal(value);
  return new Decimal(Number(value.toPrecision(15)).toString());
}

/** The bits of a double, for hashing (shared scratch: one number at a time). */
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

/**
 * The Decimals of the numbers met in one pass over a workbook, by value. A workbook prints most figures
 * several times (合计 and 类 lines, one line in several tables, zeros), and making a Decimal costs many
 * times a lookup; Decimals are immutable, so cells may share one. An open-addressing table on the number's
 * bits: a lookup is a few array reads (a Map of numbers hashes and boxes them).
 */
export class DecimalCache {
  private keys = new Float64Array(4096);
  private values: (Decimal | undefined)[] = new Array<Decimal | undefined>(4096);
  private size = 0;

  of(value: number): Decimal {
    if (!Number.isFinite(value)) return decimalOfNumber(value);
    const v = value + 0; // −0 and 0 are one key (both read as 0)
    let mask = this.keys.length - 1;
    let i = slot(v) & mask;
    for (;;) {
      const d = this.values[i];
      if (d === undefined) break;
      if (this.keys[i] === v) return d;
      i = (i + 1) & mask;
    }
    const d = decimalOfNumber(v);
    // kept at most three quarters full (linear probing stays short)
    if (++this.size * 4 > this.keys.length * 3) {
      this.grow();
      mask = this.keys.length - 1;
      i = slot(v) & mask;
      while (this.values[i] !== undefined) i = (i + 1) & mask;
    }
    this.keys[i] = v;
    this.values[i] = d;
    return d;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Array<Decimal | undefined>(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let k = 0; k < keys.length; k++) {
      if (values[k] === undefined) continue;
      let i = slot(keys[k]) & mask;
      while (this.values[i] !== undefined) i = (i + 1) & mask;
      this.keys[i] = keys[k];
      this.values[i] = values[k];
    }
  }
}

/** A hash of a double's bits (murmur3's finaliser over the two words). */
function slot(v: number): number {
  BITS[0] = v;
  let h = WORDS[0] ^ Math.imul(WORDS[1], 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `decimals`: a cache shared by the cells of one pass (see DecimalCache). */
export function parseAmount(value: CellValue | undefined, decimals?: DecimalCache): ParsedAmount {
  if (value === null || value === undefined) return { status: 'empty', value: null, fromText: false };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { status: 'error', value: null, fromText: false };
    return { status: 'number', value: decimals ? decimals.of(value) : decimalOfNumber(value), fromText: false };
  }
  if (typeof value === 'boolean') return { status: 'text', value: null, fromText: false };
  const s = value.trim();
  if (s === '') return { status: 'empty', value: null, fromText: false };
  if (NA.test(s)) return { status: 'na', value: null, fromText: false };
  if (EXCEL_ERROR.test(s)) return { status: 'error', value: null, fromText: false };
  const d = parseNumberText(s);
  if (d) return { status: 'number', value: d, fromText: true };
  if (parseNumberText(s.replace(new RegExp(SPACE.source, 'g'), '')))
    return { status: 'text', value: null, fromText: false, badSpaces: true };
  return { status: 'text', value: null, fromText: false };
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `d` × 100 as a JS number when that is a whole number of magnitude ≤ 2^53 − 1 (then the number is exact),
 * else NaN. Read off decimal.js's digits (`d.d`: base-10^7 words, `d.e`: decimal exponent of the first digit,
 * `d.s`: sign — documented, read-only), without arithmetic on Decimals: sums of whole cents are exact in
 * JS numbers as long as they stay within ±(2^53 − 1).
 */
export function exactCents(d: Decimal): number {
  const words = d.d;
  if (!words) return NaN; // NaN, ±Infinity
  // power of ten of the first word, in cents: the first word holds the digits from 10^(7·⌊e/7⌋) up
  const top = 7 * Math.floor(d.e / 7) + 2;
  let c = 0;
  for (let j = 0; j < words.length; j++) {
    const w = words[j];
    const p = top - 7 * j;
    if (p >= 0) {
      if (p >= POW10.length) {
        if (w !== 0) return NaN;
        continue;
      }
      c += w * POW10[p];
    } else if (p === -5) {
      // the word of 10^-1 … 10^-7 yuan: whole cents only when its last five digits are zero
      if (w % 100000 !== 0) return NaN;
      c += w / 100000;
    } else if (w !== 0) return NaN;
    // a product or sum past 2^53 is ≥ 2^53 however it is rounded: caught here
    if (c > Number.MAX_SAFE_INTEGER) return NaN;
  }
  return d.s < 0 ? -c : c;
}

/** Two decimals, no separators: `1709.37`, `-12.00`. The form used in findings' expected/actual. */
export function toAmountString(d: Decimal): string {
  return d.toFixed(2);
}

/** `1,709.37` — for messages a person reads. */
export function formatAmount(d: Decimal): string {
  const [int, frac] = d.abs().toFixed(2).split('.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
