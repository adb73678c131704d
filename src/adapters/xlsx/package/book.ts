/**
 * The workbook part: which sheets there are, in which order, under which part, and where each `<sheet>` element
 * sits in workbook.xml (the writer adds and removes the add-in's own sheets there).
 */
import { isRelType, readRelationships, type Relationship } from './opc';
import { attrByLocalName, scanXml } from './xml';
import type { ZipPackage } from './zip';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';
export type SheetType = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'other';

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: SheetState;
  type: SheetType;
  /** The sheet's part as stored in the zip, or null when the relationship points nowhere. */
  part: string | null;
  /** Offsets of the `<sheet …/>` element in the workbook part. */
  start: number;
  end: number;
}

export interface Book {
  /** The workbook part, usually `xl/workbook.xml`. */
  part: string;
  xml: string;
  sheets: SheetEntry[];
  date1904: boolean;
  rels: Relationship[];
  styles: string | null;
  sharedStrings: string | null;
}

export class PackageError extends Error {}

/** The workbook part named by the package's officeDocument relationship (`xl/workbook.xml` when unnamed). */
export function workbookPart(pkg: ZipPackage): string | null {
  const main = readRelationships(pkg, '').find((r) => isRelType(r, 'officeDocument') && r.part !== null);
  const named = main?.part ? pkg.resolve(main.part) : undefined;
  return named ?? pkg.resolve('xl/workbook.xml') ?? null;
}

export function readBook(pkg: ZipPackage): Book {
  const part = workbookPart(pkg);
  const xml = part === null ? undefined : pkg.text(part);
  if (part === null || xml === undefined) throw new PackageError('没有工作簿部件（xl/workbook.xml）');
  const rels = readRelationships(pkg, part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let sawWorkbook = false;
  let closed = false;
  scanXml(xml, {
    close(name) {
      if (name === 'workbook') closed = true;
    },
    open(name, tag) {
      if (name === 'workbook') sawWorkbook = true;
      else if (name === 'workbookPr') date1904 = tag.attr('date1904') === '1' || tag.attr('date1904') === 'true';
      else if (name === 'sheet') {
        const relId = attrByLocalName(tag, 'id') ?? '';
        const rel = byId.get(relId);
        const st = tag.attr('state');
        const state = st === 'hidden' || st === 'veryHidden' ? st : 'visible';
        sheets.push({
          name: tag.attr('name') ?? '',
          sheetId: Number(tag.attr('sheetId') ?? 0),
          relId,
          state,
          type: rel ? sheetType(rel) : 'other',
          part: rel?.part ? (pkg.resolve(rel.part) ?? null) : null,
          start: tag.start,
          end: tag.end,
        });
      }
    },
  });
  if (!sawWorkbook) throw new PackageError('工作簿部件内容无法识别');
  if (!closed) throw new PackageError('工作簿部件不完整');
  if (sheets.length === 0) throw new PackageError('工作簿中没有工作表');
  const find = (t: string) => {
    const r = rels.find((x) => isRelType(x, t) && x.part !== null);
    return r?.part ? (pkg.resolve(r.part) ?? null) : null;
  };
  return { part, xml, sheets, date1904, rels, styles: find('styles'), sharedStrings: find('sharedStrings') };
}

function sheetType(rel: Relationship): SheetType {
  for (const t of ['worksheet', 'chartsheet', 'dialogsheet', 'macrosheet'] as const) if (isRelType(rel, t)) return t;
  // Excel 4 macro sheets are typed `…/xlMacrosheet`; treated like any part we do not read.
  return 'other';
}
