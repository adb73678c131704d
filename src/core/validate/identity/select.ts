/**
 * Selection: the tables indexed once, the rows and columns a rule names, and the terms of one concrete identity
 * (`build`), as the evaluator and the judging read them.
 */
import { Decimal, exactCents } from '../../amount';
import type { CellAmount, ColumnKind, Recognition, RecognisedTable, TableKind, TableRow } from '../../model';
import type { Operand, RatioRule, RowSelector, SumRule } from '../../rules/types';
import { cellRef } from '../../cells';
import { findColumn, tableNames } from '../describe';
import { disclosureSets, setOfTable, type DisclosureSet } from '../sets';
import type { IdentityOutcome, Term } from '../identities';

/**
 * A row a selector names: the printed row (null when the table does not print that line) and its key. A
 * walked row (the current row of a rule) is one too, with its block.
 */
export interface Sel {
  row: TableRow | null;
  key: string;
  /** Index of `row` in its table's rows (−1 when not printed): where its cells sit in a column's cells. */
  i: number;
  block: string;
}

/** A walked row: a printed row, or a line only another table prints (`unionWith`). */
export type Current = Sel;

/**
 * One table's rows indexed once, so that selecting the rows of an identity costs what it returns, not a
 * scan of the table (a 款's 项 among 3,000 rows was a scan per 款 and column: quadratic in rows).
 */
interface TableIndex {
  /** One selection per row, in table order (shared by every selector that names the row). */
  sels: Sel[];
  /**
   * The selection of the first row of each key, among the rows that are no 项 (lines, 类, 款: the keys rules
   * name); the 项 rows' keys are indexed on the first lookup that needs them (`firstOf`).
   */
  selByKey: Map<string, Sel>;
  /** The 项 rows' keys (null until needed), or all keys when a 项 shares a key with another row. */
  itemByKey: Map<string, Sel> | null;
  /** The cells of a column key, one per row, as the evaluator reads them; built on first use. */
  columns: Map<string, Column>;
  /** Column keys of the table. */
  colKeys: Set<string>;
  /** Keys of the values rows hold (a column key or not); built on first use. */
  valueKeys: Set<string> | null;
  /** Rows of each level, in table order. */
  byLevel: Map<TableRow['level'], Sel[]>;
  /** Rows with an all-digit code, by their parent's code (own code minus the last two digits); built on first use. */
  children: Map<string, Sel[]> | null;
  /** Results of the selectors that do not depend on the current row (fixed key, keys, level, key prefix). */
  fixed: Map<RowSelector, Sel[]>;
  /** Amount column keys per block (`''`: the whole table), in column order. */
  amountCols: Map<string, string[]>;
  /** Kind of a column by block, then key (a row's own `valueKind` comes first). */
  kinds: Map<string, Map<string, ColumnKind>>;
}

export interface Ctx {
  tables: readonly RecognisedTable[];
  byKind: Map<TableKind, RecognisedTable[]>;
  names: Map<RecognisedTable, string>;
  index: Map<RecognisedTable, TableIndex>;
  /** The disclosure set of each table: tables of another set are never compared with it. */
  setOf: Map<RecognisedTable, DisclosureSet>;
  /** `otherTable` answers by kind, then the table asking. */
  others: Map<TableKind, Map<RecognisedTable, RecognisedTable | null>>;
  /** A number per sheet name, for the numeric cell keys of `seenBefore`. */
  sheetNo: Map<string, number>;
}

function indexTable(t: RecognisedTable): TableIndex {
  const selByKey = new Map<string, Sel>();
  const byLevel = new Map<TableRow['level'], Sel[]>();
  const colKeys = new Set<string>();
  for (const c of t.columns) colKeys.add(c.key);
  const sels: Sel[] = new Array<Sel>(t.rows.length);
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    const sel: Sel = { row: r, key: r.key, i, block: r.block };
    sels[i] = sel;
    if (r.level !== 'item' && !selByKey.has(r.key)) selByKey.set(r.key, sel);
    let level = byLevel.get(r.level);
    if (!level) byLevel.set(r.level, (level = []));
    level.push(sel);
  }
  // A 项 keyed like another row (never in a recognised table: 项 keys are 7-digit codes) makes the split
  // index unsafe: then every key is indexed in table order.
  const items = byLevel.get('item') ?? NONE;
  let shared = false;
  for (let k = 0; k < items.length && !shared; k++) shared = selByKey.has(items[k].key);
  if (shared) {
    selByKey.clear();
    for (const sel of sels) if (!selByKey.has(sel.key)) selByKey.set(sel.key, sel);
  }
  return {
    sels,
    selByKey,
    itemByKey: shared || items.length === 0 ? new Map() : null,
    columns: new Map(),
    colKeys,
    valueKeys: null,
    byLevel,
    children: null,
    fixed: new Map(),
    amountCols: new Map(),
    kinds: new Map(),
  };
}

/** The selection of the first row printed under `key`, or the line as not printed. */
function selOf(idx: TableIndex, key: string): Sel {
  return firstOf(idx, key) ?? { row: null, key, i: -1, block: '' };
}

/** The selection of the first row printed under `key`, if any. */
export function firstOf(idx: TableIndex, key: string): Sel | undefined {
  const sel = idx.selByKey.get(key);
  if (sel) return sel;
  if (!idx.itemByKey) {
    idx.itemByKey = new Map();
    for (const s of idx.byLevel.get('item') ?? NONE) if (!idx.itemByKey.has(s.key)) idx.itemByKey.set(s.key, s);
  }
  return idx.itemByKey.get(key);
}

/** What a cell is, as the evaluator tells it apart (`Column.status`). */
export const Cell = {
  /** The row holds no value under the key (a line not printed, a column it lacks). */
  None: 0,
  Number: 1,
  /** Empty, or any other status that is neither a number, `—`, text nor an error. */
  Empty: 2,
  Na: 3,
  /** Text or an error value: reported by cell checks, the identity is not judged. */
  Unusable: 4,
} as const;

/**
 * One column key of a table, one entry per row (what `row.values[colKey] ?? null` gives, looked up once):
 * the cells, what each is, and its value in whole cents (NaN when not a whole number of cents within
 * ±(2^53 − 1), see `exactCents`; 0 for a number without value). Dense arrays: an identity's terms are read
 * from these, not from the cells scattered over the heap.
 */
export interface Column {
  cells: (CellAmount | null)[];
  status: Uint8Array;
  cents: Float64Array;
}

export function columnOf(idx: TableIndex, table: RecognisedTable, colKey: string): Column {
  let column = idx.columns.get(colKey);
  if (!column) {
    const n = table.rows.length;
    column = { cells: new Array<CellAmount | null>(n), status: new Uint8Array(n), cents: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const c = table.rows[i].values[colKey] ?? null;
      column.cells[i] = c;
      if (c === null) continue;
      const st = c.status;
      column.status[i] =
        st === 'number' ? Cell.Number : st === 'na' ? Cell.Na : st === 'text' || st === 'error' ? Cell.Unusable : Cell.Empty;
      if (st === 'number') column.cents[i] = c.value ? exactCents(c.value) : 0;
    }
    idx.columns.set(colKey, column);
  }
  return column;
}

/** Whether the table has a column `key` or any row holds a value under it. */
export function hasColumn(table: RecognisedTable, idx: TableIndex, key: string): boolean {
  if (idx.colKeys.has(key)) return true;
  if (!idx.valueKeys) {
    idx.valueKeys = new Set();
    for (const r of table.rows) for (const k in r.values) idx.valueKeys.add(k);
  }
  return idx.valueKeys.has(key);
}

export function buildCtx(recognition: Recognition): Ctx {
  const byKind = new Map<TableKind, RecognisedTable[]>();
  const index = new Map<RecognisedTable, TableIndex>();
  for (const t of recognition.tables) {
    let list = byKind.get(t.kind);
    if (!list) byKind.set(t.kind, (list = []));
    list.push(t);
    index.set(t, indexTable(t));
  }
  const sets = disclosureSets(recognition.tables);
  return {
    tables: recognition.tables,
    byKind,
    names: tableNames(recognition.tables, sets),
    index,
    setOf: setOfTable(sets),
    others: new Map(),
    sheetNo: new Map(),
  };
}

/**
 * The table of another kind a rule refers to, within the same disclosure set: the first of that kind on
 * the same sheet, else the first in the set. Null when the set has none (another set's table never stands in).
 */
function otherTable(ctx: Ctx, kind: TableKind, near: RecognisedTable): RecognisedTable | null {
  let byNear = ctx.others.get(kind);
  if (!byNear) ctx.others.set(kind, (byNear = new Map<RecognisedTable, RecognisedTable | null>()));
  const known = byNear.get(near);
  if (known !== undefined) return known;
  const set = ctx.setOf.get(near);
  const list = (ctx.byKind.get(kind) ?? []).filter((t) => !set || ctx.setOf.get(t) === set);
  const found = list.length === 0 ? null : (list.find((t) => t.sheet === near.sheet) ?? list[0]);
  byNear.set(near, found);
  return found;
}

function cellKind(ctx: Ctx, table: RecognisedTable, row: TableRow | null, colKey: string): ColumnKind {
  if (row?.valueKind) return row.valueKind;
  const kinds = ctx.index.get(table)!.kinds;
  const block = row?.block ?? '';
  let byKey = kinds.get(block);
  if (!byKey) kinds.set(block, (byKey = new Map<string, ColumnKind>()));
  let kind = byKey.get(colKey);
  if (kind === undefined) {
    kind = findColumn(table, colKey, block || undefined)?.kind ?? 'amount';
    byKey.set(colKey, kind);
  }
  return kind;
}

export function termOf(
  ctx: Ctx,
  table: RecognisedTable,
  row: TableRow | null,
  rowKey: string,
  colKey: string,
  sign: 1 | -1,
  multi = false,
  levelWide = false,
): Term {
  return { table, row, rowKey, colKey, cell: row?.values[colKey] ?? null, sign, kind: cellKind(ctx, table, row, colKey), multi, levelWide };
}

const addressCache = new WeakMap<CellAmount, string>();
/** Sheet-qualified address of a term's cell (cached: addresses are built for every identity's key). */
export function address(t: Term): string | null {
  if (!t.cell) return null;
  let a = addressCache.get(t.cell);
  if (a === undefined) {
    a = cellRef(t.table.sheet, t.cell.row, t.cell.col);
    addressCache.set(t.cell, a);
  }
  return a;
}

function rowMatches(r: TableRow, scope: NonNullable<SumRule['rows']>): boolean {
  return (
    (!scope.blocks || scope.blocks.includes(r.block)) &&
    (!scope.levels || scope.levels.includes(r.level)) &&
    (!scope.keys || scope.keys.includes(r.key)) &&
    (!scope.keyPrefix || r.key.startsWith(scope.keyPrefix))
  );
}

export function walkedRows(ctx: Ctx, rule: SumRule | RatioRule, table: RecognisedTable): (Current | null)[] {
  const scope = rule.rows;
  if (!scope) return [null];
  const idx = ctx.index.get(table)!;
  // One level: only that level's rows need looking at (same order as the table's).
  const candidates = scope.levels?.length === 1 ? (idx.byLevel.get(scope.levels[0]) ?? NONE) : idx.sels;
  // nothing else to filter by: the candidates as they are (the walk only reads them)
  if (!scope.blocks && !scope.keys && !scope.keyPrefix && !scope.unionWith && (!scope.levels || scope.levels.length === 1))
    return candidates;
  const out: Current[] = [];
  for (let k = 0; k < candidates.length; k++) if (rowMatches(candidates[k].row!, scope)) out.push(candidates[k]);
  if (scope.unionWith) {
    const other = otherTable(ctx, scope.unionWith, table);
    if (other) {
      const have = new Set(out.map((c) => c.key));
      const block = scope.blocks?.[0] ?? 'main';
      for (const r of other.rows) {
        if (have.has(r.key) || (scope.levels && !scope.levels.includes(r.level))) continue;
        have.add(r.key);
        out.push({ row: null, key: r.key, i: -1, block });
      }
    }
  }
  return out;
}

const NO_COLUMN: (string | null)[] = [null];

export function walkedCols(ctx: Ctx, rule: SumRule, table: RecognisedTable, block: string | undefined): readonly (string | null)[] {
  if (!rule.cols) return NO_COLUMN;
  if (rule.cols !== 'amount') return rule.cols;
  const cache = ctx.index.get(table)!.amountCols;
  const cached = cache.get(block ?? '');
  if (cached) return cached;
  const keys: string[] = [];
  for (const c of table.columns) {
    if (c.kind !== 'amount' || (block && c.block && c.block !== block) || keys.includes(c.key)) continue;
    keys.push(c.key);
  }
  cache.set(block ?? '', keys);
  return keys;
}

/** `/^\d+$/.test(s)`, by a scan. */
function allDigits(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return false;
  }
  return true;
}

/** Children by code prefix (类 → 款, 款 → 项), indexed by the parent's code. */
function childrenIndex(table: RecognisedTable, idx: TableIndex): Map<string, Sel[]> {
  if (idx.children) return idx.children;
  const out = new Map<string, Sel[]>();
  // children follow one another: the previous row's parent is looked up again without a new string
  let lastParent = '';
  let lastList: Sel[] = NONE;
  for (let k = 0; k < idx.sels.length; k++) {
    const s = idx.sels[k];
    const code = s.row!.code;
    if (!code || code.length < 3 || !allDigits(code)) continue;
    if (lastList !== NONE && code.length === lastParent.length + 2 && code.startsWith(lastParent)) {
      lastList.push(s);
      continue;
    }
    const parent = code.slice(0, -2);
    let list = out.get(parent);
    if (!list) out.set(parent, (list = []));
    list.push(s);
    lastParent = parent;
    lastList = list;
  }
  idx.children = out;
  return out;
}

export const NONE: Sel[] = [];

/**
 * Rows an operand's selector names in `table` (each one a term); `null` row = a line the table does not print.
 * The returned list may be shared: callers only read it.
 */
export function selectRows(
  ctx: Ctx,
  table: RecognisedTable,
  sel: RowSelector | undefined,
  cur: Current | null,
  own: boolean,
): readonly Sel[] | 'skip' {
  const idx = ctx.index.get(table)!;
  if (sel === undefined || (typeof sel === 'object' && 'same' in sel)) {
    if (!cur) return 'skip';
    return [own ? cur : selOf(idx, cur.key)];
  }
  if (typeof sel === 'object' && 'children' in sel) {
    // children by code prefix: 类 → 款, 款 → 项.
    const code = cur?.row?.code;
    if (!code || !allDigits(code)) return 'skip';
    return childrenIndex(table, idx).get(code) ?? NONE;
  }
  const cached = idx.fixed.get(sel);
  if (cached) return cached;
  let rows: Sel[];
  if (typeof sel === 'string') rows = [selOf(idx, sel)];
  else if ('level' in sel) rows = (idx.byLevel.get(sel.level) ?? NONE).filter((s) => !sel.block || s.row!.block === sel.block);
  else if ('keyPrefix' in sel) rows = idx.sels.filter((s) => s.key.startsWith(sel.keyPrefix) && (!sel.block || s.row!.block === sel.block));
  else rows = sel.keys.map((k) => selOf(idx, k));
  idx.fixed.set(sel, rows);
  return rows;
}

export interface Built {
  total: Term | { constant: Decimal };
  parts: Term[];
}

const constants = new WeakMap<SumRule, { constant: Decimal }>();
export function constantTotal(rule: SumRule & { total: { constant: string } }): { constant: Decimal } {
  let c = constants.get(rule);
  if (!c) constants.set(rule, (c = { constant: new Decimal(rule.total.constant) }));
  return c;
}

/** Builds the concrete identity of a sum rule at one (row, column); null when it does not apply here. */
export function build(ctx: Ctx, rule: SumRule, table: RecognisedTable, cur: Current | null, col: string | null): Built | null {
  let total: Built['total'];
  if ('constant' in rule.total) {
    total = constantTotal(rule as SumRule & { total: { constant: string } });
  } else {
    const colKey = rule.total.col ?? col;
    if (!colKey || !hasColumn(table, ctx.index.get(table)!, colKey)) return null;
    const rows = selectRows(ctx, table, rule.total.row, cur, true);
    if (rows === 'skip' || rows.length !== 1) return null;
    const { row, key } = rows[0];
    // A fixed total line the table does not print: nothing to check. A walked line only the other table prints: zero.
    if (!row && !(cur && cur.row === null && rule.total.row === undefined)) return null;
    total = termOf(ctx, table, row, key, colKey, 1);
  }
  const parts: Term[] = [];
  for (const op of rule.parts) {
    const t = operandTable(ctx, op, table);
    if (t === 'absent') return null;
    if (t === null) continue;
    const colKey = op.col ?? col;
    if (!colKey) return null;
    const rows = selectRows(ctx, t, op.row, cur, t === table);
    if (rows === 'skip') return null;
    const multi = typeof op.row === 'object' && !('same' in op.row);
    const levelWide = typeof op.row === 'object' && 'level' in op.row;
    const sign = op.sign ?? 1;
    for (const { row, key } of rows) parts.push(termOf(ctx, t, row, key, colKey, sign, multi, levelWide));
  }
  return { total, parts };
}

/** The table an operand reads: its own, another (null = optional and absent), or `absent` (skip the rule). */
function operandTable(ctx: Ctx, op: Operand, table: RecognisedTable): RecognisedTable | null | 'absent' {
  if (!op.table || op.table === table.kind) return table;
  const t = otherTable(ctx, op.table, table);
  if (t) return t;
  return op.optional ? null : 'absent';
}

export const isTerm = (t: Built['total']): t is Term => !('constant' in t);

export function unusable(t: Term): boolean {
  return t.cell !== null && (t.cell.status === 'text' || t.cell.status === 'error');
}

export const printed = (t: Term): boolean => t.cell !== null && t.cell.status === 'number';

/** One operand of a rule, resolved for one table: what stays the same from identity to identity. */
export interface OperandPlan {
  op: Operand;
  /** Its table; null: optional and absent (no terms); `absent`: the rule does not apply to this table. */
  table: RecognisedTable | null | 'absent';
  idx: TableIndex | null;
  /**
   * Its rows: the current row's own selection, the row of the same key in another table, the current row's
   * children, or a fixed list (looked up once).
   */
  rows: 'current' | 'same' | 'children' | readonly Sel[];
  sign: number;
}

export function planOperands(ctx: Ctx, rule: SumRule, table: RecognisedTable): OperandPlan[] {
  return rule.parts.map((op): OperandPlan => {
    const t = operandTable(ctx, op, table);
    const idx = t === null || t === 'absent' ? null : ctx.index.get(t)!;
    let rows: OperandPlan['rows'] = 'current';
    if (idx && t !== 'absent' && t !== null) {
      if (op.row === undefined || (typeof op.row === 'object' && 'same' in op.row)) rows = t === table ? 'current' : 'same';
      else if (typeof op.row === 'object' && 'children' in op.row) rows = 'children';
      else rows = selectRows(ctx, t, op.row, null, t === table) as readonly Sel[];
    }
    return { op, table: t, idx, rows, sign: op.sign ?? 1 };
  });
}

/** The rows of an operand at the current row (null: the rule does not apply there), as `selectRows` gives them. */
export function operandRows(p: OperandPlan, cur: Current | null, one: { sel: Sel | null }): readonly Sel[] | null {
  one.sel = null;
  const t = p.table as RecognisedTable;
  switch (p.rows) {
    case 'current':
      one.sel = cur;
      return cur ? NONE : null;
    case 'same':
      one.sel = cur ? selOf(p.idx!, cur.key) : null;
      return cur ? NONE : null;
    case 'children': {
      // children by code prefix: 类 → 款, 款 → 项.
      const code = cur?.row?.code;
      return code && allDigits(code) ? (childrenIndex(t, p.idx!).get(code) ?? NONE) : null;
    }
    default:
      return p.rows;
  }
}

export function coordsOf(terms: Term[]): IdentityOutcome['coords'] {
  const out: IdentityOutcome['coords'] = [];
  for (const t of terms)
    if (t.cell) out.push({ sheet: t.table.sheet, row: t.cell.row, col: t.cell.col, empty: t.cell.status !== 'number', kind: t.kind });
  return out;
}
