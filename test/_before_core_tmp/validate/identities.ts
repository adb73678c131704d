/**
 * The generic evaluator: turns the declarative identity rules (src/core/rules/) into concrete identities
 * between cells of the recognised tables and judges each one with exact decimals.
 *
 * Rounding (domain.md §5): every printed 万元 amount stands for [v − 0.005, v + 0.005]; an identity is
 * consistent up to rounding when |total − Σ parts| ≤ 0.005 × (number of printed terms, total included).
 * Empty cells, missing rows and `—` count as exact zeros (nothing was rounded), so a total of 26 mostly
 * empty 类 lines is not given a wide bound. 元 amounts, counts and scores are exact: any difference is real.
 */
import { Decimal, toAmountString } from '../amount';
import type { CellAmount, ColumnKind, Finding, Recognition, RecognisedTable, Severity, TableKind, TableRow } from '../model';
import { IDENTITY_RULES } from '../rules';
import type { GradeRule, IdentityRule, Operand, RatioRule, RowSelector, SumRule } from '../rules/types';
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

/** The outcome of one concrete identity: which cells it touched and what, if anything, is wrong. */
export interface IdentityOutcome {
  ruleId: string;
  relation: 'eq' | 'le' | 'ratio' | 'grade';
  /** Severity the rule gives when broken beyond rounding (`error` unless the rule says otherwise). */
  severity: Severity;
  /** The total's table. */
  table: RecognisedTable;
  /** Every printed cell taking part (empty ones included), total first: sheet-qualified A1 addresses. */
  cells: string[];
  /** The same cells as coordinates, for callers that change them (the mutation test). */
  coords: { sheet: string; row: number; col: number; empty: boolean; kind: ColumnKind }[];
  finding: Finding | null;
  /**
   * Sum identities: the total and Σ parts in the total's unit, the number of printed terms and each term's
   * table and cell (total first), for judging findings together (a table in the wrong unit, units.ts).
   */
  sum?: { total: Decimal; parts: Decimal; printed: number; terms: { table: RecognisedTable; address: string | null }[] };
}

interface Ctx {
  tables: readonly RecognisedTable[];
  byKind: Map<TableKind, RecognisedTable[]>;
  names: Map<RecognisedTable, string>;
  rowIndex: Map<RecognisedTable, Map<string, TableRow>>;
  colKeys: Map<RecognisedTable, Set<string>>;
  /** The disclosure set of each table: tables of another set are never compared with it. */
  setOf: Map<RecognisedTable, DisclosureSet>;
}

function buildCtx(recognition: Recognition): Ctx {
  const byKind = new Map<TableKind, RecognisedTable[]>();
  const rowIndex = new Map<RecognisedTable, Map<string, TableRow>>();
  const colKeys = new Map<RecognisedTable, Set<string>>();
  for (const t of recognition.tables) {
    byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
    const idx = new Map<string, TableRow>();
    const keys = new Set<string>(t.columns.map((c) => c.key));
    for (const r of t.rows) {
      if (!idx.has(r.key)) idx.set(r.key, r);
      for (const k of Object.keys(r.values)) keys.add(k);
    }
    rowIndex.set(t, idx);
    colKeys.set(t, keys);
  }
  const sets = disclosureSets(recognition.tables);
  return { tables: recognition.tables, byKind, names: tableNames(recognition.tables, sets), rowIndex, colKeys, setOf: setOfTable(sets) };
}

/**
 * The table of another kind a rule refers to, within the same disclosure set: the first of that kind on
 * the same sheet, else the first in the set. Null when the set has none (another set's table never stands in).
 */
function otherTable(ctx: Ctx, kind: TableKind, near: RecognisedTable): RecognisedTable | null {
  const set = ctx.setOf.get(near);
  const list = (ctx.byKind.get(kind) ?? []).filter((t) => !set || ctx.setOf.get(t) === set);
  if (list.length === 0) return null;
  return list.find((t) => t.sheet === near.sheet) ?? list[0];
}

function cellKind(table: RecognisedTable, row: TableRow | null, colKey: string): ColumnKind {
  return row?.valueKind ?? findColumn(table, colKey, row?.block)?.kind ?? 'amount';
}

function termOf(table: RecognisedTable, row: TableRow | null, rowKey: string, colKey: string, sign: 1 | -1): Term {
  return { table, row, rowKey, colKey, cell: row?.values[colKey] ?? null, sign, kind: cellKind(table, row, colKey) };
}

/** The value a term contributes, in `unit`. Empty, `—` and missing count as zero. */
function valueIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  const v = term.cell?.status === 'number' && term.cell.value ? term.cell.value : ZERO;
  return convert(v, term.kind === 'amount' ? term.table.unit : null, unit);
}

/** Half the last printed digit of a 万元 amount, in `unit`; zero for exact values. */
function halfWidthIn(term: Term, unit: RecognisedTable['unit']): Decimal {
  if (term.kind !== 'amount' || term.cell?.status !== 'number' || term.table.unit !== '万元') return ZERO;
  return convert(HALF_CENT, '万元', unit);
}

function convert(v: Decimal, from: RecognisedTable['unit'], to: RecognisedTable['unit']): Decimal {
  if (!from || !to || from === to) return v;
  return from === '元' ? v.div(TEN_THOUSAND) : v.times(TEN_THOUSAND);
}

const addressCache = new WeakMap<CellAmount, string>();
/** Sheet-qualified address of a term's cell (cached: addresses are built for every identity's key). */
function address(t: Term): string | null {
  if (!t.cell) return null;
  let a = addressCache.get(t.cell);
  if (a === undefined) {
    a = qualifiedAddress(t.table.sheet, t.cell.row, t.cell.col);
    addressCache.set(t.cell, a);
  }
  return a;
}

/** A walked row: a printed row, or a line only another table prints (`unionWith`). */
interface Current {
  key: string;
  block: string;
  row: TableRow | null;
}

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
  const out: Current[] = table.rows.filter((r) => rowMatches(r, scope)).map((r) => ({ key: r.key, block: r.block, row: r }));
  if (scope.unionWith) {
    const other = otherTable(ctx, scope.unionWith, table);
    if (other) {
      const have = new Set(out.map((c) => c.key));
      const block = scope.blocks?.[0] ?? 'main';
      for (const r of other.rows) {
        if (have.has(r.key) || (scope.levels && !scope.levels.includes(r.level))) continue;
        have.add(r.key);
        out.push({ key: r.key, block, row: null });
      }
    }
  }
  return out;
}

function walkedCols(ctx: Ctx, rule: SumRule, table: RecognisedTable, block: string | undefined): (string | null)[] {
  if (!rule.cols) return [null];
  if (rule.cols !== 'amount') return rule.cols;
  const keys: string[] = [];
  for (const c of table.columns) {
    if (c.kind !== 'amount' || (block && c.block && c.block !== block) || keys.includes(c.key)) continue;
    keys.push(c.key);
  }
  return keys;
}

/** Rows an operand's selector names in `table` (each one a term); `null` row = a line the table does not print. */
function selectRows(ctx: Ctx, table: RecognisedTable, sel: RowSelector | undefined, cur: Current | null, own: boolean): { row: TableRow | null; key: string }[] | 'skip' {
  const idx = ctx.rowIndex.get(table)!;
  if (sel === undefined || (typeof sel === 'object' && 'same' in sel)) {
    if (!cur) return 'skip';
    if (own) return [{ row: cur.row, key: cur.key }];
    return [{ row: idx.get(cur.key) ?? null, key: cur.key }];
  }
  if (typeof sel === 'string') return [{ row: idx.get(sel) ?? null, key: sel }];
  if ('level' in sel) return table.rows.filter((r) => r.level === sel.level && (!sel.block || r.block === sel.block)).map((r) => ({ row: r, key: r.key }));
  if ('keyPrefix' in sel)
    return table.rows.filter((r) => r.key.startsWith(sel.keyPrefix) && (!sel.block || r.block === sel.block)).map((r) => ({ row: r, key: r.key }));
  if ('keys' in sel) return sel.keys.map((k) => ({ row: idx.get(k) ?? null, key: k }));
  // children by code prefix: 类 → 款, 款 → 项.
  const code = cur?.row?.code;
  if (!code || !/^\d+$/.test(code)) return 'skip';
  return table.rows
    .filter((r) => r !== cur.row && r.code && r.code.length === code.length + 2 && r.code.startsWith(code) && /^\d+$/.test(r.code))
    .map((r) => ({ row: r, key: r.key }));
}

interface Built {
  total: Term | { constant: Decimal };
  parts: Term[];
}

/** Builds the concrete identity of a sum rule at one (row, column); null when it does not apply here. */
function build(ctx: Ctx, rule: SumRule, table: RecognisedTable, cur: Current | null, col: string | null): Built | null {
  let total: Built['total'];
  if ('constant' in rule.total) {
    total = { constant: new Decimal(rule.total.constant) };
  } else {
    const colKey = rule.total.col ?? col;
    if (!colKey || !ctx.colKeys.get(table)!.has(colKey)) return null;
    const rows = selectRows(ctx, table, rule.total.row, cur, true);
    if (rows === 'skip' || rows.length !== 1) return null;
    const [{ row, key }] = rows;
    // A fixed total line the table does not print: nothing to check. A walked line only the other table prints: zero.
    if (!row && !(cur && cur.row === null && rule.total.row === undefined)) return null;
    total = termOf(table, row, key, colKey, 1);
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
    for (const { row, key } of rows) parts.push({ ...termOf(t, row, key, colKey, op.sign ?? 1), ...(multi ? { multi } : {}), ...(levelWide ? { levelWide } : {}) });
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
  const seen = new Set<string>();
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

function identityKey(rel: string, b: Built): string {
  const total = isTerm(b.total) ? address(b.total) ?? `${b.total.table.id}:${b.total.rowKey}:${b.total.colKey}` : `=${b.total.constant}`;
  const parts = b.parts.map((p) => `${p.sign < 0 ? '-' : '+'}${address(p) ?? `${p.table.id}:${p.rowKey}:${p.colKey}`}`).sort();
  return `${rel}|${total}|${parts.join(',')}`;
}

function evaluateSum(ctx: Ctx, rule: SumRule, table: RecognisedTable, out: IdentityOutcome[], seen: Set<string>): void {
  const relation = rule.relation ?? 'eq';
  for (const cur of walkedRows(ctx, rule, table)) {
    let block = cur?.block;
    if (!block && !('constant' in rule.total) && typeof rule.total.row === 'string') block = ctx.rowIndex.get(table)!.get(rule.total.row)?.block;
    for (const col of walkedCols(ctx, rule, table, block)) {
      const b = build(ctx, rule, table, cur, col);
      if (!b || b.parts.length === 0) continue;
      const all = isTerm(b.total) ? [b.total, ...b.parts] : b.parts;
      if (all.some(unusable)) continue; // reported as cell.text / cell.error
      if (isTerm(b.total) && b.total.cell?.status === 'na') continue;
      // Nothing printed on the parts' side: not applicable (`—` columns of the “三公” 表, unprinted sub-lines).
      const partsPrinted = b.parts.some((p) => p.cell !== null && p.cell.status !== 'na');
      const matchedLines = rule.parts.some((op) => typeof op.row === 'object' && 'same' in op.row);
      if (!partsPrinted && !matchedLines) continue;
      const key = identityKey(relation, b);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(judgeSum(ctx, rule, table, relation, b));
    }
  }
}

function coordsOf(terms: Term[]): IdentityOutcome['coords'] {
  return terms
    .filter((t) => t.cell)
    .map((t) => ({ sheet: t.table.sheet, row: t.cell!.row, col: t.cell!.col, empty: t.cell!.status !== 'number', kind: t.kind }));
}

function judgeSum(ctx: Ctx, rule: SumRule, table: RecognisedTable, relation: 'eq' | 'le', b: Built): IdentityOutcome {
  const unit = isTerm(b.total) ? b.total.table.unit : (b.parts[0]?.table.unit ?? null);
  const totalV = isTerm(b.total) ? valueIn(b.total, unit) : b.total.constant;
  let sum = ZERO;
  let bound = isTerm(b.total) ? halfWidthIn(b.total, unit) : ZERO;
  for (const p of b.parts) {
    const v = valueIn(p, unit);
    sum = p.sign < 0 ? sum.minus(v) : sum.plus(v);
    bound = bound.plus(halfWidthIn(p, unit));
  }
  const terms = isTerm(b.total) ? [b.total, ...b.parts] : b.parts;
  const outcome: IdentityOutcome = {
    ruleId: rule.id,
    relation,
    severity: rule.severity ?? 'error',
    table,
    cells: terms.map(address).filter((a): a is string => a !== null),
    coords: coordsOf(terms),
    finding: null,
    sum: { total: totalV, parts: sum, printed: terms.filter(printed).length, terms: terms.map((t) => ({ table: t.table, address: address(t) })) },
  };
  const diff = relation === 'eq' ? totalV.minus(sum) : sum.minus(totalV);
  if (relation === 'eq' ? diff.isZero() : diff.lte(0)) return outcome;
  const rounding = diff.abs().lte(bound);
  const severity: Severity = rounding ? 'rounding' : outcome.severity;
  // Cells to mark: every printed part and every fixed part; of the rows a selector expanded to (a 类's 款,
  // the indicators' 得分), the empty ones too in an error — a deleted amount is then marked where it is
  // missing — but never the 24–26 mostly empty 类 lines of a 总表 (a level-wide selector).
  const shown = [
    ...(isTerm(b.total) ? [address(b.total)] : []),
    ...b.parts.filter((p) => p.cell && (p.cell.status !== 'empty' || !p.multi || (!p.levelWide && severity === 'error'))).map(address),
  ].filter((a): a is string => a !== null);
  outcome.finding = {
    rule: rule.id,
    severity,
    message: sumMessage(ctx, table, relation, b, totalV, sum, diff, bound, rounding, unit),
    cells: shown,
    expected: toAmountString(relation === 'eq' || !isTerm(b.total) ? (isTerm(b.total) ? sum : b.total.constant) : totalV),
    actual: toAmountString(relation === 'eq' && isTerm(b.total) ? totalV : sum),
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
    .map((p, i) => `${i === 0 ? (p.sign < 0 ? '−' : '') : p.sign < 0 ? ' − ' : ' + '}${partLabel(ctx, p, total, table)} ${fmt(valueIn(p, unit))}`)
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
    const term = (op: Operand) => termOf(table, cur.row, cur.key, op.col!, 1);
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
  const row = ctx.rowIndex.get(table)!.get(typeof rule.score.row === 'string' ? rule.score.row : '');
  if (!row) return;
  const score = termOf(table, row, row.key, rule.score.col!, 1);
  if (!printed(score)) return;
  const gradeCell =
    row.values.grade ?? Object.values(row.values).find((c) => typeof c.raw === 'string' && GRADE_TEXT.test(c.raw)) ?? null;
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
