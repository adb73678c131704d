/**
 * The template formulas as written, evaluated by an independent engine (fast-formula-parser) over random inputs:
 * every 总计/合计, cross-foot, 类/款/项 subtotal and cross-table identity of the validator then holds. The
 * workbook is written by the .xlsx writer, its cells read back by exceljs (formulas, formats) and by our reader
 * (structure); every input cell (an amount, count or score cell without a formula) gets a random figure.
 */
import ExcelJS from 'exceljs';
import FormulaParser from 'fast-formula-parser';
import type { TableKind } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { IDENTITY_RULES } from '../src/core/rules';
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { templatePlan, type CodeLine, type TemplateSetId } from '../src/core/templates';
import { validate } from '../src/core/validate';
import { openWorkbook, readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { blankWorkbook } from '../src/adapters/xlsx/write/blank';
import { buildSnapshot, type SeedId } from './fixtures';

const SETS: { set: TemplateSetId; seed: SeedId; year: number; unit: '元' | '万元' }[] = [
  { set: 'jiangxi', seed: '000', year: 2023, unit: '万元' },
  { set: 'yunnan', seed: '001', year: 2022, unit: '元' },
  { set: 'shanghai', seed: 'shanghai', year: 2024, unit: '万元' },
];

/**
 * Identities between figures entered twice, in two breakdowns (function vs economic classification, 机关运行经费
 * vs 公用经费): no formula can make them hold, they stay checks of what was typed. Random inputs break them.
 */
const TYPED_TWICE = new Set([
  'cross.basic_total',
  'cross.personnel_total_yunnan',
  'cross.public_total_yunnan',
  'cross.project_total_yunnan',
  'cross.admin_cost',
]);
/** The validator's `total = Σ parts` identities (no 其中 ≤, no constant such as Σ 分值 = 100). */
const SUM_IDENTITIES = new Set(
  IDENTITY_RULES.filter((r) => r.type === 'sum' && r.relation !== 'le' && !('constant' in r.total) && !TYPED_TWICE.has(r.id)).map(
    (r) => r.id,
  ),
);

/**
 * fast-formula-parser turns a SUMIF wildcard into an unanchored regular expression (`208??` then also matches
 * `2080109`); Excel matches the whole text, `?` being exactly one character. Anchored here, to Excel's meaning.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WildCard } = require('fast-formula-parser/formulas/helpers') as { WildCard: { toRegex: (text: string, flags?: string) => RegExp } };
const unanchored = WildCard.toRegex;
WildCard.toRegex = (text, flags) => {
  const r = unanchored(text, flags);
  return new RegExp(`^(?:${r.source})$`, r.flags);
};

/** mulberry32: a seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

type Value = string | number | boolean | null;
const INPUT_FORMATS = new Set(['#,##0.00', '#,##0', '0.00']);

/** Inputs filled at random, every formula evaluated by fast-formula-parser: sheet → `row,col` (1-based) → value. */
async function evaluated(bytes: Uint8Array, seed: number): Promise<Map<string, Map<string, Value>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const next = random(seed);
  const values = new Map<string, Map<string, Value>>();
  const formulas = new Map<string, { sheet: string; row: number; col: number; formula: string }>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, Value>();
    values.set(ws.name, cells);
    ws.eachRow((row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        if (cell.formula) formulas.set(`${ws.name}!${r},${c}`, { sheet: ws.name, row: r, col: c, formula: cell.formula });
        else if (cell.value === null && INPUT_FORMATS.has(cell.numFmt)) {
          cells.set(`${r},${c}`, cell.numFmt === '#,##0' ? Math.floor(next() * 60) : Math.round(next() * 1e6) / 100);
        } else if (typeof cell.value !== 'object' || cell.value === null) cells.set(`${r},${c}`, cell.value as Value);
      }),
    );
  });
  const at = (sheet: string, row: number, col: number): Value => {
    const f = formulas.get(`${sheet}!${row},${col}`);
    if (f) {
      formulas.delete(`${sheet}!${row},${col}`);
      // One parser per formula: the engine is not reentrant, and a formula's inputs are evaluated while it parses.
      const v = new FormulaParser(config).parse(f.formula, { sheet, row, col }) as Value;
      // the engine adds in binary floating point (…069999999992 for …07): rounded off at the sixth decimal
      values.get(sheet)!.set(`${row},${col}`, typeof v === 'number' ? Number(v.toFixed(6)) : v);
    }
    return values.get(sheet)?.get(`${row},${col}`) ?? null;
  };
  type Ref = { sheet: string; from: { row: number; col: number }; to: { row: number; col: number } };
  const config = {
    onCell: ({ sheet, row, col }: { sheet: string; row: number; col: number }) => at(sheet, row, col),
    onRange: (ref: Ref) =>
      Array.from({ length: ref.to.row - ref.from.row + 1 }, (_, i) =>
        Array.from({ length: ref.to.col - ref.from.col + 1 }, (_, j) => at(ref.sheet, ref.from.row + i, ref.from.col + j)),
      ),
  };
  for (const f of [...formulas.values()]) at(f.sheet, f.row, f.col);
  return values;
}

/** Our reader's snapshot of the written workbook, every value replaced by the evaluated one. */
function withValues(snapshot: WorkbookSnapshot, values: Map<string, Map<string, Value>>): WorkbookSnapshot {
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      const cells = new Map<string, CellSnapshot>(s.cells.map((c) => [`${c.row + 1},${c.col + 1}`, c]));
      for (const [key, v] of values.get(s.name) ?? []) {
        if (v === null || v === '') continue;
        const [row, col] = key.split(',').map(Number);
        cells.set(key, { ...(cells.get(key) ?? { row: row - 1, col: col - 1 }), value: v, text: undefined });
      }
      return { ...s, cells: [...cells.values()] };
    }),
  };
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
