/**
 * A sheet's notes (legacy comments) opened for editing: the comments part, its VML drawing (one hidden shape
 * per note, which is how Excel anchors the note box), the relationships and content types that tie them to the
 * sheet. Parts and elements this writer adds go again when their last note goes, leaving the package as it was.
 * Threaded comments (Excel 365 conversations) are detected and left alone.
 */
import {
  addRelationship,
  declarePart,
  isRelType,
  readRelationships,
  removeRelationship,
  undeclareDefault,
  undeclarePart,
} from '../package/opc';
import {
  applySplices,
  escapeText,
  mainPrefix,
  scanXml,
  scanXmlNs,
  unescapeOoxml,
  withPrefix,
  type Splice,
  type XmlTag,
} from '../package/xml';
import type { ZipPackage } from '../package/zip';
import { parseCellRef } from '../read/sheet';
import type { SheetDoc } from './sheet';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NOTE_AUTHOR = '决算公开助手';

/** What the notes of one sheet need from the session: package-wide numbering and memory. */
export interface NotesBookkeeping {
  /** A drawing number no other VML part of the package has or will get in this session. */
  newDrawingNumber(): number;
  /** The writer added a content-type Default for `ext`; remember it, so that it goes again with the last such part. */
  defaultAdded(ext: string): void;
  ownsDefault(ext: string): boolean;
  defaultRemoved(ext: string): void;
}

interface Comment {
  ref: string;
  xml: string;
}

export class SheetNotes {
  private commentsPart: string | null = null;
  private commentsRel: string | null = null;
  private vmlPart: string | null = null;
  private vmlRel: string | null = null;
  private commentsXml = '';
  private vmlXml = '';
  /** Comments in document order; edits replace entries, additions go at the end. */
  private comments: Comment[] = [];
  /** Authors as written (element text) and by name. */
  private authors: { name: string; xml: string }[] = [];
  private original: { comments: string; vml: string } = { comments: '', vml: '' };
  private threaded = new Set<string>();
  private dirty = false;
  /** The comments part's main namespace prefix: elements this writer adds are written in it. */
  private prefix = '';

  constructor(
    private readonly pkg: ZipPackage,
    private readonly sheetPart: string,
    private readonly sheet: SheetDoc,
    private readonly book: NotesBookkeeping,
  ) {
    const rels = readRelationships(pkg, sheetPart);
    const comments = rels.find((r) => isRelType(r, 'comments') && r.part !== null && pkg.has(r.part));
    const vml = rels.find((r) => isRelType(r, 'vmlDrawing') && r.part !== null && pkg.has(r.part) && r.id === sheet.legacyDrawingId);
    for (const t of rels.filter((r) => isRelType(r, 'threadedComment') && r.part !== null)) {
      scanXml(pkg.text(t.part!) ?? '', {
        open: (name, tag) => {
          if (name === 'threadedComment') this.threaded.add((tag.attr('ref') ?? '').toUpperCase());
        },
      });
    }
    if (comments) {
      this.commentsPart = pkg.resolve(comments.part!)!;
      this.commentsRel = comments.id;
      this.commentsXml = pkg.text(this.commentsPart) ?? '';
      this.prefix = mainPrefix(this.commentsXml);
      this.parseComments();
    }
    if (vml) {
      this.vmlPart = pkg.resolve(vml.part!)!;
      this.vmlRel = vml.id;
      this.vmlXml = pkg.text(this.vmlPart) ?? '';
    }
    this.original = { comments: this.commentsXml, vml: this.vmlXml };
  }

  private parseComments(): void {
    let inAuthors = false;
    let authorText = '';
    let authorStart = -1;
    let commentStart = -1;
    let ref = '';
    const events = {
      wantText: false,
      open: (name: string, tag: { start: number; attr(n: string): string | undefined }) => {
        if (name === 'authors') inAuthors = true;
        else if (name === 'author' && inAuthors) {
          authorText = '';
          authorStart = tag.start;
          events.wantText = true;
        } else if (name === 'comment') {
          commentStart = tag.start;
          ref = (tag.attr('ref') ?? '').toUpperCase();
        }
      },
      close: (name: string, _s: number, end: number) => {
        if (name === 'author' && inAuthors) {
          this.authors.push({ name: authorText, xml: this.commentsXml.slice(authorStart, end) });
          events.wantText = false;
        } else if (name === 'authors') inAuthors = false;
        else if (name === 'comment' && commentStart >= 0) {
          this.comments.push({ ref, xml: this.commentsXml.slice(commentStart, end) });
          commentStart = -1;
        }
      },
      text: (t: string) => {
        authorText += t;
      },
    };
    scanXml(this.commentsXml, events);
  }

  /** True when the cell carries a threaded comment (a conversation): notes are not written there. */
  isThreaded(a1: string): boolean {
    return this.threaded.has(a1.toUpperCase());
  }

  /** The note on a cell: its element as written and its plain text; null when there is none. */
  noteAt(a1: string): { xml: string; text: string } | null {
    const c = this.comments.find((x) => x.ref === a1.toUpperCase());
    return c ? { xml: c.xml, text: commentText(c.xml) } : null;
  }

  /**
   * Writes a note. On a cell with a note already, `text` (ours) is added below the existing text, keeping its
   * formatting; `base` says which existing element to build on (the one recorded before our first note).
   * Returns the element written.
   */
  write(a1: string, text: string, base: string | null): string {
    const ref = a1.toUpperCase();
    const at = this.comments.findIndex((x) => x.ref === ref);
    let xml: string;
    if (base !== null) {
      xml = appendRun(base, `\n\n${text}`);
    } else {
      xml = `<comment ref="${ref}" authorId="${this.authorId()}"><text>${noteRun(text)}</text></comment>`;
    }
    xml = withPrefix(xml, this.prefix);
    if (at >= 0) this.comments[at] = { ref, xml };
    else {
      this.comments.push({ ref, xml });
      this.addShape(ref);
    }
    this.dirty = true;
    return xml;
  }

  /** Puts back a note element as recorded (null: no note), with its shape. */
  restore(a1: string, recorded: string | null): void {
    const ref = a1.toUpperCase();
    const xml = recorded === null ? null : withPrefix(recorded, this.prefix);
    const at = this.comments.findIndex((x) => x.ref === ref);
    if (xml === null) {
      if (at >= 0) this.comments.splice(at, 1);
      this.removeShape(ref);
    } else if (at >= 0) this.comments[at] = { ref, xml };
    else {
      this.comments.push({ ref, xml });
      this.addShape(ref);
    }
    this.dirty = true;
  }

  private authorId(): number {
    const at = this.authors.findIndex((a) => a.name === NOTE_AUTHOR);
    if (at >= 0) return at;
    this.authors.push({ name: NOTE_AUTHOR, xml: withPrefix(`<author>${NOTE_AUTHOR}</author>`, this.prefix) });
    return this.authors.length - 1;
  }

  // ---------- the VML drawing ----------

  private addShape(ref: string): void {
    const pos = parseCellRef(ref);
    if (!pos) return;
    if (this.vmlPart === null && this.vmlXml === '') this.vmlXml = newVml(this.book.newDrawingNumber());
    if (!this.vmlXml.includes('_x0000_t202')) this.vmlXml = insertBeforeVmlEnd(this.vmlXml, NOTE_SHAPETYPE);
    this.vmlXml = insertBeforeVmlEnd(this.vmlXml, noteShape(this.nextShapeId(), pos.row, pos.col));
  }

  private removeShape(ref: string): void {
    const pos = parseCellRef(ref);
    if (!pos || this.vmlXml === '') return;
    const shape = vmlShapes(this.vmlXml).find((x) => x.note && x.row === pos.row && x.col === pos.col);
    if (shape) this.vmlXml = this.vmlXml.slice(0, shape.start) + this.vmlXml.slice(shape.end);
    // The note shape type goes with the last note shape when this writer added it.
    if (!this.vmlXml.includes('type="#_x0000_t202"')) this.vmlXml = this.vmlXml.replace(NOTE_SHAPETYPE, '');
  }

  private nextShapeId(): number {
    const idmap = Number(/<[\w.-]*:?idmap\b[^>]*data="(\d+)/.exec(this.vmlXml)?.[1] ?? 1);
    const ids = [...this.vmlXml.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    return Math.max(idmap * 1024, ...ids) + 1;
  }

  // ---------- writing the parts back ----------

  /** Writes the comments and VML parts (creating or deleting them and their links) when anything changed. */
  save(): void {
    if (!this.dirty) return;
    const comments = this.commentsXmlNow();
    if (comments === null) this.dropComments();
    else {
      if (this.commentsPart === null) {
        let n = 1;
        while (this.pkg.has(`xl/comments${n}.xml`)) n++;
        this.commentsPart = `xl/comments${n}.xml`;
        this.commentsRel = addRelationship(this.pkg, this.sheetPart, `${REL}/comments`, this.commentsPart);
        declarePart(this.pkg, this.commentsPart, COMMENTS_TYPE);
      }
      if (comments !== this.original.comments) this.pkg.set(this.commentsPart, comments);
    }
    const hasShapes = this.vmlXml !== '' && vmlShapes(this.vmlXml).length > 0;
    if (!hasShapes && this.vmlPart !== null) {
      this.dropVml();
    } else if (hasShapes) {
      if (this.vmlPart === null) {
        const n = Number(/data="(\d+)"/.exec(this.vmlXml)?.[1] ?? 1);
        this.vmlPart = `xl/drawings/vmlDrawing${n}.vml`;
        this.vmlRel = addRelationship(this.pkg, this.sheetPart, `${REL}/vmlDrawing`, this.vmlPart);
        if (declarePart(this.pkg, this.vmlPart, VML_TYPE, true)) this.book.defaultAdded('vml');
        this.sheet.addLegacyDrawing(this.vmlRel);
      }
      if (this.vmlXml !== this.original.vml) this.pkg.set(this.vmlPart, this.vmlXml);
    }
  }

  /** The comments part as it should be now; null when no note is left. */
  private commentsXmlNow(): string | null {
    if (this.comments.length === 0) return null;
    // Our author goes again when no note uses it (it was appended last, so no index moves).
    const last = this.authors.length - 1;
    if (last >= 0 && this.authors[last].name === NOTE_AUTHOR && !this.comments.some((c) => c.xml.includes(`authorId="${last}"`)))
      this.authors.pop();
    const authors = this.authors.map((a) => a.xml).join('');
    const list = this.comments.map((c) => c.xml).join('');
    if (this.commentsXml === '') {
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors>${authors}</authors><commentList>${list}</commentList></comments>`;
    }
    return rebuildComments(this.commentsXml, authors, list, this.prefix);
  }

  private dropComments(): void {
    if (this.commentsPart === null) return;
    this.pkg.delete(this.commentsPart);
    undeclarePart(this.pkg, this.commentsPart);
    if (this.commentsRel) removeRelationship(this.pkg, this.sheetPart, this.commentsRel);
    this.commentsPart = null;
  }

  private dropVml(): void {
    if (this.vmlPart === null) return;
    this.pkg.delete(this.vmlPart);
    undeclarePart(this.pkg, this.vmlPart);
    if (this.book.ownsDefault('vml') && undeclareDefault(this.pkg, 'vml')) this.book.defaultRemoved('vml');
    if (this.vmlRel) removeRelationship(this.pkg, this.sheetPart, this.vmlRel);
    this.sheet.removeLegacyDrawing();
    this.vmlPart = null;
  }
}

/** The plain text of a `<comment>` element: its `<t>` runs, phonetic guides left out. */
export function commentText(xml: string): string {
  let out = '';
  let phonetic = 0;
  const events = {
    wantText: false,
    open: (name: string) => {
      if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) events.wantText = true;
    },
    close: (name: string) => {
      if (name === 't') events.wantText = false;
      else if (name === 'rPh') phonetic--;
    },
    text: (t: string) => {
      out += t;
    },
  };
  scanXml(xml, events);
  return unescapeOoxml(out);
}

/** A run of note text in the font Excel uses for notes. */
export function noteRun(text: string): string {
  return `<r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${escapeText(text)}</t></r>`;
}

/** Adds a plain run to a comment's `<text>`, after its runs and before any phonetic guide. */
function appendRun(comment: string, text: string): string {
  const run = noteRun(text);
  const close = comment.search(/<\/(?:\w+:)?text>(?![\s\S]*<\/(?:\w+:)?text>)/);
  if (close < 0) return comment.replace(/<\/((?:\w+:)?)comment>$/, `<text>${run}</text></$1comment>`);
  const ph = comment.slice(0, close).search(/<(?:\w+:)?rPh\b|<(?:\w+:)?phoneticPr\b/);
  const at = ph >= 0 ? ph : close;
  return comment.slice(0, at) + run + comment.slice(at);
}

/** The comments part with its authors and comment list replaced; everything else in it stays. */
function rebuildComments(xml: string, authors: string, list: string, prefix: string): string {
  const spans: Record<'authors' | 'commentList', { inner: [number, number]; tag: [number, number]; self: boolean } | null> = {
    authors: null,
    commentList: null,
  };
  let open: { name: 'authors' | 'commentList'; start: number; end: number; self: boolean } | null = null;
  scanXml(xml, {
    open: (name, tag) => {
      if ((name === 'authors' || name === 'commentList') && open === null) {
        open = { name, start: tag.start, end: tag.end, self: tag.selfClosing };
        if (tag.selfClosing) {
          spans[name] = { inner: [tag.end, tag.end], tag: [tag.start, tag.end], self: true };
          open = null;
        }
      }
    },
    close: (name, start, end) => {
      const o = open as { name: 'authors' | 'commentList'; start: number; end: number } | null;
      if (o !== null && name === o.name) {
        spans[o.name] = { inner: [o.end, start], tag: [o.start, end], self: false };
        open = null;
      }
    },
  });
  const splices: Splice[] = [];
  for (const [name, inner] of [
    ['authors', authors],
    ['commentList', list],
  ] as const) {
    const s = spans[name];
    if (!s) continue;
    if (s.self) splices.push({ start: s.tag[0], end: s.tag[1], text: `<${prefix}${name}>${inner}</${prefix}${name}>` });
    else if (xml.slice(s.inner[0], s.inner[1]) !== inner) splices.push({ start: s.inner[0], end: s.inner[1], text: inner });
  }
  return applySplices(xml, splices);
}

const VML = 'urn:schemas-microsoft-com:vml';
const OFFICE = 'urn:schemas-microsoft-com:office:office';
const EXCEL = 'urn:schemas-microsoft-com:office:excel';
/** Declared on every element this writer adds: a VML part may bind its prefixes anywhere, or not at its root. */
const VML_NS = `xmlns:v="${VML}" xmlns:o="${OFFICE}" xmlns:x="${EXCEL}"`;

const NOTE_SHAPETYPE = `<v:shapetype ${VML_NS} id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

interface VmlShape {
  start: number;
  end: number;
  note: boolean;
  row: number;
  col: number;
}

/** The VML part's shapes (any prefix: namespaces resolved), with the cell a note shape belongs to. */
function vmlShapes(vml: string): VmlShape[] {
  const out: VmlShape[] = [];
  let current: VmlShape | null = null;
  let depth = 0;
  let field: 'row' | 'col' | null = null;
  const events = {
    wantText: false,
    open: (uri: string, local: string, tag: XmlTag) => {
      if (uri === VML && local === 'shape' && current === null) {
        current = { start: tag.start, end: tag.end, note: false, row: -1, col: -1 };
        depth = 0;
      }
      if (current === null) return;
      depth++;
      if (uri === EXCEL && local === 'ClientData') current.note = tag.attr('ObjectType') === 'Note';
      else if (uri === EXCEL && (local === 'Row' || local === 'Column')) {
        field = local === 'Row' ? 'row' : 'col';
        events.wantText = true;
      }
    },
    close: (uri: string, local: string, _s: number, end: number) => {
      if (current === null) return;
      depth--;
      if (field !== null && uri === EXCEL && (local === 'Row' || local === 'Column')) {
        field = null;
        events.wantText = false;
      }
      if (depth === 0) {
        current.end = end;
        out.push(current);
        current = null;
      }
    },
    text: (t: string) => {
      const c = current;
      if (c !== null && field === 'row') c.row = Number(t.trim());
      else if (c !== null && field === 'col') c.col = Number(t.trim());
    },
  };
  scanXmlNs(vml, events);
  return out;
}

function newVml(n: number): string {
  return `<xml ${VML_NS}>` + `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${n}"/></o:shapelayout>` + '</xml>';
}

function insertBeforeVmlEnd(vml: string, element: string): string {
  const at = vml.lastIndexOf('</xml>');
  return at < 0 ? vml + element : vml.slice(0, at) + element + vml.slice(at);
}

/** A hidden note box anchored to the right of the cell, as Excel draws one. */
function noteShape(id: number, row: number, col: number): string {
  return (
    `<v:shape ${VML_NS} id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:90pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 6}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}
