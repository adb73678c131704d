/**
 * Templates through the .xlsx writer: every set inserted into a new workbook, read back by our reader (recognised,
 * validated) and by exceljs (formulas with cached results, merges, print titles); clearing the insert gives the workbook back entry for entry.
 */
import ExcelJS from 'exceljs';
import type { RecognisedTable, TableKind } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { templatePlan, TEMPLATE_TAG, type CodeLine, type TemplateSetId } from '../src/core/templates';
import { validate } from '../src/core/validate';
import { openWorkbook, readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { LEDGER_SHEET } from '../src/core/ledger';
import { blankWorkbook, PLACEHOLDER } from '../src/adapters/xlsx/write/blank';
import { buildSnapshot, type SeedId } from './fixtures';

const SETS: { set: TemplateSetId; seed: SeedId; year: number; unit: '元' | '万元' }[] = [
  { set: 'jiangxi', seed: '000', year: 2023, unit: '万元' },
  { set: 'yunnan', seed: '001', year: 2022, unit: '元' },
  { set: 'shanghai', seed: 'shanghai', year: 2024, unit: '万元' },
];

async function codeLinesOf(seed: SeedId): Promise<Partial<Record<TableKind, CodeLine[]>>> {
  const out: Partial<Record<TableKind, CodeLine[]>> = {};
  const tables: RecognisedTable[] = recognise(await buildSnapshot(seed, 'per-sheet')).tables;
  for (const t of tables) {
    if (t.kind === 'gpb_basic' || t.kind === 'gpb_project_economic') continue;
    const lines = t.rows.filter((r) => r.code).map((r) => ({ code: r.code!, name: r.name }));
    if (lines.length) out[t.kind] = lines;
  }
  return out;
}

/** exceljs keeps a sheet's merges (1-based boxes) in a private map. */
function mergesOf(ws: ExcelJS.Worksheet): { top: number; left: number; bottom: number; right: number }[] {
  const merges = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })
    ._merges;
  return Object.values(merges).map((m) => m.model);
}

/** Every cell of the written workbook as exceljs reads it: values, formulas, formats. */
async function excelCells(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe.each(SETS)('$set', ({ set, seed, year, unit }) => {
  let bytes: Uint8Array;
  let codeLines: Partial<Record<TableKind, CodeLine[]>>;
  beforeAll(async () => {
    codeLines = await codeLinesOf(seed);
    const opened = openWorkbook(blankWorkbook(), 'new.xlsx');
    const { plan } = templatePlan({ set, year, unit, org: '某某局', codeLines });
    applyPlanToPackage(opened, plan);
    bytes = opened.pkg.toBytes();
  });

  test('read back: recognised, blank templates foot', async () => {
    const rec = recognise(await readWorkbookBuffer(bytes, 'new.xlsx'));
    expect(rec.unrecognised).toEqual([]);
    expect(rec.tables.every((t) => t.org === '某某局' && t.year === year)).toBe(true);
    const errors = validate(rec).findings.filter((f) => f.severity === 'error' && !f.rule.endsWith('.weight_sum'));
    expect(errors).toEqual([]);
  });

  test('exceljs reads formulas with cached results, merges, text codes, print titles', async () => {
    const wb = await excelCells(bytes);
    let formulas = 0;
    let numbers = 0;
    wb.eachSheet((ws) => {
      if (ws.name === PLACEHOLDER || ws.name === LEDGER_SHEET) return;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) {
            formulas++;
            // a ratio over an empty 全年预算数 caches "", which exceljs reads as no result
            if (cell.result === undefined) expect(cell.formula).toMatch(/^IF\(/);
            else if (typeof cell.result === 'number') numbers++;
          }
        }),
      );
      expect(mergesOf(ws).length).toBeGreaterThan(0);
    });
    expect(formulas).toBeGreaterThan(20);
    expect(numbers).toBeGreaterThan(20);
    const first = wb.worksheets[1];
    expect(first.pageSetup.printTitlesRow).toMatch(/^\$?1:\$?\d+$/);
  });

  test('text stays text: an organisation written like a formula is written as text', async () => {
    const opened = openWorkbook(blankWorkbook(), 'new.xlsx');
    applyPlanToPackage(opened, templatePlan({ set, year, unit, org: '=1+1', tables: set === 'yunnan' ? ['13'] : ['perf_project'] }).plan);
    const snap = await readWorkbookBuffer(opened.pkg.toBytes(), 'new.xlsx');
    const cells = snap.sheets.flatMap((s) => s.cells).filter((c) => c.value === '=1+1');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => !c.formula)).toBe(true);
  });

  test('clearing the insert gives the workbook back entry for entry', () => {
    const before = openWorkbook(blankWorkbook(), 'new.xlsx');
    const entries = (pkg: typeof before.pkg) => Object.fromEntries(pkg.names().map((n) => [n, pkg.text(n)]));
    const base = entries(before.pkg);
    const opened = openWorkbook(bytes, 'new.xlsx');
    applyPlanToPackage(opened, { title: '撤销', ops: [{ op: 'clearTag', tag: TEMPLATE_TAG }] });
    expect(entries(openWorkbook(opened.pkg.toBytes(), 'x.xlsx').pkg)).toEqual(base);
  });
});
