/**
 * The table sets (表式) of the regions: which tables a disclosure of that set must contain, with the number each
 * carries there (docs/DOMAIN.md §2). Which set a disclosure follows is told from its tables: a table recognised by
 * a spec that declares `set` belongs to that set alone (云南 05/07/10/11表, the 上海 horizontal “三公” 表); a
 * disclosure with none of them follows the fallback set. A new regional set is one entry here and the `set` of
 * the specs only it prints.
 */
import type { TableKind } from '../model';

export interface TableSetSpec {
  /** What specs name in their `set`. */
  id: string;
  /** How messages name it. */
  name: string;
  /** The tables a whole disclosure of this set contains, with their number in it. */
  required: { kind: TableKind; label: string }[];
  /** The set of a disclosure none of whose tables tells another; exactly one set is. */
  fallback?: boolean;
}

const required = (rows: [TableKind, string][]) => rows.map(([kind, label]) => ({ kind, label }));

/** In the order they are told apart: a disclosure holding tables of two sets follows the first. */
export const TABLE_SETS: readonly TableSetSpec[] = [
  {
    id: 'yunnan',
    name: '云南表式',
    // its 政府性基金 / 国有资本 tables are not printed by the seed, so not required
    required: required([
      ['income_expense_summary', '公开01表'],
      ['income', '公开02表'],
      ['expense', '公开03表'],
      ['fiscal_summary', '公开04表'],
      ['gpb_income_expense', '公开05表'],
      ['gpb_basic', '公开06表'],
      ['gpb_project_economic', '公开07表'],
      ['three_public_admin', '公开10表'],
      ['asset_usage', '公开11表'],
    ]),
  },
  {
    id: 'shanghai',
    name: '上海表式',
    required: required([
      ['income_expense_summary', '表1'],
      ['income', '表2'],
      ['expense', '表3'],
      ['fiscal_summary', '表4'],
      ['gpb_expense', '表5'],
      ['gpb_basic', '表6'],
      ['three_public', '表7'],
      ['gov_fund', '表8'],
      ['state_capital', '表9'],
    ]),
  },
  {
    id: 'national',
    name: '全国/江西表式',
    fallback: true,
    // 10 国有资产占用情况表 is not published in every province: not required
    required: required([
      ['income_expense_summary', '公开01表'],
      ['income', '公开02表'],
      ['expense', '公开03表'],
      ['fiscal_summary', '公开04表'],
      ['gpb_expense', '公开05表'],
      ['gpb_basic', '公开06表'],
      ['gov_fund', '公开07表'],
      ['state_capital', '公开08表'],
      ['three_public', '公开09表'],
    ]),
  },
];
