import { buildSnapshot } from './fixtures';
import { recognise } from '../src/core/recognise';
import { tableSummary } from '../src/core/summary';
import { rangeAddress } from '../src/core/snapshot';

test('probe', async () => {
  for (const seed of (process.env.SEEDS ?? '000,001').split(',') as ('000'|'001'|'shanghai')[]) {
    const snap = await buildSnapshot(seed, (process.env.LAYOUT as any) ?? 'per-sheet');
    const rec = recognise(snap);
    const out: string[] = [];
    for (const t of rec.tables) {
      out.push(JSON.stringify({ ...tableSummary(t), specId: t.specId, reasons: t.reasons }));
      out.push('  cols: ' + t.columns.map((c) => `${c.key}@${c.col}${c.block ? ':' + c.block : ''}`).join(' '));
      for (const r of t.rows) out.push(`  ${r.block} ${r.key} ${r.level} ${r.code ?? ''} ${r.name} | ` + Object.entries(r.values).map(([k, v]) => `${k}=${v.status === 'number' ? v.value!.toString() : v.status}`).join(' '));
      if (t.notes.length) out.push('  notes: ' + t.notes.join(' / '));
      if (t.problems.length) out.push('  problems: ' + t.problems.join(' / '));
    }
    for (const u of rec.unrecognised) out.push(`UNREC ${u.sheet} ${rangeAddress(u.range)} ${u.reason}`);
    out.push('NOTICES ' + rec.notices.join(' / '));
    require('fs').writeFileSync(`/tmp/rt/${seed}-${process.env.LAYOUT ?? 'per-sheet'}.txt`, out.join('\n'));
  }
});
