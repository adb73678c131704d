import { buildSnapshot, locate, SEEDS, tableIndexOf } from './fixtures';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';

test('x', async () => {
  const snap = await buildSnapshot('000', 'per-sheet');
  const ti = tableIndexOf('000', '03');
  const ri = SEEDS['000'].tables[ti].rows.findIndex((r) => r[0] === '2101504');
  const l = locate('000', 'per-sheet', ti, ri, 0);
  const c = snap.sheets.find((s) => s.name === l.sheet)!.cells.find((x) => x.row === l.row && x.col === l.col)!;
  c.value = '2081504'; delete c.text;
  for (const f of validate(recognise(snap)).findings) console.log(f.severity, f.rule, f.cells.join(','), '\n', f.message);
});
