/**
 * The style sheet opened for editing. A cell never gets its style changed in place (cells share formats): the
 * writer derives a new cell format from the cell's own (same font, border, alignment, number format) with one
 * thing changed, reusing an identical format when the sheet has one, else appending it. Appended formats, fills,
 * fonts and number formats can be trimmed again once no cell uses them (`trimTo`), which gives back the part
 * exactly as it was.
 */
import type { StoredFill } from '../../../core/ledger';
import { BUILTIN_FORMATS } from '../numfmt';
import { applySplices, escapeAttr, mainPrefix, scanXml, withPrefix, type Splice } from '../package/xml';
import { getAttr, setAttr } from './tags';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A part holding nothing but the defaults, for a package that has no style sheet at all. */
export const EMPTY_STYLESHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

type ListName = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs';
const LISTS: ListName[] = ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs'];
/** Children of `<styleSheet>` in schema order, to place a list the part lacks. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

interface List {
  /** Offsets of the list's start tag and of its end tag; -1 when the part has no such list. */
  tagStart: number;
  tagEnd: number;
  closeStart: number;
  selfClosing: boolean;
  /** Children as they were, then appended ones. */
  items: string[];
  /** Offsets of the original items. */
  spans: { start: number; end: number }[];
  original: number;
  /** Added by this writer in an earlier session and now empty again: the whole element goes. */
  drop?: boolean;
}

export interface StyleCounts {
  cellXfs: number;
  fills: number;
  fonts: number;
  numFmts: number;
  /** Absent in ledgers written before the templates: borders were never appended then. */
  borders?: number;
  /** Lists the part did not have before this writer's first change (a list it added goes again once empty). */
  absent?: string[];
}

export interface StyleChange {
  /** The fill to show; null for none. */
  fill?: StoredFill | null;
  bold?: boolean;
  /** Number format code. */
  numFmt?: string;
  /** Wrapped text, aligned to the top. */
  wrap?: boolean;
}

export class StyleSheet {
  private readonly lists = new Map<ListName, List>();
  private readonly childStarts = new Map<string, number>();
  private rootClose = -1;
  private changed = false;

  /** The part's main namespace prefix: items this writer appends are written in it. */
  private readonly prefix: string;

  constructor(private readonly xml: string) {
    this.prefix = mainPrefix(xml);
    this.index();
  }

  private index(): void {
    let depth = 0;
    let current: List | null = null;
    let itemStart = -1;
    scanXml(this.xml, {
      open: (name, tag) => {
        depth++;
        if (depth === 2) {
          if (!this.childStarts.has(name)) this.childStarts.set(name, tag.start);
          if ((LISTS as string[]).includes(name)) {
            current = {
              tagStart: tag.start,
              tagEnd: tag.end,
              closeStart: tag.end,
              selfClosing: tag.selfClosing,
              items: [],
              spans: [],
              original: 0,
            };
            this.lists.set(name as ListName, current);
          }
        } else if (depth === 3 && current !== null) itemStart = tag.start;
      },
      close: (name, start, end) => {
        if (depth === 3 && current !== null && itemStart >= 0) {
          current.items.push(this.xml.slice(itemStart, end));
          current.spans.push({ start: itemStart, end });
          itemStart = -1;
        } else if (depth === 2 && current !== null) {
          if (!current.selfClosing) current.closeStart = start;
          current.original = current.items.length;
          current = null;
        } else if (depth === 1) this.rootClose = start;
        depth--;
      },
    });
  }

  private list(name: ListName): List {
    let l = this.lists.get(name);
    if (!l) {
      l = { tagStart: -1, tagEnd: -1, closeStart: -1, selfClosing: false, items: [], spans: [], original: 0 };
      this.lists.set(name, l);
    }
    return l;
  }

  counts(): StyleCounts {
    const absent = LISTS.filter((n) => this.list(n).tagStart < 0);
    return {
      cellXfs: this.list('cellXfs').items.length,
      fills: this.list('fills').items.length,
      fonts: this.list('fonts').items.length,
      numFmts: this.list('numFmts').items.length,
      borders: this.list('borders').items.length,
      ...(absent.length > 0 ? { absent } : {}),
    };
  }

  /**
   * A whole cell format, from a font, a border and an alignment element and a number format code (templates):
   * each part reused when the sheet has it, else appended, like every other format this writer adds.
   */
  xfOf(look: { font: string; border: string; alignment: string | null; numFmt: string | null }): number {
    if (this.list('cellXfs').items.length === 0)
      this.list('cellXfs').items.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    const fontId = this.findOrAppend('fonts', look.font);
    const borderId = this.findOrAppend('borders', look.border);
    const numFmtId = look.numFmt === null ? 0 : this.numFmtId(look.numFmt);
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"`;
    const xf = look.alignment === null ? `<xf ${attrs}/>` : `<xf ${attrs} applyAlignment="1">${look.alignment}</xf>`;
    return this.findOrAppend('cellXfs', xf);
  }

  get xfCount(): number {
    return this.list('cellXfs').items.length;
  }

  /** The fill a cell format shows, in the ledger's shape; null for none (or a format that does not exist). */
  fillOf(xf: number): StoredFill | null {
    const x = this.list('cellXfs').items[xf];
    if (x === undefined) return null;
    const fill = this.list('fills').items[Number(getAttr(x, 'fillId') ?? 0)];
    return fill === undefined ? null : storedFill(fill);
  }

  /** The cell format `base` with `change` applied: an existing identical format, or a new one. */
  derive(base: number, change: StyleChange): number {
    const xfs = this.list('cellXfs');
    if (xfs.items.length === 0) xfs.items.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    let xf = xfs.items[base] ?? xfs.items[0];
    if (change.fill !== undefined) {
      xf = setAttr(xf, 'fillId', String(this.fillId(change.fill)));
      xf = setAttr(xf, 'applyFill', '1');
    }
    if (change.bold) {
      xf = setAttr(xf, 'fontId', String(this.boldFont(Number(getAttr(xf, 'fontId') ?? 0))));
      xf = setAttr(xf, 'applyFont', '1');
    }
    if (change.numFmt !== undefined) {
      xf = setAttr(xf, 'numFmtId', String(this.numFmtId(change.numFmt)));
      xf = setAttr(xf, 'applyNumberFormat', '1');
    }
    if (change.wrap) {
      xf = setAttr(xf, 'applyAlignment', '1');
      const p = this.prefix;
      xf = xf.endsWith('/>')
        ? `${xf.slice(0, -2)}><${p}alignment vertical="top" wrapText="1"/></${p}xf>`
        : xf
            .replace(/<(?:\w+:)?alignment\b[^>]*\/>|<(?:\w+:)?alignment\b[\s\S]*?<\/(?:\w+:)?alignment>/, '')
            .replace(/<\/((?:\w+:)?)xf>$/, `<${p}alignment vertical="top" wrapText="1"/></$1xf>`);
    }
    return this.findOrAppend('cellXfs', xf);
  }

  private findOrAppend(name: ListName, snippet: string): number {
    const l = this.list(name);
    const item = withPrefix(snippet, this.prefix);
    const at = l.items.indexOf(item);
    if (at >= 0) return at;
    l.items.push(item);
    this.changed = true;
    return l.items.length - 1;
  }

  private fillId(fill: StoredFill | null): number {
    const fills = this.list('fills');
    if (fill === null) {
      const none = fills.items.findIndex((f) => storedFill(f) === null);
      return none >= 0 ? none : this.findOrAppend('fills', '<fill><patternFill patternType="none"/></fill>');
    }
    return this.findOrAppend('fills', fillXml(fill));
  }

  private boldFont(base: number): number {
    const fonts = this.list('fonts');
    const font = fonts.items[base] ?? '<font><sz val="11"/></font>';
    if (/<(?:\w+:)?b\s*\/>|<(?:\w+:)?b\s+val="(1|true)"/.test(font)) return base;
    const p = this.prefix;
    const bold = font.endsWith('/>') ? `${font.slice(0, -2)}><${p}b/></${p}font>` : font.replace(/^(<(?:\w+:)?font\b[^>]*>)/, `$1<${p}b/>`);
    return this.findOrAppend('fonts', bold);
  }

  private numFmtId(code: string): number {
    for (const [id, builtin] of Object.entries(BUILTIN_FORMATS)) if (builtin === code && Number(id) < 50) return Number(id);
    const fmts = this.list('numFmts');
    let max = 163;
    for (const f of fmts.items) {
      const id = Number(getAttr(f, 'numFmtId'));
      if (getAttr(f, 'formatCode') === code) return id;
      max = Math.max(max, id);
    }
    fmts.items.push(withPrefix(`<numFmt numFmtId="${max + 1}" formatCode="${escapeAttr(code)}"/>`, this.prefix));
    this.changed = true;
    return max + 1;
  }

  /** Number formats this writer appended (their ids), for trimming. */
  numFmtIdsSince(count: number): number[] {
    return this.list('numFmts')
      .items.slice(count)
      .map((f) => Number(getAttr(f, 'numFmtId')));
  }

  /**
   * Drops appended items back to `base`, as far as nothing uses them: cell formats no cell refers to (`used`),
   * then fills, fonts and number formats no remaining format refers to. Only the tail goes, so indices stay.
   */
  trimTo(base: StyleCounts, used: ReadonlySet<number>): void {
    const xfs = this.list('cellXfs');
    while (xfs.items.length > base.cellXfs && !used.has(xfs.items.length - 1)) {
      xfs.items.pop();
      this.changed = true;
    }
    const refs = (attr: string) => new Set(xfs.items.map((x) => Number(getAttr(x, attr) ?? 0)));
    const trim = (name: ListName, keep: number, isUsed: (i: number, item: string) => boolean) => {
      const l = this.list(name);
      while (l.items.length > keep && !isUsed(l.items.length - 1, l.items[l.items.length - 1])) {
        l.items.pop();
        this.changed = true;
      }
    };
    const fills = refs('fillId');
    const fonts = refs('fontId');
    const fmts = refs('numFmtId');
    trim('fills', base.fills, (i) => fills.has(i));
    trim('fonts', base.fonts, (i) => fonts.has(i));
    const borders = refs('borderId');
    trim('borders', base.borders ?? this.list('borders').items.length, (i) => borders.has(i));
    trim('numFmts', base.numFmts, (_, item) => fmts.has(Number(getAttr(item, 'numFmtId'))));
    for (const name of LISTS) {
      const l = this.list(name);
      if (base.absent?.includes(name) && l.items.length === 0 && l.tagStart >= 0) {
        l.drop = true;
        this.changed = true;
      }
    }
  }

  /** The part with every change, or null when nothing changed. */
  toXml(): string | null {
    if (!this.changed) return null;
    const splices: Splice[] = [];
    for (const name of LISTS) {
      const l = this.lists.get(name);
      if (!l) continue;
      if (l.drop) {
        const end = l.selfClosing ? l.tagEnd : this.xml.indexOf('>', l.closeStart) + 1;
        splices.push({ start: l.tagStart, end, text: '' });
        continue;
      }
      const added = l.items.slice(l.original);
      const removed = l.items.length < l.original;
      if (added.length === 0 && !removed) continue;
      if (l.tagStart < 0) {
        if (l.items.length === 0) continue;
        const at = this.insertionPoint(name);
        const p = this.prefix;
        splices.push({ start: at, end: at, text: `<${p}${name} count="${l.items.length}">${l.items.join('')}</${p}${name}>` });
        continue;
      }
      let tag = this.xml.slice(l.tagStart, l.tagEnd);
      if (getAttr(tag, 'count') !== undefined) tag = setAttr(tag, 'count', String(l.items.length));
      if (removed) {
        // The tail was trimmed: the items from the first dropped one to the last go, the text around them stays.
        splices.push({ start: l.tagStart, end: l.tagEnd, text: tag });
        splices.push({ start: l.spans[l.items.length].start, end: l.spans[l.original - 1].end, text: '' });
        continue;
      }
      if (l.selfClosing) {
        splices.push({ start: l.tagStart, end: l.tagEnd, text: `${tag.replace(/\s*\/>$/, '>')}${added.join('')}</${this.prefix}${name}>` });
      } else {
        splices.push({ start: l.tagStart, end: l.tagEnd, text: tag });
        splices.push({ start: l.closeStart, end: l.closeStart, text: added.join('') });
      }
    }
    return applySplices(this.xml, splices);
  }

  private insertionPoint(name: ListName): number {
    const after = ORDER.slice(ORDER.indexOf(name) + 1);
    const next = after.map((n) => this.childStarts.get(n)).filter((x): x is number => x !== undefined);
    return next.length > 0 ? Math.min(...next) : this.rootClose;
  }
}

/** A `<fill>` element as the ledger's StoredFill; null for no fill. */
export function storedFill(fill: string): StoredFill | null {
  const pattern = /patternType="([^"]*)"/.exec(fill)?.[1];
  if (!/<(?:\w+:)?patternFill\b/.test(fill)) return /<(?:\w+:)?gradientFill\b/.test(fill) ? { type: 'pattern', pattern: 'gradient' } : null;
  if (pattern === undefined || pattern === 'none') return null;
  const fg = /<(?:\w+:)?fgColor\b([^>]*)\/?>/.exec(fill)?.[1] ?? '';
  const rgb = /rgb="([0-9A-Fa-f]{6,8})"/.exec(fg)?.[1];
  const theme = /theme="(\d+)"/.exec(fg)?.[1];
  const tint = /tint="([-0-9.Ee]+)"/.exec(fg)?.[1];
  const out: StoredFill = { type: 'pattern', pattern };
  if (rgb) out.fgColor = { argb: (rgb.length === 6 ? `FF${rgb}` : rgb).toUpperCase() };
  else if (theme !== undefined) out.fgColor = { theme: Number(theme), ...(tint !== undefined ? { tint: Number(tint) } : {}) };
  return out;
}

/** The `<fill>` element for a solid (or other pattern) fill of the ledger. */
export function fillXml(fill: StoredFill): string {
  const c = fill.fgColor ?? {};
  const color =
    c.argb !== undefined
      ? `<fgColor rgb="${c.argb.toUpperCase()}"/>`
      : c.theme !== undefined
        ? `<fgColor theme="${c.theme}"${c.tint !== undefined ? ` tint="${c.tint}"` : ''}/>`
        : '';
  return `<fill><patternFill patternType="${escapeAttr(fill.pattern)}">${color}<bgColor indexed="64"/></patternFill></fill>`;
}

/** Two fills look the same to the user. */
export function sameFill(a: StoredFill | null, b: StoredFill | null): boolean {
  if (a === null || b === null) return a === b;
  const key = (f: StoredFill) => `${f.pattern}:${f.fgColor?.argb?.toUpperCase() ?? ''}:${f.fgColor?.theme ?? ''}:${f.fgColor?.tint ?? ''}`;
  return key(a) === key(b);
}
