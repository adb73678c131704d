/**
 * Sheets the add-in adds and removes: the worksheet part, its `<sheet>` element in the workbook part, the
 * relationship and the content type. Removing undoes exactly what adding did. The add-in's sheets go after
 * the user's, so no sheet index the workbook refers to (defined names, the active tab) moves; when the user
 * has put sheets after ours since, those references are moved with them.
 */
import { cellAddress } from '../../../core/snapshot';
import { readBook, type Book } from '../package/book';
import { addRelationship, declarePart, insertBeforeClose, relsPartOf, removeRelationship, undeclarePart } from '../package/opc';
import { applySplices, escapeAttr, escapeText, scanXml, type Splice } from '../package/xml';
import type { ZipPackage } from '../package/zip';

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT = { main: 'http://purl.oclc.org/ooxml/spreadsheetml/main', rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships' };

export type CellInput = string | number | null;

export interface NewSheet {
  name: string;
  rows: CellInput[][];
  veryHidden?: boolean;
  /** Column widths in characters. */
  widths?: number[];
  /** Cell format of the first row (bold), and of every other cell (wrapped), when given. */
  headerStyle?: number;
  bodyStyle?: number;
}

function namespaces(book: Book): typeof TRANSITIONAL {
  return book.rels.some((r) => r.type.startsWith('http://purl.oclc.org/')) ? STRICT : TRANSITIONAL;
}

/** A cell as written by this writer: text as an inline string (never a formula), numbers as numbers. */
export function cellXml(row: number, col: number, v: CellInput, style?: number): string {
  const s = style ? ` s="${style}"` : '';
  const r = cellAddress(row, col);
  if (v === null || v === '') return `<c r="${r}"${s}/>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${r}"${s}><v>${v}</v></c>` : `<c r="${r}"${s}/>`;
  const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
  return `<c r="${r}"${s} t="inlineStr"><is><t${space}>${escapeText(v)}</t></is></c>`;
}

export function worksheetXml(sheet: NewSheet, strict = false): string {
  const ns = strict ? STRICT : TRANSITIONAL;
  const rows = sheet.rows
    .map((cells, i) => {
      const style = i === 0 ? sheet.headerStyle : sheet.bodyStyle;
      const body = cells.map((v, j) => (v === null ? '' : cellXml(i, j, v, style))).join('');
      return body === '' ? '' : `<row r="${i + 1}">${body}</row>`;
    })
    .join('');
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const dimension = sheet.rows.length > 0 ? `A1:${cellAddress(sheet.rows.length - 1, width - 1)}` : 'A1';
  const cols = (sheet.widths ?? []).map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    `<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

/** Adds a worksheet at the end of the workbook; returns the refreshed workbook structure. */
export function addSheet(pkg: ZipPackage, book: Book, sheet: NewSheet, partXml?: (strict: boolean) => string): Book {
  let n = 1;
  while (pkg.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const part = `xl/worksheets/sheet${n}.xml`;
  const ns = namespaces(book);
  pkg.set(part, partXml ? partXml(ns === STRICT) : worksheetXml(sheet, ns === STRICT));
  declarePart(pkg, part, WORKSHEET_TYPE);
  const relId = addRelationship(pkg, book.part, `${ns.rel}/worksheet`, part);
  const sheetId = Math.max(0, ...book.sheets.map((s) => s.sheetId)) + 1;
  const prefix = relPrefix(book.xml, ns.rel);
  const state = sheet.veryHidden ? ' state="veryHidden"' : '';
  const element = `<sheet name="${escapeAttr(sheet.name)}" sheetId="${sheetId}"${state} ${prefix}:id="${relId}"/>`;
  const withSheet = insertBeforeClose(book.xml, 'sheets', element);
  pkg.set(book.part, prefix === 'r' && !/xmlns:r=/.test(book.xml) ? declareR(withSheet, ns.rel) : withSheet);
  return readBook(pkg);
}

/** Replaces a sheet's part with new content (the add-in's record sheet, rewritten whole). */
export function replaceSheet(pkg: ZipPackage, book: Book, name: string, sheet: NewSheet): void {
  const entry = book.sheets.find((s) => s.name === name);
  if (!entry?.part) throw new Error(`no sheet ${name}`);
  pkg.set(entry.part, worksheetXml(sheet, namespaces(book) === STRICT));
}

/** Removes a sheet, its part, relationship, content type and own relationships part. */
export function removeSheet(pkg: ZipPackage, book: Book, name: string): Book {
  const index = book.sheets.findIndex((s) => s.name === name);
  if (index < 0) return book;
  const entry = book.sheets[index];
  const splices: Splice[] = [{ start: entry.start, end: entry.end, text: '' }];
  if (index < book.sheets.length - 1) splices.push(...shiftedIndices(book.xml, index));
  pkg.set(book.part, applySplices(book.xml, splices));
  removeRelationship(pkg, book.part, entry.relId);
  if (entry.part) {
    pkg.delete(entry.part);
    pkg.delete(relsPartOf(entry.part));
    undeclarePart(pkg, entry.part);
  }
  return readBook(pkg);
}

/** Sheet-index references past a removed sheet (`localSheetId`, `activeTab`, `firstSheet`) moved down by one. */
function shiftedIndices(xml: string, removed: number): Splice[] {
  const out: Splice[] = [];
  scanXml(xml, {
    open(name, tag) {
      const attrs = name === 'definedName' ? ['localSheetId'] : name === 'workbookView' ? ['activeTab', 'firstSheet'] : [];
      for (const a of attrs) {
        const v = tag.attr(a);
        const span = tag.attrSpan(a);
        if (v === undefined || span === null || Number(v) < removed || (Number(v) === removed && a === 'localSheetId')) continue;
        out.push({ start: span.start, end: span.end, text: `${a}="${Math.max(0, Number(v) - 1)}"` });
      }
    },
  });
  return out;
}

/** The prefix the workbook part uses for relationship ids (`r` almost always). */
function relPrefix(xml: string, relNs: string): string {
  const m = new RegExp(`xmlns:([A-Za-z0-9_]+)="${relNs.replace(/[.]/g, '\\.')}"`).exec(xml);
  return m ? m[1] : 'r';
}

function declareR(xml: string, relNs: string): string {
  return xml.replace(/<((?:\w+:)?workbook)\b/, `<$1 xmlns:r="${relNs}"`);
}
