/**
 * Checks that are not sums between cells: codes, completeness, cell contents. Evaluated by
 * src/core/validate/checks.ts; listed here so the rule list a domain expert reads is complete.
 */
import { TABLE_SETS } from '../specs/sets';
import type { CheckRule } from './types';

export const checkRules: CheckRule[] = [
  {
    type: 'check',
    id: 'cell.text',
    kind: '*',
    severity: 'error',
    description: '金额、数量或分值单元格中是文字（不是数字，也不是空白或“—”）',
  },
  { type: 'check', id: 'cell.error', kind: '*', severity: 'error', description: '单元格是 Excel 错误值（#REF!、#VALUE! 等）' },
  {
    type: 'check',
    id: 'amount.negative',
    kind: '*',
    severity: 'warning',
    description: '金额为负数（结余分配除外，决算公开表的金额不应为负）',
  },
  {
    type: 'check',
    id: 'amount.count_not_integer',
    kind: '*',
    severity: 'error',
    description: '数量行/列（辆、个、人次、批次、台套）出现小数；万元表中常因单位换算误把数量除以 10000',
  },
  {
    type: 'check',
    id: 'unit.mismatch',
    kind: '*',
    severity: 'error',
    description:
      '表间金额单位不一致：一张表的数字约为同一套表中其他表同一数字的 10000 倍（或万分之一），如元表粘贴进万元表；报一条，代替由此产生的逐条表间不一致',
  },
  {
    type: 'check',
    id: 'code.malformed',
    kind: '*',
    severity: 'error',
    description: '科目编码格式错误：应为 3、5 或 7 位数字（如多一位数字、混入字母 O）',
  },
  {
    type: 'check',
    id: 'code.parent',
    kind: '*',
    severity: 'error',
    description: '科目挂错上级：款/项编码的前缀与其上方的类/款行不符（如 309 块中的 20921，应为 30921）',
  },
  {
    type: 'check',
    id: 'coverage.unchecked',
    kind: '*',
    severity: 'warning',
    description:
      '表中有金额没有参与任何核对（本表上没有一项核对运行，或行、栏目未能识别：无编码、行名不在表式中、编码不完整、表头不在表式中、没有规则核对该栏），逐个列出并说明原因',
  },
  {
    type: 'check',
    id: 'coverage.unchecked_other',
    kind: '*',
    severity: 'info',
    description: '表中有金额没有参与任何核对，原因只是对应的表不在本套表中、同行或同栏有文字或错误值（已另报），或原因不明',
  },
  { type: 'check', id: 'code.duplicate', kind: '*', severity: 'error', description: '同一张表中同一科目编码出现两次' },
  { type: 'check', id: 'code.order', kind: '*', severity: 'warning', description: '科目未按编码顺序排列' },
  {
    type: 'check',
    id: 'code.name_mismatch',
    kind: '*',
    severity: 'warning',
    description: '同一科目编码在工作簿不同表中名称不同（已知的同义写法如 生活补助/生活补贴、缴费/缴款 不报告）',
  },
  {
    type: 'check',
    id: 'code.unknown_economic',
    kind: '*',
    severity: 'warning',
    description: '经济分类科目编码不在经济分类科目表中（经济分类表完整列出于基本支出表格式）',
  },
  {
    type: 'check',
    id: 'code.unknown_function',
    kind: '*',
    severity: 'warning',
    // 款/项: the built-in list holds only the codes of the published samples (docs/DOMAIN.md §4.3).
    byLevel: { function: { section: 'info', item: 'info' } },
    description:
      '功能分类科目编码不在已知科目中：类级编码不在类级科目表中为警告；款、项编码离线只有已公开样本中的部分科目，每张表汇总为一条提示（列出前 10 个）',
  },
  {
    type: 'check',
    id: 'code.name_differs',
    kind: '*',
    severity: 'warning',
    // Function 款/项 names are known only from the seeds and templates, and change from year to year.
    byLevel: { function: { section: 'info', item: 'info' } },
    description:
      '科目名称与分类科目表中该编码的名称不符（同义写法除外）：经济分类和功能分类类级科目为警告；功能分类款、项只有部分已知名称（离线），仅作提示',
  },
  {
    type: 'check',
    id: 'completeness.missing_table',
    kind: '*',
    severity: 'warning',
    description: `公开表缺失（按识别到的表判断表式）：${TABLE_SETS.map((s) => `${s.name}应有${s.required.map((r) => r.label).join('、')}`).join('；')}`,
  },
  {
    type: 'check',
    id: 'completeness.empty_note',
    kind: '*',
    severity: 'warning',
    description: '政府性基金、国有资本经营预算表为空时，表下应有“本部门无……收入、支出”的说明',
  },
];
