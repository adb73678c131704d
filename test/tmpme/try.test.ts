import { buildSnapshot, LAYOUTS, plan } from '../fixtures';
import { cellAddress } from '../../src/core/snapshot';
test('x', async () => {
  for (const seed of ['000', '001', 'shanghai'] as const) {
    for (const layout of LAYOUTS) {
      const t0 = Date.now();
      const s = await buildSnapshot(seed, layout);
      console.log(seed, layout, Date.now() - t0, s.sheets.map((x) => `${x.name}:${x.cells.length}`).join(' '));
    }
  }
  const s = await buildSnapshot('000', 'split-codes');
  const sh = s.sheets[2];
  console.log(sh.cells.filter((c) => c.row >= 6 && c.row < 10).map((c) => `${cellAddress(c.row, c.col)}=${c.value}`).join(' '));
  const s2 = await buildSnapshot('001', 'code-in-name');
  for (const i of [1, 5]) console.log(s2.sheets[i].cells.filter((c) => c.row >= 3 && c.row < 9).map((c) => `${cellAddress(c.row, c.col)}=${c.value}`).join(' | '), JSON.stringify(s2.sheets[i].merges));
  const s3 = await buildSnapshot('shanghai', 'split-codes');
  console.log(s3.sheets[1].cells.filter((c) => c.row < 6).map((c) => `${cellAddress(c.row, c.col)}=${c.value}`).join(' | '), JSON.stringify(s3.sheets[1].merges));
  const s4 = await buildSnapshot('000', 'text-numbers');
  console.log(s4.sheets[0].cells.filter((c) => c.row < 8).map((c) => `${cellAddress(c.row, c.col)}=${JSON.stringify(c.value)}`).join(' | '));
  console.log(plan('000', 'stacked').sheets[0].tables.map((t) => `${t.top},${t.left}`).join(' '));
});
