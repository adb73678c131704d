/**
 * 支出功能分类 — the 类 (class) level, and the function codes seen in the seeds and templates.
 *
 * Source: 《2023年政府收支分类科目》(财政部), 支出功能分类科目 类级; the order and names printed on the
 * expense side of 收入支出决算总表 in seeds 000 (江西 2022), 001 (云南 2022) and the 上海 2024 template
 * (which drops 债务还本支出 / 债务付息支出 from the summary list). No complete official 款/项 list can be
 * had offline (docs/DOMAIN.md §4.3): `KNOWN_FUNCTION_CODES` lists only the codes seen in the seeds/template.
 */

export interface ClassificationEntry {
  code: string;
  name: string;
  /** Other printed names of the same code (older names, publisher variants). */
  aliases: string[];
}

export const FUNCTION_CLASSES: readonly ClassificationEntry[] = [
  { code: '201', name: '一般公共服务支出', aliases: [] },
  { code: '202', name: '外交支出', aliases: [] },
  { code: '203', name: '国防支出', aliases: [] },
  { code: '204', name: '公共安全支出', aliases: [] },
  { code: '205', name: '教育支出', aliases: [] },
  { code: '206', name: '科学技术支出', aliases: [] },
  { code: '207', name: '文化旅游体育与传媒支出', aliases: ['文化体育与传媒支出'] },
  { code: '208', name: '社会保障和就业支出', aliases: [] },
  { code: '209', name: '社会保险基金支出', aliases: [] },
  { code: '210', name: '卫生健康支出', aliases: ['医疗卫生与计划生育支出'] },
  { code: '211', name: '节能环保支出', aliases: [] },
  { code: '212', name: '城乡社区支出', aliases: [] },
  { code: '213', name: '农林水支出', aliases: [] },
  { code: '214', name: '交通运输支出', aliases: [] },
  { code: '215', name: '资源勘探工业信息等支出', aliases: ['资源勘探信息等支出'] },
  { code: '216', name: '商业服务业等支出', aliases: [] },
  { code: '217', name: '金融支出', aliases: [] },
  { code: '219', name: '援助其他地区支出', aliases: [] },
  { code: '220', name: '自然资源海洋气象等支出', aliases: ['国土海洋气象等支出'] },
  { code: '221', name: '住房保障支出', aliases: [] },
  { code: '222', name: '粮油物资储备支出', aliases: [] },
  { code: '223', name: '国有资本经营预算支出', aliases: [] },
  { code: '224', name: '灾害防治及应急管理支出', aliases: [] },
  { code: '227', name: '预备费', aliases: [] },
  { code: '229', name: '其他支出', aliases: [] },
  { code: '230', name: '转移性支出', aliases: [] },
  { code: '231', name: '债务还本支出', aliases: [] },
  { code: '232', name: '债务付息支出', aliases: [] },
  { code: '233', name: '债务发行费用支出', aliases: [] },
  { code: '234', name: '抗疫特别国债安排的支出', aliases: [] },
];

/** Every function code printed in seeds 000, 001 and the 上海 2024 template, with its name as printed there. */
export const KNOWN_FUNCTION_CODES: readonly { code: string; name: string }[] = [
  ...FUNCTION_CLASSES.map((c) => ({ code: c.code, name: c.name })),
  { code: '20136', name: '其他共产党事务支出' },
  { code: '2013699', name: '其他共产党事务支出' },
  { code: '20502', name: '普通教育' },
  { code: '2050205', name: '高等教育' },
  { code: '20799', name: '其他文化旅游体育与传媒支出' },
  { code: '20801', name: '人力资源和社会保障管理事务' },
  { code: '2080109', name: '社会保险经办机构' },
  { code: '20805', name: '行政事业单位养老支出' },
  { code: '2080501', name: '行政单位离退休' },
  { code: '2080505', name: '机关事业单位基本养老保险缴费支出' },
  { code: '2080506', name: '机关事业单位职业年金缴费支出' },
  { code: '21011', name: '行政事业单位医疗' },
  { code: '2101101', name: '行政单位医疗' },
  { code: '2101103', name: '公务员医疗补助' },
  { code: '21015', name: '医疗保障管理事务' },
  { code: '2101501', name: '行政运行' },
  { code: '2101504', name: '信息化建设' },
  { code: '2101505', name: '医疗保障政策管理' },
  { code: '2101506', name: '医疗保障经办事务' },
  { code: '2101550', name: '事业运行' },
  { code: '22102', name: '住房改革支出' },
  { code: '2210201', name: '住房公积金' },
];
