/**
 * The figures of recognised tables as template inputs: each table's coded rows (to print) and every value by
 * `rowKey|colKey`, so that `buildTemplates` lays the same tables out again with their totals as formulas (the
 * CLI's `template --from`: a workbook typed in by hand, rebuilt live). The 绩效自评表 give their indicator names.
 * The last table of a kind wins.
 */
import Decimal from 'decimal.js';
import type { RecognisedTable, TableKind } from '../model';
import type { TemplateValues } from './index';
import type { CodeLine } from './types';

export interface TemplateInputs {
  values: TemplateValues;
  codeLines: Partial<Record<TableKind, CodeLine[]>>;
}

/** Economic tables print every code themselves: their rows are not given again. */
const FIXED_CODES: readonly TableKind[] = ['gpb_basic', 'gpb_project_economic'];

export function templateInputsOf(tables: readonly RecognisedTable[]): TemplateInputs {
  const values: TemplateValues = {};
  const codeLines: Partial<Record<TableKind, CodeLine[]>> = {};
  for (const t of tables) {
    const v: Record<string, number | string> = {};
    const lines: CodeLine[] = [];
    for (const row of t.rows) {
      if (row.code && !FIXED_CODES.includes(t.kind)) lines.push({ code: row.code, name: row.name });
      if (row.key.startsWith('indicator.')) lines.push({ code: '', name: row.name });
      for (const [col, a] of Object.entries(row.values)) if (a.value instanceof Decimal) v[`${row.key}|${col}`] = a.value.toNumber();
    }
    values[t.kind] = v;
    codeLines[t.kind] = lines;
  }
  return { values, codeLines };
}
