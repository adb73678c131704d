/**
 * Minimal edits of one element's start tag: an attribute's value changed in place, a new attribute added just
 * after the last one, an attribute removed with the space before it. Every other byte of the tag stays, so an
 * edit and its undo give back the text exactly.
 */
import { escapeAttr, scanXml, type XmlTag } from '../package/xml';

/** The start tag at the beginning of `element` (`<c r="A1" s="3">` of `<c r="A1" s="3"><v>1</v></c>`). */
function firstTag(element: string): { tag: XmlTag; name: string } {
  let found: { tag: XmlTag; name: string } | null = null;
  // Only the start tag is scanned (its offsets are the element's): a cell's content, or a row's cells, are not.
  scanXml(startTagOf(element), {
    open(name, tag) {
      if (found !== null) return;
      // The tag object is reused by the scanner: keep what is needed now.
      const attrs = tag.attrs();
      const spans = new Map(Object.keys(attrs).map((k) => [k, tag.attrSpan(k)!]));
      const snapshot: XmlTag = {
        qualifiedName: tag.qualifiedName,
        start: tag.start,
        end: tag.end,
        selfClosing: tag.selfClosing,
        attr: (n) => attrs[n],
        attrs: () => ({ ...attrs }),
        attrSpan: (n) => spans.get(n) ?? null,
      };
      found = { tag: snapshot, name };
    },
  });
  if (found === null) throw new Error(`not an element: ${element.slice(0, 40)}`);
  return found;
}

/** The element's start tag: up to the first `>` outside a quoted attribute value (the whole text when unclosed). */
function startTagOf(element: string): string {
  let quote = '';
  for (let i = 1; i < element.length; i++) {
    const ch = element[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return element.slice(0, i + 1);
  }
  return element;
}

const ATTR_PATTERNS = new Map<string, RegExp>();

/**
 * An attribute of the element's start tag. The common case (a plain value, no entity in it, not inside another
 * attribute's quotes) is read directly; anything else through the tokenizer, which decodes.
 */
export function getAttr(element: string, name: string): string | undefined {
  const tag = startTagOf(element);
  if (!tag.includes(name)) return undefined;
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  if (m && !insideQuotes(tag, m.index)) {
    const v = m[1] ?? m[2];
    if (!v.includes('&')) return v;
  }
  return firstTag(element).tag.attr(name);
}

/** Whether offset `at` of a start tag lies inside a quoted attribute value. */
function insideQuotes(tag: string, at: number): boolean {
  let quote = '';
  for (let i = 1; i < at; i++) {
    const ch = tag[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote !== '';
}

/** Sets (value) or removes (null) attribute `name` of the element's start tag. */
export function setAttr(element: string, name: string, value: string | null): string {
  const { tag } = firstTag(element);
  const span = tag.attrSpan(name);
  if (span !== null) {
    if (value === null) {
      const from = span.start > 0 && /\s/.test(element[span.start - 1]) ? span.start - 1 : span.start;
      return element.slice(0, from) + element.slice(span.end);
    }
    const quote = element[span.end - 1] === "'" ? "'" : '"';
    const eq = element.indexOf('=', span.start);
    const open = element.indexOf(quote, eq);
    return element.slice(0, open + 1) + escapeAttr(value) + element.slice(span.end - 1);
  }
  if (value === null) return element;
  // After the last attribute, or after the name when there is none.
  let at = 1;
  while (at < element.length && !/[\s/>]/.test(element[at])) at++;
  for (const k of Object.keys(tag.attrs())) at = Math.max(at, tag.attrSpan(k)!.end);
  return `${element.slice(0, at)} ${name}="${escapeAttr(value)}"${element.slice(at)}`;
}

/** The element's content between its start and end tags, or null for a self-closing element. */
export function innerOf(element: string): string | null {
  const { tag } = firstTag(element);
  if (tag.selfClosing) return null;
  const close = element.lastIndexOf('</');
  return element.slice(tag.end, close >= tag.end ? close : element.length);
}

/** Replaces the element's content; null makes it self-closing. */
export function setInner(element: string, inner: string | null): string {
  const { tag } = firstTag(element);
  const start = element.slice(0, tag.end);
  const qualified = /^<([^\s/>]+)/.exec(element)![1];
  if (inner === null) return tag.selfClosing ? element : `${start.replace(/\s*>$/, '')}/>`;
  const open = tag.selfClosing ? `${start.replace(/\s*\/>$/, '')}>` : start;
  return `${open}${inner}</${qualified}>`;
}
