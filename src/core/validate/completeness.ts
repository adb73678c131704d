/**
 * Completeness: the tables a disclosure must contain, and the 无…收支 sentence under empty fund tables.
 *
 * The table set is told from what was recognised: any 云南-only table (收入支出决算表 05 with 结转结余 columns,
 * 项目支出决算表 by economic class, 10表, 11表) → 云南; a horizontal “三公” 表 → 上海; otherwise 全国/江西.
 * Required: 全国/江西 01–09 (10 国有资产占用情况表 is not required everywhere: optional); 云南 01–07, 10, 11
 * (its 政府性基金/国有资本 tables are not printed by the seed and not required); 上海 1–9.
 * Checked per disclosure set (sets.ts), and only when the set looks like a whole disclosure: more than half
 * of its required tables recognised. A workbook holding the tables being worked on (01–03 only, one table,
 * 绩效自评表 alone) is not judged incomplete; a set missing one or a few tables is.
 */
import type { Finding, Recognition, RecognisedTable, TableKind } from '../model';
import { KIND_TITLES } from '../labels';
import { qualifiedAddress } from '../snapshot';
import { isEmptyTable } from './checks';
import { disclosureSets, setName, type DisclosureSet } from './sets';

export type TableSet = 'national' | 'yunnan' | 'shanghai';

/** Required tables per set, with the number they carry in that set. */
export const REQUIRED_TABLES: Record<TableSet, [TableKind, string][]> = {
  national: [
    ['income_expense_summary', '公开01表'],
    ['income', '公开02表'],
    ['expense', '公开03表'],
    ['fiscal_summary', '公开04表'],
    ['gpb_expense', '公开05表'],
    ['gpb_basic', '公开06表'],
    ['gov_fund', '公开07表'],
    ['state_capital', '公开08表'],
    ['three_public', '公开09表'],
  ],
  yunnan: [
    ['income_expense_summary', '公开01表'],
    ['income', '公开02表'],
    ['expense', '公开03表'],
    ['fiscal_summary', '公开04表'],
    ['gpb_income_expense', '公开05表'],
    ['gpb_basic', '公开06表'],
    ['gpb_project_economic', '公开07表'],
    ['three_public_admin', '公开10表'],
    ['asset_usage', '公开11表'],
  ],
  shanghai: [
    ['income_expense_summary', '表1'],
    ['income', '表2'],
    ['expense', '表3'],
    ['fiscal_summary', '表4'],
    ['gpb_expense', '表5'],
    ['gpb_basic', '表6'],
    ['three_public', '表7'],
    ['gov_fund', '表8'],
    ['state_capital', '表9'],
  ],
};

const YUNNAN_KINDS: readonly TableKind[] = ['gpb_income_expense', 'gpb_project_economic', 'three_public_admin', 'asset_usage'];
const SET_NAMES: Record<TableSet, string> = { national: '全国/江西表式', yunnan: '云南表式', shanghai: '上海表式' };

export function detectTableSet(tables: readonly RecognisedTable[]): TableSet {
  if (tables.some((t) => YUNNAN_KINDS.includes(t.kind) || /yunnan/.test(t.specId))) return 'yunnan';
  if (tables.some((t) => /shanghai/.test(t.specId))) return 'shanghai';
  return 'national';
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
    const kind = detectTableSet(s.tables);
    const required = REQUIRED_TABLES[kind];
    const missing = required.filter(([k]) => !s.tables.some((t) => t.kind === k));
    if ((required.length - missing.length) * 2 <= required.length) continue;
    const where = sets.length > 1 ? `${setName(s, sets)}：` : '';
    for (const [k, label] of missing) {
      out.push({
        rule: 'completeness.missing_table',
        severity: 'warning',
        message: `${where}未找到${KIND_TITLES[k]}（${SET_NAMES[kind]}${label}）：部门决算公开应包含此表；如已有此表但未识别，请检查表标题`,
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
      severity: 'warning',
      message: `${names.get(t)}没有数据，表下应说明“本部门无${what}收入、支出”（空表须注明）`,
      cells: [qualifiedAddress(t.sheet, t.anchor.row, t.anchor.col)],
      expected: null,
      actual: null,
      table: t.id,
    });
  }
  return out;
}
