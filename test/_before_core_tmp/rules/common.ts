/** Rule patterns shared by several table kinds, written once. */
import type { TableKind } from '../model';
import type { SumRule } from './types';

/**
 * 类/款/项 hierarchy of a function-classified table, for every amount column:
 * 合计 ← all 类 rows; each 类 ← its 款; each 款 ← its 项 (children found by code prefix).
 */
export function functionHierarchy(kind: TableKind): SumRule[] {
  return [
    {
      type: 'sum',
      id: `${kind}.hierarchy.total`,
      kind,
      description: '每一金额列：“合计”行 = 各类级科目（3 位编码）之和',
      cols: 'amount',
      total: { row: 'total' },
      parts: [{ row: { level: 'class' } }],
    },
    {
      type: 'sum',
      id: `${kind}.hierarchy.class`,
      kind,
      description: '每一金额列：每个类级科目 = 其下各款级科目（5 位编码，以类编码开头）之和',
      rows: { levels: ['class'] },
      cols: 'amount',
      total: {},
      parts: [{ row: { children: true } }],
    },
    {
      type: 'sum',
      id: `${kind}.hierarchy.section`,
      kind,
      description: '每一金额列：每个款级科目 = 其下各项级科目（7 位编码，以款编码开头）之和',
      rows: { levels: ['section'] },
      cols: 'amount',
      total: {},
      parts: [{ row: { children: true } }],
    },
  ];
}

/** Economic classification (基本支出表, 云南 项目支出表): each 类 ← its 款; 人员经费合计 / 公用经费合计 ← their 类. */
export function economicRules(kind: TableKind): SumRule[] {
  return [
    {
      type: 'sum',
      id: `${kind}.hierarchy.class`,
      kind,
      description: '每个经济分类类级科目（301、302 …）= 其下各款级科目（5 位编码，以类编码开头）之和',
      rows: { levels: ['class'] },
      cols: ['amount'],
      total: {},
      parts: [{ row: { children: true } }],
    },
    {
      type: 'sum',
      id: `${kind}.personnel_total`,
      kind,
      description: '人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助',
      cols: ['amount'],
      total: { row: 'personnel.total' },
      parts: [{ row: { keys: ['301', '303'] } }],
    },
    {
      type: 'sum',
      id: `${kind}.public_total`,
      kind,
      description:
        '公用经费合计 = 302 商品和服务支出 + 307 债务利息及费用支出 + 309 资本性支出（基本建设）+ 310 资本性支出 + 311 对企业补助（基本建设）+ 312 对企业补助 + 313 对社会保障基金补助 + 399 其他支出（列出的各类）',
      cols: ['amount'],
      total: { row: 'public.total' },
      parts: [{ row: { keys: ['302', '307', '309', '310', '311', '312', '313', '399'] } }],
    },
  ];
}
