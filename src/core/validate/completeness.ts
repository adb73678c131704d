/**
 * Completeness: the tables a disclosure must contain, and the 无…收支 sentence under empty fund tables.
 *
 * The table set (表式) and the tables it requires are data (src/core/specs/sets.ts): the set is told from what
 * was recognised — a table whose spec is printed in one set alone (云南 05/07/10/11表, the 上海 horizontal “三公”
 * 表) — else the fallback set (全国/江西).
 * Checked per disclosure set (sets.ts), and only when the set looks like a whole disclosure: more than half
 * of its required tables recognised. A workbook holding the tables being worked on (01–03 only, one table,
 * 绩效自评表 alone) is not judged incomplete; a set missing one or a few tables is.
 */
import { checkSeverity } from '../rules';
import type { Finding, Recognition, RecognisedTable, TableKind } from '../model';
import { KIND_TITLES } from '../labels';
import { qualifiedAddress } from '../snapshot';
import { isEmptyTable } from './checks';
import { disclosureSets, setName, type DisclosureSet } from './sets';
import { SPECS, specById, TABLE_SETS, type TableSetSpec } from '../specs';

/** The set (表式) of a disclosure's tables: the first of `TABLE_SETS` that one of them is printed in alone. */
export function detectTableSet(tables: readonly RecognisedTable[]): TableSetSpec {
  const told = new Set<string>();
  for (const t of tables) {
    const set = setOfSpec(t);
    if (set) told.add(set);
  }
  return TABLE_SETS.find((s) => told.has(s.id)) ?? TABLE_SETS.find((s) => s.fallback)!;
}

/** The set a table's spec is printed in alone (for a spec id no longer listed: the one all specs of its kind share). */
function setOfSpec(t: RecognisedTable): string | undefined {
  const spec = specById(t.specId);
  if (spec) return spec.set;
  const ofKind = SPECS.filter((s) => s.kind === t.kind);
  return ofKind.length > 0 && ofKind.every((s) => s.set === ofKind[0].set) ? ofKind[0].set : undefined;
}

/** `本部门无政府性基金预算财政拨款收入、支出`, `…没有政府性基金预算财政拨款收入和支出…`. */
const EMPTY_NOTE: Partial<Record<TableKind, RegExp>> = {
  gov_fund: /(无|没有)[^。；]*政府性基金/,
  state_capital: /(无|没有)[^。；]*国有资本/,
};

export function completenessChecks(
  recognition: Recognition,
  names: Map<RecognisedTable, string>,
  sets: readonly DisclosureSet[] = disclosureSets(recognition.tables),
): Finding[] {
  const out: Finding[] = [];
  const tables = recognition.tables;
  for (const s of sets) {
    const tableSet = detectTableSet(s.tables);
    const required = tableSet.required;
    const missing = required.filter((r) => !s.tables.some((t) => t.kind === r.kind));
    if ((required.length - missing.length) * 2 <= required.length) continue;
    const where = sets.length > 1 ? `${setName(s, sets)}：` : '';
    for (const { kind: k, label } of missing) {
      out.push({
        rule: 'completeness.missing_table',
        severity: checkSeverity('completeness.missing_table'),
        message: `${where}未找到${KIND_TITLES[k]}（${tableSet.name}${label}）：部门决算公开应包含此表；如已有此表但未识别，请检查表标题`,
        cells: [],
        expected: null,
        actual: null,
        table: null,
      });
    }
  }
  for (const t of tables) {
    const note = EMPTY_NOTE[t.kind];
    if (!note || !isEmptyTable(t)) continue;
    // The sentence sits under the table, or in a merged line inside its body.
    if (t.notes.some((n) => note.test(n)) || t.rows.some((r) => note.test(r.name))) continue;
    const what = t.kind === 'gov_fund' ? '政府性基金预算财政拨款' : '国有资本经营预算财政拨款';
    out.push({
      rule: 'completeness.empty_note',
      severity: checkSeverity('completeness.empty_note'),
      message: `${names.get(t)}没有数据，表下应说明“本部门无${what}收入、支出”（空表须注明）`,
      cells: [qualifiedAddress(t.sheet, t.anchor.row, t.anchor.col)],
      expected: null,
      actual: null,
      table: t.id,
    });
  }
  return out;
}
