/**
 * Disclosure sets: which tables belong to one department's (and one year's) set of 公开表, so that
 * identities between tables compare 01表 with the 02表 of the same set, never with another department's.
 *
 * A workbook normally holds one set, and then every table belongs to it whatever its printed 编制单位 says
 * (publishers write the unit name differently from table to table: splitting on that would silently drop
 * cross-table checks). Only when a kind of table that a set holds once (收入支出决算总表 …) occurs twice is the
 * workbook split: walking the tables in workbook order, a table joins the current set unless the set already
 * has that kind or its printed 编制单位/年度 differ; else it joins the set of its printed 编制单位 and 年度, or
 * starts a new one. So two sets stacked one after the other split at the second 01表, and interleaved sets
 * split by 编制单位.
 */
import type { RecognisedTable, TableKind } from '../model';

export interface DisclosureSet {
  /** 0-based, in workbook order. */
  index: number;
  /** Printed 编制单位 (normalised) of the set's first table that prints one, or null. */
  org: string | null;
  year: number | null;
  tables: RecognisedTable[];
}

/** Kinds a set holds several of (one 项目支出绩效自评表 per project). */
const REPEATABLE: ReadonlySet<TableKind> = new Set<TableKind>(['perf_project', 'perf_department']);

/** `编制单位：江西省 医疗保障局` → `江西省医疗保障局`; brackets and spaces folded. */
export function normaliseOrg(org: string | null): string | null {
  if (!org) return null;
  const s = org
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/^(编制单位|编报单位|填报单位|部门|单位)[:：]/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
  return s || null;
}

/** Tables in workbook order: sheet order (first appearance), then anchor row, then column. */
export function workbookOrder(tables: readonly RecognisedTable[]): RecognisedTable[] {
  const sheets: string[] = [];
  for (const t of tables) if (!sheets.includes(t.sheet)) sheets.push(t.sheet);
  return [...tables].sort(
    (a, b) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.anchor.row - b.anchor.row || a.anchor.col - b.anchor.col,
  );
}

export function disclosureSets(tables: readonly RecognisedTable[]): DisclosureSet[] {
  const ordered = workbookOrder(tables);
  const counts = new Map<TableKind, number>();
  for (const t of ordered) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  const several = [...counts].some(([kind, n]) => n > 1 && !REPEATABLE.has(kind));
  if (!several) {
    const first = ordered.find((t) => normaliseOrg(t.org));
    return [{ index: 0, org: first ? normaliseOrg(first.org) : null, year: ordered.find((t) => t.year)?.year ?? null, tables: ordered }];
  }
  const sets: (DisclosureSet & { kinds: Set<TableKind> })[] = [];
  let current: (typeof sets)[number] | null = null;
  for (const t of ordered) {
    const org = normaliseOrg(t.org);
    const fits = (s: (typeof sets)[number]) =>
      (!org || !s.org || s.org === org) && (!t.year || !s.year || s.year === t.year) && (REPEATABLE.has(t.kind) || !s.kinds.has(t.kind));
    let set: (typeof sets)[number] | null = current && fits(current) ? current : null;
    if (!set && org) set = sets.find((s) => s.org === org && fits(s)) ?? null;
    if (!set) {
      set = { index: sets.length, org: null, year: null, tables: [], kinds: new Set() };
      sets.push(set);
    }
    set.tables.push(t);
    set.kinds.add(t.kind);
    set.org ??= org;
    set.year ??= t.year;
    current = set;
  }
  return sets.map(({ index, org, year, tables: ts }) => ({ index, org, year, tables: ts }));
}

/** Each table's set. */
export function setOfTable(sets: readonly DisclosureSet[]): Map<RecognisedTable, DisclosureSet> {
  const out = new Map<RecognisedTable, DisclosureSet>();
  for (const s of sets) for (const t of s.tables) out.set(t, s);
  return out;
}

/** How a set is named in messages when the workbook holds several: `江西省医疗保障局 2022年度` or `第2套`. */
export function setName(set: DisclosureSet, sets: readonly DisclosureSet[]): string {
  const sameOrg = sets.filter((s) => s.org === set.org).length > 1;
  if (set.org) return sameOrg && set.year ? `${set.org}${set.year}年度` : set.org;
  return `第${set.index + 1}套公开表`;
}
