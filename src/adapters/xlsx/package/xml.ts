/**
 * XML scanning for package parts, on htmlparser2's tokenizer (xmlMode): elements with their attributes and
 * their exact offsets in the text, so that a writer can replace one element and keep every other byte.
 *
 * Names: an element in the namespace prefix of the part's root element (the main namespace, written `x:c` by
 * some generators and `c` by most) is reported by its local name; elements of other namespaces keep their
 * prefix (`x14:dataValidation`, `mc:AlternateContent`), so an extension can never pass for a main element.
 */
import { Tokenizer } from 'htmlparser2';

export type XmlAttrs = Record<string, string>;

/**
 * The element being opened. One object is reused for every element: read what you need inside `open`, keep
 * nothing of it. Attribute values are sliced only when asked for.
 */
export interface XmlTag {
  /** Offset of `<`. */
  start: number;
  /** Offset just after `>`. */
  end: number;
  selfClosing: boolean;
  /** An attribute by its name as written (`r`, `r:id`), entities decoded; undefined when absent. */
  attr(name: string): string | undefined;
  /** Every attribute, as written. */
  attrs(): XmlAttrs;
  /** Offsets of one attribute (name start, end after the closing quote), or null when absent. */
  attrSpan(name: string): { start: number; end: number } | null;
  /** The element's name as written, prefix included. */
  readonly qualifiedName: string;
}

export interface XmlEvents {
  open?(name: string, tag: XmlTag): void;
  /** For a self-closing element too (then `start`/`end` are those of the element). */
  close?(name: string, start: number, end: number): void;
  /** Character data, entities decoded, CDATA included; delivered only while `wantText` is true. */
  text?(text: string): void;
  wantText?: boolean;
}

/** Attribute slots of the current element: name start, name end, value start, value end, span end; 5 numbers each. */
class Tag implements XmlTag {
  start = 0;
  end = 0;
  selfClosing = false;
  count = 0;
  readonly slots: number[] = [];
  /** Values holding entities, decoded while scanning (by slot index); rare in workbooks. */
  decoded: Map<number, string> | null = null;

  constructor(private readonly xml: string) {}

  get qualifiedName(): string {
    let end = this.start + 1;
    while (end < this.xml.length && !/[\s/>]/.test(this.xml[end])) end++;
    return this.xml.slice(this.start + 1, end);
  }

  reset(start: number): void {
    this.start = start;
    this.count = 0;
    this.decoded = null;
  }

  private find(name: string): number {
    const { xml, slots } = this;
    for (let i = 0; i < this.count; i++) {
      const ns = slots[i * 5];
      if (slots[i * 5 + 1] - ns === name.length && xml.startsWith(name, ns)) return i;
    }
    return -1;
  }

  private value(i: number): string {
    return this.decoded?.get(i) ?? this.xml.slice(this.slots[i * 5 + 2], this.slots[i * 5 + 3]);
  }

  attr(name: string): string | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : this.value(i);
  }

  attrs(): XmlAttrs {
    const out: XmlAttrs = {};
    for (let i = 0; i < this.count; i++) out[this.xml.slice(this.slots[i * 5], this.slots[i * 5 + 1])] = this.value(i);
    return out;
  }

  attrSpan(name: string): { start: number; end: number } | null {
    const i = this.find(name);
    return i < 0 ? null : { start: this.slots[i * 5], end: this.slots[i * 5 + 4] };
  }
}

/**
 * Scans `xml`, calling `events` in document order. Tolerant: a truncated part ends the scan without throwing.
 * One function of about 100 lines: the tokenizer's callbacks share the current tag's state as closures, which
 * split apart would be passed around on every token of every part.
 */
export function scanXml(xml: string, events: XmlEvents): void {
  let rootPrefix: string | null = null;
  let tagName = '';
  const tag = new Tag(xml);
  let valueStart = -1;
  let valueEnd = -1;
  let entityValue: string | null = null;
  let text = '';

  const localName = (start: number, end: number): string => {
    let colon = -1;
    for (let i = start; i < end; i++) {
      if (xml.charCodeAt(i) === 58) {
        colon = i;
        break;
      }
    }
    if (rootPrefix === null) rootPrefix = colon < 0 ? '' : xml.slice(start, colon);
    if (colon < 0) return xml.slice(start, end);
    return colon - start === rootPrefix.length && xml.startsWith(rootPrefix, start) ? xml.slice(colon + 1, end) : xml.slice(start, end);
  };
  const flushText = (): void => {
    if (text !== '') {
      events.text?.(text);
      text = '';
    }
  };
  const openEnd = (endIndex: number, selfClosing: boolean): void => {
    tag.end = endIndex + 1;
    tag.selfClosing = selfClosing;
    events.open?.(tagName, tag);
    if (selfClosing) events.close?.(tagName, tag.start, tag.end);
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname(start, endIndex) {
        flushText();
        tagName = localName(start, endIndex);
        tag.reset(start - 1);
      },
      onattribname(start, endIndex) {
        const k = tag.count * 5;
        tag.slots[k] = start;
        tag.slots[k + 1] = endIndex;
        valueStart = -1;
        entityValue = null;
      },
      onattribdata(start, endIndex) {
        if (valueStart < 0) valueStart = start;
        else if (entityValue === null) entityValue = xml.slice(valueStart, valueEnd);
        if (entityValue !== null) entityValue += xml.slice(start, endIndex);
        valueEnd = endIndex;
      },
      onattribentity(codepoint) {
        if (entityValue === null) entityValue = valueStart < 0 ? '' : xml.slice(valueStart, valueEnd);
        entityValue += String.fromCodePoint(codepoint);
        if (valueStart < 0) valueStart = valueEnd = 0;
      },
      onattribend(_quote, endIndex) {
        const k = tag.count * 5;
        const empty = valueStart < 0;
        tag.slots[k + 2] = empty ? 0 : valueStart;
        tag.slots[k + 3] = empty ? 0 : valueEnd;
        tag.slots[k + 4] = endIndex;
        if (entityValue !== null) (tag.decoded ??= new Map()).set(tag.count, entityValue);
        tag.count++;
      },
      onopentagend(endIndex) {
        openEnd(endIndex, false);
      },
      onselfclosingtag(endIndex) {
        openEnd(endIndex, true);
      },
      onclosetag(start, endIndex) {
        flushText();
        const gt = xml.indexOf('>', endIndex);
        events.close?.(localName(start, endIndex), start - 2, gt < 0 ? xml.length : gt + 1);
      },
      ontext(start, endIndex) {
        if (events.wantText) text += xml.slice(start, endIndex);
      },
      ontextentity(codepoint) {
        if (events.wantText) text += String.fromCodePoint(codepoint);
      },
      oncdata(start, endIndex, endOffset) {
        if (events.wantText) text += xml.slice(start, endIndex - endOffset);
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {
        flushText();
      },
    },
  );
  tokenizer.write(xml);
  tokenizer.end();
}

/**
 * Scans with namespaces resolved, for parts whose writers declare prefixes anywhere (Python's ElementTree writes
 * VML as `<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml">`, the next element rebinding ns0 to something
 * else). `open` and `close` get the namespace URI and the local name.
 */
export function scanXmlNs(
  xml: string,
  events: {
    open?(uri: string, local: string, tag: XmlTag): void;
    close?(uri: string, local: string, start: number, end: number): void;
    text?(text: string): void;
    wantText?: boolean;
  },
): void {
  const scopes: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  const names: string[] = [];
  const resolve = (qualified: string): [string, string] => {
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    for (let i = scopes.length - 1; i >= 0; i--) {
      const uri = scopes[i].get(prefix);
      if (uri !== undefined) return [uri, qualified.slice(colon + 1)];
    }
    return ['', qualified.slice(colon + 1)];
  };
  scanXml(xml, {
    get wantText() {
      return events.wantText === true;
    },
    open(_name, tag) {
      const scope = new Map<string, string>();
      for (const [k, v] of Object.entries(tag.attrs())) {
        if (k === 'xmlns') scope.set('', v);
        else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
      }
      scopes.push(scope);
      names.push(tag.qualifiedName);
      const [uri, local] = resolve(tag.qualifiedName);
      events.open?.(uri, local, tag);
    },
    close(_name, start, end) {
      const [uri, local] = resolve(names.pop() ?? '');
      scopes.pop();
      events.close?.(uri, local, start, end);
    },
    text: (t) => events.text?.(t),
  });
}

/** An attribute by its local name, whatever its prefix (`r:id`, `ns0:id`). */
export function attrByLocalName(tag: XmlTag, local: string): string | undefined {
  const direct = tag.attr(local);
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(tag.attrs())) {
    const colon = k.indexOf(':');
    if (colon >= 0 && k.slice(colon + 1) === local && !k.startsWith('xmlns')) return v;
  }
  return undefined;
}

// ---------- writing ----------

/** The prefix of the part's root element with its colon (`x:` for `<x:worksheet>`), or '' for the default namespace. */
export function mainPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  return m?.[1] ?? '';
}

/**
 * A snippet this writer made (unprefixed element names) in the part's main namespace prefix: `<c>` becomes
 * `<x:c>` in a part written as `<x:worksheet>`. Names that carry a prefix already are left alone; text cannot
 * hold a `<` (it is escaped), so only element names are touched.
 */
export function withPrefix(snippet: string, prefix: string): string {
  return prefix === '' ? snippet : snippet.replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}$2`);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/**
 * Text for element content. Characters XML 1.0 cannot carry (controls other than tab/newline) are written as
 * OOXML's `_xHHHH_` escapes, and a literal `_xHHHH_` is protected by escaping its underscore, so every string
 * reads back exactly.
 */
export function escapeText(s: string): string {
  return ooxmlEscape(s).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);
}

export function escapeAttr(s: string): string {
  return ooxmlEscape(s).replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c]);
}

function ooxmlEscape(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot hold are what this escapes
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** Reverses the `_xHHHH_` escapes of OOXML strings (`_x000D_` is a carriage return). */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** One splice of a part's text: replace [start, end) by `text`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping splices (any order) to `xml`. At one offset, insertions go before a replacement that
 * starts there, and insertions keep their given order.
 */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  if (splices.length === 0) return xml;
  const inserts = (s: Splice) => (s.end === s.start ? 0 : 1);
  const sorted = splices.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || inserts(a.s) - inserts(b.s) || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { s } of sorted) {
    if (s.start < at) throw new Error(`overlapping edits at offset ${s.start}`);
    out += xml.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + xml.slice(at);
}
