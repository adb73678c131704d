/** The table kinds a user can pick when correcting recognition: every spec, named in Chinese. */
import type { RecognisedTable } from '../core/model';
import { SPECS } from '../core/specs/index';

/** Dropdown value for “不是公开表” (a spec id never contains a space). */
export const NOT_A_TABLE = '__not a table__';

export interface SpecChoice {
  id: string;
  label: string;
}

const VARIANT: Record<string, string> = {
  national: '',
  jiangxi: '（江西，竖排）',
  yunnan: '（云南）',
  'shanghai-horizontal': '（上海，横排）',
  expense: '（支出表）',
  'income-expense': '（收入支出表）',
};

function label(id: string, title: string): string {
  const variant = id.split('/')[1] ?? '';
  return `${title}${VARIANT[variant] ?? (variant ? `（${variant}）` : '')}`;
}

/** Every spec, plus any spec id a table carries that the list lacks (kept selectable, shown by its id). */
export function specChoices(tables: RecognisedTable[]): SpecChoice[] {
  const out: SpecChoice[] = SPECS.map((s) => ({ id: s.id, label: label(s.id, s.title) }));
  for (const t of tables) if (!out.some((c) => c.id === t.specId)) out.push({ id: t.specId, label: label(t.specId, t.title) });
  return out;
}

export function specLabel(id: string, choices: SpecChoice[]): string {
  return choices.find((c) => c.id === id)?.label ?? id;
}
