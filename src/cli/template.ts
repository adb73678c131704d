/**
 * `juesuan template --set SET [--tables LIST] [--year Y] [--unit 万元|元] [--org NAME] [--into FILE.xlsx | --from FILE.xlsx]
 * -o OUT.xlsx`: blank standard tables (src/core/templates) written into a new workbook, or into a copy of an existing
 * one (tables of a kind it already holds are left out and reported; the original is never changed); with `--from`,
 * the tables of another workbook laid out again with their rows and figures, every total a formula.
 * Exit codes: 0 written, 2 not written (command line, file).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from '../adapters/xlsx/read';
import { applyPlanToPackage } from '../adapters/xlsx/write/apply';
import { blankWorkbook, PLACEHOLDER } from '../adapters/xlsx/write/blank';
import { removeSheet } from '../adapters/xlsx/write/book';
import { recognise } from '../core/recognise';
import {
  TEMPLATE_SETS,
  templateInputsOf,
  templatePlan,
  type TemplateOptions,
  type TemplateSetId,
  type TemplateUnit,
  type TemplateValues,
} from '../core/templates';
import { TEMPLATE_USAGE } from './template-usage';

export interface TemplateArgs {
  options: TemplateOptions;
  into: string | null;
  /** `--from FILE`: the tables of FILE rebuilt (their rows and figures), totals as formulas. */
  from: string | null;
  /** Options the command line set (the others come from `--from`'s tables when given). */
  given: { year: boolean; unit: boolean; org: boolean };
  output: string;
}

const SETS = Object.keys(TEMPLATE_SETS) as TemplateSetId[];

export function parseTemplateArgs(argv: readonly string[], thisYear = new Date().getFullYear()): TemplateArgs | { error: string } {
  let set: TemplateSetId | null = null;
  let tables: string[] | undefined;
  let year = thisYear - 1;
  let unit: TemplateUnit = '万元';
  let org = '';
  let into: string | null = null;
  let from: string | null = null;
  const given = { year: false, unit: false, org: false };
  let output: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => (eq > 0 ? arg.slice(eq + 1) : (argv[++i] ?? ''));
    switch (name) {
      case '--set': {
        const v = value();
        if (!(SETS as string[]).includes(v)) return { error: `--set 须为 ${SETS.join('、')} 之一` };
        set = v as TemplateSetId;
        break;
      }
      case '--tables':
        tables = value()
          .split(/[,，、\s]+/)
          .filter(Boolean);
        break;
      case '--year': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 2000 || v > 2100) return { error: '--year 须为四位年份，如 2024' };
        year = v;
        given.year = true;
        break;
      }
      case '--unit': {
        const v = value();
        if (v !== '万元' && v !== '元') return { error: '--unit 须为 万元 或 元' };
        unit = v;
        given.unit = true;
        break;
      }
      case '--org':
        org = value();
        given.org = true;
        break;
      case '--from':
        from = value();
        break;
      case '--into':
        into = value();
        break;
      case '-o':
      case '--output':
        output = value();
        break;
      default:
        return { error: `无法识别的参数：${arg}` };
    }
  }
  if (set === null) return { error: '请用 --set 指定地区格式（jiangxi、yunnan 或 shanghai）' };
  if (!output) return { error: '请用 -o 指定输出文件' };
  for (const source of [into, from]) {
    if (source !== null && path.resolve(source) === path.resolve(output)) return { error: '输出文件不能是原文件（原文件不会被改动）' };
  }
  if (into !== null && from !== null) return { error: '--into 与 --from 不能同时使用' };
  return { options: { set, tables, year, unit, org: org || 'XX单位' }, into, from, given, output };
}

/** `--from`: the file's tables as inputs, and its 编制单位/年度/单位 where the command line left them out. */
async function sourceOf(args: TemplateArgs): Promise<{ options: Partial<TemplateOptions>; values: TemplateValues }> {
  const file = args.from!;
  const tables = recognise(snapshotOf(openWorkbook(await fs.readFile(file), path.basename(file)))).tables;
  if (tables.length === 0) throw new Error(`${file} 中没有识别到公开表`);
  const { values, codeLines } = templateInputsOf(tables);
  const options: Partial<TemplateOptions> = { codeLines };
  const first = <T>(pick: (t: (typeof tables)[number]) => T | null) => tables.map(pick).find((v) => v !== null && v !== undefined);
  if (!args.given.org) options.org = first((t) => t.org) ?? args.options.org;
  if (!args.given.year) options.year = first((t) => t.year) ?? args.options.year;
  if (!args.given.unit) options.unit = first((t) => t.unit) ?? args.options.unit;
  return { options, values };
}

export async function runTemplate(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const args = parseTemplateArgs(argv);
  if ('error' in args) {
    err.write(`juesuan template：${args.error}\n\n用法：\n${TEMPLATE_USAGE}`);
    return 2;
  }
  let opened: OpenedWorkbook;
  try {
    opened = args.into ? openWorkbook(await fs.readFile(args.into), path.basename(args.into)) : openWorkbook(blankWorkbook(), 'new.xlsx');
  } catch (e) {
    err.write(`juesuan template：无法读取 ${args.into}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let result;
  try {
    const recognition = args.into ? recognise(snapshotOf(opened)) : undefined;
    const existingSheets = opened.book.sheets.map((s) => s.name);
    const source = args.from ? await sourceOf(args) : null;
    const options = { ...args.options, ...source?.options, existingSheets };
    result = templatePlan(options, recognition, source?.values);
  } catch (e) {
    err.write(`juesuan template：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  for (const line of result.skipped) err.write(`${line}\n`);
  if (result.sheets.length > 0) applyPlanToPackage(opened, result.plan);
  if (!args.into) opened.book = removeSheet(opened.pkg, opened.book, PLACEHOLDER);
  try {
    const tmp = `${args.output}.tmp-${process.pid}`;
    await fs.writeFile(tmp, opened.pkg.toBytes());
    await fs.rename(tmp, args.output);
  } catch (e) {
    err.write(`juesuan template：无法写入 ${args.output}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  out.write(`已写入 ${args.output}：${result.sheets.length} 张表（${result.sheets.map((s) => s.name).join('、') || '无'}）\n`);
  return 0;
}
