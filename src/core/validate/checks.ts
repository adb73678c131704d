/**
 * Checks that are not sums: cell contents (text, #REF!, negatives, fractional counts) and
 * classification codes (format, parent, duplicates, order, names). Rule ids and descriptions are listed
 * in src/core/rules/checks.ts.
 */
import { formatAmount } from '../amount';
import { ECONOMIC_CODES, KNOWN_FUNCTION_CODES, FUNCTION_CLASSES } from '../classification';
import type { CellAmount, ColumnKind, Finding, Recognition, RecognisedTable, TableKind, TableRow } from '../model';
import { cellRef } from '../cells';
import { checkSeverity } from '../rules';
import { SPECS } from '../specs';
import { lineKeyText } from '../text';
import { columnLabel, findColumn, rowLabel } from './describe';
import type { DisclosureSet } from './sets';

/** Kinds whose codes are economic classification (3/5 digits), as their specs say; every other coded table is functional (3/5/7). */
const ECONOMIC_KINDS: ReadonlySet<TableKind> = new Set(SPECS.filter((s) => s.codes === 'economic').map((s) => s.kind));
/** Lines whose amount may be negative by nature. */
const MAY_BE_NEGATIVE = new Set(['expense.distribution']);

const cellAt = (t: RecognisedTable, row: number, col: number) => cellRef(t.sheet, row, col);

function valueKind(t: RecognisedTable, row: TableRow, colKey: string): ColumnKind {
  return row.valueKind ?? findColumn(t, colKey, row.block)?.kind ?? 'amount';
}

function describeCell(names: Map<RecognisedTable, string>, t: RecognisedTable, row: TableRow, colKey: string): string {
  return `${names.get(t)}${rowLabel(row, row.key)}${columnLabel(t, colKey, row.block)}`;
}

export function cellChecks(recognition: Recognition, names: Map<RecognisedTable, string>): Finding[] {
  const out: Finding[] = [];
  for (const t of recognition.tables) {
    const kinds = columnKinds(t);
    // a number that is no whole one matters only in a count (whether any column or row of the table is one)
    const counts = t.columns.some((c) => c.kind === 'count') || t.rows.some((r) => r.valueKind === 'count');
    for (let k = 0; k < t.rows.length; k++) {
      const row = t.rows[k];
      for (const colKey in row.values) {
        const cell = row.values[colKey];
        if (
          cell.status === 'empty' ||
          cell.status === 'na' ||
          (cell.status === 'number' && !cell.value?.isNegative() && cell.value?.isInteger())
        )
          continue;
        // a number that is not negative can only be wrong as a count
        if (!counts && cell.status === 'number' && cell.value && !cell.value.isNegative()) continue;
        const kind = kinds(row, colKey);
        if (kind === 'text') continue;
        if (cell.status === 'error' || (cell.status === 'text' && kind !== 'percent')) {
          const raw = String(cell.raw ?? '').trim();
          const here = describeCell(names, t, row, colKey);
          const at = [cellAt(t, cell.row, cell.col)];
          if (cell.status === 'error') out.push(finding('cell.error', `${here} 是错误值 ${raw}，请修正公式或引用`, at, t, null, raw));
          else out.push(finding('cell.text', `${here} 应为数字，单元格中是文字“${raw}”`, at, t, null, raw));
          continue;
        }
        if (cell.status !== 'number' || !cell.value) continue;
        if (kind === 'amount' && cell.value.isNegative() && !cell.value.isZero() && !MAY_BE_NEGATIVE.has(row.key)) {
          out.push(
            finding(
              'amount.negative',
              `${describeCell(names, t, row, colKey)} 为负数 ${formatAmount(cell.value)}${t.unit ? ` ${t.unit}` : ''}，决算公开表中此项不应为负`,
              [cellAt(t, cell.row, cell.col)],
              t,
              null,
              cell.value.toFixed(2),
            ),
          );
        }
        if (kind === 'count' && !cell.value.isInteger()) {
          const hint = t.unit === '万元' ? '；本表金额单位为万元，数量行可能在单位换算时被一并除以 10000' : '';
          out.push(
            finding(
              'amount.count_not_integer',
              `${describeCell(names, t, row, colKey)} 是数量（个、辆、人次），不应有小数：${cell.value.toString()}${hint}`,
              [cellAt(t, cell.row, cell.col)],
              t,
              null,
              cell.value.toString(),
            ),
          );
        }
      }
    }
  }
  return out;
}

/** `valueKind` of one table, the column lookups cached by block and key. */
function columnKinds(t: RecognisedTable): (row: TableRow, colKey: string) => ColumnKind {
  const cache = new Map<string, Map<string, ColumnKind>>();
  return (row, colKey) => {
    if (row.valueKind) return row.valueKind;
    let byKey = cache.get(row.block);
    if (!byKey) cache.set(row.block, (byKey = new Map<string, ColumnKind>()));
    let kind = byKey.get(colKey);
    if (kind === undefined) byKey.set(colKey, (kind = valueKind(t, row, colKey)));
    return kind;
  };
}

/** A finding of a check, its severity from the rule data (for the code `about`, when the severity depends on it). */
function finding(
  rule: string,
  message: string,
  cells: string[],
  t: RecognisedTable | null,
  expected: string | null,
  actual: string | null,
  about?: { economic: boolean; code: string },
): Finding {
  return { rule, severity: checkSeverity(rule, about), message, cells, expected, actual, table: t ? t.id : null };
}

// ---------- codes ----------

/**
 * Publisher variants of one name compare equal: spacing, full/half width, ordinals, `的`/`对`, a trailing
 * `支出`, and the known synonyms 生活补助/生活补贴, 缴费/缴款.
 */
export function canonicalName(name: string): string {
  return lineKeyText(name)
    .replace(/[()（）"“”'‘’]/g, '')
    .replace(/生活补贴/g, '生活补助')
    .replace(/缴款/g, '缴费')
    .replace(/[的对]/g, '')
    .replace(/支出$/, '');
}

const ECONOMIC = new Map(ECONOMIC_CODES.map((e) => [e.code, e]));
const FUNCTION_CLASS = new Map(FUNCTION_CLASSES.map((e) => [e.code, e]));
const FUNCTION_KNOWN = new Map<string, string[]>();
for (const e of KNOWN_FUNCTION_CODES) FUNCTION_KNOWN.set(e.code, [...(FUNCTION_KNOWN.get(e.code) ?? []), e.name]);
for (const e of FUNCTION_CLASSES) FUNCTION_KNOWN.set(e.code, [e.name, ...e.aliases]);

/** Where a row's code is printed (its own cell, else the name cell). */
function codeCell(t: RecognisedTable, r: TableRow): string {
  return cellAt(t, r.row, r.codeCol ?? r.nameCol);
}

/** 3 or 5 digits (economic), 3, 5 or 7 digits (function): what `/^\d{3}(\d{2}){0,2}$/` accepts, by a scan. */
function validShape(code: string, economic: boolean): boolean {
  const n = code.length;
  if (n !== 3 && n !== 5 && (economic || n !== 7)) return false;
  for (let i = 0; i < n; i++) {
    const ch = code.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return false;
  }
  return true;
}

/** Whether `rows` are in the order `compare` sorts them (then sorting them changes nothing: the sort is stable). */
function inOrder<T>(rows: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < rows.length; i++) if (compare(rows[i - 1], rows[i]) > 0) return false;
  return true;
}

const byPosition = (a: TableRow, b: TableRow) => a.row - b.row || (a.codeCol ?? a.nameCol) - (b.codeCol ?? b.nameCol);
const byRow = (a: TableRow, b: TableRow) => a.row - b.row;

/** The printed code, digits only where the printer used look-alikes (`2O801` → `20801`), or null. */
function repaired(text: string): string | null {
  const s = text
    .replace(/[\s\u3000]/g, '')
    .replace(/[oOＯ〇]/g, '0')
    .replace(/[lIｌ]/g, '1');
  return /^\d+$/.test(s) ? s : null;
}

/** `setOf`: each table's disclosure set; names are compared across tables of one set only (another department may word a line differently). */
export function codeChecks(
  recognition: Recognition,
  names: Map<RecognisedTable, string>,
  setOf?: Map<RecognisedTable, DisclosureSet>,
): Finding[] {
  const out: Finding[] = [];
  /** Rows whose code is already reported as wrong: later checks leave them alone. */
  const flagged = new Set<TableRow>();
  for (const t of recognition.tables) {
    const coded = t.rows.filter((r) => r.codeText !== null || r.code !== null);
    if (coded.length === 0) continue;
    const scan: CodeScan = { t, name: names.get(t), economic: ECONOMIC_KINDS.has(t.kind), coded, flagged, out };
    malformedCodes(scan);
    duplicateCodes(scan);
    for (const seq of printedSequences(scan)) parentAndOrder(scan, seq);
  }
  out.push(...nameChecks(recognition, names, flagged, setOf));
  return out;
}

/** One table's coded rows, as the code checks walk them; findings go to `out`, rows found wrong to `flagged`. */
interface CodeScan {
  t: RecognisedTable;
  name: string | undefined;
  economic: boolean;
  coded: TableRow[];
  flagged: Set<TableRow>;
  out: Finding[];
}

/** Codes that are not 3/5(/7) digits, with the repaired code when a letter stood for a digit. */
function malformedCodes({ t, name, economic, coded, flagged, out }: CodeScan): void {
  for (let k = 0; k < coded.length; k++) {
    const r = coded[k];
    const text = (r.codeText ?? r.code ?? '').trim();
    if (!text || validShape(text, economic)) continue;
    flagged.add(r);
    const fixed = repaired(text);
    const hint =
      fixed && fixed !== text && validShape(fixed, economic)
        ? `，疑为 ${fixed}`
        : /^\d+$/.test(text) && (text.length === 4 || text.length === 6 || text.length === 8)
          ? '，位数不对（多或少了一位数字）'
          : '';
    out.push(
      finding(
        'code.malformed',
        `${name}${rowLabel(r, r.key)}的科目编码“${text}”格式错误：${economic ? '经济分类编码应为 3 或 5 位数字' : '功能分类编码应为 3、5 或 7 位数字'}${hint}`,
        [codeCell(t, r)],
        t,
        fixed && validShape(fixed, economic) ? fixed : null,
        text,
      ),
    );
  }
}

/**
 * A code printed twice in the table. While the codes rise (a table kept in order) none can repeat: they are
 * indexed only from the first code that does not rise on (then with every code met so far).
 */
function duplicateCodes({ t, name, coded, flagged, out }: CodeScan): void {
  let byCode: Map<string, TableRow> | null = null;
  let rising: string | null = null;
  const positioned = inOrder(coded, byPosition) ? coded : [...coded].sort(byPosition);
  for (let k = 0; k < positioned.length; k++) {
    const r = positioned[k];
    if (!r.code || flagged.has(r)) continue;
    if (byCode === null) {
      if (rising === null || r.code > rising) {
        rising = r.code;
        continue;
      }
      byCode = new Map();
      for (let j = 0; j < k; j++) {
        const q = positioned[j];
        if (q.code && !flagged.has(q) && !byCode.has(q.code)) byCode.set(q.code, q);
      }
    }
    const first = byCode.get(r.code);
    if (!first) {
      byCode.set(r.code, r);
      continue;
    }
    flagged.add(r);
    out.push(
      finding(
        'code.duplicate',
        `${name}科目编码 ${r.code} 出现两次：${rowLabel(first, first.key)} 和 ${rowLabel(r, r.key)}`,
        [codeCell(t, r), codeCell(t, first)],
        t,
        null,
        r.code,
      ),
    );
  }
}

/** The printed sequences of codes, each in row order: one per block, and per code column in 基本支出表. */
function printedSequences({ economic, coded }: CodeScan): Iterable<TableRow[]> {
  const sequences = new Map<string, TableRow[]>();
  let lastKey: string | null = null;
  let last: TableRow[] = [];
  for (let i = 0; i < coded.length; i++) {
    const r = coded[i];
    const k = economic ? `${r.block}|${r.codeCol ?? r.nameCol}` : r.block;
    if (k !== lastKey) {
      lastKey = k;
      const seq = sequences.get(k);
      if (seq) last = seq;
      else sequences.set(k, (last = []));
    }
    last.push(r);
  }
  for (const seq of sequences.values()) if (!inOrder(seq, byRow)) seq.sort(byRow);
  return sequences.values();
}

/** Along one printed sequence: a 款/项 under a 类/款 it does not start with (wrong parent), and codes out of order. */
function parentAndOrder({ t, name, economic, flagged, out }: CodeScan, seq: TableRow[]): void {
  let cls: TableRow | null = null;
  let section: TableRow | null = null;
  let prev: TableRow | null = null;
  for (let i = 0; i < seq.length; i++) {
    const r = seq[i];
    if (flagged.has(r) || !r.code || !validShape(r.code, economic)) continue;
    const code = r.code;
    const parent = code.length === 5 ? cls : code.length === 7 ? (section ?? cls) : null;
    if (parent?.code && !code.startsWith(parent.code)) {
      flagged.add(r);
      const suggestion = parent.code + code.slice(parent.code.length);
      const known = economic ? ECONOMIC.get(suggestion) : undefined;
      out.push(
        finding(
          'code.parent',
          `${name}${rowLabel(r, r.key)}列在${rowLabel(parent, parent.key)}之下，但编码 ${code} 不以 ${parent.code} 开头；疑为 ${suggestion}${known ? `（${known.name}）` : ''}`,
          [codeCell(t, r), codeCell(t, parent)],
          t,
          suggestion,
          code,
        ),
      );
      continue;
    }
    if (prev?.code && code < prev.code && !(code.length > prev.code.length && code.startsWith(prev.code))) {
      out.push(
        finding(
          'code.order',
          `${name}${rowLabel(r, r.key)}排在${rowLabel(prev, prev.key)}之后，未按科目编码顺序排列`,
          [codeCell(t, r), codeCell(t, prev)],
          t,
          null,
          code,
        ),
      );
    }
    prev = r;
    if (code.length === 3) {
      cls = r;
      section = null;
    } else if (code.length === 5) section = r;
  }
}

/**
 * The rows printing one code (of one classification, in one set), in the order they were met: a chain
 * through the entries of `nameChecks` (`head` … `next`), so that grouping makes no list per code.
 */
interface CodeGroup {
  economic: boolean;
  set: number;
  code: string;
  head: number;
  tail: number;
  /** The group of the same code in another classification or set. */
  other: CodeGroup | null;
}

/** The same code printed with different names across the workbook, and codes/names against the lists. */
function nameChecks(
  recognition: Recognition,
  names: Map<RecognisedTable, string>,
  flagged: Set<TableRow>,
  setOf?: Map<RecognisedTable, DisclosureSet>,
): Finding[] {
  const out: Finding[] = [];
  const { table: entryTable, row: entryRow, next, groups } = codeEntries(recognition, flagged, setOf);
  // The same few names recur in every table (行政运行 under each 款): fold each name once.
  const folded = new Map<string, string>();
  const canonical = (name: string): string => {
    let c = folded.get(name);
    if (c === undefined) folded.set(name, (c = canonicalName(name)));
    return c;
  };
  /** Rows whose function 款/项 code is not among the known ones, per table. */
  const unknownFunction = new Map<RecognisedTable, TableRow[]>();
  const unknown = (t: RecognisedTable, r: TableRow) => {
    const rows = unknownFunction.get(t);
    if (rows) rows.push(r);
    else unknownFunction.set(t, [r]);
  };
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const { economic, code } = g;
    // the names as folded; most codes are printed alike everywhere (one variant)
    const c0 = canonical(entryRow[g.head].name);
    let alike = true;
    for (let e = next[g.head]; e >= 0 && alike; e = next[e]) alike = canonical(entryRow[e].name) === c0;
    // the common case, decided without spelling the group out: a function 款/项 code the lists do not hold
    if (alike && !economic && !FUNCTION_KNOWN.has(code) && !(code.length === 3 && !FUNCTION_CLASS.has(code))) {
      // Function 款/项: the list is known to be partial (docs/DOMAIN.md §4.3), so one 提示 per table, below.
      for (let e = g.head; e >= 0; e = next[e]) unknown(entryTable[e], entryRow[e]);
      continue;
    }
    const list: Seen[] = [];
    for (let e = g.head; e >= 0; e = next[e]) list.push({ t: entryTable[e], r: entryRow[e] });
    judgeGroup({ code, economic, list, alike, canonical, names, unknown, out });
  }
  for (const t of recognition.tables) {
    const rows = unknownFunction.get(t);
    if (rows) out.push(unknownFunctionFinding(t, rows));
  }
  return out;
}

/** A row printing a code, in its table. */
type Seen = { t: RecognisedTable; r: TableRow };

/** Every row taking part in the name checks, as entries (table, row, next entry of its group); groups in the order first met. */
interface CodeEntries {
  table: RecognisedTable[];
  row: TableRow[];
  next: number[];
  groups: CodeGroup[];
}

function codeEntries(recognition: Recognition, flagged: Set<TableRow>, setOf?: Map<RecognisedTable, DisclosureSet>): CodeEntries {
  const entries: CodeEntries = { table: [], row: [], next: [], groups: [] };
  const byCode = new Map<string, CodeGroup>();
  for (const t of recognition.tables) {
    const economic = ECONOMIC_KINDS.has(t.kind);
    const set = setOf?.get(t)?.index ?? 0;
    for (let k = 0; k < t.rows.length; k++) {
      const r = t.rows[k];
      if (!r.code || flagged.has(r) || !validShape(r.code, economic) || !r.name.trim()) continue;
      const e = entries.row.length;
      entries.table.push(t);
      entries.row.push(r);
      entries.next.push(-1);
      const first = byCode.get(r.code);
      let g = first ?? null;
      while (g && (g.economic !== economic || g.set !== set)) g = g.other;
      if (g) {
        entries.next[g.tail] = e;
        g.tail = e;
      } else {
        g = { economic, set, code: r.code, head: e, tail: e, other: null };
        if (first) {
          let last = first;
          while (last.other) last = last.other;
          last.other = g;
        } else byCode.set(r.code, g);
        entries.groups.push(g);
      }
    }
  }
  return entries;
}

/** One code's rows (of one classification, in one set), judged: names that differ, and code and names against the lists. */
interface GroupJudging {
  code: string;
  economic: boolean;
  list: Seen[];
  /** Whether every row prints the same name (as folded). */
  alike: boolean;
  canonical: (name: string) => string;
  names: Map<RecognisedTable, string>;
  /** Collects a function 款/项 row the lists do not hold (one 提示 per table). */
  unknown: (t: RecognisedTable, r: TableRow) => void;
  out: Finding[];
}

function judgeGroup({ code, economic, list, alike, canonical, names, unknown, out }: GroupJudging): void {
  const first = list[0];
  let variants: Map<string, Seen[]> | null = null;
  if (!alike) {
    variants = new Map();
    for (const s of list) {
      const c = canonical(s.r.name);
      const v = variants.get(c);
      if (v) v.push(s);
      else variants.set(c, [s]);
    }
  }
  const entry = economic ? ECONOMIC.get(code) : undefined;
  const knownNames = economic ? (entry ? [entry.name, ...entry.aliases] : undefined) : FUNCTION_KNOWN.get(code);
  let off: Seen[] = [];
  if (knownNames) {
    const canon = new Set(knownNames.map(canonical));
    off = list.filter((s) => !canon.has(canonical(s.r.name)));
  }
  if (variants) {
    // One change of name gives one finding: the standard name, when known and not followed, is said here.
    const parts = [...variants.values()].map(
      (v) =>
        `${v
          .map((s) => names.get(s.t))
          .filter((n, i, a) => a.indexOf(n) === i)
          .join('、')}作“${v[0].r.name.replace(/\s+/g, '')}”`,
    );
    const standard = knownNames && off.length > 0 ? knownNames[0] : null;
    out.push(
      finding(
        'code.name_mismatch',
        `科目 ${code} 在不同表中名称不一致：${parts.join('；')}${standard ? `。标准名称为“${standard}”` : ''}`,
        [...variants.values()].map((v) => cellAt(v[0].t, v[0].r.row, v[0].r.nameCol)),
        first.t,
        standard,
        null,
      ),
    );
    if (standard) return;
  }
  // Against the classification lists.
  if (!knownNames) {
    const isClass = !economic && code.length === 3 && !FUNCTION_CLASS.has(code);
    if (!economic && !isClass) {
      // Function 款/项: the list is known to be partial (docs/DOMAIN.md §4.3), so one 提示 per table, below.
      for (const s of list) unknown(s.t, s.r);
      return;
    }
    out.push(
      finding(
        economic ? 'code.unknown_economic' : 'code.unknown_function',
        economic
          ? `${names.get(first.t)}${rowLabel(first.r, first.r.key)}：经济分类科目表中没有编码 ${code}`
          : `${names.get(first.t)}${rowLabel(first.r, first.r.key)}：功能分类编码 ${code} 不在已知科目中（类级科目表中没有此类）`,
        list.map((s) => codeCell(s.t, s.r)),
        first.t,
        null,
        code,
        { economic, code },
      ),
    );
    return;
  }
  if (off.length > 0) {
    out.push(
      finding(
        'code.name_differs',
        `${names.get(off[0].t)}${rowLabel(off[0].r, off[0].r.key)}：科目 ${code} 的标准名称为“${knownNames[0]}”`,
        off.map((s) => cellAt(s.t, s.r.row, s.r.nameCol)),
        off[0].t,
        knownNames[0],
        off[0].r.name.replace(/\s+/g, ''),
        { economic, code },
      ),
    );
  }
}

/** Codes listed by name in the one 提示 of a table's unknown function codes; its cells have all of them. */
const UNKNOWN_LISTED = 10;

/**
 * One `info` per table for its function 款/项 codes outside the built-in list: that list holds only the codes
 * of the published samples (no complete list is available offline), so an unknown code says nothing about
 * the code being wrong — a 提示 per row would bury the real findings under hundreds of lines.
 */
function unknownFunctionFinding(t: RecognisedTable, rows: TableRow[]): Finding {
  if (!inOrder(rows, byPosition)) rows.sort(byPosition);
  const codes = new Set<string>();
  const named: string[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (codes.has(r.code!)) continue;
    codes.add(r.code!);
    if (named.length < UNKNOWN_LISTED) named.push(`${r.code} ${r.name.replace(/[\s\u3000]+/g, '')}`);
  }
  return finding(
    'code.unknown_function',
    `本表有 ${codes.size} 个功能分类科目编码不在内置科目清单中（清单只含已公开样本中出现的科目，无法据此判断对错）：${named.join('、')}${codes.size > named.length ? '、… 等' : ''}`,
    rows.map((r) => codeCell(t, r)),
    t,
    null,
    null,
    { economic: false, code: rows[0].code! },
  );
}

/** Whether a table holds no amount at all (every amount cell empty, zero or `—`). */
export function isEmptyTable(t: RecognisedTable): boolean {
  return t.rows.every((r) =>
    Object.entries(r.values).every(
      ([k, c]: [string, CellAmount]) => valueKind(t, r, k) !== 'amount' || c.status !== 'number' || !c.value || c.value.isZero(),
    ),
  );
}
