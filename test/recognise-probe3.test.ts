import { buildSnapshot, SEEDS } from './fixtures';
import { recognise } from '../src/core/recognise';
test('p3', async () => {
  for (const [seed, layout] of [['000', 'per-sheet'], ['001', 'per-sheet'], ['shanghai', 'shanghai']] as const) {
    const rec = recognise(await buildSnapshot(seed, layout));
    const lines = rec.tables.map((t, i) => `['${SEEDS[seed].tables[i].key}', '${t.specId}', ${JSON.stringify(t.printedTitle)}, ${JSON.stringify(t.label)}, ${t.year}, ${JSON.stringify(t.unit)}, ${JSON.stringify(t.unitText)}, ${t.rows.length}, ${t.confidence}],`);
    console.log(seed + '\n' + lines.join('\n'));
  }
});
