import { buildSnapshot } from './fixtures';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import * as fs from 'fs';

test('scratch', async () => {
  for (const seed of ['000', '001'] as const) {
    const snap = await buildSnapshot(seed, 'per-sheet');
    const rec = recognise(snap);
    fs.writeFileSync(`/tmp/vs/rec-${seed}.json`, JSON.stringify(rec.tables.map((t) => ({ id: t.id, kind: t.kind, specId: t.specId, label: t.label, unit: t.unit, notes: t.notes, problems: t.problems, columns: t.columns, rows: t.rows.map((r) => ({ key: r.key, block: r.block, level: r.level, code: r.code, codeText: r.codeText, name: r.name, row: r.row, codeCol: r.codeCol, nameCol: r.nameCol, vk: r.valueKind, values: Object.fromEntries(Object.entries(r.values).map(([k, c]) => [k, `${c.status}:${c.raw}@${c.row},${c.col}`])) })) })), null, 1));
    const res = validate(rec);
    fs.writeFileSync(`/tmp/vs/val-${seed}.txt`, res.findings.map((f) => `${f.severity}\t${f.rule}\t${f.cells.join(',')}\t${f.expected}\t${f.actual}\n  ${f.message}`).join('\n') + '\n' + JSON.stringify(res.summary) + '\n' + rec.notices.join('\n'));
  }
});
