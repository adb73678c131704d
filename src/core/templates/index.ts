/**
 * The template builder: blank standard 公开 tables, in the published layout of a set, whose totals are live
 * formulas derived from the validator's identities (formulas.ts). Pure: a list of sheet descriptions that an
 * adapter writes (the .xlsx writer's `addTemplateSheet`, office.js).
 */
import Decimal from 'decimal.js';
import type { TableKind } from '../model';
import { specById } from '../specs';
import type { Draft } from './draft';
import { FormulaPlan, cellId, type CellAt } from './formulas';
import { evaluate, formulaText, type Value } from './render';
import { TEMPLATE_SETS, type SetTable } from './sets';
import type { TemplateCell, TemplateOptions, TemplateSheet } from './types';

export type {
  TemplateSheet,
  TemplateCell,
  TemplateOptions,
  TemplateSetId,
  TemplateUnit,
  CellLook,
  LookName,
  CodeLine,
  PrintSetup,
} from './types';
export { TEMPLATE_SETS } from './sets';
export { TEMPLATE_LOOKS } from './looks';
export { templatePlan, TEMPLATE_TAG, type TemplateInsert } from './plan';
export { templateInputsOf, type TemplateInputs } from './from-tables';

/** Figures to put in the input cells, by table kind, then `rowKey|colKey` (a coded row's key is its code). */
export type TemplateValues = Partial<Record<TableKind, Record<string, number | string>>>;

/** The tables of a set that `wanted` names (numbers, kinds or spec ids); all of them without a list. Throws on an unknown name. */
export function selectTables(set: TemplateOptions['set'], wanted?: string[]): SetTable[] {
  const all = TEMPLATE_SETS[set].tables;
  if (!wanted || wanted.length === 0) return all;
  return wanted.map((w) => {
    const name = w.trim();
    const hit = all.find(
      (t) => (t.no !== null && /^\d+$/.test(name) && Number(t.no) === Number(name)) || t.specId === name || t.specId.split('/')[0] === name,
    );
    if (!hit)
      throw new Error(`${TEMPLATE_SETS[set].name}没有表“${name}”（可用：${all.map((t) => t.no ?? t.specId.split('/')[0]).join('、')}）`);
    return hit;
  });
}

function sheetNameOf(set: TemplateOptions['set'], t: SetTable, title: string): string {
  if (t.no === null) return title;
  return set === 'shanghai' ? `${t.no}${title}`.slice(0, 31) : `公开${t.no}表`;
}

/** The title the layout printed in its first cell (a variant's own: 上海 表9 is the 收入支出 form). */
function printedTitle(d: Draft): string {
  return String(d.at(0, 0)?.value ?? '');
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted.slice(0, 26)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export function buildTemplates(options: TemplateOptions, values: TemplateValues = {}): TemplateSheet[] {
  const chosen = selectTables(options.set, options.tables);
  const taken = new Set((options.existingSheets ?? []).map((s) => s.toLowerCase()));
  const drafts: { table: SetTable; draft: Draft; name: string }[] = chosen.map((table) => {
    const kind = specById(table.specId)!.kind;
    const label = options.set === 'shanghai' || table.no === null ? null : `公开${table.no}表`;
    const draft = table.layout({
      set: options.set,
      year: options.year,
      unit: options.unit,
      org: options.org,
      label,
      codeLines: options.codeLines?.[kind] ?? [],
      blankRows: options.blankRows ?? 1,
    });
    return { table, draft, name: uniqueName(sheetNameOf(options.set, table, printedTitle(draft)), taken) };
  });
  const plan = new FormulaPlan(drafts.map((d) => d.draft.map));
  plan.deriveAll();
  placeValues(drafts, plan, values);
  const input = (c: CellAt): Value => {
    const v = drafts[c.t].draft.at(c.row, c.col)?.value;
    return typeof v === 'number' ? new Decimal(v) : typeof v === 'string' ? v : null;
  };
  const results = evaluate(plan.defs, input);
  const names = drafts.map((d) => d.name);
  for (const [id, def] of plan.defs) {
    const [t, row, col] = id.split(':').map(Number);
    const cell = drafts[t].draft.at(row, col);
    if (!cell) continue;
    const v = results.get(id);
    cell.formula = formulaText(def, t, names);
    cell.value = v instanceof Decimal ? v.toNumber() : (v ?? '');
  }
  return drafts.map(({ table, draft, name }) => toSheet(table, draft, name));
}

/** The given figures into the input cells (cells a formula defines are left to it). */
function placeValues(drafts: { draft: Draft }[], plan: FormulaPlan, values: TemplateValues): void {
  drafts.forEach(({ draft }, t) => {
    const given = values[draft.map.kind];
    if (!given) return;
    for (const [key, v] of Object.entries(given)) {
      const [rowKey, colKey] = key.split('|');
      const row = draft.map.rows.find((r) => r.key === rowKey);
      const at = row ? plan.cellOf(t, row, colKey) : null;
      if (!at || typeof at !== 'object' || plan.defs.has(cellId(at))) continue;
      const cell = draft.at(at.row, at.col);
      if (cell) cell.value = v;
    }
  });
}

function toSheet(table: SetTable, d: Draft, name: string): TemplateSheet {
  const spec = specById(table.specId)!;
  const cells: TemplateCell[] = d.cellsInOrder();
  const headerRows = cells.filter((c) => c.look === 'header').map((c) => c.row);
  const width = d.widths.reduce((a, b) => a + b, 0);
  const form = spec.layout === 'form';
  return {
    name,
    kind: spec.kind,
    specId: spec.id,
    title: printedTitle(d),
    cells,
    merges: d.merges,
    widths: d.widths,
    heights: d.heights,
    print: {
      landscape: width > 100,
      fitWidth: true,
      titleRows: { from: 0, to: form || headerRows.length === 0 ? 2 : Math.max(...headerRows) },
    },
  };
}
export { updateFormulasPlan, FORMULAS_TAG, type FormulaUpdate } from './update';
