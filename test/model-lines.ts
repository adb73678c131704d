/**
 * A recognised table printed as text lines, so that two recognitions of the same table in different layouts
 * compare row by row with a readable diff: `block/key level code name | col=value@cell; …`.
 */
import type { CellAmount, RecognisedTable } from '../src/core/model';
import { normalizeLabel } from '../src/core/text';

const shown = (v: CellAmount) => (v.status === 'number' ? v.value!.toString() : v.status);

/** One line per row; `cellOf` names a value's cell, `keyOf` maps a row key (both let a layout be translated). */
export function rowLines(t: RecognisedTable, cellOf: (row: number, col: number) => string, keyOf: (k: string) => string): string[] {
  return t.rows.map((r) => {
    const values = Object.entries(r.values)
      .map(([k, v]) => `${k}=${shown(v)}@${cellOf(v.row, v.col)}`)
      .join('; ');
    return `${r.block}/${keyOf(r.key)} ${r.level} ${r.code ?? '-'} ${normalizeLabel(r.name)} | ${values}`;
  });
}
