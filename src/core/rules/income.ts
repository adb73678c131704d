/** 收入决算表（公开02表） — within the table. */
import { functionHierarchy } from './common';
import type { SumRule } from './types';

const kind = 'income' as const;

export const incomeRules: SumRule[] = [
  {
    type: 'sum',
    id: 'income.row',
    kind,
    description: '每一行：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入',
    rows: {},
    cols: ['total'],
    total: {},
    parts: [{ col: 'fiscal' }, { col: 'superior' }, { col: 'business' }, { col: 'operating' }, { col: 'affiliated' }, { col: 'other' }],
  },
  {
    type: 'sum',
    id: 'income.tuition',
    kind,
    description: '每一行：“其中：教育收费”不超过事业收入',
    rows: {},
    cols: ['business'],
    total: {},
    parts: [{ col: 'business.tuition' }],
    relation: 'le',
  },
  ...functionHierarchy(kind),
];
