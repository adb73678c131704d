/**
 * Open Packaging Conventions: relationships (`_rels/*.rels`) and content types (`[Content_Types].xml`).
 * Targets are resolved the way Office does: relative to the source part's folder, or absolute from the package
 * root (`/xl/worksheets/sheet1.xml`, written so by some generators), percent-escapes decoded.
 */
import { applySplices, escapeAttr, scanXml, type Splice } from './xml';
import type { ZipPackage } from './zip';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target part's name in the package (no leading `/`), for internal targets. */
  part: string | null;
}

/** Relationship types by their last path segment (transitional and strict OOXML share it). */
export function isRelType(rel: Relationship, last: string): boolean {
  return rel.type.endsWith(`/${last}`);
}

export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target from `source` (a part name, '' for the package root). */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // a stray `%`: keep the target as written
  }
  t = t.replace(/\\/g, '/').split('#')[0];
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

export function readRelationships(pkg: ZipPackage, source: string): Relationship[] {
  const xml = pkg.text(relsPartOf(source));
  if (xml === undefined) return [];
  const out: Relationship[] = [];
  scanXml(xml, {
    open(name, tag) {
      const id = tag.attr('Id');
      if (name !== 'Relationship' || id === undefined) return;
      const external = tag.attr('TargetMode') === 'External';
      const target = tag.attr('Target') ?? '';
      out.push({ id, type: tag.attr('Type') ?? '', target, external, part: external ? null : resolveTarget(source, target) });
    },
  });
  return out;
}

/** A relative target from `source` to `part`, as Office writes it (`worksheets/sheet3.xml`, `../comments1.xml`). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/**
 * Adds a relationship to the rels part of `source` (creating the part when missing) and returns its id.
 * The new element goes just before `</Relationships>`: everything else in the part stays as it was.
 */
export function addRelationship(pkg: ZipPackage, source: string, type: string, part: string): string {
  const relsPart = relsPartOf(source);
  const existing = readRelationships(pkg, source);
  const taken = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const element = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(source, part))}"/>`;
  const xml = pkg.text(relsPart);
  if (xml === undefined) {
    pkg.set(
      relsPart,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${element}</Relationships>`,
    );
  } else {
    pkg.set(relsPart, insertBeforeClose(xml, 'Relationships', element));
  }
  return id;
}

/** Removes relationship `id` of `source`; the rels part goes when it is left empty and was ours alone. */
export function removeRelationship(pkg: ZipPackage, source: string, id: string): void {
  const relsPart = relsPartOf(source);
  const xml = pkg.text(relsPart);
  if (xml === undefined) return;
  const splices: Splice[] = [];
  let count = 0;
  scanXml(xml, {
    open(name, tag) {
      if (name !== 'Relationship') return;
      count++;
      if (tag.attr('Id') === id && tag.selfClosing) splices.push({ start: tag.start, end: tag.end, text: '' });
    },
  });
  if (splices.length === 0) return;
  if (count === splices.length && xml.includes(CREATED_RELS_MARK)) pkg.delete(relsPart);
  else pkg.set(relsPart, applySplices(xml, splices));
}

/** How a rels part created by this writer begins; such a part is deleted again when its last relationship goes. */
const CREATED_RELS_MARK = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship';

/** Inserts `element` just before the closing tag of the root element `root` (opening a self-closed root). */
export function insertBeforeClose(xml: string, root: string, element: string): string {
  let closeAt = -1;
  let selfClosed: { start: number; end: number } | null = null;
  scanXml(xml, {
    open(name, tag) {
      if (name === root && tag.selfClosing) selfClosed = { start: tag.start, end: tag.end };
    },
    close(name, start) {
      if (name === root) closeAt = start;
    },
  });
  const sc = selfClosed as { start: number; end: number } | null;
  if (sc !== null) {
    const tag = xml.slice(sc.start, sc.end).replace(/\s*\/>$/, '>');
    return `${xml.slice(0, sc.start)}${tag}${element}</${xml.slice(sc.start + 1).match(/^[^\s/>]+/)![0]}>${xml.slice(sc.end)}`;
  }
  if (closeAt < 0) throw new Error(`part has no </${root}>`);
  return xml.slice(0, closeAt) + element + xml.slice(closeAt);
}

// ---------- content types ----------

const CONTENT_TYPES = '[Content_Types].xml';

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function readContentTypes(pkg: ZipPackage): ContentTypes {
  const ct: ContentTypes = { defaults: new Map(), overrides: new Map() };
  const xml = pkg.text(CONTENT_TYPES);
  if (xml === undefined) return ct;
  scanXml(xml, {
    open(name, tag) {
      const ext = tag.attr('Extension');
      const partName = tag.attr('PartName');
      if (name === 'Default' && ext !== undefined) ct.defaults.set(ext.toLowerCase(), tag.attr('ContentType') ?? '');
      else if (name === 'Override' && partName !== undefined)
        ct.overrides.set(partName.replace(/^\//, '').toLowerCase(), tag.attr('ContentType') ?? '');
    },
  });
  return ct;
}

/**
 * Declares the content type of a new part: an Override (or, with `asDefault`, a Default for its extension), or
 * nothing when a Default already covers it. Returns true when it added a Default.
 */
export function declarePart(pkg: ZipPackage, part: string, contentType: string, asDefault = false): boolean {
  const ct = readContentTypes(pkg);
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  if (ct.overrides.get(part.toLowerCase()) === contentType) return false;
  if (ct.defaults.get(ext) === contentType && !ct.overrides.has(part.toLowerCase())) return false;
  const xml = pkg.text(CONTENT_TYPES) ?? '';
  const element = asDefault
    ? `<Default Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(contentType)}"/>`
    : `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`;
  pkg.set(CONTENT_TYPES, insertBeforeClose(xml, 'Types', element));
  return asDefault;
}

/** Removes the Override of `part` (a Default stays: other parts may use it). */
export function undeclarePart(pkg: ZipPackage, part: string): boolean {
  const xml = pkg.text(CONTENT_TYPES);
  if (xml === undefined) return false;
  const splices: Splice[] = [];
  scanXml(xml, {
    open(name, tag) {
      if (name === 'Override' && tag.selfClosing && (tag.attr('PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase()) {
        splices.push({ start: tag.start, end: tag.end, text: '' });
      }
    },
  });
  if (splices.length > 0) pkg.set(CONTENT_TYPES, applySplices(xml, splices));
  return splices.length > 0;
}

/** Removes a `<Default Extension=…>` that `declarePart(…, true)` added, when no part of that extension is left. */
export function undeclareDefault(pkg: ZipPackage, ext: string): boolean {
  if (pkg.names().some((n) => n.toLowerCase().endsWith(`.${ext.toLowerCase()}`))) return false;
  const xml = pkg.text(CONTENT_TYPES);
  if (xml === undefined) return false;
  const splices: Splice[] = [];
  scanXml(xml, {
    open(name, tag) {
      if (name === 'Default' && tag.selfClosing && (tag.attr('Extension') ?? '').toLowerCase() === ext.toLowerCase()) {
        splices.push({ start: tag.start, end: tag.end, text: '' });
      }
    },
  });
  if (splices.length > 0) pkg.set(CONTENT_TYPES, applySplices(xml, splices));
  return splices.length > 0;
}
