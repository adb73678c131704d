/**
 * The function 类 printed, one line each, on the expense side of the two 总表 (收入支出决算总表, 财政拨款收入支出决算总表),
 * by year. Source: seeds 000 and 001 (2022: 26 lines, 一、一般公共服务支出 … 二十六、抗疫特别国债安排的支出; the 2023
 * templates print the same list) and the 上海 2024 template (24 lines: 债务还本支出 and 债务付息支出 are gone).
 * Years before the first list use the first; years after the last use the last (docs/DOMAIN.md §3.4).
 */
export interface SummaryClassList {
  /** First year the list is printed for. */
  from: number;
  codes: readonly string[];
}

const BASE = ['201', '202', '203', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214'];
const MIDDLE = ['215', '216', '217', '219', '220', '221', '222', '223', '224', '229'];

export const SUMMARY_CLASS_LISTS: readonly SummaryClassList[] = [
  { from: 2022, codes: [...BASE, ...MIDDLE, '231', '232', '234'] },
  { from: 2024, codes: [...BASE, ...MIDDLE, '234'] },
];

/** The 类 codes printed on the 总表 expense side in `year`'s disclosure, in order. */
export function summaryClassCodes(year: number): readonly string[] {
  let list = SUMMARY_CLASS_LISTS[0];
  for (const l of SUMMARY_CLASS_LISTS) if (year >= l.from) list = l;
  return list.codes;
}
