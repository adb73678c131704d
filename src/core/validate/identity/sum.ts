/** Judging sum identities: every place a sum rule applies, held in whole cents or judged in decimal.js. */
import { Decimal, exactCents, toAmountString } from '../../amount';
import type { CellAmount, Finding, RecognisedTable, Severity } from '../../model';
import type { SumRule } from '../../rules/types';
import { identitySeverity } from '../../rules';
import { qualifiedAddress } from '../../snapshot';
import type { IdentityOutcome, SumTerm, Term } from '../identities';
import { HALF_CENT, ZERO, convert, sumsOf, unitOf } from './values';
import {
  Cell,
  NONE,
  address,
  build,
  columnOf,
  constantTotal,
  coordsOf,
  firstOf,
  hasColumn,
  isTerm,
  planOperands,
  operandRows,
  printed,
  selectRows,
  walkedCols,
  walkedRows,
  type Built,
  type Column,
  type Ctx,
  type Current,
  type OperandPlan,
  type Sel,
} from './select';
import { Seen, MAX_COLS, MAX_ROWS, onSheet, seenBefore, sheetNo, partsKey, type Judged } from './seen';
import { sumMessage } from './messages';

/**
 * Every identity of one rule in one table. What `build` would spell out as terms is looked at in place: the
 * rows an operand names are resolved once per walked row, the columns once per walked column list, and the
 * cells are read from dense arrays (`Column`). An identity that holds in exact whole cents is recorded
 * without its terms (spelt out if someone asks, see `SumOutcome`); anything else (a difference, a value not
 * in whole cents, a part in another unit) is built and judged by `judgeSum` in decimal.js, as every identity
 * once was: the outcomes are the same, only the holding ones are cheaper. (Over 100 lines: the loop mirrors
 * `build` and the rule's skips step by step; kept in one piece so that the two can be compared.)
 */
export function evaluateSum(ctx: Ctx, rule: SumRule, table: RecognisedTable, out: IdentityOutcome[], seen: { eq: Seen; le: Seen }): void {
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
    // This row's parts as selected, for the outcomes judged in whole cents (taken when the first one is).
    let rowSels: NotedSels | null = null;
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
          ? `=${constant.constant.toString()}`
          : totalCell
            ? qualifiedAddress(table.sheet, totalCell.row, totalCell.col)
            : `${table.id}:${totalSel!.key}:${totalOp!.col ?? col}`;
      const place = byCell ? (sheet * MAX_ROWS + totalCell!.row) * MAX_COLS + totalCell!.col : 0;
      const slot = byCell ? judged.cells.slot(place) : -1;
      const before: Judged | undefined = byCell ? judged.cells.at(slot) : judged.text.get(key);
      if (before !== undefined && seenBefore(before, count, { ctx, rule, table, cur, col })) continue;
      let o: SumOutcome;
      if (exact && (relation === 'eq' ? totalCents === sum : sum <= totalCents)) {
        o = new SumOutcome(ctx, rule, table, cur, col, printed);
        // Where its terms are, as `build` would list them, for coverage (it reads every outcome's): no term is made.
        rowSels ??= ones.map((single, k) => single ?? lists[k]);
        o.note(plans, columns, rowSels, totalOp ? totalCell : undefined);
      } else o = judgeSum(ctx, rule, table, cur, col);
      o.count = count;
      const judgedHere: Judged = before === undefined ? o : Array.isArray(before) ? (before.push(o), before) : [before, o];
      if (byCell) judged.cells.set(slot, place, judgedHere);
      else judged.text.set(key, judgedHere);
      out.push(o);
    }
  }
}

/** A term as callers see it; its address is spelt out only when read (the converter reads thousands of terms, few addresses). */
class TermView implements SumTerm {
  readonly table: RecognisedTable;
  readonly sign: 1 | -1;
  readonly cell: CellAmount | null;
  readonly kind: Term['kind'];
  constructor(private readonly term: Term) {
    this.table = term.table;
    this.sign = term.sign;
    this.cell = term.cell;
    this.kind = term.kind;
  }
  get address(): string | null {
    return address(this.term);
  }
}
const termOf = (t: Term): SumTerm => new TermView(t);

/**
 * A sum identity, judged. It keeps where it was met (rule, table, walked row and column); its terms, cells,
 * coordinates and sums are spelt out on first read (`build` gives the same terms every time): few callers
 * read them, and spelling them out for each of ten thousand identities was most of the evaluation's time.
 * It is its own `sum` view (total, parts, printed, terms), one object per identity.
 */
export class SumOutcome implements IdentityOutcome {
  finding: Finding | null = null;
  /** Its number of parts (for `seenBefore`). */
  count = 0;
  /** What is spelt out on first read (null until then: most outcomes are never read). */
  private details: Details | null = null;
  /**
   * Where the terms are, noted by the evaluation when it judged the identity without building it: the parts'
   * plans, their columns and selected rows, and the total's cell (undefined: the total is a constant).
   */
  private notedPlans: readonly OperandPlan[] | null = null;
  private notedColumns: readonly (Column | null)[] | null = null;
  private notedSels: NotedSels | null = null;
  private notedTotal: CellAmount | null | undefined = undefined;

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
    return identitySeverity(this.rule);
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
    return (d.terms ??= this.all.map(termOf));
  }

  /** Where the terms are (see the fields); kept by reference, nothing is copied. */
  note(plans: readonly OperandPlan[], columns: readonly (Column | null)[], sels: NotedSels, total: CellAmount | null | undefined): void {
    this.notedPlans = plans;
    this.notedColumns = columns;
    this.notedSels = sels;
    this.notedTotal = total;
  }

  eachTerm(visit: (table: RecognisedTable, cell: CellAmount | null) => void): void {
    const sels = this.notedSels;
    if (sels === null) {
      for (const t of this.all) visit(t.table, t.cell);
      return;
    }
    if (this.notedTotal !== undefined) visit(this.table, this.notedTotal);
    const plans = this.notedPlans!;
    const columns = this.notedColumns!;
    for (let k = 0; k < plans.length; k++) {
      const t = plans[k].table;
      if (t === null || t === 'absent') continue;
      const column = columns[k]!;
      const s = sels[k];
      if (!Array.isArray(s)) {
        const i = (s as Sel).i;
        visit(t, i < 0 ? null : column.cells[i]);
      } else for (const sel of s as readonly Sel[]) visit(t, sel.i < 0 ? null : column.cells[sel.i]);
    }
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

/** Per part: its one selected row, or its rows. */
type NotedSels = (Sel | readonly Sel[])[];

/** What a `SumOutcome` spells out when read. */
interface Details {
  built: Built | null;
  parts: string | null;
  values: { totalV: Decimal; sum: Decimal } | null;
  terms: SumTerm[] | null;
  cells: string[] | null;
  coords: IdentityOutcome['coords'] | null;
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
