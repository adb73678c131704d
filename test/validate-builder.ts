/**
 * Hand-built recognised tables for evaluator tests (no recogniser involved).
 *
 *   const t = table('expense', { sheet: '公开03表', unit: '万元', cols: ['total', 'basic', 'project'],
 *     rows: [['total', '合计', [10, 7, 3]], ['208', '社会保障和就业支出', [10, 7, 3]]] });
 *
 * Values: number → a number cell, string → parsed like a cell's text (`'—'`, `'#REF!'`, `'1,709.37'`),
 * null → an empty cell, undefined → no cell at all. Data rows start on sheet row `top` (0-based, default 4);
 * column i sits in sheet column `firstCol + i` (default 2), code in column 0, name in column 1.
 */
import { parseAmount } from '../src/core/amount';
import type { CellAmount, ColumnInfo, ColumnKind, Recognition, RecognisedTable, RowLevel, TableKind, TableRow } from '../src/core/model';

export type ColSpec = string | { key: string; header?: string; kind?: ColumnKind; block?: string };
export type Val = number | string | null | undefined;
export interface RowOpts {
  block?: string;
  level?: RowLevel;
  code?: string | null;
  codeText?: string | null;
  valueKind?: ColumnKind;
  /** Sheet row (0-based); default: one after the previous row. */
  row?: number;
  codeCol?: number;
  nameCol?: number;
  /** Sheet columns per value, overriding the column layout (side-by-side blocks). */
  cols?: number[];
}
export type RowSpec = [key: string, name: string, values: Val[] | Record<string, Val>, opts?: RowOpts];

export interface TableOpts {
  sheet: string;
  unit?: '元' | '万元' | null;
  label?: string | null;
  title?: string;
  specId?: string;
  cols: ColSpec[];
  rows: RowSpec[];
  notes?: string[];
  top?: number;
  firstCol?: number;
  anchorRow?: number;
}

let serial = 0;

export function cell(v: Val, row: number, col: number): CellAmount | null {
  if (v === undefined) return null;
  const p = parseAmount(v);
  return { value: p.value, status: p.status, raw: v, fromText: p.fromText, row, col };
}

function levelOf(key: string, code: string | null): RowLevel {
  if (code && /^\d+$/.test(code)) return code.length === 3 ? 'class' : code.length === 5 ? 'section' : 'item';
  return key === 'total' || /(^|\.)(total|grand_total)$/.test(key) || key === 'score_total' ? 'total' : 'line';
}

export function table(kind: TableKind, o: TableOpts): RecognisedTable {
  const firstCol = o.firstCol ?? 2;
  const columns: ColumnInfo[] = o.cols.map((c, i) => {
    const s = typeof c === 'string' ? { key: c } : c;
    return { key: s.key, header: s.header ?? s.key, kind: s.kind ?? 'amount', col: firstCol + i, ...(s.block ? { block: s.block } : {}) };
  });
  let next = o.top ?? 4;
  const rows: TableRow[] = o.rows.map(([key, name, values, opts = {}]) => {
    const r = opts.row ?? next;
    next = r + 1;
    const code = opts.code !== undefined ? opts.code : /^\d+$/.test(key) ? key : null;
    const block = opts.block ?? 'main';
    const vals: Record<string, CellAmount> = {};
    const blockCols = columns.filter((c) => !c.block || c.block === block);
    if (Array.isArray(values)) {
      values.forEach((v, i) => {
        const col = blockCols[i];
        const c = cell(v, r, opts.cols?.[i] ?? col.col);
        if (c) vals[col.key] = c;
      });
    } else {
      Object.entries(values).forEach(([k, v], i) => {
        const col = blockCols.find((c) => c.key === k);
        const c = cell(v, r, opts.cols?.[i] ?? col?.col ?? firstCol + i);
        if (c) vals[k] = c;
      });
    }
    return {
      key,
      block,
      level: opts.level ?? levelOf(key, code),
      code,
      codeText: opts.codeText !== undefined ? opts.codeText : code,
      name,
      row: r,
      nameCol: opts.nameCol ?? 1,
      ...(opts.codeCol !== undefined ? { codeCol: opts.codeCol } : code ? { codeCol: 0 } : {}),
      values: vals,
      ...(opts.valueKind ? { valueKind: opts.valueKind } : {}),
    };
  });
  const anchorRow = o.anchorRow ?? (o.top ?? 4) - 4;
  serial += 1;
  return {
    id: `${o.sheet}!A${anchorRow + 1}#${serial}`,
    kind,
    specId: o.specId ?? `${kind}/national`,
    title: o.title ?? kind,
    printedTitle: o.title ?? kind,
    label: o.label ?? null,
    org: null,
    year: 2022,
    unit: o.unit === undefined ? '万元' : o.unit,
    unitText: null,
    sheet: o.sheet,
    range: { top: anchorRow, left: 0, bottom: next, right: firstCol + columns.length },
    anchor: { row: anchorRow, col: 0 },
    confidence: 1,
    reasons: [],
    columns,
    rows,
    notes: o.notes ?? [],
    problems: [],
  };
}

export function recognition(...tables: RecognisedTable[]): Recognition {
  return { tables, unrecognised: [], notices: [] };
}
