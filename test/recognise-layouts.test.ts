/**
 * The recogniser on layouts closer to other departments' real workbooks (scripts/fixtures): 久其 exports
 * (`jiuqi`), titles carrying org and year (`title-with-year`), spacer columns / blank header rows / no 栏次
 * (`wide-gaps`), and two tables side by side on one sheet (`two-per-sheet`).
 *
 * The reference is the recognition of the plain `per-sheet` workbook (itself pinned by recognise-seeds):
 * every table must come out with the same kind, spec, rows and values, each value read from the cell that
 * `locate()` names for the same printed figure in the new layout. Failures are listed as readable lines
 * (`02 expense/2080109 total: 10.00 @ Z03!E10 ≠ …`) so that they say exactly what the recogniser got wrong.
 */
import type { Recognition, RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { cellAddress } from '../src/core/snapshot';
import { normalizeLabel } from '../src/core/text';
import {
  buildSnapshot,
  locate,
  locateMeta,
  placement,
  SEEDS,
  tableIndexOf,
  writtenMeta,
  type Layout,
  type PlacedTable,
  type SeedId,
} from './fixtures';
import { rowLines } from './model-lines';

const NEW_LAYOUTS: Layout[] = ['jiuqi', 'title-with-year', 'wide-gaps', 'two-per-sheet'];
const CASES: [SeedId, Layout][] = (['000', '001'] as SeedId[]).flatMap((s) => NEW_LAYOUTS.map((l) => [s, l] as [SeedId, Layout]));

const cache = new Map<string, Promise<Recognition>>();
function rec(seed: SeedId, layout: Layout): Promise<Recognition> {
  const k = `${seed}/${layout}`;
  if (!cache.has(k))
    cache.set(
      k,
      buildSnapshot(seed, layout).then((s) => recognise(s)),
    );
  return cache.get(k)!;
}

/** The recognised table anchored where the fixture put seed table `key`'s title, or null. */
async function tableAt(seed: SeedId, layout: Layout, key: string): Promise<RecognisedTable | null> {
  const at = locateMeta(seed, layout, tableIndexOf(seed, key), 'title')!;
  return (await rec(seed, layout)).tables.find((x) => x.sheet === at.sheet && x.anchor.row === at.row && x.anchor.col === at.col) ?? null;
}

/** Sheet row/column of the per-sheet workbook → the same printed cell in `layout` (`Z03 支出决算表(财决03表)!E10`). */
function translate(seed: SeedId, layout: Layout, i: number, row: number, col: number): string {
  const base = placement(seed, 'per-sheet', i);
  const ri = row - base.top - base.block.bodyTop;
  const ci = base.block.colMap.indexOf(col - base.left);
  if (ri < 0 || ri >= base.table.rows.length || ci < 0) return `?${cellAddress(row, col)}`;
  const l = locate(seed, layout, i, ri, ci);
  return `${l.sheet}!${l.address}`;
}

function addr(t: RecognisedTable, row: number, col: number): string {
  return `${t.sheet}!${cellAddress(row, col)}`;
}

/** `row12` / `row12.2` / `20801@12` keys name a sheet row: move it to the same body row in `p`. */
function translateKey(key: string, from: PlacedTable, to: PlacedTable): string {
  const move = (n: string) => String(Number(n) - 1 - from.top - from.block.bodyTop + to.top + to.block.bodyTop + 1);
  return key.replace(/^row(\d+)/, (_, n: string) => `row${move(n)}`).replace(/@(\d+)$/, (_, n: string) => `@${move(n)}`);
}

function columnLines(t: RecognisedTable, colOf: (col: number) => string): string[] {
  return t.columns.map((c) => `${c.block ?? 'main'}/${c.key} ${c.kind} @${colOf(c.col)}`);
}

describe.each(CASES)('seed %s, layout %s', (seed, layout) => {
  const keys = SEEDS[seed].tables.map((t) => t.key);
  const printsYear = layout === 'jiuqi' || layout === 'title-with-year';

  test('every table is found at its title with kind, spec, title, label, org, year, unit and range', async () => {
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const key of keys) {
      const i = tableIndexOf(seed, key);
      const p = placement(seed, layout, i);
      const base = (await tableAt(seed, 'per-sheet', key))!;
      const t = await tableAt(seed, layout, key);
      const title = locateMeta(seed, layout, i, 'title')!;
      want.push({
        key,
        at: `${title.sheet}!${title.address}`,
        kind: base.kind,
        specId: base.specId,
        title: base.title,
        printedTitle: writtenMeta(seed, layout, i, 'title')!.replace(/\s+/g, ' ').trim(),
        label: layout === 'jiuqi' ? null : base.label,
        org: base.org,
        year: printsYear ? SEEDS[seed].year : base.year,
        unit: base.unit,
        unitText: normalizeLabel(base.unitText ?? ''),
        range: `${title.sheet}!${cellAddress(p.top + p.block.title.row, p.left)}:${cellAddress(p.top + p.block.bodyTop + p.table.rows.length - 1, p.left + p.block.width - 1)}`,
        notes: p.table.notes,
      });
      got.push(
        t
          ? {
              key,
              at: `${t.sheet}!${cellAddress(t.anchor.row, t.anchor.col)}`,
              kind: t.kind,
              specId: t.specId,
              title: t.title,
              printedTitle: t.printedTitle,
              label: t.label,
              org: t.org,
              year: t.year,
              unit: t.unit,
              unitText: normalizeLabel(t.unitText ?? ''),
              range: `${t.sheet}!${cellAddress(t.range.top, t.range.left)}:${cellAddress(t.range.bottom, t.range.right)}`,
              notes: t.notes,
            }
          : { key, at: 'not recognised' },
      );
    }
    expect(got).toEqual(want);
    expect((await rec(seed, layout)).tables).toHaveLength(keys.length);
  });

  test('the same rows, columns and amounts as per-sheet, each read from its locate() cell', async () => {
    const mismatches: string[] = [];
    for (const key of keys) {
      const i = tableIndexOf(seed, key);
      const base = (await tableAt(seed, 'per-sheet', key))!;
      const t = await tableAt(seed, layout, key);
      if (!t) {
        mismatches.push(`${key}: not recognised`);
        continue;
      }
      const from = placement(seed, 'per-sheet', i);
      const to = placement(seed, layout, i);
      const want = rowLines(
        base,
        (r, c) => translate(seed, layout, i, r, c),
        (k) => translateKey(k, from, to),
      );
      const got = rowLines(
        t,
        (r, c) => addr(t, r, c),
        (k) => k,
      );
      const colOf = (c: number) => {
        const ci = from.block.colMap.indexOf(c - from.left);
        return ci < 0 ? `?${c}` : cellAddress(0, to.left + to.block.colMap[ci]).replace(/\d+$/, '');
      };
      const wantCols = columnLines(base, colOf);
      const gotCols = columnLines(t, (c) => cellAddress(0, c).replace(/\d+$/, ''));
      for (const line of want) if (!got.includes(line)) mismatches.push(`${key} missing: ${line}`);
      for (const line of got) if (!want.includes(line)) mismatches.push(`${key} extra:   ${line}`);
      if (!mismatches.some((m) => m.startsWith(`${key} `)) && got.join('\n') !== want.join('\n'))
        mismatches.push(`${key}: rows in another order`);
      for (const line of wantCols) if (!gotCols.includes(line)) mismatches.push(`${key} missing column: ${line}`);
      for (const line of gotCols) if (!wantCols.includes(line)) mismatches.push(`${key} extra column:   ${line}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('nothing left unrecognised, no notices, no cell problems', async () => {
    const r = await rec(seed, layout);
    expect(r.unrecognised.map((u) => u.reason)).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.tables.flatMap((t) => t.problems)).toEqual([]);
  });
});

describe('the new layouts, concretely', () => {
  test('jiuqi: Z-numbered sheet names, the org / year / unit line of a 久其 export, no 公开NN表', async () => {
    const s = await buildSnapshot('000', 'jiuqi');
    expect(s.sheets.map((x) => x.name)).toEqual([
      'Z01 收入支出决算总表(财决01表)',
      'Z02 收入决算表(财决02表)',
      'Z03 支出决算表(财决03表)',
      'Z04 财政拨款收入支出决算总表(财决04表)',
      'Z05 一般公共预算财政拨款支出决算表(财决05表)',
      'Z06 一般公共预算财政拨款基本支出决算表(财决06表)',
      'Z07 政府性基金预算财政拨款收入支出决算表(财决07表)',
      'Z08 国有资本经营预算财政拨款支出决算表(财决08表)',
      'Z09 财政拨款三公经费支出决算表(财决09表)',
      'Z10 国有资产占用情况表(财决10表)',
      'F01 项目支出绩效自评表',
      'F02 项目支出绩效自评表',
    ]);
    const z02 = s.sheets[1];
    expect(z02.cells.filter((c) => c.row <= 1).map((c) => `${cellAddress(c.row, c.col)} ${c.value}`)).toEqual([
      'A1 收入决算表',
      'A2 编制单位：上饶市医疗保障局',
      'F2 2022年度',
      'K2 金额单位：万元',
    ]);
    expect(z02.merges[0]).toEqual({ top: 0, left: 0, bottom: 0, right: 10 });
    expect(s.sheets.some((sh) => sh.cells.some((c) => typeof c.value === 'string' && /公开\s*\d/.test(c.value)))).toBe(false);
    const s1 = await buildSnapshot('001', 'jiuqi');
    expect(s1.sheets[0].cells.filter((c) => c.row === 1).map((c) => c.value)).toEqual([
      '编制单位：新平彝族傣族自治县医疗保障局',
      '2022年度',
      '金额单位：元',
    ]);
  });

  test('title-with-year: label above the title at the left, org and year in the title, unit alone below', async () => {
    const s = await buildSnapshot('001', 'title-with-year');
    expect(s.sheets[1].cells.filter((c) => c.row <= 3).map((c) => `${cellAddress(c.row, c.col)} ${c.value}`)).toEqual([
      'A1 公开02表',
      'A2 新平彝族傣族自治县医疗保障局2022年度收入决算表',
      'L3 金额单位：元',
      'A4 项目',
      'E4 本年收入合计',
      'F4 财政拨款收入',
      'G4 上级补助收入',
      'H4 事业收入',
      'J4 经营收入',
      'K4 附属单位上缴收入',
      'L4 其他收入',
    ]);
    expect(locateMeta('001', 'title-with-year', 1, 'org')!.address).toBe('A2');
    expect(locateMeta('001', 'title-with-year', 1, 'year')!.address).toBe('A2');
    // 绩效 forms get the year only; the year line of 000's forms moves into the title
    const s0 = await buildSnapshot('000', 'title-with-year');
    expect(s0.sheets[10].cells[0].value).toBe('2022年度项目支出绩效自评表');
    expect(locateMeta('000', 'title-with-year', tableIndexOf('000', 'perf-1'), 'org')).toBeNull();
  });

  test('wide-gaps: spacer columns, a blank row above and inside the header, no 栏次, `0.00`', async () => {
    const s = await buildSnapshot('000', 'wide-gaps');
    const sh = s.sheets[1]; // 公开02表
    const rowOf = (r: number) =>
      sh.cells.filter((c) => c.row === r).map((c) => `${cellAddress(c.row, c.col)} ${c.value}${c.format ? ` [${c.format}]` : ''}`);
    expect(rowOf(3)).toEqual([]);
    expect(rowOf(5)).toEqual([]);
    expect(rowOf(7)).toEqual(['A8 类', 'B8 款', 'C8 项']);
    expect(rowOf(9)).toEqual(['A10 208', 'E10 社会保障和就业支出', 'F10 10 [0.00]', 'G10 10 [0.00]']);
    expect(sh.merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`)).toEqual([
      'A1:L1',
      'A5:E5',
      'F5:F7',
      'G5:G7',
      'H5:H7',
      'I5:I7',
      'J5:J7',
      'K5:K7',
      'L5:L7',
      'A7:C7',
    ]);
    expect(locate('000', 'wide-gaps', 1, 1, 3).address).toBe('E10');
    // 基本支出表: a spacer after each of the three code columns, inside the 合计 labels' merges
    const t06 = tableIndexOf('000', '06');
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((c) => locate('000', 'wide-gaps', t06, 0, c).address)).toEqual([
      'A8',
      'C8',
      'D8',
      'E8',
      'G8',
      'H8',
      'I8',
      'K8',
      'L8',
    ]);
  });

  test('two-per-sheet: 02 | 03 and 07 | 08 side by side, the rest stacked on two sheets', () => {
    const boxes = (seed: SeedId) =>
      SEEDS[seed].tables.map((t, i) => {
        const p = placement(seed, 'two-per-sheet', i);
        return `${t.key} ${p.sheet}!${cellAddress(p.top, p.left)}`;
      });
    expect(boxes('000')).toEqual([
      '01 决算表（一）!A1',
      '02 表02、03!A1',
      '03 表02、03!M1',
      '04 决算表（一）!A41',
      '05 决算表（一）!A83',
      '06 决算表（一）!A103',
      '07 表07、08!A1',
      '08 表07、08!L1',
      '09 决算表（二）!A1',
      '10 决算表（二）!A28',
      'perf-1 决算表（二）!A47',
      'perf-2 决算表（二）!A83',
    ]);
    expect(boxes('001')).toEqual([
      '01 决算表（一）!A1',
      '02 表02、03!A1',
      '03 表02、03!N1',
      '04 决算表（一）!A39',
      '05 决算表（一）!A81',
      '06 决算表（一）!A111',
      '07 决算表（一）!A152',
      '10 决算表（二）!A1',
      '11 决算表（二）!A33',
      'perf-dept 决算表（二）!A46',
      'perf-13 决算表（二）!A77',
      'perf-14.2 决算表（二）!A103',
    ]);
  });
});
