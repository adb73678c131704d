import { buildSnapshot } from './fixtures';
import { SheetGrid } from '../src/core/recognise/grid';
import { buildHeader } from '../src/core/recognise/header';
import { isMetaCell } from '../src/core/recognise/body';
test('dbg', async () => {
  const snap = await buildSnapshot('001', 'per-sheet');
  const sheet = snap.sheets.find((s) => s.name === '公开05表')!;
  const grid = new SheetGrid(sheet);
  const h = buildHeader({ grid, sheet: sheet.name, problems: [] }, [3, 4, 5, 6], isMetaCell);
  console.log([...h.columns.values()].map((c) => `${c.col}:${c.path.join('>')}`).join('\n'), JSON.stringify(sheet.merges));
});
