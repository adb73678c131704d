/**
 * The template formulas evaluated by an independent engine (fast-formula-parser), for the template tests: every
 * input cell (an amount, count or score cell without a formula) gets a seeded random figure, every formula is
 * computed, and the reader's snapshot gets the computed values.
 */
import ExcelJS from 'exceljs';
import FormulaParser from 'fast-formula-parser';
import { IDENTITY_RULES } from '../src/core/rules';
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';

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
export const SUM_IDENTITIES = new Set(
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

export type Value = string | number | boolean | null;
const INPUT_FORMATS = new Set(['#,##0.00', '#,##0', '0.00']);

/** Inputs filled at random, every formula evaluated by fast-formula-parser: sheet → `row,col` (1-based) → value. */
export async function evaluated(bytes: Uint8Array, seed: number): Promise<Map<string, Map<string, Value>>> {
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
export function withValues(snapshot: WorkbookSnapshot, values: Map<string, Map<string, Value>>): WorkbookSnapshot {
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
