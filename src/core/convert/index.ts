/**
 * 元 ↔ 万元 conversion as a write plan. 元 → 万元 with `controlled` rounding: every amount becomes one of the two
 * 0.01 万元 values next to its exact value, chosen so that every sum identity of the validator that held before
 * holds exactly after, moving the least weight off plain half-up rounding (build.ts, solve.ts). `plain`: half-up
 * per cell, with every identity that no longer foots listed. 万元 → 元 multiplies exactly. Pure: the solver is
 * injected, the plan is applied by an adapter, which records the original values in the ledger first.
 */
import { Decimal } from '../amount';
import type { AmountUnit, Recognition, RecognisedTable, WriteOp, WritePlan } from '../model';
import { parseRange, type RangeBox, type WorkbookSnapshot } from '../snapshot';
import { columnLabel, rowLabel, tableNames } from '../validate/describe';
import { evaluateIdentities, type IdentityOutcome } from '../validate/identities';
import { buildProblem, type Adjust } from './build';
import { amountCells, SnapshotCells, type AmountCell } from './cells';
import type { RoundingSolver } from './problem';
import { solveRounding, type SolveStats } from './solve';
import { labelOps, notesSheetOp, tailNoteOp, valueOps, type CellWrite, type NoteLine } from './write';

export { CONVERT_TAG, NOTES_SHEET_NAME, TAIL_NOTE } from './write';
export type { Adjust } from './build';

export type Rounding = 'controlled' | 'plain';
export type ConvertScope = { kind: 'all' } | { kind: 'table'; table: string } | { kind: 'selection'; sheet: string; range: string };

export interface ConvertOptions {
  to: AmountUnit;
  rounding?: Rounding;
  adjust?: Adjust;
  scope?: ConvertScope;
  /** Write over formula cells (by default they are reported and left). */
  replaceFormulas?: boolean;
  /** A clock for the solver's share of the time (milliseconds); none by default (the core keeps no time). */
  now?: () => number;
}

export interface AdjustedCell {
  cell: string;
  /** In the target unit: the exact value, plain half-up rounding, and the value written. */
  exact: string;
  plain: string;
  value: string;
}

export interface TailReport {
  rule: string;
  cells: string[];
  /** Total − Σ parts after conversion, in the target unit (`0.01`, `-0.02`). */
  tail: string;
}

export interface ConvertReport {
  from: AmountUnit;
  to: AmountUnit;
  rounding: Rounding;
  adjust: Adjust;
  tables: { id: string; name: string; cells: number }[];
  adjusted: AdjustedCell[];
  tails: TailReport[];
  /** Tables not converted, each with why (Chinese). */
  refused: { table: string; name: string; reason: string }[];
  /** Formula cells left as they are (sheet-qualified). */
  formulas: string[];
  /** What the user should know (Chinese). */
  notices: string[];
  stats: SolveStats & { variables: number; constraints: number };
}

export interface Conversion {
  /** Null when there is nothing to convert (`error` says why). */
  plan: WritePlan | null;
  report: ConvertReport;
  error?: string;
}

const CENTS_LOST = '万元换算为元是把万元数乘以 10000：原表只保留到 0.01 万元（100 元），原来百元以下的数（角、分）无法恢复。';

const other = (u: AmountUnit): AmountUnit => (u === '元' ? '万元' : '元');

function inScope(
  tables: readonly RecognisedTable[],
  scope: ConvertScope,
): { tables: RecognisedTable[]; within?: { sheet: string; box: RangeBox } } {
  if (scope.kind === 'all') return { tables: [...tables] };
  if (scope.kind === 'table') return { tables: tables.filter((t) => t.id === scope.table) };
  const box = parseRange(scope.range);
  const meets = (r: RangeBox) => !(r.bottom < box.top || r.top > box.bottom || r.right < box.left || r.left > box.right);
  return { tables: tables.filter((t) => t.sheet === scope.sheet && meets(t.range)), within: { sheet: scope.sheet, box } };
}

export async function planConversion(
  recognition: Recognition,
  snapshot: WorkbookSnapshot,
  options: ConvertOptions,
  solver: RoundingSolver | null,
): Promise<Conversion> {
  const to = options.to;
  const from = other(to);
  const rounding = options.rounding ?? 'controlled';
  const adjust = options.adjust ?? 'fewest';
  const names = tableNames(recognition.tables);
  const scoped = inScope(recognition.tables, options.scope ?? { kind: 'all' });
  const refused: ConvertReport['refused'] = [];
  const tables: RecognisedTable[] = [];
  const outcomes = evaluateIdentities(recognition);
  const linked = unlabelledLinked(outcomes, from);
  const inferred: string[] = [];
  for (const t of scoped.tables) {
    const name = names.get(t) ?? t.title;
    if (t.unit === to) refused.push({ table: t.id, name, reason: `${name}的金额单位已是${to}，无需换算。` });
    else if (t.unit === null && linked.has(t)) {
      tables.push(t);
      inferred.push(name);
    } else if (t.unit === null) refused.push({ table: t.id, name, reason: `${name}未标明金额单位（元或万元），未换算。` });
    else tables.push(t);
  }
  const snap = new SnapshotCells(snapshot);
  const cells = amountCells(tables, snap, scoped.within);
  const report: ConvertReport = {
    from,
    to,
    rounding,
    adjust,
    tables: [],
    adjusted: [],
    tails: [],
    refused,
    formulas: [],
    notices: inferred.map(
      (n) =>
        `${n}未标明金额单位，但其金额与同套${from}表的数字相互勾稽，已按${from}一并换算；表上没有金额单位说明可改，请自行注明“金额单位：${to}”。`,
    ),
    stats: { components: 0, plain: 0, linear: 0, solver: 0, solverMs: 0, variables: 0, constraints: 0 },
  };
  if (tables.length === 0 || cells.length === 0) {
    return { plan: null, report, error: refusalText(scoped.tables, refused, to) };
  }

  const values =
    to === '万元'
      ? await toWan(recognition, outcomes, cells, rounding, adjust, solver, options.now, report)
      : cells.map((c) => c.value.times(10000));
  if (to === '元') {
    report.notices.push(CENTS_LOST);
    const inTables = new Set(tables);
    const tails = outcomes.filter((o) => o.finding?.severity === 'rounding' && inTables.has(o.table)).length;
    if (tails > 0) report.notices.push(`原表有 ${tails} 处尾差（±0.01 万元以内的不平衡）；换算为元后它们成为实际差额，审核将报告为错误。`);
  }

  const writes: CellWrite[] = [];
  cells.forEach((c, i) => {
    if (c.formula && !options.replaceFormulas) report.formulas.push(c.ref);
    else writes.push({ cell: c, value: values[i] });
  });
  if (report.formulas.length > 0) {
    report.notices.push(
      `${report.formulas.length} 个单元格含公式，未改写（${report.formulas.slice(0, 5).join('、')}${report.formulas.length > 5 ? ' 等' : ''}）：公式按换算后的数重新计算。`,
    );
  }

  const ops: WriteOp[] = valueOps(writes, to, options.replaceFormulas === true);
  const counted = new Map<RecognisedTable, number>();
  for (const c of cells) counted.set(c.table, (counted.get(c.table) ?? 0) + 1);
  const whole = scoped.within === undefined;
  for (const t of tables) {
    report.tables.push({ id: t.id, name: names.get(t) ?? t.title, cells: counted.get(t) ?? 0 });
    if (whole) ops.push(...labelOps(t, snap, to));
  }
  if (!whole) report.notices.push('只换算了所选区域，表头的金额单位说明未改动，请核对。');
  ops.push(...tailNotes(report, tables, snap));
  const lines = noteLines(report, cells, names);
  if (lines.length > 0 || report.tails.length > 0 || to === '元')
    ops.push(notesSheetOp(lines, report.tails, to === '元' ? [CENTS_LOST] : []));
  return { plan: { title: `金额单位换算为${to}`, ops }, report };
}

/** 元 → 万元: the rounding problem, solved (controlled) or not (plain); fills `report`; the written values in 万元. */
async function toWan(
  recognition: Recognition,
  outcomes: IdentityOutcome[],
  cells: readonly AmountCell[],
  rounding: Rounding,
  adjust: Adjust,
  solver: RoundingSolver | null,
  now: (() => number) | undefined,
  report: ConvertReport,
): Promise<Decimal[]> {
  const built = buildProblem(recognition, cells, adjust, outcomes);
  const { problem, varOf, exact, info } = built;
  report.stats.variables = problem.vars.length;
  report.stats.constraints = problem.constraints.length;
  let up: Uint8Array;
  let broken: { index: number; off: number }[];
  if (rounding === 'controlled') {
    const solved = await solveRounding(problem, info, solver, now);
    Object.assign(report.stats, solved.stats);
    ({ up, broken } = solved);
  } else {
    const plain = await solveRounding({ vars: problem.vars, constraints: [] }, info, null);
    up = plain.up;
    broken = problem.constraints.flatMap((c, index) => {
      let sum = 0;
      for (const t of c.terms) sum += t.coef * up[t.v];
      return (c.sense === 'ge' ? sum < c.rhs : sum !== c.rhs) ? [{ index, off: sum - c.rhs }] : [];
    });
  }
  const hundred = new Decimal(100);
  const valueOf = (v: number, u: number) => new Decimal(problem.vars[v].floor + u).div(hundred);
  cells.forEach((c, i) => {
    const v = varOf[i];
    const pv = problem.vars[v];
    if (!pv.free || up[v] === pv.plain) return;
    report.adjusted.push({
      cell: c.ref,
      exact: exact(v).div(hundred).toFixed(),
      plain: valueOf(v, pv.plain).toFixed(2),
      value: valueOf(v, up[v]).toFixed(2),
    });
  });
  for (const b of broken)
    report.tails.push({ rule: info[b.index].rule, cells: info[b.index].cells, tail: new Decimal(b.off).div(hundred).toFixed(2) });
  return cells.map((_, i) => valueOf(varOf[i], problem.vars[varOf[i]].free ? up[varOf[i]] : 0));
}

/** Why nothing was converted: the tables already in the target unit in one sentence, then the other reasons. */
function refusalText(scoped: readonly RecognisedTable[], refused: ConvertReport['refused'], to: AmountUnit): string {
  if (scoped.length === 0) return '所选范围内没有识别出决算公开表，未换算。';
  if (refused.length === 0) return '所选范围内没有金额，未换算。';
  const ids = new Set(scoped.filter((t) => t.unit === to).map((t) => t.id));
  const already = refused.filter((r) => ids.has(r.table));
  const rest = refused.filter((r) => !ids.has(r.table)).map((r) => r.reason);
  const head =
    already.length === 0 ? [] : [already.length === 1 ? already[0].reason : `${already.length} 张表的金额单位已是${to}，无需换算。`];
  return [...head, ...rest].join('');
}

/**
 * Tables printed without a unit whose amounts an identity that held ties to a table in `from`: the validator
 * compared them as one unit, so they are in `from` too (left out, they would no longer foot with the others).
 */
function unlabelledLinked(outcomes: readonly IdentityOutcome[], from: AmountUnit): Set<RecognisedTable> {
  const out = new Set<RecognisedTable>();
  for (const o of outcomes) {
    if ((o.relation !== 'eq' && o.relation !== 'le') || !o.sum || o.finding !== null) continue;
    const printed = o.sum.terms.filter((t) => t.kind === 'amount' && t.cell?.status === 'number' && !t.cell.value?.isZero());
    if (!printed.some((t) => t.table.unit === from)) continue;
    for (const t of printed) if (t.table.unit === null) out.add(t.table);
  }
  return out;
}

/** The tail note under each table a remaining tail touches (its total's table). */
function tailNotes(report: ConvertReport, tables: readonly RecognisedTable[], snap: SnapshotCells): WriteOp[] {
  const ops: WriteOp[] = [];
  const sheets = new Set(report.tails.map((t) => t.cells[0]?.replace(/!.*$/, '').replace(/^'|'$/g, '')));
  for (const t of tables) {
    if (!sheets.has(t.sheet)) continue;
    const op = tailNoteOp(t, snap);
    if (op === null) report.notices.push(`${t.sheet}表下方没有空白单元格，未写入尾数误差说明。`);
    else if (op !== 'present') ops.push(op);
  }
  return ops;
}

function noteLines(report: ConvertReport, cells: readonly AmountCell[], names: Map<RecognisedTable, string>): NoteLine[] {
  const byRef = new Map(cells.map((c) => [c.ref, c]));
  return report.adjusted.map((a) => {
    const c = byRef.get(a.cell)!;
    const item = `${rowLabel(c.tableRow, c.tableRow.key)} ${columnLabel(c.table, c.colKey, c.tableRow.block)}`;
    return { cell: a.cell, table: names.get(c.table) ?? c.table.title, item, exact: a.exact, plain: a.plain, value: a.value };
  });
}
