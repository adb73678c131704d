/** The table kinds a user can pick when correcting recognition: every spec, named in Chinese. */
import type { RecognisedTable } from '../core/model';
import { specById, SPECS } from '../core/specs/index';

/** Dropdown value for “不是公开表” (a spec id never contains a space). */
export const NOT_A_TABLE = '__not a table__';

export interface SpecChoice {
  id: string;
  label: string;
}

/** The title with the spec's own variant name (`（江西，竖排）`); a spec id no spec has any more shows its variant part. */
function label(id: string, title: string): string {
  const spec = specById(id);
  const variant = spec ? spec.variant : id.split('/')[1];
  return variant && variant !== 'national' ? `${title}（${variant}）` : title;
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
