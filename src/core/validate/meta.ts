/**
 * Meta consistency (rules in src/core/rules/meta.ts): within one disclosure set, the tables printing another
 * 编制单位 or 年度 than the set's prevailing one. Org names are compared after folding spaces and full-width
 * characters (normaliseOrg); the prevailing value is the one printed by more of the set's tables than any other,
 * and by two at least — with a tie nothing tells which table is wrong, and nothing is reported.
 */
import type { Finding, RecognisedTable } from '../model';
import type { ConsistencyRule } from '../rules';
import { metaRules } from '../rules';
import { qualifiedAddress } from '../snapshot';
import { normaliseOrg, valueCounts, type DisclosureSet } from './sets';

interface Printed {
  t: RecognisedTable;
  /** Compared form (normalised org, year). */
  key: string;
  /** As printed, for messages. */
  text: string;
}

function printed(t: RecognisedTable, field: ConsistencyRule['field']): Printed | null {
  if (field === 'year') return t.year === null ? null : { t, key: String(t.year), text: `${t.year}年度` };
  const key = normaliseOrg(t.org);
  return key === null || t.org === null ? null : { t, key, text: t.org.trim() };
}

function cellOf(t: RecognisedTable, field: ConsistencyRule['field']): string {
  const c = (field === 'org' ? t.orgCell : t.yearCell) ?? t.anchor;
  return qualifiedAddress(t.sheet, c.row, c.col);
}

export function metaChecks(
  sets: readonly DisclosureSet[],
  names: Map<RecognisedTable, string>,
  rules: readonly ConsistencyRule[] = metaRules,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const set of sets) {
      const values = set.tables.filter((t) => !rule.except?.includes(t.kind)).flatMap((t) => printed(t, rule.field) ?? []);
      const counts = [...valueCounts(values.map((v) => v.key))].sort((a, b) => b[1] - a[1]);
      if (counts.length < 2 || counts[0][1] < 2 || counts[0][1] === counts[1][1]) continue;
      const [prevailing, n] = counts[0];
      const usual = values.find((v) => v.key === prevailing)!;
      const what = rule.field === 'org' ? '单位名称' : '年度';
      const why =
        rule.field === 'org'
          ? '请核对是否笔误，或此表是从其他单位的文件复制来的'
          : '此表可能是从其他年度的文件复制来的，请核对年度和表中数字';
      for (const v of values) {
        if (v.key === prevailing) continue;
        out.push({
          rule: rule.id,
          severity: rule.severity,
          message: `${names.get(v.t)}的${what}印为“${v.text}”，同一套公开表的其他 ${n} 张表印为“${usual.text}”：${why}`,
          cells: [cellOf(v.t, rule.field)],
          expected: rule.field === 'org' ? usual.text : prevailing,
          actual: rule.field === 'org' ? v.text : v.key,
          table: v.t.id,
        });
      }
    }
  }
  return out;
}
