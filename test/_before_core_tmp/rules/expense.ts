/** 支出决算表（公开03表） — within the table. */
import { functionHierarchy } from './common';
import type { SumRule } from './types';

const kind = 'expense' as const;

export const expenseRules: SumRule[] = [
  {
    type: 'sum',
    id: 'expense.row',
    kind,
    description: '每一行：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出',
    rows: {},
    cols: ['total'],
    total: {},
    parts: [{ col: 'basic' }, { col: 'project' }, { col: 'remit_superior' }, { col: 'operating' }, { col: 'subsidy_affiliated' }],
  },
  ...functionHierarchy(kind),
];
