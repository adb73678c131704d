/**
 * Inserting templates into a workbook: the write plan (one `addTemplateSheet` per table, all under one tag, so
 * that one 撤销 removes them), with the tables of a kind the workbook already holds left out and reported.
 */
import type { Recognition, TableKind, WritePlan } from '../model';
import { buildTemplates, selectTables, type TemplateValues } from './index';
import { specById } from '../specs';
import type { TemplateOptions, TemplateSheet } from './types';

export const TEMPLATE_TAG = 'template';

export interface TemplateInsert {
  plan: WritePlan;
  sheets: TemplateSheet[];
  /** Tables not inserted because the workbook already holds one of that kind (Chinese, one line each). */
  skipped: string[];
}

export function templatePlan(options: TemplateOptions, recognition?: Recognition, values?: TemplateValues): TemplateInsert {
  const present = new Map<TableKind, string>();
  for (const t of recognition?.tables ?? []) if (!present.has(t.kind)) present.set(t.kind, t.sheet);
  const skipped: string[] = [];
  const wanted = selectTables(options.set, options.tables).filter((t) => {
    const spec = specById(t.specId)!;
    const sheet = present.get(spec.kind);
    if (sheet !== undefined) skipped.push(`工作表“${sheet}”已有${spec.title}，未再插入`);
    return sheet === undefined;
  });
  const tables = wanted.map((t) => t.no ?? t.specId);
  const sheets = tables.length === 0 ? [] : buildTemplates({ ...options, tables }, values);
  const plan: WritePlan = {
    title: `插入标准表模板（${sheets.length} 张）`,
    ops: sheets.map((sheet) => ({ op: 'addTemplateSheet', sheet, tag: TEMPLATE_TAG })),
  };
  return { plan, sheets, skipped };
}
