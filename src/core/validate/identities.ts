/**
 * The generic evaluator: turns the declarative identity rules (src/core/rules/) into concrete identities
 * between cells of the recognised tables and judges each one with exact decimals.
 *
 * Rounding (docs/DOMAIN.md §5.3): every printed 万元 amount stands for [v − 0.005, v + 0.005]; an identity is
 * consistent up to rounding when |total − Σ parts| ≤ 0.005 × (number of printed terms, total included).
 * Empty cells, missing rows and `—` count as exact zeros (nothing was rounded), so a total of 26 mostly
 * empty 类 lines is not given a wide bound. 元 amounts, counts and scores are exact: any difference is real.
 *
 * Cost: linear in the cells taking part. Each table's rows are indexed once (by key, level, parent code);
 * an identity's cells and terms are spelt out only when asked for; identical identities reached by two
 * rules are told apart by their total first. (3 × 3,000 项 rows: about 13,000 identities, ~100 ms.)
 */
import { Decimal, exactCents, toAmountString } from '../amount';
import type { CellAmount, ColumnKind, Finding, Recognition, RecognisedTable, Severity, TableKind, TableRow } from '../model';
import { IDENTITY_RULES } from '../rules';
import type { GradeRule, Operand, RatioRule, RowSelector, SumRule } from '../rules/types';
import { cellRef } from '../cells';
import { qualifiedAddress } from '../snapshot';
import { columnLabel, findColumn, formatValue, rowLabel, tableNames, unitText } from './describe';
import { disclosureSets, setOfTable, type DisclosureSet } from './sets';

const HALF_CENT = new Decimal('0.005');
const TEN_THOUSAND = new Decimal(10000);
const ZERO = new Decimal(0);
/** Hierarchy messages list at most this many parts by name; the cells list always has all of them. */
const MAX_NAMED_PARTS = 8;

/** One cell (or missing line) taking part in an identity. */
export interface Term {
  table: RecognisedTable;
  /** Null when the row is not printed in the table: counts as zero. */
  row: TableRow | null;
  rowKey: string;
  colKey: string;
  cell: CellAmount | null;
  sign: 1 | -1;
  kind: ColumnKind;
  /** One of many rows a selector expanded to (all 类, children): listed in findings only when printed. */
  multi?: boolean;
  /** One of every row at a level (all 类 lines of a 总表): its empty cell is never listed. */
  levelWide?: boolean;
}

/**
 * One term of a sum identity as callers see it (total first): its table, its address (null when the line is not
 * printed), its sign among the parts (the total's is +1: total = Σ sign·part), the cell and its column kind.
 */
export interface SumTerm {
  table: RecognisedTable;
  address: string | null;
  sign: 1 | -1;
  cell: CellAmount | null;
  kind: ColumnKind;
}

/** The outcome of one concrete identity: which cells it touched and what, if anything, is wrong. */
export interface IdentityOutcome {
  ruleId: string;
  relation: 'eq' | 'le' | 'ratio' | 'grade';
  /** Severity the rule gives when broken beyond rounding (`error` unless the rule says otherwise). */
  severity: Severity;
  /** The total's table. */
  table: RecognisedTable;
  /**
   * Every printed cell taking part (empty ones included), total first: sheet-qualified A1 addresses.
   * Sum identities work `cells`, `coords` and `sum.terms` out on first read (getters, not own fields).
   */
  cells: string[];
  /** The same cells as coordinates, for callers that change them (the mutation test). */
  coords: { sheet: string; row: number; col: number; empty: boolean; kind: ColumnKind }[];
  finding: Finding | null;
  /**
   * Sum identities: the total and Σ parts in the total's unit, the number of printed terms and each term's
   * table and cell (total first), for judging findings together (a table in the wrong unit, units.ts).
   */
  sum?: { total: Decimal; parts: Decimal; printed: number; terms: SumTerm[] };
}

/**
 * A row a selector names: the printed row (null when the table does not print that line) and its key. A
 * walked row (the current row of a rule) is one too, with its block.
 */
interface Sel {
  row: TableRow | null;
  key: string;
  /** Index of `row` in its table's rows (−1 when not printed): where its cells sit in a column's cells. */
  i: number;
  block: string;
}

/** A walked row: a printed row, or a line only another table prints (`unionWith`). */
type Current = Sel;

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

interface Ctx {
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
function firstOf(idx: TableIndex, key: string): Sel | undefined {
  const sel = idx.selByKey.get(key);
  if (sel) return sel;
  if (!idx.itemByKey) {
    idx.itemByKey = new Map();
    for (const s of idx.byLevel.get('item') ?? NONE) if (!idx.itemByKey.has(s.key)) idx.itemByKey.set(s.key, s);
  }
  return idx.itemByKey.get(key);
}

/** What a cell is, as the evaluator tells it apart (`Column.status`). */
const Cell = {
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
interface Column {
  cells: (CellAmount | null)[];
  status: Uint8Array;
  cents: Float64Array;
}

function columnOf(idx: TableIndex, table: RecognisedTable, colKey: string): Column {
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
function hasColumn(table: RecognisedTable, idx: TableIndex, key: string): boolean {
  if (idx.colKeys.has(key)) return true;
  if (!idx.valueKeys) {
    idx.valueKeys = new Set();
    for (const r of table.rows) for (const k in r.values) idx.valueKeys.add(k);
  }
  return idx.valueKeys.has(key);
}

function buildCtx(recognition: Recognition): Ctx {
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
  if (!byNear) ctx.others.set(kind, (byNear = new Map()));
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
  if (!byKey) kinds.set(block, (byKey = new Map()));
  let kind = byKey.get(colKey);
  if (kind === undefined) {
    kind = findColumn(table, colKey, block || undefined)?.kind ?? 'amount';
    byKey.set(colKey, kind);
  }
  return kind;
}

function termOf(
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

/** The value a term contributes, in `unit`. Empty, `—` and missing count as zero (the shared ZERO). */
function valueIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  const v = term.cell?.status === 'number' && term.cell.value ? term.cell.value : ZERO;
  return convert(v, term.kind === 'amount' ? term.table.unit : null, unit);
}

/** Whether a term is a printed 万元 amount, which stands for ± half its last digit. */
function rounded(term: Term): boolean {
  return term.kind === 'amount' && term.cell?.status === 'number' && term.table.unit === '万元';
}

/** Half the last printed digit of a 万元 amount, in `unit`; zero for exact values. */
function halfWidthIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  return rounded(term) ? convert(HALF_CENT, '万元', unit) : ZERO;
}

function convert(v: Decimal, from: RecognisedTable['unit'], to: RecognisedTable['unit']): Decimal {
  if (!from || !to || from === to) return v;
  if (v === ZERO) return ZERO;
  return from === '元' ? v.div(TEN_THOUSAND) : v.times(TEN_THOUSAND);
}

const addressCache = new WeakMap<CellAmount, string>();
/** Sheet-qualified address of a term's cell (cached: addresses are built for every identity's key). */
function address(t: Term): string | null {
  if (!t.cell) return null;
  let a = addressCache.get(t.cell);
  if (a === undefined) {
    a = cellRef(t.table.sheet, t.cell.row, t.cell.col);
    addressCache.set(t.cell, a);
  }
  return a;
}

/** A walked row: a printed row, or a line only another table prints (`unionWith`). */

function rowMatches(r: TableRow, scope: NonNullable<SumRule['rows']>): boolean {
  return (
    (!scope.blocks || scope.blocks.includes(r.block)) &&
    (!scope.levels || scope.levels.includes(r.level)) &&
    (!scope.keys || scope.keys.includes(r.key)) &&
    (!scope.keyPrefix || r.key.startsWith(scope.keyPrefix))
  );
}

function walkedRows(ctx: Ctx, rule: SumRule | RatioRule, table: RecognisedTable): (Current | null)[] {
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

function walkedCols(ctx: Ctx, rule: SumRule, table: RecognisedTable, block: string | undefined): readonly (string | null)[] {
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

const NONE: Sel[] = [];

/**
 * Rows an operand's selector names in `table` (each one a term); `null` row = a line the table does not print.
 * The returned list may be shared: callers only read it.
 */
function selectRows(
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

interface Built {
  total: Term | { constant: Decimal };
  parts: Term[];
}

const constants = new WeakMap<SumRule, { constant: Decimal }>();
function constantTotal(rule: SumRule & { total: { constant: string } }): { constant: Decimal } {
  let c = constants.get(rule);
  if (!c) constants.set(rule, (c = { constant: new Decimal(rule.total.constant) }));
  return c;
}

/** Builds the concrete identity of a sum rule at one (row, column); null when it does not apply here. */
function build(ctx: Ctx, rule: SumRule, table: RecognisedTable, cur: Current | null, col: string | null): Built | null {
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

const isTerm = (t: Built['total']): t is Term => !('constant' in t);

function unusable(t: Term): boolean {
  return t.cell !== null && (t.cell.status === 'text' || t.cell.status === 'error');
}

const printed = (t: Term): boolean => t.cell !== null && t.cell.status === 'number';

export interface EvaluateOptions {
  /** Rule ids to leave out. */
  exclude?: readonly string[];
}

/** Every concrete identity of the workbook, in rule order then table order, each judged once. */
export function evaluateIdentities(recognition: Recognition, options: EvaluateOptions = {}): IdentityOutcome[] {
  const ctx = buildCtx(recognition);
  const out: IdentityOutcome[] = [];
  const seen = { eq: new Seen(), le: new Seen() };
  const skip = new Set(options.exclude ?? []);
  for (const rule of IDENTITY_RULES) {
    if (skip.has(rule.id)) continue;
    for (const table of ctx.byKind.get(rule.kind) ?? []) {
      if (rule.type === 'sum') evaluateSum(ctx, rule, table, out, seen);
      else if (rule.type === 'ratio') evaluateRatio(ctx, rule, table, out);
      else evaluateGrade(ctx, rule, table, out);
    }
  }
  return out;
}

/** The signed parts of an identity as text, in a fixed order (the same parts in any order read the same). */
function partsKey(b: Built): string {
  const parts: string[] = new Array(b.parts.length);
  for (let i = 0; i < b.parts.length; i++) {
    const p = b.parts[i];
    parts[i] = `${p.sign < 0 ? '-' : '+'}${address(p) ?? `${p.table.id}:${p.rowKey}:${p.colKey}`}`;
  }
  parts.sort();
  return parts.join(',');
}

/** The outcomes judged with one total: most totals are met once. */
type Judged = SumOutcome | SumOutcome[];

/**
 * Identities already judged, by relation, then total: the total's cell by sheet, row and column (what its
 * sheet-qualified address says, without building it), or as text when it is no cell (a line the table does
 * not print, a constant) or lies outside a sheet's limits. The parts are spelt out only for a total met twice
 * with as many parts.
 */
class Seen {
  /** Totals that are cells, by (sheet number, row × 16,384 + column). */
  readonly cells = new CellTable();
  /** Totals as text. */
  readonly text = new Map<string, Judged>();
}

/**
 * Outcomes by a total cell's place: an open-addressing table on the number sheet × 2^34 + row × 2^14 + column
 * (exact: below 2^53), found with a few array reads where a Map hashes every number; one probe serves the
 * lookup and the entry that follows it.
 */
class CellTable {
  private keys = new Float64Array(1 << 14);
  private values: (Judged | undefined)[] = new Array<Judged | undefined>(1 << 14);
  private size = 0;

  /** The slot of `key`: where it is, or where it goes. */
  slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = hashPlace(key) & mask;
    while (this.values[i] !== undefined && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  at(slot: number): Judged | undefined {
    return this.values[slot];
  }

  /** Sets the slot found by `slot(key)` (no other entry made in between). */
  set(slot: number, key: number, judged: Judged): void {
    if (this.values[slot] === undefined) {
      this.keys[slot] = key;
      this.size++;
    }
    this.values[slot] = judged;
    if (this.size * 4 > this.keys.length * 3) this.grow();
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Array<Judged | undefined>(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let k = 0; k < keys.length; k++) {
      if (values[k] === undefined) continue;
      let i = hashPlace(keys[k]) & mask;
      while (this.values[i] !== undefined) i = (i + 1) & mask;
      this.keys[i] = keys[k];
      this.values[i] = values[k];
    }
  }
}

/** A hash of a place number (below 2^53): its low and high 32 bits, mixed (murmur3's finaliser). */
function hashPlace(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Excel's limits: 1,048,576 rows, 16,384 columns. */
const MAX_ROWS = 1 << 20;
const MAX_COLS = 1 << 14;

/** Rows and columns within a sheet's limits: (row, column) ↔ row × MAX_COLS + column is one to one. */
function onSheet(cell: CellAmount): boolean {
  const { row, col } = cell;
  return Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0 && row < MAX_ROWS && col < MAX_COLS;
}

function sheetNo(ctx: Ctx, sheet: string): number {
  let no = ctx.sheetNo.get(sheet);
  if (no === undefined) ctx.sheetNo.set(sheet, (no = ctx.sheetNo.size));
  return no;
}

/**
 * Whether the same identity (relation, total, signed parts) was judged already: among the outcomes with that
 * total and as many parts, one with the same signed parts. The parts are spelt out (`partsKey`) only then,
 * the current identity's from where it is (`mine`).
 */
function seenBefore(
  judged: Judged,
  n: number,
  mine: { ctx: Ctx; rule: SumRule; table: RecognisedTable; cur: Current | null; col: string | null },
): boolean {
  let parts: string | null = null;
  for (const e of Array.isArray(judged) ? judged : [judged]) {
    if (e.count !== n) continue;
    parts ??= partsKey(build(mine.ctx, mine.rule, mine.table, mine.cur, mine.col)!);
    if (e.partsText() === parts) return true;
  }
  return false;
}

/** One operand of a rule, resolved for one table: what stays the same from identity to identity. */
interface OperandPlan {
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

function planOperands(ctx: Ctx, rule: SumRule, table: RecognisedTable): OperandPlan[] {
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
function operandRows(p: OperandPlan, cur: Current | null, one: { sel: Sel | null }): readonly Sel[] | null {
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

/**
 * Every identity of one rule in one table. What `build` would spell out as terms is looked at in place: the
 * rows an operand names are resolved once per walked row, the columns once per walked column list, and the
 * cells are read from dense arrays (`Column`). An identity that holds in exact whole cents is recorded
 * without its terms (spelt out if someone asks, see `SumOutcome`); anything else (a difference, a value not
 * in whole cents, a part in another unit) is built and judged by `judgeSum` in decimal.js, as every identity
 * once was: the outcomes are the same, only the holding ones are cheaper. (Over 100 lines: the loop mirrors
 * `build` and the rule's skips step by step; kept in one piece so that the two can be compared.)
 */
function evaluateSum(ctx: Ctx, rule: SumRule, table: RecognisedTable, out: IdentityOutcome[], seen: { eq: Seen; le: Seen }): void {
  const relation = rule.relation ?? 'eq';
  const judged = relation === 'eq' ? seen.eq : seen.le;
  // Lines matched across tables: a line printed in neither part's table still compares with the total.
  const matchedLines = rule.parts.some((op) => typeof op.row === 'object' && 'same' in op.row);
  const idx = ctx.index.get(table)!;
  const constant = 'constant' in rule.total ? constantTotal(rule as SumRule & { total: { constant: string } }) : null;
  const constantCents = constant ? exactCents(constant.constant) : NaN;
  const totalOp = 'constant' in rule.total ? null : rule.total;
  // the total's row is the current row (most rules), else selected per row
  const totalIsCurrent = totalOp !== null && (totalOp.row === undefined || (typeof totalOp.row === 'object' && 'same' in totalOp.row));
  const sheet = sheetNo(ctx, table.sheet);
  const plans = planOperands(ctx, rule, table);
  const P = plans.length;
  // per walked row: each operand's rows (a single row in `ones`)
  const ones: (Sel | null)[] = new Array<Sel | null>(P).fill(null);
  const lists: (readonly Sel[])[] = new Array<readonly Sel[]>(P).fill(NONE);
  const one = { sel: null as Sel | null };
  // per walked column list: the total's column and each operand's (null: no column key there)
  let colsSeen: readonly (string | null)[] | null = null;
  let totalColumns: (Column | null)[] = [];
  let partColumns: (Column | null)[][] = [];
  const walked = walkedRows(ctx, rule, table);
  for (let w = 0; w < walked.length; w++) {
    const cur = walked[w];
    let block = cur?.block;
    if (!block && totalOp && typeof totalOp.row === 'string') block = firstOf(idx, totalOp.row)?.row?.block;
    const cols = walkedCols(ctx, rule, table, block);
    if (cols !== colsSeen) {
      colsSeen = cols;
      totalColumns = cols.map((col) => {
        const colKey = totalOp ? (totalOp.col ?? col) : null;
        return colKey && hasColumn(table, idx, colKey) ? columnOf(idx, table, colKey) : null;
      });
      partColumns = cols.map((col) =>
        plans.map((p) => {
          const colKey = p.op.col ?? col;
          return colKey && p.idx ? columnOf(p.idx, p.table as RecognisedTable, colKey) : null;
        }),
      );
    }
    // the total's row, as `build` finds it
    let totalSel: Sel | null = null;
    if (totalOp) {
      if (totalIsCurrent) totalSel = cur;
      else {
        const rows = selectRows(ctx, table, totalOp.row, cur, true);
        totalSel = rows !== 'skip' && rows.length === 1 ? rows[0] : null;
      }
      // A fixed total line the table does not print: nothing to check. A walked line only the other table prints: zero.
      if (totalSel && !totalSel.row && !(cur && cur.row === null && totalOp.row === undefined)) totalSel = null;
      if (!totalSel) continue;
    }
    // the parts' rows: one group per operand
    let applies = true;
    let count = 0;
    let unit: RecognisedTable['unit'] = totalSel ? table.unit : null;
    let unitKnown = totalSel !== null;
    for (let k = 0; k < P; k++) {
      const p = plans[k];
      if (p.table === null) continue;
      const t = p.table;
      const rows = t === 'absent' ? null : operandRows(p, cur, one);
      if (rows === null || t === 'absent') {
        applies = false;
        break;
      }
      ones[k] = one.sel;
      lists[k] = rows;
      const size = one.sel ? 1 : rows.length;
      count += size;
      // without a total, the identity's unit is its first part's
      if (!unitKnown && size > 0) {
        unit = t.unit;
        unitKnown = true;
      }
    }
    if (!applies || count === 0) continue;
    for (let ci = 0; ci < cols.length; ci++) {
      const col: string | null = cols[ci];
      let totalCell: CellAmount | null = null;
      let totalStatus: number = Cell.None;
      let totalCents = constantCents;
      if (totalOp) {
        const tc = totalColumns[ci];
        if (!tc) continue;
        if (totalSel!.i >= 0) {
          totalCell = tc.cells[totalSel!.i];
          totalStatus = tc.status[totalSel!.i];
        }
        totalCents = totalStatus === Cell.Number ? tc.cents[totalSel!.i] : 0;
      }
      // One pass over the parts: what makes the rule skip this place, and the sum in whole cents while every
      // term is one (|sum| ≤ 2^53 − 1 is checked after each addition, so every addition is exact).
      const columns = partColumns[ci];
      let printed = totalStatus === Cell.Number ? 1 : 0;
      let exact = Math.abs(totalCents) <= Number.MAX_SAFE_INTEGER;
      let sum = 0;
      let printedParts = false;
      let unusable = false;
      let hasColumns = true;
      for (let k = 0; k < P && !unusable; k++) {
        const p = plans[k];
        if (p.table === null) continue;
        const column = columns[k];
        if (!column) {
          hasColumns = false;
          break;
        }
        // a part in another unit is converted (decimal.js)
        const partUnit = (p.table as RecognisedTable).unit;
        const converts = !!partUnit && !!unit && partUnit !== unit;
        const single = ones[k];
        const rows = lists[k];
        const size = single ? 1 : rows.length;
        for (let j = 0; j < size; j++) {
          const i = (single ?? rows[j]).i;
          if (i < 0) continue;
          const st = column.status[i];
          if (st === Cell.Number) {
            printedParts = true;
            printed++;
            if (exact) {
              sum += p.sign < 0 ? -column.cents[i] : column.cents[i];
              if (converts || !(Math.abs(sum) <= Number.MAX_SAFE_INTEGER)) exact = false;
            }
          } else if (st === Cell.Unusable) {
            unusable = true;
            break;
          } else if (st === Cell.Empty) printedParts = true;
        }
      }
      if (!hasColumns) continue;
      // Reported as cell.text / cell.error.
      if (unusable || totalStatus === Cell.Unusable) continue;
      if (totalStatus === Cell.Na) continue;
      // Nothing printed on the parts' side: not applicable (`—` columns of the “三公” 表, unprinted sub-lines).
      if (!matchedLines && !printedParts) continue;
      // the total: its cell, else as text — its address off the sheet's limits, the line it would be on, the constant
      const byCell = totalCell !== null && onSheet(totalCell);
      const key: string = byCell
        ? ''
        : constant
          ? `=${constant.constant}`
          : totalCell
            ? qualifiedAddress(table.sheet, totalCell.row, totalCell.col)
            : `${table.id}:${totalSel!.key}:${totalOp!.col ?? col}`;
      const place = byCell ? (sheet * MAX_ROWS + totalCell!.row) * MAX_COLS + totalCell!.col : 0;
      const slot = byCell ? judged.cells.slot(place) : -1;
      const before: Judged | undefined = byCell ? judged.cells.at(slot) : judged.text.get(key);
      if (before !== undefined && seenBefore(before, count, { ctx, rule, table, cur, col })) continue;
      const o =
        exact && (relation === 'eq' ? totalCents === sum : sum <= totalCents)
          ? new SumOutcome(ctx, rule, table, cur, col, printed)
          : judgeSum(ctx, rule, table, cur, col);
      o.count = count;
      const judgedHere: Judged = before === undefined ? o : Array.isArray(before) ? (before.push(o), before) : [before, o];
      if (byCell) judged.cells.set(slot, place, judgedHere);
      else judged.text.set(key, judgedHere);
      out.push(o);
    }
  }
}

function coordsOf(terms: Term[]): IdentityOutcome['coords'] {
  const out: IdentityOutcome['coords'] = [];
  for (const t of terms)
    if (t.cell) out.push({ sheet: t.table.sheet, row: t.cell.row, col: t.cell.col, empty: t.cell.status !== 'number', kind: t.kind });
  return out;
}

/**
 * A sum identity, judged. It keeps where it was met (rule, table, walked row and column); its terms, cells,
 * coordinates and sums are spelt out on first read (`build` gives the same terms every time): few callers
 * read them, and spelling them out for each of ten thousand identities was most of the evaluation's time.
 * It is its own `sum` view (total, parts, printed, terms), one object per identity.
 */
class SumOutcome implements IdentityOutcome {
  finding: Finding | null = null;
  /** Its number of parts (for `seenBefore`). */
  count = 0;
  /** What is spelt out on first read (null until then: most outcomes are never read). */
  private details: Details | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly rule: SumRule,
    readonly table: RecognisedTable,
    private readonly cur: Current | null,
    private readonly col: string | null,
    /** Printed terms, total included. */
    readonly printed: number,
  ) {}

  get ruleId(): string {
    return this.rule.id;
  }

  get relation(): 'eq' | 'le' {
    return this.rule.relation ?? 'eq';
  }

  /** Severity the rule gives when broken beyond rounding. */
  get severity(): Severity {
    return this.rule.severity ?? 'error';
  }

  get sum(): this {
    return this;
  }

  private get spelt(): Details {
    return (this.details ??= { built: null, parts: null, values: null, terms: null, cells: null, coords: null });
  }

  /** The identity's terms as `build` gives them. */
  built(): Built {
    const d = this.spelt;
    return (d.built ??= build(this.ctx, this.rule, this.table, this.cur, this.col)!);
  }

  /** `partsKey`, spelt out once. */
  partsText(): string {
    const d = this.spelt;
    return (d.parts ??= partsKey(this.built()));
  }

  /** Every term, total first. */
  get all(): Term[] {
    const b = this.built();
    return isTerm(b.total) ? [b.total, ...b.parts] : b.parts;
  }

  get total(): Decimal {
    const d = this.spelt;
    return (d.values ??= sumsOf(this.built())).totalV;
  }

  get parts(): Decimal {
    const d = this.spelt;
    return (d.values ??= sumsOf(this.built())).sum;
  }

  get terms(): SumTerm[] {
    const d = this.spelt;
    return (d.terms ??= this.all.map((t) => ({ table: t.table, address: address(t), sign: t.sign, cell: t.cell, kind: t.kind })));
  }

  get cells(): string[] {
    const d = this.spelt;
    return (d.cells ??= this.all.map(address).filter((a): a is string => a !== null));
  }

  get coords(): IdentityOutcome['coords'] {
    const d = this.spelt;
    return (d.coords ??= coordsOf(this.all));
  }

  /** What `judgeSum` built and worked out already. */
  know(built: Built, values: { totalV: Decimal; sum: Decimal }): void {
    const d = this.spelt;
    d.built = built;
    d.values = values;
  }
}

/** What a `SumOutcome` spells out when read. */
interface Details {
  built: Built | null;
  parts: string | null;
  values: { totalV: Decimal; sum: Decimal } | null;
  terms: SumTerm[] | null;
  cells: string[] | null;
  coords: IdentityOutcome['coords'] | null;
}

/** The unit an identity is judged in: the total's, else the first part's. */
function unitOf(b: Built): RecognisedTable['unit'] {
  return isTerm(b.total) ? b.total.table.unit : (b.parts[0]?.table.unit ?? null);
}

/** The total and Σ parts of a built identity in its unit (decimal.js), and its printed 万元 terms (halves). */
function sumsOf(b: Built): { totalV: Decimal; sum: Decimal; halves: number } {
  const total = isTerm(b.total) ? b.total : null;
  const unit = unitOf(b);
  const totalV = total ? valueIn(total, unit) : (b.total as { constant: Decimal }).constant;
  let sum = ZERO;
  // Printed 万元 terms, each good for ± half a cent: the rounding bound is that many half cents.
  let halves = total && rounded(total) ? 1 : 0;
  for (const p of b.parts) {
    const v = valueIn(p, unit);
    if (v !== ZERO) sum = p.sign < 0 ? sum.minus(v) : sum.plus(v);
    if (rounded(p)) halves += 1;
  }
  return { totalV, sum, halves };
}

/** The identity at (row, column) built and judged in decimal.js: holding, a rounding tail within the bound, or an error. */
function judgeSum(ctx: Ctx, rule: SumRule, table: RecognisedTable, cur: Current | null, col: string | null): SumOutcome {
  const relation = rule.relation ?? 'eq';
  const b = build(ctx, rule, table, cur, col)!;
  const total = isTerm(b.total) ? b.total : null;
  const unit = unitOf(b);
  const { totalV, sum, halves } = sumsOf(b);
  const terms = total ? [total, ...b.parts] : b.parts;
  let printedCount = 0;
  for (const t of terms) if (printed(t)) printedCount += 1;
  const outcome = new SumOutcome(ctx, rule, table, cur, col, printedCount);
  outcome.know(b, { totalV, sum });
  // Holding (most identities): decided without computing the difference.
  if (relation === 'eq' ? totalV.eq(sum) : sum.lte(totalV)) return outcome;
  const diff = relation === 'eq' ? totalV.minus(sum) : sum.minus(totalV);
  const bound = halves === 0 ? ZERO : convert(HALF_CENT, '万元', unit).times(halves);
  const rounding = diff.abs().lte(bound);
  const severity: Severity = rounding ? 'rounding' : outcome.severity;
  // Cells to mark: every printed part and every fixed part; of the rows a selector expanded to (a 类's 款,
  // the indicators' 得分), the empty ones too in an error — a deleted amount is then marked where it is
  // missing — but never the 24–26 mostly empty 类 lines of a 总表 (a level-wide selector).
  const shown = [
    ...(total ? [address(total)] : []),
    ...b.parts.filter((p) => p.cell && (p.cell.status !== 'empty' || !p.multi || (!p.levelWide && severity === 'error'))).map(address),
  ].filter((a): a is string => a !== null);
  outcome.finding = {
    rule: rule.id,
    severity,
    message: sumMessage(ctx, table, relation, b, totalV, sum, diff, bound, rounding, unit),
    cells: shown,
    expected: toAmountString(relation === 'eq' || !total ? (total ? sum : (b.total as { constant: Decimal }).constant) : totalV),
    actual: toAmountString(relation === 'eq' && total ? totalV : sum),
    table: table.id,
    ...(rounding ? { tail: toAmountString(diff) } : {}),
  };
  return outcome;
}

/** Full name of a term: table, row, column. */
function fullLabel(ctx: Ctx, t: Term): string {
  return `${ctx.names.get(t.table)}${rowLabel(t.row, t.rowKey)}${columnLabel(t.table, t.colKey, t.row?.block)}`;
}

/** A part named only as far as it differs from the total (same row → column; same column → row). */
function partLabel(ctx: Ctx, p: Term, total: Term | null, table: RecognisedTable): string {
  if (!total) return p.table === table ? `${rowLabel(p.row, p.rowKey)}${columnLabel(p.table, p.colKey, p.row?.block)}` : fullLabel(ctx, p);
  if (p.table !== total.table) return fullLabel(ctx, p);
  const sameRow = p.row !== null && p.row === total.row;
  if (sameRow) return columnLabel(p.table, p.colKey, p.row?.block);
  if (p.colKey === total.colKey) return rowLabel(p.row, p.rowKey);
  return `${rowLabel(p.row, p.rowKey)}${columnLabel(p.table, p.colKey, p.row?.block)}`;
}

function sumMessage(
  ctx: Ctx,
  table: RecognisedTable,
  relation: 'eq' | 'le',
  b: Built,
  totalV: Decimal,
  sum: Decimal,
  diff: Decimal,
  bound: Decimal,
  rounding: boolean,
  unit: RecognisedTable['unit'],
): string {
  const total = isTerm(b.total) ? b.total : null;
  const kind: ColumnKind = total?.kind ?? b.parts[0]?.kind ?? 'amount';
  const u = kind === 'amount' ? (unit ? ` ${unit}` : '') : unitText(table, kind);
  const fmt = (d: Decimal) => formatValue(d, kind);
  const shown = b.parts.filter((p) => p.cell !== null && p.cell.status === 'number');
  const named = shown.length <= MAX_NAMED_PARTS ? shown : shown.slice(0, 3);
  let expr = named
    .map(
      (p, i) =>
        `${i === 0 ? (p.sign < 0 ? '−' : '') : p.sign < 0 ? ' − ' : ' + '}${partLabel(ctx, p, total, table)} ${fmt(valueIn(p, unit))}`,
    )
    .join('');
  if (shown.length > named.length) expr += ` + … 等 ${shown.length} 项`;
  if (shown.length === 0) {
    const only = b.parts.length === 1 ? partLabel(ctx, b.parts[0], total, table) : `${b.parts.length} 项`;
    expr = `${only} ${b.parts.length === 1 ? '' : '均'}为空`;
  }
  const uExpr = shown.length === 0 ? '' : u;
  const single = shown.length === 1 && shown[0].sign > 0;
  const tail = rounding
    ? `，在尾数误差允许范围（±${bound.toString()}${u}）内，属尾数差`
    : bound.isZero()
      ? ''
      : `，超出尾数误差允许范围（±${bound.toString()}${u}）`;
  if (!total) {
    const c = (b.total as { constant: Decimal }).constant;
    const col = b.parts[0]?.colKey;
    const off = sum.gt(c) ? `多 ${fmt(sum.minus(c))}${u}` : `少 ${fmt(c.minus(sum))}${u}`;
    if (col && b.parts.every((p) => p.table === table && p.colKey === col)) {
      const rowsOnly = named.map((p, i) => `${i === 0 ? '' : ' + '}${rowLabel(p.row, p.rowKey)} ${fmt(valueIn(p, unit))}`).join('');
      const more = shown.length > named.length ? ` + … 等 ${shown.length} 项` : '';
      return `${ctx.names.get(table)}${columnLabel(table, col, b.parts[0].row?.block)}之和：${rowsOnly}${more} = ${fmt(sum)}${u}，应为 ${fmt(c)}${u}，${off}`;
    }
    return `${ctx.names.get(table)}：${expr}${single ? '' : ` = ${fmt(sum)}`}${u}，应为 ${fmt(c)}${u}，${off}`;
  }
  const totalValue = `${total.cell && total.cell.status === 'number' ? fmt(totalV) : total.cell ? '为空' : '未列示'}${total.cell?.status === 'number' ? u : ''}`;
  const totalText = `${fullLabel(ctx, total)} ${totalValue}`;
  if (relation === 'le') {
    // A 其中 line of the same table: the table named once, both lines with their column.
    if (b.parts.every((p) => p.table === total.table)) {
      const local = (t: Term) => `${rowLabel(t.row, t.rowKey)}${columnLabel(t.table, t.colKey, t.row?.block)}`;
      const lhs = shown.map((p, i) => `${i === 0 ? '' : ' + '}${local(p)} ${fmt(valueIn(p, unit))}`).join('');
      return `${ctx.names.get(total.table)}${lhs}${single ? '' : ` = ${fmt(sum)}`}${uExpr} 超过 ${local(total)} ${totalValue}，超出 ${fmt(diff)}${u}${tail}`;
    }
    return `${expr}${single ? '' : ` = ${fmt(sum)}`}${uExpr} 超过 ${totalText}，超出 ${fmt(diff)}${u}${tail}`;
  }
  // Which side is larger, in words: a signed 相差 -0.01 reads badly.
  const off = diff.isNegative() ? `前者比后者少 ${fmt(diff.abs())}${u}` : `前者比后者多 ${fmt(diff)}${u}`;
  return `${totalText} ≠ ${expr}${single || shown.length === 0 ? '' : ` = ${fmt(sum)}`}${uExpr}，${off}${tail}`;
}

// ---------- ratios (执行率) ----------

/** A printed percent: its value in percent and how many decimals were printed. Null when not a percent. */
export function percentOf(cell: CellAmount | null): { value: Decimal; decimals: number } | null {
  if (!cell || cell.status === 'empty' || cell.status === 'na' || cell.status === 'error') return null;
  const raw = cell.raw;
  if (typeof raw === 'string') {
    const m = /^\s*([-+]?[\d,]*\.?\d+)\s*[%％]\s*$/.exec(raw) ?? /^\s*([-+]?[\d,]*\.?\d+)\s*$/.exec(raw);
    if (!m) return null;
    const text = m[1].replace(/,/g, '');
    return { value: new Decimal(text), decimals: text.includes('.') ? text.split('.')[1].length : 0 };
  }
  if (typeof raw === 'number' && cell.value) {
    // Excel keeps 97.63% as 0.9763: a bare number of at most 2 is read as a fraction. The cell's number
    // format is not known here, so the precision is the stored value's own: 0.9763 → 97.63 (2 decimals),
    // 0.98 → 98 (0), a formula's 0.97631234… → at most 4 decimals.
    const fraction = cell.value.abs().lte(2);
    const v = fraction ? cell.value.times(100) : cell.value;
    const decimals = Math.min(4, Math.max(0, cell.value.decimalPlaces() - (fraction ? 2 : 0)));
    return { value: v.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP), decimals };
  }
  return null;
}

function evaluateRatio(ctx: Ctx, rule: RatioRule, table: RecognisedTable, out: IdentityOutcome[]): void {
  for (const cur of walkedRows(ctx, rule, table)) {
    if (!cur?.row) continue;
    const term = (op: Operand) => termOf(ctx, table, cur.row, cur.key, op.col!, 1);
    const result = term(rule.result);
    const num = term(rule.numerator);
    const den = term(rule.denominator);
    const p = percentOf(result.cell);
    if (!p || !printed(den) || [num, den].some(unusable) || (num.cell && num.cell.status === 'na')) continue;
    const d = den.cell!.value!;
    if (d.isZero()) continue;
    const n = valueIn(num, table.unit);
    const exact = n.div(d).times(100);
    const hN = halfWidthIn(num, table.unit);
    const hD = halfWidthIn(den, table.unit);
    const tol = new Decimal(5).times(new Decimal(10).pow(-(p.decimals + 1)));
    const lo = n.minus(hN).div(d.plus(hD)).times(100).minus(tol);
    const hi = d.minus(hD).lte(0) ? null : n.plus(hN).div(d.minus(hD)).times(100).plus(tol);
    const terms = [result, num, den];
    const outcome: IdentityOutcome = {
      ruleId: rule.id,
      relation: 'ratio',
      severity: 'error',
      table,
      cells: terms.map(address).filter((a): a is string => a !== null),
      coords: coordsOf(terms),
      finding: null,
    };
    out.push(outcome);
    const shownRate = exact.toDecimalPlaces(p.decimals, Decimal.ROUND_HALF_UP);
    if (shownRate.eq(p.value)) continue;
    const rounding = p.value.gte(lo) && (hi === null || p.value.lte(hi));
    const u = table.unit ? ` ${table.unit}` : '';
    outcome.finding = {
      rule: rule.id,
      severity: rounding ? 'rounding' : 'error',
      message:
        `${ctx.names.get(table)}${rowLabel(cur.row, cur.key)}${columnLabel(table, result.colKey, cur.block)} 为 ${p.value.toFixed(p.decimals)}%，` +
        `按 ${columnLabel(table, num.colKey, cur.block)} ${formatValue(n, 'amount')}${u} ÷ ${columnLabel(table, den.colKey, cur.block)} ${formatValue(d, 'amount')}${u} 计算` +
        (rounding
          ? `为 ${exact.toDecimalPlaces(p.decimals + 2, Decimal.ROUND_HALF_UP).toFixed(p.decimals + 2)}%，差异在金额尾数误差范围内`
          : `应为 ${shownRate.toFixed(p.decimals)}%`),
      cells: outcome.cells,
      expected: shownRate.toFixed(2),
      actual: p.value.toFixed(2),
      table: table.id,
      ...(rounding ? { tail: p.value.minus(shownRate).toFixed(2) } : {}),
    };
  }
}

// ---------- grade (评价等级) ----------

const GRADE_TEXT = /^\s*(优|良|中|差)(秀|好|等)?\s*$/;

function evaluateGrade(ctx: Ctx, rule: GradeRule, table: RecognisedTable, out: IdentityOutcome[]): void {
  const row = firstOf(ctx.index.get(table)!, typeof rule.score.row === 'string' ? rule.score.row : '')?.row;
  if (!row) return;
  const score = termOf(ctx, table, row, row.key, rule.score.col!, 1);
  if (!printed(score)) return;
  const gradeCell = row.values.grade ?? Object.values(row.values).find((c) => typeof c.raw === 'string' && GRADE_TEXT.test(c.raw)) ?? null;
  if (!gradeCell || typeof gradeCell.raw !== 'string') return;
  const m = GRADE_TEXT.exec(gradeCell.raw);
  if (!m) return;
  const value = score.cell!.value!;
  const band = rule.bands.find((bd) => value.gte(bd.min)) ?? rule.bands[rule.bands.length - 1];
  const gradeAddr = qualifiedAddress(table.sheet, gradeCell.row, gradeCell.col);
  const outcome: IdentityOutcome = {
    ruleId: rule.id,
    relation: 'grade',
    severity: 'error',
    table,
    cells: [gradeAddr, address(score)!],
    coords: [{ sheet: table.sheet, row: gradeCell.row, col: gradeCell.col, empty: false, kind: 'text' }, ...coordsOf([score])],
    finding: null,
  };
  out.push(outcome);
  if (band.grade === m[1]) return;
  outcome.finding = {
    rule: rule.id,
    severity: 'error',
    message: `${ctx.names.get(table)}总分 ${formatValue(value, 'score')} 分对应等级“${band.grade}”，表中写为“${gradeCell.raw.trim()}”`,
    cells: outcome.cells,
    expected: band.grade,
    actual: m[1],
    table: table.id,
  };
}
