/**
 * Coverage: which amounts of each table took part in an identity, worked out from the identities' outcomes
 * (the cells each one touched), and why the others took part in none. A table with amounts that nothing
 * checked says so in a finding, so that no table is passed over in silence.
 */
import { cellRef } from '../cells';
import { KIND_TITLES } from '../labels';
import type {
  CellAmount,
  ColumnKind,
  Finding,
  Recognition,
  RecognisedTable,
  TableCoverage,
  TableKind,
  TableRow,
  UncheckedCell,
  UncheckedReason,
} from '../model';
import { columnLabel, findColumn } from './describe';
import type { IdentityOutcome } from './identities';
import { readsByKind, reads } from './coverage-rules';
import type { DisclosureSet } from './sets';
import { detectTableSet } from './completeness';
import { checkSeverity } from '../rules';

/** The kinds a disclosure set holds, and the kinds its 表式 requires. */
interface Present {
  kinds: Set<TableKind>;
  expected: Set<TableKind>;
}

/** Cells of a sheet by place: row × 2^14 + column (Excel's column limit), exact below 2^53. */
const place = (row: number, col: number): number => row * 16384 + col;

/**
 * The places of one table that identities touched: a byte per cell of the table's range (terms lie in their
 * table), a set for any place outside it. Marked a hundred thousand times on a large workbook.
 */
class Marks {
  private readonly top: number;
  private readonly left: number;
  private readonly width: number;
  private readonly height: number;
  private readonly inside: Uint8Array;
  private readonly outside = new Set<number>();

  constructor(table: RecognisedTable) {
    const r = table.range;
    this.top = r.top;
    this.left = r.left;
    this.width = Math.max(0, r.right - r.left + 1);
    this.height = Math.max(0, r.bottom - r.top + 1);
    // A runaway range (a merge down the whole sheet) is not worth a byte per cell: places go to the set.
    this.inside = new Uint8Array(this.width * this.height <= 1 << 24 ? this.width * this.height : 0);
  }

  private slot(row: number, col: number): number {
    const y = row - this.top;
    const x = col - this.left;
    const i = y * this.width + x;
    return y >= 0 && y < this.height && x >= 0 && x < this.width && i < this.inside.length ? i : -1;
  }

  add(row: number, col: number): void {
    const i = this.slot(row, col);
    if (i >= 0) this.inside[i] = 1;
    else this.outside.add(place(row, col));
  }

  has(row: number, col: number): boolean {
    const i = this.slot(row, col);
    return i >= 0 ? this.inside[i] === 1 : this.outside.has(place(row, col));
  }
}

/** The cells each table's identities touched, and how many identities touched each table. */
function touched(outcomes: readonly IdentityOutcome[]): { cells: Map<RecognisedTable, Marks>; counts: Map<RecognisedTable, number> } {
  const cells = new Map<RecognisedTable, Marks>();
  const counts = new Map<RecognisedTable, number>();
  // Terms come table by table: the last table's marks are kept at hand.
  let lastTable: RecognisedTable | null = null;
  let lastMarks: Marks | null = null;
  const mark = (t: RecognisedTable, row: number, col: number) => {
    if (t !== lastTable) {
      let m = cells.get(t);
      if (!m) cells.set(t, (m = new Marks(t)));
      lastTable = t;
      lastMarks = m;
    }
    lastMarks!.add(row, col);
  };
  const tables: RecognisedTable[] = [];
  const visit = (table: RecognisedTable, cell: CellAmount | null) => {
    if (!tables.includes(table)) tables.push(table);
    if (cell) mark(table, cell.row, cell.col);
  };
  for (const o of outcomes) {
    tables.length = 0;
    if (o.sum) {
      if (o.sum.eachTerm) o.sum.eachTerm(visit);
      else for (const term of o.sum.terms) visit(term.table, term.cell);
    } else {
      tables.push(o.table);
      for (const c of o.coords) mark(o.table, c.row, c.col);
    }
    for (const t of tables) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return { cells, counts };
}

function kindOf(table: RecognisedTable, row: TableRow, key: string): ColumnKind {
  return row.valueKind ?? findColumn(table, key, row.block)?.kind ?? 'amount';
}

const WHOLE_CODE = /^\d{3}(\d{2}){0,2}$/;

/** Whether the row, or the column in another row, holds a text or an error value where a number belongs. */
function unusableBeside(table: RecognisedTable, row: TableRow, key: string): boolean {
  const bad = (v: { status: string } | undefined) => v !== undefined && (v.status === 'text' || v.status === 'error');
  for (const k in row.values) if (bad(row.values[k])) return true;
  return table.rows.some((r) => r.block === row.block && bad(r.values[key]));
}

/** Why an amount of a placed row took part in no identity. */
function reasonFor(
  table: RecognisedTable,
  row: TableRow,
  key: string,
  present: Present,
): { reason: UncheckedReason | null; why: string | null } {
  if (/^row\d/.test(row.key)) {
    const name = row.name.trim();
    return {
      reason: 'layout',
      why: name ? `行“${name}”既无科目编码，也不是本表表式中的行` : '该行既无科目编码，也无行名',
    };
  }
  if (row.code !== null && !WHOLE_CODE.test(row.code)) {
    return { reason: 'layout', why: `编码“${row.codeText ?? row.code}”不是 3、5 或 7 位，无法归入类、款、项` };
  }
  // an identity with a text or error cell is not judged (cell.text / cell.error report that cell)
  if (unusableBeside(table, row, key)) return { reason: null, why: '同一行或同一栏有文字或错误值（已另报），用到它的核对未进行' };
  const kindReads = readsByKind().get(table.kind);
  const all = (kindReads?.needs ?? []).filter((d) => reads(d.cols, key) && !present.kinds.has(d.other)).map((d) => d.other);
  // the tables this set's 表式 has, when the rule needs one of them (a 云南-only table is not named in a 江西 set)
  const expected = all.filter((k) => present.expected.has(k));
  const missing = expected.length ? expected : all;
  if (missing.length) {
    return { reason: 'counterpart', why: `与之核对的${[...new Set(missing)].map((k) => KIND_TITLES[k]).join('、')}不在本套表中` };
  }
  if (!kindReads || !reads(kindReads.cols, key)) {
    return { reason: 'column', why: `没有规则核对${columnLabel(table, key, row.block)}栏（栏目含义未知）` };
  }
  return { reason: null, why: null };
}

/** One table's coverage, given the cells its identities touched and the kinds its disclosure set holds. */
function tableCoverage(table: RecognisedTable, cells: Marks | undefined, identities: number, present: Present): TableCoverage {
  const unchecked: UncheckedCell[] = [];
  let amounts = 0;
  for (const row of table.rows) {
    for (const key in row.values) {
      const v = row.values[key];
      if (v.status !== 'number' || kindOf(table, row, key) !== 'amount') continue;
      amounts++;
      if (cells?.has(v.row, v.col)) continue;
      unchecked.push({ cell: cellRef(table.sheet, v.row, v.col), ...reasonFor(table, row, key, present) });
    }
  }
  for (const u of table.unread ?? []) {
    amounts++;
    const why = u.header ? `表头“${u.header}”不是本表表式中的栏目，栏目含义未知` : '该栏没有表头，栏目含义未知';
    unchecked.push({ cell: cellRef(table.sheet, u.row, u.col), reason: 'column', why });
  }
  return { table: table.id, identities, amounts, unchecked };
}

/** Every table's coverage, in the recognition's table order. */
export function coverageOf(
  recognition: Recognition,
  outcomes: readonly IdentityOutcome[],
  setOf: Map<RecognisedTable, DisclosureSet>,
): TableCoverage[] {
  const { cells, counts } = touched(outcomes);
  const presentBySet = new Map<DisclosureSet | RecognisedTable, Present>();
  return recognition.tables.map((t) => {
    const set = setOf.get(t);
    let present = presentBySet.get(set ?? t);
    if (!present) {
      const tables = set ? set.tables : [t];
      present = { kinds: new Set(tables.map((x) => x.kind)), expected: new Set(detectTableSet(tables).required.map((r) => r.kind)) };
      presentBySet.set(set ?? t, present);
    }
    return tableCoverage(t, cells.get(t), counts.get(t) ?? 0, present);
  });
}

/** At most this many example cells per reason in a message (the finding's cells list has all of them). */
const EXAMPLES = 3;

/** `行“…”既无科目编码…（2 个：公开06表!B7、C9）；…`: the unchecked cells grouped by what is said of them. */
function reasonsText(unchecked: readonly UncheckedCell[]): string {
  const groups = new Map<string, string[]>();
  for (const u of unchecked) {
    // rows not understood are told in one group (each cell's own row and code are in its `why`)
    const why = u.why === null ? '原因不明' : u.reason === 'layout' ? u.why.replace(/“[^”]*”/g, '') : u.why;
    let list = groups.get(why);
    if (!list) groups.set(why, (list = []));
    list.push(u.cell);
  }
  return [...groups]
    .map(([why, list]) => `${why}（${list.length} 个：${list.slice(0, EXAMPLES).join('、')}${list.length > EXAMPLES ? ' 等' : ''}）`)
    .join('；');
}

/**
 * The coverage findings: `coverage.unchecked` for a table with amounts on which no identity ran, or whose
 * unchecked amounts lie in rows or columns recognition did not understand; `coverage.unchecked_other` when the
 * only reasons are a table the set lacks (completeness reports that table), a text cell beside, or none known.
 */
export function coverageFindings(
  coverage: readonly TableCoverage[],
  tables: readonly RecognisedTable[],
  names: Map<RecognisedTable, string>,
): Finding[] {
  const out: Finding[] = [];
  for (const c of coverage) {
    if (!c.unchecked.length) continue;
    const table = tables.find((t) => t.id === c.table)!;
    const name = names.get(table) ?? table.title;
    const none = c.identities === 0;
    const understood = c.unchecked.every((u) => u.reason !== 'layout' && u.reason !== 'column');
    const head = none
      ? `${name}的 ${c.amounts} 个金额没有参与任何核对（本表上没有一项核对运行）`
      : `${name}有 ${c.unchecked.length} 个金额（共 ${c.amounts} 个）没有参与任何核对`;
    const rule = none || !understood ? 'coverage.unchecked' : 'coverage.unchecked_other';
    out.push({
      rule,
      severity: checkSeverity(rule),
      message: `${head}：${reasonsText(c.unchecked)}`,
      cells: c.unchecked.map((u) => u.cell),
      expected: null,
      actual: null,
      table: table.id,
    });
  }
  return out;
}
