/**
 * One ledger for both adapters: marks and a findings sheet written by one, read and cleared by the other, on the
 * real sample workbook. The file goes between them as a user would carry it: saved in the page and opened in
 * Excel (the package's bytes loaded into the fake Excel, test/fake-excel/xlsx.ts), or saved in Excel and opened
 * in the page (the fake's state written out by exceljs). After the clear every fill and note is as before the
 * marks, the add-in's sheets are gone, and table-kind corrections survive.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { OfficeHost } from '../src/adapters/office/host';
import { openWorkbook, snapshotOf } from '../src/adapters/xlsx/read';
import { applyPlanToPackage, loadOverrides, readLedger, saveOverrides } from '../src/adapters/xlsx/write/apply';
import { LEDGER_SHEET } from '../src/core/ledger';
import type { WriteOp, WritePlan } from '../src/core/model';
import { clearMarksPlan, FINDINGS_SHEET_NAME, FINDINGS_SHEET_TAG, findingsSheetPlan, markFindingsPlan } from '../src/core/plans';
import { recognise } from '../src/core/recognise/index';
import { parseRange, type KindOverride, type WorkbookSnapshot } from '../src/core/snapshot';
import { validate } from '../src/core/validate/index';
import type { FakeWorkbook } from './fake-excel';
import { fakeFromXlsx, looksOfFake, looksOfXlsx, xlsxFromFake } from './fake-excel/xlsx';

const SAMPLE = path.join(__dirname, '..', 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');
const OVERRIDES: KindOverride[] = [{ sheet: '项目支出绩效自评表2', anchor: 'A1', specId: null }];
const CLEAR_SHEET: WritePlan = { title: '删除审核结果', ops: [{ op: 'clearTag', tag: FINDINGS_SHEET_TAG }] };

function sample(): Uint8Array {
  return new Uint8Array(fs.readFileSync(SAMPLE));
}

function plansOf(snapshot: WorkbookSnapshot): { marks: WritePlan; sheet: WritePlan; fills: number; notes: number } {
  const recognition = recognise(snapshot);
  const { findings } = validate(recognition);
  const marks = markFindingsPlan(findings);
  const count = (kind: WriteOp['op']) => marks.ops.filter((o) => o.op === kind).length;
  return { marks, sheet: findingsSheetPlan(findings, recognition), fills: count('fill'), notes: count('note') };
}

/**
 * The user's own fills and notes: green on a cell the marks paint, yellow on one they do not, a note on a cell
 * the marks note and one on a cell they do not.
 */
function userTouches(
  snapshot: WorkbookSnapshot,
  marks: WritePlan,
): { fills: [string, string, string][]; notes: [string, string, string][] } {
  const fill = marks.ops.find((o) => o.op === 'fill')!;
  const note = marks.ops.find((o) => o.op === 'note')!;
  if (fill.op !== 'fill' || note.op !== 'note') throw new Error('the sample has no marks');
  const marked = new Set(
    marks.ops.flatMap((o) => (o.op === 'fill' ? [`${o.sheet}!${o.range}`] : o.op === 'note' ? [`${o.sheet}!${o.cell}`] : [])),
  );
  // Not in a merged area either: how a style on part of one is kept differs between programs.
  const merges = snapshot.sheets.find((x) => x.name === '公开01表')!.merges;
  const free = ['A3', 'A4', 'A5', 'B3', 'B4', 'B5', 'A10', 'B10'].find((a1) => {
    const { top, left } = parseRange(a1);
    return !marked.has(`公开01表!${a1}`) && !merges.some((m) => top >= m.top && top <= m.bottom && left >= m.left && left <= m.right);
  })!;
  return {
    fills: [
      [fill.sheet, fill.range, '#00B050'],
      ['公开01表', free, '#FFFF00'],
    ],
    notes: [
      [note.sheet, note.cell, '用户的备注'],
      ['公开01表', free, '另一条备注'],
    ],
  };
}

/** The sample with the user's fills and notes, as Excel (here exceljs) saves it. */
async function withUserTouches(bytes: Uint8Array): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const snapshot = snapshotOf(openWorkbook(bytes));
  const touches = userTouches(snapshot, plansOf(snapshot).marks);
  for (const [sheet, a1, color] of touches.fills) {
    const cell = book.getWorksheet(sheet)!.getCell(a1);
    // A style of its own: exceljs shares one style object among the cells that had the same format.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color.slice(1)}` } } };
  }
  for (const [sheet, a1, text] of touches.notes) book.getWorksheet(sheet)!.getCell(a1).note = text;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** How many fills and notes the user's own are (none in the published sample). */
function userCount(before: { fills: Record<string, Record<string, string>>; notes: Record<string, Record<string, string>> }): number[] {
  const n = (m: Record<string, Record<string, string>>) => Object.values(m).reduce((k, cells) => k + Object.keys(cells).length, 0);
  return [n(before.fills), n(before.notes)];
}

/** The record sheet's rows in the fake, as text. */
function recordRows(wb: FakeWorkbook): string[][] {
  const s = wb.sheet(LEDGER_SHEET);
  const rows: string[][] = [];
  for (const [key, c] of s.cells) {
    const [r, col] = key.split(',').map(Number);
    (rows[r] ??= [])[col] = String(c.value ?? '');
  }
  return rows.map((r) => Array.from(r, (v) => v ?? ''));
}

const VARIANTS = [
  { name: 'the sample as published', user: false },
  { name: 'with the user’s own fills, notes and a table-kind correction', user: true },
];

describe.each(VARIANTS)('$name', ({ user }) => {
  test('written by the .xlsx adapter, read and cleared by the office.js adapter', async () => {
    let bytes = sample();
    if (user) bytes = await withUserTouches(bytes);
    const before = looksOfXlsx(bytes);
    expect(userCount(before)).toEqual(user ? [2, 2] : [0, 0]);
    const opened = openWorkbook(bytes);
    if (user) saveOverrides(opened, OVERRIDES);
    const { marks, sheet, fills, notes } = plansOf(snapshotOf(opened));
    expect(fills).toBeGreaterThan(5);
    expect(notes).toBeGreaterThan(0);
    applyPlanToPackage(opened, marks);
    applyPlanToPackage(opened, sheet);

    // Saved in the page, opened in Excel.
    const wb = fakeFromXlsx(opened.pkg.toBytes());
    expect(wb.sheet(LEDGER_SHEET).visibility).toBe('VeryHidden');
    for (const op of marks.ops)
      if (op.op === 'fill') expect([op.sheet, op.range, wb.fill(op.sheet, op.range)]).toEqual([op.sheet, op.range, op.color]);
    const host = new OfficeHost(wb.env());
    const snap = await host.readSnapshot();
    expect(snap.overrides).toEqual(user ? OVERRIDES : undefined);

    // The findings sheet written again: the office adapter knows it as the add-in's and replaces it.
    await host.applyPlan(sheet);
    expect(wb.sheets.map((s) => s.name).filter((n) => n.startsWith(FINDINGS_SHEET_NAME))).toEqual([FINDINGS_SHEET_NAME]);
    const report = await host.applyPlanWithReport(clearMarksPlan());
    expect(report).toMatchObject({ restored: fills + notes, keptUserChanges: 0, notices: [] });
    await host.applyPlan(CLEAR_SHEET);

    expect(wb.find(FINDINGS_SHEET_NAME)).toBeUndefined();
    expect(looksOfFake(wb)).toEqual(before);
    if (user) {
      // Only the correction (and the .xlsx adapter's own bookkeeping, kept as it was) is left to remember.
      expect(recordRows(wb).map((r) => r[0])).toEqual(['kind', 'override', 'package']);
      expect(await host.loadOverrides()).toEqual(OVERRIDES);
      await host.saveOverrides([]);
    }
    expect(wb.find(LEDGER_SHEET)).toBeUndefined();
  });

  test('written by the office.js adapter, read and cleared by the .xlsx adapter', async () => {
    // The sample as Excel holds it.
    const wb = fakeFromXlsx(sample());
    const host = new OfficeHost(wb.env());
    if (user) {
      const snapshot = await host.readSnapshot();
      const touches = userTouches(snapshot, plansOf(snapshot).marks);
      for (const [sheet, a1, color] of touches.fills) wb.setFill(sheet, a1, color);
      for (const [sheet, a1, text] of touches.notes) wb.sheet(sheet).notes.set(a1, text);
      await host.saveOverrides(OVERRIDES);
    }
    const before = looksOfFake(wb);
    expect(userCount(before)).toEqual(user ? [2, 2] : [0, 0]);
    const { marks, sheet, fills, notes } = plansOf(await host.readSnapshot());
    expect(fills).toBeGreaterThan(5);
    await host.applyPlan(marks);
    await host.applyPlan(sheet);
    expect(wb.sheet(LEDGER_SHEET).visibility).toBe('VeryHidden');

    // Saved in Excel, opened in the page.
    const opened = openWorkbook(await xlsxFromFake(wb));
    expect(opened.book.sheets.find((s) => s.name === LEDGER_SHEET)?.state).toBe('veryHidden');
    expect(readLedger(opened).filter((e) => e.kind === 'foreign')).toEqual([]);
    expect(snapshotOf(opened).overrides).toEqual(user ? OVERRIDES : undefined);

    applyPlanToPackage(opened, sheet);
    expect(opened.book.sheets.map((s) => s.name).filter((n) => n.startsWith(FINDINGS_SHEET_NAME))).toEqual([FINDINGS_SHEET_NAME]);
    const report = applyPlanToPackage(opened, clearMarksPlan());
    expect(report).toMatchObject({ restored: fills + notes, keptUserChanges: 0, notices: [] });
    applyPlanToPackage(opened, CLEAR_SHEET);
    const out = opened.pkg.toBytes();

    expect(looksOfXlsx(out)).toEqual(before);
    const names = openWorkbook(out).book.sheets.map((s) => s.name);
    expect(names).not.toContain(FINDINGS_SHEET_NAME);
    if (user) {
      // Only the correction is left to remember (besides the .xlsx adapter's own bookkeeping, if it keeps any).
      expect(readLedger(openWorkbook(out)).flatMap((e) => (e.kind === 'package' ? [] : [e.kind]))).toEqual(['override']);
      expect(loadOverrides(openWorkbook(out))).toEqual(OVERRIDES);
    } else expect(names).not.toContain(LEDGER_SHEET);

    // Read back by an independent implementation: the marked cells carry no mark colour, the user's fills are back.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ArrayBuffer);
    for (const op of marks.ops) {
      if (op.op !== 'fill') continue;
      const f = book.getWorksheet(op.sheet)!.getCell(op.range).fill as ExcelJS.FillPattern | undefined;
      const argb = f?.pattern === 'solid' ? f.fgColor?.argb : undefined;
      expect([op.range, argb]).toEqual([
        op.range,
        before.fills[op.sheet][op.range] ? `FF${before.fills[op.sheet][op.range].slice(1)}` : undefined,
      ]);
    }
  });
});
