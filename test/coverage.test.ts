/**
 * Coverage (issue 8): each table says how many identities ran on it and which of its amounts none checked,
 * and why. On every fixture workbook every amount is checked; on workbooks broken the ways real ones are
 * (a column under a header the spec does not know, rows whose codes are lost, a table alone without the
 * tables it is compared with) the unchecked amounts are named, with the reason, in a warning.
 */
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import { listRules } from '../src/core/rules';
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { buildSnapshot, LAYOUTS, locate, locateHeader, tableIndexOf, type Layout } from './fixtures';

const WORKBOOKS: ['000' | '001' | 'shanghai', Layout][] = [];
for (const seed of ['000', '001', 'shanghai'] as const) for (const layout of LAYOUTS) WORKBOOKS.push([seed, layout]);
WORKBOOKS.push(['000', 'header-in-body']);

test.each(WORKBOOKS)('seed %s, %s: every amount of every table takes part in an identity', async (seed, layout) => {
  const { coverage, findings } = validate(recognise(await buildSnapshot(seed, layout)));
  expect(coverage.filter((c) => c.unchecked.length > 0)).toEqual([]);
  expect(coverage.filter((c) => c.amounts > 0 && c.identities === 0)).toEqual([]);
  expect(findings.filter((f) => f.rule.startsWith('coverage.'))).toEqual([]);
});

test('seed 000 as published: identities and amounts per table', async () => {
  const { coverage } = validate(recognise(await buildSnapshot('000', 'per-sheet')));
  expect(coverage.map((c) => [c.table, c.identities, c.amounts, c.unchecked.length])).toEqual([
    ['公开01表!A1', 42, 7, 0],
    ['公开02表!A1', 53, 22, 0],
    ['公开03表!A1', 68, 26, 0],
    ['公开04表!A1', 125, 11, 0],
    ['公开05表!A1', 54, 25, 0],
    ['公开06表!A1', 14, 35, 0],
    ['公开07表!A1', 29, 0, 0],
    ['公开08表!A1', 28, 0, 0],
    ['公开09表!A1', 14, 21, 0],
    ['公开10表!A1', 1, 0, 0],
    ['项目支出绩效自评表!A1', 4, 8, 0],
    ['项目支出绩效自评表2!A1', 4, 8, 0],
  ]);
});

/** The snapshot with the cells `change` returns a new value for (null: the cell is removed). */
function edited(snapshot: WorkbookSnapshot, change: (sheet: string, c: CellSnapshot) => CellSnapshot | null | undefined): WorkbookSnapshot {
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => ({
      ...s,
      cells: s.cells.flatMap((c) => {
        const now = change(s.name, c);
        return now === undefined ? [c] : now === null ? [] : [now];
      }),
    })),
  };
}

test('a column under a header the spec does not know: its amounts are unchecked, the column meaning unknown', async () => {
  const snap = await buildSnapshot('000', 'per-sheet');
  // 公开03表's 基本支出 header printed as 日常支出: no column of the spec takes it
  const h = locateHeader('000', 'per-sheet', tableIndexOf('000', '03'), 0, 5);
  const changed = edited(snap, (sheet, c) =>
    sheet === h.sheet && c.row === h.row && c.col === h.col ? { ...c, value: '日常支出' } : undefined,
  );
  const { coverage, findings } = validate(recognise(changed));
  const c = coverage.find((x) => x.table === '公开03表!A1')!;
  expect(c.unchecked.map((u) => u.cell)).toEqual([
    '公开03表!F7',
    '公开03表!F11',
    '公开03表!F12',
    '公开03表!F13',
    '公开03表!F15',
    '公开03表!F16',
    '公开03表!F17',
  ]);
  expect(new Set(c.unchecked.map((u) => `${u.reason} ${u.why}`))).toEqual(
    new Set(['column 表头“日常支出”不是本表表式中的栏目，栏目含义未知']),
  );
  const f = findings.find((x) => x.rule === 'coverage.unchecked')!;
  expect(f).toEqual({
    rule: 'coverage.unchecked',
    severity: 'warning',
    message:
      '支出决算表（公开03表）有 7 个金额（共 26 个）没有参与任何核对：表头“日常支出”不是本表表式中的栏目，栏目含义未知（7 个：公开03表!F7、公开03表!F11、公开03表!F12 等）',
    cells: c.unchecked.map((u) => u.cell),
    expected: null,
    actual: null,
    table: '公开03表!A1',
  });
});

test('rows whose codes are lost: their amounts are unchecked, the rows not understood', async () => {
  const snap = await buildSnapshot('000', 'per-sheet');
  const at = locate('000', 'per-sheet', tableIndexOf('000', '06'), 0, 0);
  // every code cell of 公开06表 emptied (codes in columns A, D, G)
  const changed = edited(snap, (sheet, c) =>
    sheet === at.sheet && c.row >= at.row && [0, 3, 6].includes(c.col) && /^\d{3,5}$/.test(String(c.value)) ? null : undefined,
  );
  const { coverage, findings } = validate(recognise(changed));
  const c = coverage.find((x) => x.table === '公开06表!A1')!;
  expect([c.amounts, c.unchecked.length]).toEqual([35, 33]);
  expect(c.unchecked.every((u) => u.reason === 'layout')).toBe(true);
  expect(c.unchecked[0]).toEqual({ cell: '公开06表!C6', reason: 'layout', why: '行“工资福利支出”既无科目编码，也不是本表表式中的行' });
  const f = findings.find((x) => x.rule === 'coverage.unchecked')!;
  expect([
    f.severity,
    f.cells.length,
    f.message.startsWith('一般公共预算财政拨款基本支出决算表（公开06表）有 33 个金额（共 35 个）没有参与任何核对：'),
  ]).toEqual(['warning', 33, true]);
});

test('a table alone, its own rules off: nothing ran on it, the tables it is compared with are missing', async () => {
  const snap = await buildSnapshot('000', 'per-sheet');
  const alone = { ...snap, sheets: snap.sheets.filter((s) => s.name === '公开06表') };
  const own = listRules('gpb_basic')
    .filter((r) => r.kind === 'gpb_basic')
    .map((r) => r.id);
  const { coverage, findings } = validate(recognise(alone), { exclude: own });
  expect(coverage.map((c) => [c.table, c.identities, c.amounts, c.unchecked.length])).toEqual([['公开06表!A1', 0, 35, 35]]);
  expect(new Set(coverage[0].unchecked.map((u) => u.why))).toEqual(
    new Set(['与之核对的一般公共预算财政拨款支出决算表、财政拨款“三公”经费支出决算表不在本套表中']),
  );
  const f = findings.find((x) => x.rule === 'coverage.unchecked')!;
  expect(f.severity).toBe('warning');
  expect(f.message).toMatch(/^一般公共预算财政拨款基本支出决算表（公开06表）的 35 个金额没有参与任何核对（本表上没有一项核对运行）：/);
});
