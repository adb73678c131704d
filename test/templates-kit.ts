/** Template sheets as a snapshot (what an adapter would read back), for the core round-trip tests. */
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { TEMPLATE_LOOKS, type TemplateSheet } from '../src/core/templates';

export function snapshotOf(sheets: TemplateSheet[]): WorkbookSnapshot {
  return {
    name: 'template.xlsx',
    sheets: sheets.map((s) => ({
      name: s.name,
      merges: s.merges,
      cells: s.cells
        .filter((c) => c.value !== null && c.value !== '')
        .map((c): CellSnapshot => {
          const format = TEMPLATE_LOOKS[c.look].numFmt;
          const cell: CellSnapshot = { row: c.row, col: c.col, value: c.value };
          if (typeof c.value === 'number' && format) cell.format = format;
          if (c.formula) cell.formula = true;
          return cell;
        }),
    })),
  };
}
