/**
 * The fake workbook ⇄ .xlsx bytes, for tests that hand a workbook from one adapter to the other, as a user
 * would by saving in Excel and opening the file in the page (and back).
 *
 *  - `fakeFromXlsx`: values, number formats and merges as the .xlsx reader's snapshot has them, solid fills and
 *    notes as the page's grid shows them (`readSheetLook`), and the record sheet `_juesuan` with the rows it
 *    holds and its visibility — read-only use of the .xlsx adapter.
 *  - `xlsxFromFake`: the fake's sheets (order, visibility), values, formulas, number formats, fills, bold, notes
 *    and merges written by exceljs, an implementation independent of both adapters.
 */
import ExcelJS from 'exceljs';
import { LEDGER_SHEET } from '../../src/core/ledger';
import { cellAddress } from '../../src/core/snapshot';
import { ledgerRowsOf, openWorkbook, snapshotOf, type OpenedWorkbook } from '../../src/adapters/xlsx/read';
import { readSheetLook } from '../../src/adapters/xlsx/read/look';
import { readSharedStrings } from '../../src/adapters/xlsx/read/strings';
import { readCellFormats } from '../../src/adapters/xlsx/read/styles';
import { FakeWorkbook, type FakeOptions, type FakeSheet } from './model';

const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

/** A fake workbook holding what the .xlsx file holds (see the file comment). */
export function fakeFromXlsx(bytes: Uint8Array, options: FakeOptions = {}): FakeWorkbook {
  const opened = openWorkbook(bytes);
  const wb = FakeWorkbook.fromSnapshot(snapshotOf(opened), options);
  for (const sheet of wb.sheets) {
    const look = readSheetLook(opened, sheet.name);
    if (!look) continue;
    for (const [row, cols] of look.cells)
      for (const [col, l] of cols) if (l.fill) sheet.ensure(row, col).fill = { color: `#${l.fill.slice(2)}`, pattern: 'Solid' };
    for (const [a1, text] of look.notes) sheet.notes.set(a1, text);
  }
  const entry = opened.book.sheets.find((s) => s.name === LEDGER_SHEET && s.part !== null);
  if (entry) {
    const records = wb.addSheet(LEDGER_SHEET);
    records.visibility = VISIBILITY[entry.state];
    ledgerRowsFrom(opened, entry.part!).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === '') return;
        const cell = records.ensure(r, c);
        cell.numberFormat = '@';
        cell.value = v;
      }),
    );
  }
  // The workbook's own sheet order (the snapshot lists worksheets only, without the record sheet).
  const order = opened.book.sheets.map((s) => s.name);
  wb.sheets.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return wb;
}

/** The record sheet's rows as the .xlsx file holds them (text, not yet parsed by the ledger). */
function ledgerRowsFrom(opened: OpenedWorkbook, part: string): string[][] {
  const { pkg, book } = opened;
  const ctx = {
    strings: readSharedStrings(book.sharedStrings ? pkg.text(book.sharedStrings) : undefined),
    formats: readCellFormats(undefined),
    date1904: false,
  };
  return ledgerRowsOf(pkg.text(part) ?? '', ctx);
}

/** The fake's state as .xlsx bytes (see the file comment). Threaded comments have no place in it and are left out. */
export async function xlsxFromFake(wb: FakeWorkbook): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const sheet of wb.sheets) writeSheet(book, sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function writeSheet(book: ExcelJS.Workbook, sheet: FakeSheet): void {
  const state = sheet.visibility === 'VeryHidden' ? 'veryHidden' : sheet.visibility === 'Hidden' ? 'hidden' : 'visible';
  const ws = book.addWorksheet(sheet.name, { state });
  // Merged first: exceljs copies the top-left cell's style into a range merged after it is styled; Excel does not.
  for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const [key, c] of sheet.cells) {
    const [row, col] = key.split(',').map(Number);
    const cell = ws.getCell(row + 1, col + 1);
    if (c.formula) cell.value = { formula: c.formula.slice(1), result: c.value ?? undefined };
    else if (c.value !== null) cell.value = c.value;
    // A style object of its own: exceljs shares style objects between cells.
    const style: Partial<ExcelJS.Style> = {};
    if (c.numberFormat) style.numFmt = c.numberFormat;
    if (c.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${c.fill.color.replace('#', '')}` } };
    if (c.bold) style.font = { bold: true };
    cell.style = style;
  }
  for (const [a1, text] of sheet.notes) ws.getCell(a1).note = text;
  for (const [col, width] of sheet.columnWidths) ws.getColumn(col + 1).width = width / 6;
}

/** Fills (`#RRGGBB`) and notes of every sheet but the record sheet, by sheet and cell: what a clear must give back. */
export interface Looks {
  fills: Record<string, Record<string, string>>;
  notes: Record<string, Record<string, string>>;
}

export function looksOfFake(wb: FakeWorkbook): Looks {
  const out: Looks = { fills: {}, notes: {} };
  for (const sheet of wb.sheets) {
    if (sheet.name === LEDGER_SHEET) continue;
    const fills: Record<string, string> = {};
    for (const [key, c] of sheet.cells) {
      const [row, col] = key.split(',').map(Number);
      if (c.fill) fills[cellAddress(row, col)] = c.fill.color;
    }
    out.fills[sheet.name] = fills;
    out.notes[sheet.name] = Object.fromEntries(sheet.notes);
  }
  return out;
}

export function looksOfXlsx(bytes: Uint8Array): Looks {
  const opened = openWorkbook(bytes);
  const out: Looks = { fills: {}, notes: {} };
  for (const s of opened.book.sheets) {
    if (s.name === LEDGER_SHEET || s.type !== 'worksheet') continue;
    const look = readSheetLook(opened, s.name);
    const fills: Record<string, string> = {};
    for (const [row, cols] of look?.cells ?? [])
      for (const [col, l] of cols) if (l.fill) fills[cellAddress(row, col)] = `#${l.fill.slice(2)}`;
    out.fills[s.name] = fills;
    out.notes[s.name] = Object.fromEntries(look?.notes ?? []);
  }
  return out;
}
