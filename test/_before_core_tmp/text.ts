/**
 * Normalising labels so that `项    目`, `收 入`, `一、“三公”经费支出` and their full-width/half-width
 * variants compare equal. Used by the recogniser for titles, headers and row names.
 */

/** Full-width ASCII to half-width; all whitespace out; brackets and quotes unified. */
export function normalizeLabel(raw: string): string {
  return raw
    .replace(/<[^>]+>/g, '') // <b>…</b> residue from HTML exports
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"〝〞＂]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .replace(/：/g, ':')
    .toLowerCase();
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
