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

/** Strips a leading ordinal such as `一、`, `（二）`, `1.`, `(1)`, `其中：` from a row name. */
export function stripOrdinal(name: string): string {
  return name
    .replace(/^\s*(其中[:：]\s*)/, '')
    .replace(/^\s*[（(]?[一二三四五六七八九十百]+[)）]?[、.．]?\s*/, '')
    .replace(/^\s*([（(]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))\s*/, '')
    .trim();
}
