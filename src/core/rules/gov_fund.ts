/** 政府性基金预算财政拨款收入支出决算表 and 国有资本经营预算财政拨款（收入）支出决算表 — within the table. */
import { functionHierarchy } from './common';
import type { SumRule } from './types';
import type { TableKind } from '../model';

function fundRules(kind: TableKind, label: string): SumRule[] {
  return [
    {
      type: 'sum',
      id: `${kind}.expense_row`,
      kind,
      description: `每一行（${label}）：本年支出 合计 = 基本支出 + 项目支出`,
      rows: {},
      cols: ['expense.total'],
      total: {},
      parts: [{ col: 'expense.basic' }, { col: 'expense.project' }],
    },
    {
      type: 'sum',
      id: `${kind}.carryover`,
      kind,
      description: `每一行（${label}）：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出（收入支出表式）`,
      rows: {},
      cols: ['end'],
      total: {},
      parts: [{ col: 'begin' }, { col: 'income' }, { col: 'expense.total', sign: -1 }],
    },
    ...functionHierarchy(kind),
  ];
}

export const govFundRules: SumRule[] = fundRules('gov_fund', '政府性基金');
export const stateCapitalRules: SumRule[] = fundRules('state_capital', '国有资本经营');
