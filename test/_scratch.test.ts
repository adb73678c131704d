import { recognise } from '../src/core/recognise';
import { rangeAddress, type WorkbookSnapshot } from '../src/core/snapshot';
import { buildSnapshot, locateMeta, SEEDS, type SeedId, type Layout } from './fixtures';

function dropTitles(snap: WorkbookSnapshot, seed: SeedId, layout: Layout, dropLabel: boolean) {
  SEEDS[seed].tables.forEach((_, i) => {
    for (const part of dropLabel ? ['title', 'label'] as const : ['title'] as const) {
      const at = locateMeta(seed, layout, i, part);
      if (!at) continue;
      const s = snap.sheets.find((x) => x.name === at.sheet)!;
      s.cells = s.cells.filter((c) => !(c.row === at.row && c.col === at.col));
      s.merges = s.merges.filter((m) => !(m.top === at.row && m.left === at.col));
    }
  });
}
test.each([['000','per-sheet',false],['000','per-sheet',true],['000','stacked',true],['001','per-sheet',true],['shanghai','per-sheet',true],['000','text-numbers',false],['000','wide-gaps',true],['001','stacked',false]] as [SeedId, Layout, boolean][])('%s %s %s', async (seed, layout, dl) => {
  const snap = await buildSnapshot(seed, layout);
  dropTitles(snap, seed, layout, dl);
  const t0 = Date.now();
  const r = recognise(snap);
  const lines = r.tables.map((t) => `${t.sheet} ${rangeAddress(t.range)} ${t.specId} ${t.confidence} ${t.printedTitle} ${t.label} ${t.rows.length} | ${t.reasons.slice(0, 3).join(' / ')}`);
  console.log(`${seed} ${layout} ${dl} ${Date.now() - t0}ms\n` + lines.join('\n') + '\nUNREC:\n' + r.unrecognised.map((u) => `${u.sheet} ${rangeAddress(u.range)} ${u.reason}`).join('\n'));
});
