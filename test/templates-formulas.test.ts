/**
 * The template formulas as written, evaluated by an independent engine (fast-formula-parser) over random inputs:
 * every 总计/合计, cross-foot, 类/款/项 subtotal and cross-table identity of the validator then holds. The
 * workbook is written by the .xlsx writer, its cells read back by exceljs (formulas, formats) and by our reader
 * (structure); every input cell (an amount, count or score cell without a formula) gets a random figure.
 */
import type { TableKind } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { templatePlan, type CodeLine, type TemplateSetId } from '../src/core/templates';
import { validate } from '../src/core/validate';
import { openWorkbook, readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { blankWorkbook } from '../src/adapters/xlsx/write/blank';
import { buildSnapshot, type SeedId } from './fixtures';
import { evaluated, SUM_IDENTITIES, withValues } from './templates-engine';

const SETS: { set: TemplateSetId; seed: SeedId; year: number; unit: '元' | '万元' }[] = [
  { set: 'jiangxi', seed: '000', year: 2023, unit: '万元' },
  { set: 'yunnan', seed: '001', year: 2022, unit: '元' },
  { set: 'shanghai', seed: 'shanghai', year: 2024, unit: '万元' },
];

async function codeLinesOf(seed: SeedId): Promise<Partial<Record<TableKind, CodeLine[]>>> {
  const out: Partial<Record<TableKind, CodeLine[]>> = {};
  for (const t of recognise(await buildSnapshot(seed, 'per-sheet')).tables) {
    if (t.kind === 'gpb_basic' || t.kind === 'gpb_project_economic') continue;
    const lines = t.rows.filter((r) => r.code).map((r) => ({ code: r.code!, name: r.name }));
    if (lines.length) out[t.kind] = lines;
  }
  // indicators with names (a 得分 is given to a named indicator; unnamed rows are no indicators)
  const named = Array.from({ length: 9 }, (_, i) => ({ code: '', name: `指标${i + 1}` }));
  return { ...out, perf_project: named, perf_department: named };
}

describe.each(SETS)('$set', ({ set, seed, year, unit }) => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const opened = openWorkbook(blankWorkbook(), 'new.xlsx');
    applyPlanToPackage(opened, templatePlan({ set, year, unit, org: '某某局', codeLines: await codeLinesOf(seed) }).plan);
    bytes = opened.pkg.toBytes();
  });

  test.each([1, 2])('random inputs (seed %i): every sum identity holds', async (n) => {
    const values = await evaluated(bytes, 20261207 + n);
    const rec = recognise(withValues(await readWorkbookBuffer(bytes, 'new.xlsx'), values));
    expect(rec.unrecognised).toEqual([]);
    const findings = validate(rec).findings;
    const checked = findings.filter((f) => SUM_IDENTITIES.has(f.rule));
    expect(checked.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    // the inputs were really there: the 总表 本年支出合计 is a sum of random figures
    const summary = rec.tables.find((t) => t.kind === 'income_expense_summary')!;
    expect(summary.rows.find((r) => r.key === 'expense.total')!.values.amount.value!.isZero()).toBe(false);
  });

  test('a broken formula is caught: an input typed over a 类 subtotal', async () => {
    const values = await evaluated(bytes, 7);
    const rec0 = recognise(withValues(await readWorkbookBuffer(bytes, 'new.xlsx'), values));
    const expense = rec0.tables.find((t) => t.kind === 'expense')!;
    const cls = expense.rows.find((r) => r.level === 'class')!.values.total;
    values.get(expense.sheet)!.set(`${cls.row + 1},${cls.col + 1}`, 12345.67);
    const findings = validate(recognise(withValues(await readWorkbookBuffer(bytes, 'new.xlsx'), values))).findings;
    expect(findings.filter((f) => SUM_IDENTITIES.has(f.rule) && f.severity === 'error').length).toBeGreaterThan(0);
  });
});
