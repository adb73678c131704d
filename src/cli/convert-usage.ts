/** The `convert` command's lines of the usage text (shared by `juesuan --help` and `juesuan convert`'s errors). */
export const CONVERT_USAGE = `  juesuan convert 文件.xlsx --to 万元|元 [--rounding controlled|plain] [--adjust fewest|largest|last] -o 输出.xlsx [--json]
      金额单位换算（元 ↔ 万元），写出换算后的副本，原文件不变。默认受控舍入：各表合计、类/款/项层级和
      表间勾稽关系换算后仍严格相等，尾差调整到明细；调整过的单元格列在“单位换算说明”表中。
      --rounding plain 逐格四舍五入并列出不再平衡的关系；--adjust largest|last 把尾差放在最大项或最后一项。
      --formulas 连含公式的单元格也改写为数值（默认保留公式，只报告）。
`;
