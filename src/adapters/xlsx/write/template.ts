/**
 * A template sheet (src/core/templates) as a worksheet part: cells with their formats (text as inline strings,
 * formulas with their cached results), merges, column widths, row heights, page setup (landscape where wide, one
 * page wide) and the print titles as the sheet's `_xlnm.Print_Titles` defined name in the workbook part.
 */
import type { CellLook, LookName, TemplateCell, TemplateSheet } from '../../../core/templates/types';
import { cellAddress, rangeAddress } from '../../../core/snapshot';
import type { Book } from '../package/book';
import { insertBeforeClose } from '../package/opc';
import { applySplices, escapeText, scanXml } from '../package/xml';
import type { ZipPackage } from '../package/zip';
import { cellXml } from './book';
import type { StyleSheet } from './styles';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The font, border, alignment and number format of a look, as style sheet parts. */
export function lookXf(styles: StyleSheet, look: CellLook): number {
  const font = `<font>${look.bold ? '<b/>' : ''}<sz val="${look.size ?? 10}"/><name val="宋体"/><charset val="134"/></font>`;
  const side = (s: string) => (look.border ? `<${s} style="thin"><color auto="1"/></${s}>` : `<${s}/>`);
  const border = `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
  const h = look.horizontal ? ` horizontal="${look.horizontal}"` : '';
  const alignment = `<alignment${h} vertical="center"${look.wrap ? ' wrapText="1"' : ''}/>`;
  return styles.xfOf({ font, border, alignment, numFmt: look.numFmt ?? null });
}

function templateCellXml(c: TemplateCell, style: number): string {
  if (c.formula === undefined) return cellXml(c.row, c.col, c.value, style);
  const r = cellAddress(c.row, c.col);
  const f = `<f>${escapeText(c.formula)}</f>`;
  if (typeof c.value === 'number') return `<c r="${r}" s="${style}">${f}<v>${c.value}</v></c>`;
  return `<c r="${r}" s="${style}" t="str">${f}<v>${escapeText(String(c.value ?? ''))}</v></c>`;
}

export function templateWorksheetXml(sheet: TemplateSheet, xfOf: (look: LookName) => number, strict: boolean): string {
  const rows = new Map<number, string[]>();
  for (const c of sheet.cells) {
    const list = rows.get(c.row) ?? [];
    list.push(templateCellXml(c, xfOf(c.look)));
    rows.set(c.row, list);
  }
  const last = Math.max(0, ...sheet.cells.map((c) => c.row));
  const body = [...rows.keys()]
    .sort((a, b) => a - b)
    .map((r) => {
      const ht = sheet.heights[r] ? ` ht="${sheet.heights[r]}" customHeight="1"` : '';
      return `<row r="${r + 1}"${ht}>${rows.get(r)!.join('')}</row>`;
    })
    .join('');
  const cols = sheet.widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('');
  const merges = sheet.merges.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${rangeAddress(m)}"/>`).join('')}</mergeCells>`
    : '';
  const p = sheet.print;
  const setup = `<pageSetup paperSize="9" orientation="${p.landscape ? 'landscape' : 'portrait'}"${p.fitWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`;
  const ns = strict
    ? { main: 'http://purl.oclc.org/ooxml/spreadsheetml/main', rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships' }
    : { main: MAIN, rel: REL };
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    (p.fitWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="A1:${cellAddress(last, Math.max(0, sheet.widths.length - 1))}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${body}</sheetData>${merges}` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${setup}</worksheet>`
  );
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** Adds the sheet's print titles (`_xlnm.Print_Titles`, local to sheet `index`) to the workbook part. */
export function addPrintTitles(pkg: ZipPackage, book: Book, index: number, sheet: TemplateSheet): void {
  const { from, to } = sheet.print.titleRows;
  const name = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeText(`${quote(sheet.name)}!$${from + 1}:$${to + 1}`)}</definedName>`;
  const xml = book.xml;
  if (/<(?:\w+:)?definedNames\b[^>]*\/>/.test(xml)) {
    pkg.set(book.part, xml.replace(/<((?:\w+:)?)definedNames\b([^>]*)\/>/, `<$1definedNames$2>${name}</$1definedNames>`));
  } else if (/<(?:\w+:)?definedNames\b/.test(xml)) {
    pkg.set(book.part, insertBeforeClose(xml, 'definedNames', name));
  } else {
    // CT_Workbook: definedNames follow sheets, functionGroups and externalReferences.
    const after = [...xml.matchAll(/<\/(?:\w+:)?(?:sheets|functionGroups|externalReferences)>/g)].pop();
    if (!after) return;
    const at = (after.index ?? 0) + after[0].length;
    const prefix = /<\/(\w+:)?sheets>/.exec(xml)?.[1] ?? '';
    pkg.set(book.part, `${xml.slice(0, at)}<${prefix}definedNames>${name}</${prefix}definedNames>${xml.slice(at)}`);
  }
}

/** Removes the defined names local to sheet `index` (a template sheet being removed), and an emptied `<definedNames>`. */
export function removeLocalNames(pkg: ZipPackage, book: Book, index: number): void {
  const splices: { start: number; end: number; text: string }[] = [];
  let open = -1;
  let list: { start: number; end: number; count: number; removed: number } | null = null;
  scanXml(book.xml, {
    open(name, tag) {
      if (name === 'definedNames') list = { start: tag.start, end: -1, count: 0, removed: 0 };
      if (name === 'definedName') {
        open = tag.attr('localSheetId') === String(index) ? tag.start : -1;
        if (list) list.count++;
      }
    },
    close(name, _start, end) {
      if (name === 'definedName' && open >= 0) {
        splices.push({ start: open, end, text: '' });
        if (list) list.removed++;
        open = -1;
      }
      if (name === 'definedNames' && list) list.end = end;
    },
  });
  if (splices.length === 0) return;
  const l = list as { start: number; end: number; count: number; removed: number } | null;
  const all = l && l.count === l.removed && l.end > 0 ? [{ start: l.start, end: l.end, text: '' }] : splices;
  pkg.set(book.part, applySplices(book.xml, all));
}
