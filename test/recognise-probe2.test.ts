import { buildSnapshot, LAYOUTS } from './fixtures';
import { recognise } from '../src/core/recognise';

test('probe2', async () => {
  for (const seed of ['000', '001'] as const) {
    for (const layout of LAYOUTS.filter((l) => l !== 'shanghai')) {
      const rec = recognise(await buildSnapshot(seed, layout));
      const dump = rec.tables.map((t) => [
        `${t.specId} | ${t.title} | ${t.printedTitle} | ${t.label} | ${t.org} | ${t.year} | ${t.unit} | ${t.unitText} | rows=${t.rows.length} | conf=${t.confidence} | h=${t.range.bottom - t.range.top} w=${t.range.right - t.range.left}`,
        ...t.columns.map((c) => `  col ${c.key} ${c.kind} ${c.block ?? ''} ${c.header}`),
        ...t.rows.map((r) => `  ${r.block} ${r.key} ${r.level} ${r.code} ${r.codeText} ${r.name} ${r.valueKind ?? ''} | ` + Object.entries(r.values).map(([k, v]) => `${k}=${v.status}:${v.value?.toString() ?? ''}`).join(' ')),
        `  notes ${t.notes.length} problems ${t.problems.join(';')}`,
      ].join('\n')).sort();
      require('fs').writeFileSync(`/tmp/rt/d-${seed}-${layout}.txt`, dump.join('\n') + '\nUNREC ' + rec.unrecognised.map((u) => u.reason).join('\n') + '\nNOTICES ' + rec.notices.join('/'));
    }
  }
});
