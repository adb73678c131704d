/**
 * 更新公式: the formulas the template builder would write, derived again over the recognised tables as they are
 * now (rows the user added included), by the same FormulaPlan and formula text (one source of truth). A total
 * cell that holds a number the user typed is reported and kept unless `replaceValues` is set; the writer leaves
 * a cell already holding exactly its formula (and result) alone. One tag, so one 撤销 gives back every cell.
 */
import Decimal from 'decimal.js';
import type { RecognisedTable, Recognition, WriteOp, WritePlan } from '../model';
import { cellAddress, type CellSnapshot, type WorkbookSnapshot } from '../snapshot';
import type { CodeBody, LRow, TableMap } from './draft';
import { FormulaPlan } from './formulas';
import { evaluate, formulaText, type Value } from './render';

export const FORMULAS_TAG = 'formulas';

export interface FormulaUpdate {
  plan: WritePlan;
  /** Formulas the plan writes (cells already holding them are skipped by the writer). */
  formulas: number;
  /** Total cells holding a typed number, in Chinese, one line each (replaced only with `replaceValues`). */
  typed: string[];
}

/** Tables whose code rows are printed by the layout itself (no SUMIF over a code column, as the builder does). */
const FIXED_CODES = new Set(['gpb_basic', 'gpb_project_economic']);

function mapOf(t: RecognisedTable): TableMap {
  const rows: LRow[] = t.rows.map((r) => {
    const colOf: Record<string, number> = {};
    const na: string[] = [];
    for (const [key, a] of Object.entries(r.values)) {
      colOf[key] = a.col;
      if (a.status === 'na') na.push(key);
    }
    return {
      key: r.key,
      level: r.level,
      ...(r.block !== 'main' ? { block: r.block } : {}),
      row: r.row,
      colOf,
      ...(na.length > 0 ? { na } : {}),
      ...(r.valueKind ? { valueKind: r.valueKind } : {}),
    };
  });
  const cols = t.columns.map((c) => ({ key: c.key, col: c.col, kind: c.kind, ...(c.block ? { block: c.block } : {}) }));
  return { kind: t.kind, rows, cols, bodies: bodiesOf(t, cols) };
}

/** The code body: from the first to the last coded row, when every coded row has its code in one column. */
function bodiesOf(t: RecognisedTable, cols: { col: number; kind: string }[]): CodeBody[] {
  if (FIXED_CODES.has(t.kind) || t.kind.startsWith('perf_')) return [];
  const coded = t.rows.filter((r) => r.code !== null);
  const codeCol = coded[0]?.codeCol;
  if (codeCol === undefined || coded.some((r) => r.codeCol !== codeCol)) return [];
  const valueCols = cols.filter((c) => c.kind === 'amount').map((c) => c.col);
  return [{ codeCol, valueCols, top: Math.min(...coded.map((r) => r.row)), bottom: Math.max(...coded.map((r) => r.row)) }];
}

/** The first table of each kind (the formulas link tables by kind, as in a set of templates). */
function tablesOf(recognition: Recognition): RecognisedTable[] {
  const seen = new Set<string>();
  return recognition.tables.filter((t) => !seen.has(t.kind) && seen.add(t.kind));
}

const shown = (v: Value): string => (v instanceof Decimal ? v.toFixed(2) : v === null || v === '' ? '空' : `“${v}”`);

export function updateFormulasPlan(
  recognition: Recognition,
  snapshot: WorkbookSnapshot,
  options: { replaceValues?: boolean } = {},
): FormulaUpdate {
  const tables = tablesOf(recognition);
  const plan = new FormulaPlan(tables.map(mapOf));
  plan.deriveAll();
  const cellsOf = new Map(snapshot.sheets.map((s) => [s.name, new Map(s.cells.map((c) => [`${c.row}:${c.col}`, c]))]));
  const snap = (t: number, row: number, col: number): CellSnapshot | undefined => cellsOf.get(tables[t].sheet)?.get(`${row}:${col}`);
  const input = ({ t, row, col }: { t: number; row: number; col: number }): Value => {
    const v = snap(t, row, col)?.value;
    if (typeof v === 'number') return new Decimal(v);
    if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v.trim()) && !isCodeCell(tables[t], col) ? new Decimal(v.trim()) : v;
    return null;
  };
  const results = evaluate(plan.defs, input);
  const names = tables.map((t) => t.sheet);
  const bySheet = new Map<string, Extract<WriteOp, { op: 'setFormulas' }>['cells']>();
  const typed: string[] = [];
  for (const [id, def] of plan.defs) {
    const [t, row, col] = id.split(':').map(Number);
    const result = results.get(id) ?? null;
    const value = result instanceof Decimal ? result.toNumber() : result;
    const formula = formulaText(def, t, names);
    const now = snap(t, row, col);
    const a1 = cellAddress(row, col);
    if (now && !now.formula && now.value !== null && now.value !== '') {
      typed.push(`${tables[t].sheet}!${a1} 填的是 ${shown(input({ t, row, col }))}，按公式 =${formula} 应为 ${shown(result)}`);
      if (!options.replaceValues) continue;
    }
    const list = bySheet.get(tables[t].sheet) ?? [];
    list.push({ cell: a1, formula, value });
    bySheet.set(tables[t].sheet, list);
  }
  const ops: WriteOp[] = [...bySheet].map(([sheet, cells]) => ({ op: 'setFormulas', sheet, cells, tag: FORMULAS_TAG }));
  const formulas = ops.reduce((n, op) => n + (op.op === 'setFormulas' ? op.cells.length : 0), 0);
  return { plan: { title: `更新公式（${formulas} 个合计格）`, ops }, formulas, typed };
}

function isCodeCell(t: RecognisedTable, col: number): boolean {
  return t.rows.some((r) => r.codeCol === col);
}
