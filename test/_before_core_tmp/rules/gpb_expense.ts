/** 一般公共预算财政拨款支出决算表（公开05表，上海 5） — within the table. */
import { functionHierarchy } from './common';
import type { SumRule } from './types';

const kind = 'gpb_expense' as const;

export const gpbExpenseRules: SumRule[] = [
  {
    type: 'sum',
    id: 'gpb_expense.row',
    kind,
    description: '每一行：本年支出合计 = 基本支出 + 项目支出',
    rows: {},
    cols: ['total'],
    total: {},
    parts: [{ col: 'basic' }, { col: 'project' }],
  },
  ...functionHierarchy(kind),
];
