/**
 * A template sheet (src/core/templates) through office.js: the sheet, its values and formulas (text cells get the
 * text format `@` first, so nothing typed as text becomes a formula), number formats, merges, fonts, alignment,
 * borders, widths, heights and page setup (landscape where wide, one page wide, the title rows repeated), queued
 * as one write; recorded as the add-in's sheet, so a clear of its tag deletes it.
 */
import { columnLetters, rangeAddress } from '../../../core/snapshot';
import { TEMPLATE_LOOKS } from '../../../core/templates/looks';
import type { CellLook, LookName, TemplateSheet } from '../../../core/templates/types';
import { ACTION, size } from './batch';
import type { Build } from './context';

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;
/** Column width in points per character of the template's widths (as the findings sheet does). */
const POINTS_PER_CHAR = 6;

/** The template's cells as office.js grids: formulas (or values) and number formats, over its whole area. */
export function templateGrids(sheet: TemplateSheet): { values: (string | number)[][]; formats: string[][] } {
  const rows = 1 + Math.max(0, ...sheet.cells.map((c) => c.row));
  const cols = Math.max(1, sheet.widths.length, ...sheet.cells.map((c) => c.col + 1));
  const values = Array.from({ length: rows }, () => Array.from({ length: cols }, (): string | number => ''));
  const formats = Array.from({ length: rows }, () => Array.from({ length: cols }, () => 'General'));
  for (const c of sheet.cells) {
    const look = TEMPLATE_LOOKS[c.look];
    if (c.formula !== undefined) values[c.row][c.col] = `=${c.formula}`;
    else if (c.value !== null) values[c.row][c.col] = c.value;
    formats[c.row][c.col] = typeof c.value === 'string' && c.formula === undefined ? '@' : (look.numFmt ?? 'General');
  }
  return { values, formats };
}

/** Runs of cells of one look along each row, as A1 ranges, so each look is set once per run. */
export function lookRuns(sheet: TemplateSheet): { look: LookName; range: string }[] {
  const out: { look: LookName; range: string }[] = [];
  const sorted = [...sheet.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  let run: { look: LookName; row: number; from: number; to: number } | null = null;
  const flush = () => {
    if (run) out.push({ look: run.look, range: rangeAddress({ top: run.row, left: run.from, bottom: run.row, right: run.to }) });
  };
  for (const c of sorted) {
    if (run && run.look === c.look && run.row === c.row && run.to === c.col - 1) run.to = c.col;
    else {
      flush();
      run = { look: c.look, row: c.row, from: c.col, to: c.col };
    }
  }
  flush();
  return out;
}

function applyLook(range: Excel.Range, look: CellLook): void {
  const f = range.format;
  f.font.bold = look.bold === true;
  f.font.size = look.size ?? 10;
  f.font.name = '宋体';
  if (look.horizontal) f.horizontalAlignment = look.horizontal === 'left' ? 'Left' : look.horizontal === 'right' ? 'Right' : 'Center';
  f.verticalAlignment = 'Center';
  if (look.wrap) f.wrapText = true;
  if (look.border) for (const edge of EDGES) f.borders.getItem(edge).style = 'Continuous';
}

export function addTemplateSheet(b: Build, sheet: TemplateSheet, tag: string): void {
  if (b.probe.workbookProtected) throw new Error(`工作簿结构受保护，无法添加工作表“${sheet.name}”。请先取消“保护工作簿”。`);
  if (b.exists(sheet.name)) throw new Error(`工作簿中已有名为“${sheet.name}”的工作表，模板未插入（不覆盖已有工作表）`);
  const { values, formats } = templateGrids(sheet);
  const runs = lookRuns(sheet);
  const bytes = size(values) + size(formats) + ACTION * (8 + sheet.widths.length + sheet.merges.length + runs.length * 12);
  b.w(bytes, (x) => {
    const ws = x.add(sheet.name);
    sheet.widths.forEach((w, j) => {
      ws.getRange(`${columnLetters(j)}:${columnLetters(j)}`).format.columnWidth = w * POINTS_PER_CHAR;
    });
    for (const [r, h] of Object.entries(sheet.heights)) ws.getRange(`${Number(r) + 1}:${Number(r) + 1}`).format.rowHeight = h;
    const all = ws.getRangeByIndexes(0, 0, values.length, values[0].length);
    all.numberFormat = formats;
    all.formulas = values;
    for (const m of sheet.merges) ws.getRange(rangeAddress(m)).merge(false);
    for (const { look, range } of runs) applyLook(ws.getRange(range), TEMPLATE_LOOKS[look]);
    const p = sheet.print;
    ws.pageLayout.orientation = p.landscape ? 'Landscape' : 'Portrait';
    if (p.fitWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.pageLayout.setPrintTitleRows(`$${p.titleRows.from + 1}:$${p.titleRows.to + 1}`);
  });
  b.names.push(sheet.name);
  b.ledger.replace(undefined, { kind: 'sheet', tag, sheet: sheet.name });
  b.report.sheetsAdded.push(sheet.name);
}
