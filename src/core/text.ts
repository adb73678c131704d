/**
 * Normalising labels so that `项    目`, `收 入`, `一、“三公”经费支出` and their full-width/half-width
 * variants compare equal. Used by the recogniser for titles, headers and row names.
 */

/** Full-width ASCII to half-width; all whitespace out; brackets and quotes unified. */
export function normalizeLabel(raw: string): string {
  // <b>…</b> residue from HTML exports
  const s = raw.includes('<') ? raw.replace(/<[^>]+>/g, '') : raw;
  // One pass, copying runs of characters that stay as they are (most of a label): the recogniser normalises
  // every distinct text of a workbook.
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const r = c < 0x80 ? (isAsciiSpace(c) ? -1 : c) : foldedChar(c);
    if (r === c) continue;
    out += s.slice(from, i);
    if (r >= 0) out += String.fromCharCode(r);
    from = i + 1;
  }
  return (from === 0 ? s : out + s.slice(from)).toLowerCase();
}

const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * What a non-ASCII character becomes: full-width ASCII its half-width form, whitespace (as `\s` knows it)
 * nothing (-1), quotes and brackets their ASCII form, anything else itself.
 */
function foldedChar(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  switch (c) {
    case 0x00a0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0xfeff:
      return -1;
    case 0x201c: // “ ” 〝 〞
    case 0x201d:
    case 0x301d:
    case 0x301e:
      return 0x22;
    case 0x2018: // ‘ ’
    case 0x2019:
      return 0x27;
    case 0x3010: // 【 〔
    case 0x3014:
      return 0x5b;
    case 0x3011: // 】 〕
    case 0x3015:
      return 0x5d;
    default:
      return c >= 0x2000 && c <= 0x200a ? -1 : c;
  }
}

/**
 * Strips a leading ordinal (`一、`, `（二）`, `1.`, `(1)`) and `其中：` from a row name, and a trailing `：`.
 * A Chinese numeral is only an ordinal when bracketed or followed by `、`/`.`: `一般公共预算…` keeps its `一`.
 */
export function stripLineOrdinal(name: string): string {
  return name
    .replace(/^\s*其中\s*[:：]\s*/, '')
    .replace(/^\s*([（(][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+\s*[、.．])\s*/, '')
    .replace(/^\s*([（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d))\s*/, '')
    .replace(/^\s*其中\s*[:：]\s*/, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

/** Normalised form of a row name for matching: ordinal stripped, spaces out, full-width folded. */
export function lineKeyText(name: string): string {
  return normalizeLabel(stripLineOrdinal(name));
}
