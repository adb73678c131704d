/**
 * Disclosure sets: which tables belong to one department's (and one year's) set of 公开表, so that
 * identities between tables compare 01表 with the 02表 of the same set, never with another department's.
 *
 * A workbook normally holds one set, and then every table belongs to it whatever its printed 编制单位 says
 * (publishers write the unit name differently from table to table: splitting on that would silently drop
 * cross-table checks). Only when two kinds of table that a set holds once (收入支出决算总表 …) occur twice, or
 * one occurs twice with different 编制单位/年度, is the workbook split: walking the tables in workbook order, a table joins the current set unless the set already
 * has that kind or its printed 编制单位/年度 differ; else it joins the set of its printed 编制单位 and 年度, or
 * starts a new one. So two sets stacked one after the other split at the second 01表, and interleaved sets
 * split by 编制单位.
 *
 * A 编制单位 or 年度 printed by one table only, while another value is printed by several tables, is a deviation
 * (a typo, a table copied from last year's or another unit's file), not a department or year of its own: it
 * neither splits the workbook nor starts a set; the table stays in the set around it and `meta.*` reports it.
 * A set's org and year are its prevailing ones (printed by most of its tables).
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

/** `编制单位：江西省 医疗保障局` → `江西省医疗保障局`; spaces, full-width letters/digits and brackets folded. */
export function normaliseOrg(org: string | null): string | null {
  if (!org) return null;
  const s = org
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^(编制单位|编报单位|填报单位|部门|单位):/, '');
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

/** How many tables print each value (nulls left out), in order of first appearance. */
export function valueCounts<T>(values: readonly (T | null)[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The value printed most often (ties: the first printed), or null. */
export function mostPrinted<T>(values: readonly (T | null)[]): T | null {
  let best: T | null = null;
  let n = 0;
  for (const [v, k] of valueCounts(values)) if (k > n) [best, n] = [v, k];
  return best;
}

/** A value printed by one table only while another value is printed by several: a deviation, not a set of its own. */
function withoutLoneValues<T>(values: readonly (T | null)[]): (T | null)[] {
  const counts = valueCounts(values);
  if (![...counts.values()].some((n) => n > 1)) return [...values];
  return values.map((v) => (v !== null && counts.get(v) === 1 ? null : v));
}

export function disclosureSets(tables: readonly RecognisedTable[]): DisclosureSet[] {
  const ordered = workbookOrder(tables);
  // The 编制单位 and 年度 each table counts with for grouping (lone deviations folded to "not printed").
  const orgs = withoutLoneValues(ordered.map((t) => normaliseOrg(t.org)));
  const years = withoutLoneValues(ordered.map((t) => t.year));
  const orgOf = new Map(ordered.map((t, i) => [t, orgs[i]]));
  const yearOf = new Map(ordered.map((t, i) => [t, years[i]]));
  const byKind = new Map<TableKind, RecognisedTable[]>();
  for (const t of ordered) if (!REPEATABLE.has(t.kind)) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
  const repeated = [...byKind.values()].filter((ts) => ts.length > 1);
  // Several sets: at least two kinds repeated, or one repeated kind whose copies print different 编制单位/年度.
  // A single table printed twice (a copy left on another sheet, a region mistaken for a table) does not split
  // the workbook: splitting there would cut the set in two and report the halves' tables as missing.
  const differ = (ts: RecognisedTable[]) =>
    new Set(ts.map((t) => orgOf.get(t)).filter(Boolean)).size > 1 || new Set(ts.map((t) => yearOf.get(t)).filter(Boolean)).size > 1;
  const several = repeated.length >= 2 || repeated.some(differ);
  if (!several) return [{ index: 0, org: mostPrinted(orgs), year: mostPrinted(years), tables: ordered }];
  const sets: (DisclosureSet & { kinds: Set<TableKind>; orgs: (string | null)[]; years: (number | null)[] })[] = [];
  let current: (typeof sets)[number] | null = null;
  for (const t of ordered) {
    const org = orgOf.get(t) ?? null;
    const year = yearOf.get(t) ?? null;
    const fits = (s: (typeof sets)[number]) =>
      (!org || !s.org || s.org === org) && (!year || !s.year || s.year === year) && (REPEATABLE.has(t.kind) || !s.kinds.has(t.kind));
    let set: (typeof sets)[number] | null = current && fits(current) ? current : null;
    if (!set && org) set = sets.find((s) => s.org === org && fits(s)) ?? null;
    if (!set) {
      set = { index: sets.length, org: null, year: null, tables: [], kinds: new Set(), orgs: [], years: [] };
      sets.push(set);
    }
    set.tables.push(t);
    set.kinds.add(t.kind);
    set.orgs.push(org);
    set.years.push(year);
    set.org ??= org;
    set.year ??= year;
    current = set;
  }
  return sets.map((s) => ({ index: s.index, org: mostPrinted(s.orgs), year: mostPrinted(s.years), tables: s.tables }));
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
