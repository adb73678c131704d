/**
 * The worksheet scanner: htmlparser2's tokenizer driven directly, for the parts that hold nearly all of a
 * workbook's bytes (worksheets, shared strings). The generic scanXml gives names and attributes as strings; here element and attribute
 * names are told apart by their characters, and the few values kept (`r`, `s`, `t`, `<v>`) are read from the
 * offsets the tokenizer reports, so a cell costs no string but the value it keeps. Entities (rare in cell XML)
 * take a slower path that decodes them, so the result is the same as the generic scanner's.
 */
import { Tokenizer } from 'htmlparser2';

/** Elements the sheet reader acts on (in the part's main namespace); everything else is OTHER. */
export const enum El {
  Other,
  SheetData,
  Row,
  C,
  V,
  F,
  Is,
  T,
  RPh,
  MergeCell,
  SheetProtection,
  Si,
}

/** Attributes the sheet reader keeps. */
export const enum At {
  Other,
  R,
  S,
  T,
  Ref,
  Sheet,
}

/** What the scanner reports; `at`/`text` values are read through the scanner's accessors while in the call. */
export interface SheetScanEvents {
  open(el: El): void;
  /** An attribute of the element being opened (only for the attributes of the elements listed above). */
  attr(el: El, at: At): void;
  /** The element's start tag is complete (`selfClosing` for `<c/>`). */
  openEnd(el: El, selfClosing: boolean): void;
  close(el: El): void;
}

/**
 * A value (attribute or text) as a span of the part, or as text when it came in several pieces (split by a
 * comment or CDATA). The tokenizer runs without decoding entities, so that it can skip through text and values
 * at full speed: `value()` decodes them, and the fast readers of `start`/`end` (digits, cell references) fail on
 * the `&` of an entity and fall back to `value()`.
 */
export class Span {
  start = -1;
  end = -1;
  str: string | null = null;

  constructor(private readonly xml: string) {}

  reset(): void {
    this.start = -1;
    this.end = -1;
    this.str = null;
  }

  add(start: number, end: number): void {
    if (this.str !== null) this.str += this.xml.slice(start, end);
    else if (this.start < 0) {
      this.start = start;
      this.end = end;
    } else if (start === this.end) this.end = end;
    else this.str = this.xml.slice(this.start, this.end) + this.xml.slice(start, end);
  }

  /** True when the value is one span of the part, [start, end) (entities not yet decoded). */
  get whole(): boolean {
    return this.str === null;
  }

  get empty(): boolean {
    return this.str === null ? this.start < 0 : this.str === '';
  }

  /** The value, entities decoded. */
  value(): string {
    return decodeEntities(this.str ?? (this.start < 0 ? '' : this.xml.slice(this.start, this.end)));
  }
}

const noop = (): void => {};

/**
 * Entities decoded by htmlparser2's own decoder (the tokenizer run over the text), so that the result is what
 * a decoding scan would have given. A `<` (only in a damaged part) is kept as it is.
 */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  if (raw.includes('<')) return raw.split('<').map(decodeEntities).join('<');
  let out = '';
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      ontext: (start, end) => (out += raw.slice(start, end)),
      ontextentity: (cp) => (out += String.fromCodePoint(cp)),
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      onclosetag: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onopentagname: noop,
      onprocessinginstruction: noop,
      onselfclosingtag: noop,
    },
  );
  tokenizer.write(raw);
  tokenizer.end();
  return out;
}

/** Scans a worksheet or the shared strings. `text` collects character data only while `wantText` is set by the events. */
export class SheetScanner {
  readonly attrValue: Span;
  readonly text: Span;
  wantText = false;
  /** Length of the root element's prefix with its colon (0 for none), -1 before the root; where the root's name starts. */
  private rootPrefix = -1;
  private rootStart = 0;
  private el = El.Other;
  private at = At.Other;

  constructor(
    private readonly xml: string,
    private readonly events: SheetScanEvents,
  ) {
    this.attrValue = new Span(xml);
    this.text = new Span(xml);
  }

  run(): void {
    const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, this);
    tokenizer.write(this.xml);
    tokenizer.end();
  }

  /** The element at [start, end), when it is in the root element's namespace prefix and one the reader acts on. */
  private element(start: number, end: number): El {
    const xml = this.xml;
    if (this.rootPrefix < 0) {
      const colon = xml.slice(start, end).indexOf(':');
      this.rootPrefix = colon < 0 ? 0 : colon + 1;
    }
    const p = this.rootPrefix;
    if (p > 0) {
      // `x:c` in a part written as `<x:worksheet>`: the prefix must be the root's own (an unprefixed name is
      // taken as it is, as scanXml does).
      if (end - start > p && xml.charCodeAt(start + p - 1) === 58 && xml.startsWith(xml.slice(this.rootStart, this.rootStart + p), start))
        start += p;
      else if (xml.slice(start, end).includes(':')) return El.Other;
    }
    const c0 = xml.charCodeAt(start);
    switch (end - start) {
      case 1:
        return c0 === 99 ? El.C : c0 === 118 ? El.V : c0 === 102 ? El.F : c0 === 116 ? El.T : El.Other;
      case 2: {
        const c1 = xml.charCodeAt(start + 1);
        return c0 === 105 && c1 === 115 ? El.Is : c0 === 115 && c1 === 105 ? El.Si : El.Other;
      }
      case 3:
        if (xml.startsWith('row', start)) return El.Row;
        return xml.startsWith('rPh', start) ? El.RPh : El.Other;
      case 9:
        if (xml.startsWith('sheetData', start)) return El.SheetData;
        return xml.startsWith('mergeCell', start) ? El.MergeCell : El.Other;
      case 15:
        return xml.startsWith('sheetProtection', start) ? El.SheetProtection : El.Other;
      default:
        return El.Other;
    }
  }

  // ---------- the tokenizer's callbacks ----------

  onopentagname(start: number, end: number): void {
    if (this.rootPrefix < 0) this.rootStart = start;
    this.el = this.element(start, end);
    this.events.open(this.el);
  }

  onattribname(start: number, end: number): void {
    this.at = At.Other;
    const el = this.el;
    if (el === El.Other) return;
    const xml = this.xml;
    const n = end - start;
    const c0 = xml.charCodeAt(start);
    if (n === 1) {
      if (c0 === 114) this.at = At.R;
      else if (c0 === 115) this.at = At.S;
      else if (c0 === 116) this.at = At.T;
    } else if (n === 3 && xml.startsWith('ref', start)) this.at = At.Ref;
    else if (n === 5 && xml.startsWith('sheet', start)) this.at = At.Sheet;
    if (this.at !== At.Other) this.attrValue.reset();
  }

  onattribdata(start: number, end: number): void {
    if (this.at !== At.Other) this.attrValue.add(start, end);
  }

  onattribentity(): void {}

  onattribend(): void {
    if (this.at !== At.Other) this.events.attr(this.el, this.at);
  }

  onopentagend(): void {
    this.events.openEnd(this.el, false);
  }

  onselfclosingtag(): void {
    this.events.openEnd(this.el, true);
    this.events.close(this.el);
  }

  onclosetag(start: number, end: number): void {
    this.events.close(this.element(start, end));
  }

  ontext(start: number, end: number): void {
    if (this.wantText) this.text.add(start, end);
  }

  ontextentity(): void {}

  oncdata(start: number, end: number, endOffset: number): void {
    if (this.wantText) this.text.add(start, end - endOffset);
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
}
