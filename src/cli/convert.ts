/**
 * `juesuan convert FILE.xlsx --to 万元|元 [--rounding controlled|plain] [--adjust fewest|largest|last] -o OUT.xlsx [--json]`:
 * the workbook's amounts converted (src/core/convert), the plan patched into the package (every other part kept
 * byte for byte), the original values recorded in the workbook's ledger so that the pane's 撤销换算 undoes it.
 * Exit codes: 0 converted with every identity footing, 1 converted with tails left, 2 not converted (file, unit,
 * command line).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HighsSolver, loadHighs } from '../adapters/solver/highs';
import { applyPlanToPackage } from '../adapters/xlsx/write/apply';
import { openWorkbook, snapshotOf } from '../adapters/xlsx/read';
import { planConversion, type Adjust, type ConvertReport, type Rounding } from '../core/convert';
import type { AmountUnit } from '../core/model';
import { recognise } from '../core/recognise';
import { CONVERT_USAGE } from './convert-usage';

export interface ConvertArgs {
  file: string;
  to: AmountUnit;
  rounding: Rounding;
  adjust: Adjust;
  output: string;
  json: boolean;
  replaceFormulas: boolean;
}

const choice = <T extends string>(v: string | null, allowed: readonly T[]): T | null =>
  v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;

export function parseConvertArgs(argv: readonly string[]): ConvertArgs | { error: string } {
  const got: Partial<ConvertArgs> = { rounding: 'controlled', adjust: 'fewest', json: false, replaceFormulas: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | null => (eq > 0 ? arg.slice(eq + 1) : (argv[++i] ?? null));
    switch (name) {
      case '--to': {
        const v = choice(value(), ['万元', '元'] as const);
        if (v === null) return { error: '--to 需要 万元 或 元' };
        got.to = v;
        break;
      }
      case '--rounding': {
        const v = choice(value(), ['controlled', 'plain'] as const);
        if (v === null) return { error: '--rounding 需要 controlled 或 plain' };
        got.rounding = v;
        break;
      }
      case '--adjust': {
        const v = choice(value(), ['fewest', 'largest', 'last'] as const);
        if (v === null) return { error: '--adjust 需要 fewest、largest 或 last' };
        got.adjust = v;
        break;
      }
      case '-o':
      case '--output': {
        const v = value();
        if (!v) return { error: `${name} 需要输出文件名` };
        got.output = v;
        break;
      }
      case '--json':
        got.json = true;
        break;
      case '--formulas':
        got.replaceFormulas = true;
        break;
      default:
        if (arg.startsWith('-')) return { error: `不认识的选项：${arg}` };
        if (got.file !== undefined) return { error: 'convert 一次只换算一个文件' };
        got.file = arg;
    }
  }
  if (got.file === undefined) return { error: '请给出要换算的 .xlsx 文件' };
  if (got.to === undefined) return { error: '请用 --to 万元 或 --to 元 指定换算后的单位' };
  if (got.output === undefined) return { error: '请用 -o 指定换算后副本的文件名（原文件不变）' };
  if (path.resolve(got.output) === path.resolve(got.file)) return { error: '输出文件不能与原文件相同：原文件保持不变' };
  return got as ConvertArgs;
}

/** The JSON of the issue: `{ file, to, rounding, tables, adjusted, tails }`, plus what was refused and why. */
export function convertJson(file: string, r: ConvertReport, error?: string): Record<string, unknown> {
  return {
    file,
    to: r.to,
    rounding: r.rounding,
    adjust: r.adjust,
    tables: r.tables,
    adjusted: r.adjusted,
    tails: r.tails,
    refused: r.refused,
    formulas: r.formulas,
    notices: r.notices,
    ...(error ? { error } : {}),
  };
}

export function convertText(file: string, out: string, r: ConvertReport): string {
  const lines = [`${file} → ${out}：金额单位 ${r.from} → ${r.to}（${r.rounding === 'controlled' ? '受控舍入' : '逐格四舍五入'}）`];
  for (const t of r.tables) lines.push(`  ${t.name}：${t.cells} 个金额`);
  for (const x of r.refused) lines.push(`  未换算：${x.reason}`);
  if (r.to === '万元') {
    lines.push(r.tails.length === 0 ? '  换算后各勾稽关系均严格相等，无尾差。' : `  仍有 ${r.tails.length} 处尾差：`);
    for (const t of r.tails)
      lines.push(`    ${t.rule}：尾差 ${t.tail} 万元（${t.cells.slice(0, 4).join('、')}${t.cells.length > 4 ? ' 等' : ''}）`);
    if (r.adjusted.length > 0) lines.push(`  为使合计严格相等，${r.adjusted.length} 个单元格未按四舍五入（详见“单位换算说明”表）：`);
    for (const a of r.adjusted) lines.push(`    ${a.cell}：精确值 ${a.exact}，四舍五入 ${a.plain}，公开值 ${a.value}`);
  }
  for (const n of r.notices) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}

export async function runConvert(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const args = parseConvertArgs(argv);
  if ('error' in args) {
    err.write(`juesuan convert：${args.error}\n\n用法：\n${CONVERT_USAGE}`);
    return 2;
  }
  let opened;
  try {
    opened = openWorkbook(await fs.readFile(args.file), path.basename(args.file));
  } catch (e) {
    err.write(`juesuan：无法读取 ${args.file}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const snapshot = snapshotOf(opened, path.basename(args.file));
  const recognition = recognise(snapshot);
  const solver = args.to === '万元' && args.rounding === 'controlled' ? new HighsSolver(await loadHighs()) : null;
  const conversion = await planConversion(
    recognition,
    snapshot,
    { to: args.to, rounding: args.rounding, adjust: args.adjust, replaceFormulas: args.replaceFormulas },
    solver,
  );
  const report = conversion.report;
  if (conversion.plan === null) {
    if (args.json) out.write(JSON.stringify(convertJson(args.file, report, conversion.error), null, 2) + '\n');
    err.write(`juesuan：${conversion.error}\n`);
    return 2;
  }
  const applied = applyPlanToPackage(opened, conversion.plan);
  report.notices.push(...applied.notices);
  try {
    const tmp = `${args.output}.${process.pid}.tmp`;
    await fs.writeFile(tmp, opened.pkg.toBytes());
    await fs.rename(tmp, args.output);
  } catch (e) {
    err.write(`juesuan：无法写入 ${args.output}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  out.write(args.json ? JSON.stringify(convertJson(args.file, report), null, 2) + '\n' : convertText(args.file, args.output, report));
  return report.tails.length > 0 ? 1 : 0;
}
