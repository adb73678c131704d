/** The `template` command's lines of the usage text (shared by `juesuan --help` and `juesuan template`'s errors). */
export const TEMPLATE_USAGE = `  juesuan template --set jiangxi|yunnan|shanghai [--tables 01,03,...] [--year 2024] [--unit 万元|元] [--org 单位名称]
                   [--into 已有.xlsx | --from 已填.xlsx] -o 输出.xlsx
      生成空白的标准公开表（按所选地区的公开格式：标题、公开表号、编制单位/年度/单位行、表头、栏次行次、
      固定行、表下注释、数字格式、打印设置），合计、小计和表间引用均为公式。--tables 按表号或表类型选表
      （默认整套）；--into 把模板插入已有工作簿的副本（已有同类表的不再插入，原文件不变）；--from 按已填
      工作簿中识别到的表重建（科目行和明细数字照填，合计、小计改为公式，编制单位/年度/单位默认取自该文件）。
`;
