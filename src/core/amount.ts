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

export function parseAmount(value: CellValue | undefined): ParsedAmount {
  if (value === null || value === undefined) return { status: 'empty', value: null, fromText: false };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { status: 'error', value: null, fromText: false };
    // Excel stores 1709.37 as the nearest double; toPrecision(15) recovers what the user typed.
    return { status: 'number', value: new Decimal(Number(value.toPrecision(15)).toString()), fromText: false };
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

/** Two decimals, no separators: `1709.37`, `-12.00`. The form used in findings' expected/actual. */
export function toAmountString(d: Decimal): string {
  return d.toFixed(2);
}

/** `1,709.37` — for messages a person reads. */
export function formatAmount(d: Decimal): string {
  const [int, frac] = d.abs().toFixed(2).split('.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
