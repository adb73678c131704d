/**
 * Number formats: the built-in codes a workbook refers to by id, which of them show dates, and the text Excel
 * shows for a number under the common formats (the page's grid, the display text of the snapshot).
 */
import { Decimal } from '../../core/amount';

/** Built-in format codes by id (ECMA-376 §18.8.30), with the zh-CN date forms Excel uses for ids 27–36 and 50–58. */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** A format that shows a date or time: a date/time code outside quotes, escapes, padding and brackets (`[h]` counts). */
export function isDateFormat(code: string): boolean {
  const bare = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '')
    .replace(/[eE][+-]/g, '');
  return /[ymdhsYMDHSeE]|上午|下午/.test(bare);
}

/** A date serial as the ISO text the snapshot holds: `2022-12-31` at midnight, else with the time. */
export function serialToIso(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, '');
}

/**
 * What Excel shows for a number under General, `0`, `0.00`, `#,##0`, `#,##0.00` and the percent forms,
 * with a second `;` section for negatives and parentheses when that section has them. Other formats
 * (dates, currency codes, conditions) return undefined: the core then works from the value.
 */
export function formatNumber(n: number, format?: string): string | undefined {
  return numberFormatter(format)(n);
}

/**
 * Formats `n`. `source`, when given, is the text `n` was read from, a plain decimal of at most 15 digits
 * (`-1234.5`): such text is the number's own decimal value, so the shown text is made from it without
 * converting the number back to decimal (same result, a fraction of the time).
 */
export type NumberFormatter = (n: number, source?: string) => string | undefined;

/** The formatting function of one format, taken apart once (a reader formats thousands of cells per format). */
export function numberFormatter(format?: string): NumberFormatter {
  const fmt = (format ?? 'General').trim();
  if (fmt === '' || fmt === 'General' || fmt === '@')
    return (n, source) => (Number.isFinite(n) ? (source !== undefined && generalFromSource(source)) || general(n) : undefined);
  const sections = compiled(fmt);
  return (n, source) => {
    if (!Number.isFinite(n)) return undefined;
    if (n === 0 && sections.length > 2) return render(sections[2], 0, false);
    if (n < 0 && sections.length >= 2) return render(sections[1], -n, false, source);
    return render(sections[0], n, n < 0, source);
  };
}

type Section =
  | { kind: 'unsupported' }
  | { kind: 'literal'; text: string }
  | {
      kind: 'number';
      prefix: string;
      suffix: string;
      decimals: number;
      percent: boolean;
      grouping: boolean;
      hashOnly: boolean;
      paren: boolean;
    };

/** Formats are few and cells many: each format string is taken apart once. */
const COMPILED = new Map<string, Section[]>();

function compiled(fmt: string): Section[] {
  let c = COMPILED.get(fmt);
  if (c === undefined) {
    c = fmt.split(';').map(compileSection);
    if (COMPILED.size > 1000) COMPILED.clear();
    COMPILED.set(fmt, c);
  }
  return c;
}

function compileSection(section: string): Section {
  // Date / time codes outside quotes: not a number format this reader renders.
  const codes = section
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  if (/[ymdhsebYMDHSEB]/.test(codes)) return { kind: 'unsupported' };
  // Drop colour / locale tags and the `_)` padding Excel uses to line up with parenthesised negatives.
  let s = section
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/"([^"]*)"/g, '$1');
  // A section with no digit placeholder is literal text: `"-"` shows a dash for zero.
  if (!/[#0]/.test(s)) return { kind: 'literal', text: s.trim() };
  const paren = /^\((.*)\)$/.exec(s.trim());
  if (paren) s = paren[1];
  const m = /^([^#0.,%]*)([#0,]+)(\.(0+))?(%?)([^#0.,%]*)$/.exec(s.trim());
  if (!m) return { kind: 'unsupported' };
  const [, prefix, intPart, , decimals = '', percent, suffix] = m;
  if (/[#0]/.test(prefix + suffix)) return { kind: 'unsupported' };
  return {
    kind: 'number',
    prefix,
    suffix,
    decimals: decimals.length,
    percent: percent === '%',
    grouping: intPart.includes(',') && /[#0],[#0]/.test(intPart),
    hashOnly: !intPart.includes('0'),
    paren: paren !== null,
  };
}

function render(section: Section, n: number, minus: boolean, source?: string): string | undefined {
  if (section.kind === 'unsupported') return undefined;
  if (section.kind === 'literal') return section.text;
  const fixed =
    (source !== undefined && !section.percent && fixedFromSource(source, section.decimals)) ||
    fixedHalfUp(Math.abs(n), section.decimals, section.percent);
  const dot = fixed.indexOf('.');
  let int = dot < 0 ? fixed : fixed.slice(0, dot);
  const frac = dot < 0 ? '' : fixed.slice(dot);
  if (section.grouping && int.length > 3) int = grouped(int);
  // `#,##0` shows nothing before the point only with a `#` pattern and zero; `0` forces the digit.
  if (section.hashOnly && int === '0' && dot >= 0) int = '';
  const body = section.prefix + int + frac + (section.percent ? '%' : '') + section.suffix;
  if (section.paren) return `(${body})`;
  return minus && /[1-9]/.test(fixed) ? `-${body}` : body;
}

/** `1234567` → `1,234,567`. */
function grouped(int: string): string {
  let out = int.slice(0, int.length % 3 || 3);
  for (let i = out.length; i < int.length; i += 3) out += ',' + int.slice(i, i + 3);
  return out;
}

/**
 * `abs` (×100 for a percent) with `decimals` decimals, rounded half up as Excel shows it, on the value's 15
 * significant digits. Most amounts already have no more decimals than shown: their shortest text is the answer.
 */
function fixedHalfUp(abs: number, decimals: number, percent: boolean): string {
  if (!percent) {
    const s = String(abs);
    const dot = s.indexOf('.');
    const fraction = dot < 0 ? 0 : s.length - dot - 1;
    if (s.length <= 16 && fraction <= decimals && !s.includes('e')) {
      if (decimals === 0) return s;
      return (dot < 0 ? `${s}.` : s) + '0'.repeat(decimals - fraction);
    }
  }
  let d = new Decimal(Number(abs.toPrecision(15)).toString());
  if (percent) d = d.times(100);
  return d.toFixed(decimals, Decimal.ROUND_HALF_UP);
}

const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000', '000000000', '0000000000'];

/** Where the digits of a plain decimal's absolute value start: after the sign and the leading zeros (one kept before the point). */
function digitsStart(source: string): number {
  let i = source.charCodeAt(0) === 45 ? 1 : 0;
  while (i < source.length - 1 && source.charCodeAt(i) === 48 && source.charCodeAt(i + 1) !== 46) i++;
  return i;
}

/**
 * fixedHalfUp of a plain decimal source (see NumberFormatter) that has no more decimals than shown: its digits,
 * padded with zeros. Null when rounding is needed or the text starts with its point (`.5`).
 */
function fixedFromSource(source: string, decimals: number): string | null {
  const start = digitsStart(source);
  const dot = source.indexOf('.', start);
  if (dot === start || decimals >= ZEROS.length) return null;
  const fraction = dot < 0 ? 0 : source.length - dot - 1;
  if (fraction > decimals) return null;
  if (fraction === 0) {
    const int = dot < 0 ? (start === 0 ? source : source.slice(start)) : source.slice(start, dot);
    return decimals === 0 ? int : `${int}.${ZEROS[decimals]}`;
  }
  return (start === 0 ? source : source.slice(start)) + ZEROS[decimals - fraction];
}

/**
 * general() of a plain decimal source: the number's shortest text when no rounding applies (at most 10 digits,
 * at least 1 in size, or 0). Null otherwise: general() then works it out.
 */
function generalFromSource(source: string): string | null {
  const start = digitsStart(source);
  let end = source.length;
  const dot = source.indexOf('.', start);
  if (dot >= 0) {
    while (end > dot + 1 && source.charCodeAt(end - 1) === 48) end--;
    if (end === dot + 1) end = dot;
  }
  const intDigits = (dot < 0 ? end : dot) - start;
  if (intDigits === 0 || end - start - (dot >= 0 && end > dot ? 1 : 0) > 10) return null;
  if (intDigits === 1 && source.charCodeAt(start) === 48) return end === start + 1 ? '0' : null;
  return source.charCodeAt(0) === 45 ? `-${source.slice(start, end)}` : source.slice(start, end);
}

/** Excel's General: up to 11 significant characters, no separators. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e11 || (abs !== 0 && abs < 1e-9)) {
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace(/E([+-])(\d)$/, 'E$10$2')
      .toUpperCase();
  }
  const intDigits = abs < 1 ? 1 : Math.floor(Math.log10(abs)) + 1;
  const decimals = Math.max(0, 10 - intDigits);
  return String(Number(new Decimal(Number(n.toPrecision(15)).toString()).toFixed(decimals, Decimal.ROUND_HALF_UP)));
}
