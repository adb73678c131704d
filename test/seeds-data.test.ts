/**
 * The transcription against the seed documents: every number printed in a transcribed table appears in the
 * seed text, in the same order, inside that table's stretch of the text — and nothing numeric of that
 * stretch was left out. Plus facts checked by hand against the published tables.
 *
 * The published seed texts live in ../shared/seeds, beside the repository (CI has them, a fresh clone does
 * not): the numbers-as-printed checks run only when they are there, and are reported as skipped otherwise.
 * Everything else here reads only the repository's own transcriptions (test/data/seeds) and always runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Decimal, parseAmount } from '../src/core/amount';
import { checkGrid, isCovered, mergesOf, SEEDS, type SeedTable, type SeedWorkbook } from './data/seeds';
import { isNumberText } from '../scripts/fixtures/render';
import {
  buildSnapshot,
  buildWorkbook,
  LAYOUTS,
  locate,
  locateHeader,
  locateMeta,
  locateNote,
  numberOf,
  plan,
  tableBox,
  tableIndexOf,
  writtenMeta,
  writtenValue,
  type Layout,
} from './fixtures';
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { rangeAddress } from '../src/core/snapshot';
import { readWorkbookFile } from '../src/adapters/xlsx/file';
import { sharedPart } from './shared-dir';

const seeds = sharedPart('seeds', 'the transcription-vs-published-text checks (every number as printed, in order)');
seeds.note();

function seedText(id: '000' | '001'): string[] {
  const file = fs.readdirSync(seeds.dir).find((f) => f.startsWith(`${id}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${id} not found in ${seeds.dir}`);
  return fs.readFileSync(path.join(seeds.dir, file), 'utf8').split('\n');
}

/** Line index where each table starts: its title as a line of its own (markdown `#` allowed), in order. */
function anchors(lines: string[], wb: SeedWorkbook): number[] {
  const out: number[] = [];
  let from = 0;
  for (const t of wb.tables) {
    const i = lines.findIndex((l, k) => k >= from && l.replace(/^#+\s*/, '').trim() === t.title);
    if (i < 0) throw new Error(`${wb.id} ${t.key}: title line “${t.title}” not found after line ${from}`);
    out.push(i);
    from = i + 1;
  }
  return out;
}

/** A seed's text and where its tables start, read once (only by the tests that need ../shared). */
const published = new Map<'000' | '001', { lines: string[]; starts: number[] }>();
function publishedSeed(id: '000' | '001'): { lines: string[]; starts: number[] } {
  let p = published.get(id);
  if (!p) {
    const lines = seedText(id);
    published.set(id, (p = { lines, starts: anchors(lines, SEEDS[id]) }));
  }
  return p;
}

/** Numeric cells of the tab-separated lines of a stretch of text, in order. */
function textNumbers(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (!l.includes('\t')) continue;
    for (const c of l.split('\t')) if (isNumberText(c.trim())) out.push(c.trim());
  }
  return out;
}

function tableNumbers(t: SeedTable): string[] {
  const out: string[] = [];
  for (const r of [...t.header, ...t.rows]) for (const c of r) if (!isCovered(c) && isNumberText(c)) out.push(c);
  return out;
}

describe.each(['000', '001'] as const)('seed %s transcription', (id) => {
  const wb = SEEDS[id];

  // Against the published text: needs ../shared/seeds.
  seeds.test.each(wb.tables.map((t, i) => [t.key, i] as const))('table %s: numbers as in the seed, in order', (_key, i) => {
    const { lines, starts } = publishedSeed(id);
    const t = wb.tables[i];
    const stretch = lines.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : lines.length);
    const printed = textNumbers(stretch);
    const ours = tableNumbers(t);
    // Each of ours found in order (a subsequence) …
    let k = 0;
    for (const v of ours) {
      while (k < printed.length && printed[k] !== v) k++;
      expect({ value: v, found: k < printed.length }).toEqual({ value: v, found: true });
      k++;
    }
    // … and none of the printed ones left out.
    expect(ours).toEqual(printed);
  });

  // The transcription alone: always.
  test.each(wb.tables.map((t) => [t.key, t] as const))('table %s: grid shape and merges are consistent', (_key, t) => {
    const width = (t.header[0] ?? t.rows[0]).length;
    checkGrid(`${id} ${t.key} header`, t.header, width);
    checkGrid(`${id} ${t.key} rows`, t.rows, width);
    // Every marker is inside some merged rectangle (no stray markers).
    for (const grid of [t.header, t.rows]) {
      const boxes = mergesOf(grid);
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          if (!isCovered(v)) return;
          const inside = boxes.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right);
          expect({ table: t.key, r, c, inside }).toEqual({ table: t.key, r, c, inside: true });
        }),
      );
    }
    // Code columns hold codes (3/5/7 digits for function codes, 3/5 for economic) or nothing.
    for (const cc of t.codes) {
      for (const row of t.rows) {
        const code = row[cc.col];
        if (code === '' || isCovered(code) || /合计$/.test(code)) continue;
        expect(code).toMatch(cc.kind === 'function' ? /^\d{3}(\d{2}){0,2}$/ : /^\d{3}(\d{2})?$/);
      }
    }
  });
});

function rowOf(id: '000' | '001', key: string, col: number, text: string): string[] {
  const t = SEEDS[id].tables.find((x) => x.key === key)!;
  const row = t.rows.find((r) => r[col] === text);
  if (!row) throw new Error(`${id} ${key}: no row “${text}”`);
  return row;
}

const dec = (s: string) => parseAmount(s).value as Decimal;

describe('hand-checked facts', () => {
  test('table sets and labels as printed', () => {
    expect(SEEDS['000'].tables.map((t) => t.label)).toEqual([
      '公开 01 表',
      '公开 02 表',
      '公开 03 表',
      '公开 04 表',
      '公开 05 表',
      '公开 06 表',
      '公开 07 表',
      '公开 08 表',
      '公开 09 表',
      '公开 10 表',
      null,
      null,
    ]);
    expect(SEEDS['001'].tables.map((t) => t.label)).toEqual([
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开07表',
      '公开10表',
      '公开11表',
      null,
      null,
      '公开14.2表',
    ]);
    expect(SEEDS['000'].tables[0]).toMatchObject({
      title: '收入支出决算总表',
      org: '编制单位：上饶市医疗保障局',
      year: '2022 年度',
      unit: '金额单位：万元',
    });
    expect(SEEDS['001'].tables[0]).toMatchObject({
      title: '收入支出决算表',
      org: '部门：新平彝族傣族自治县医疗保障局',
      year: null,
      unit: '金额单位：元',
    });
    expect(SEEDS['001'].tables[5].unit).toBe('单位：元');
    expect(SEEDS['000'].tables[9].unit).toBe('单位：台、辆、套');
  });

  test('000 01表: 本年收入合计 1,709.37 on line 27, 支出 side 1,709.37; 26 expense 类 lines', () => {
    expect(rowOf('000', '01', 0, '本年收入合计')).toEqual(['本年收入合计', '27', '1,709.37', '本年支出合计', '58', '1,709.37']);
    const t = SEEDS['000'].tables[0];
    expect(t.rows.filter((r) => /^[一二三四五六七八九十]+、.*支出$/.test(r[3]))).toHaveLength(26);
    expect(rowOf('000', '01', 3, '九、卫生健康支出')[5]).toBe('1,699.37');
  });

  test('000 rounding tails as published: 支出决算表 1,699.38 vs 总表 1,699.37; 10.00 + 364.09 vs 374.08', () => {
    const health = rowOf('000', '03', 0, '210');
    expect(health.slice(3, 7)).toEqual(['卫生健康支出', '1,699.38', '1,335.29', '364.09']);
    const total = rowOf('000', '03', 3, '合计');
    expect(total.slice(4, 7)).toEqual(['1,709.37', '1,335.29', '374.08']);
    expect(dec('10.00').plus(dec('364.09')).toFixed(2)).toBe('374.09');
  });

  test('000 05表 合计 row lacks its 本年支出合计 (print defect kept)', () => {
    expect(rowOf('000', '05', 3, '合计')).toEqual(['', '', '', '合计', '', '1,335.29', '374.08']);
  });

  test('000 06表: 人员经费合计 988.75 = 301 988.67 + 303 0.08; 公用经费合计 346.54 = 302', () => {
    const last = SEEDS['000'].tables[5].rows.at(-1)!;
    expect(last[0]).toBe('人员经费合计');
    expect(last[2]).toBe('988.75');
    expect(last[8]).toBe('346.54');
    expect(
      dec(rowOf('000', '06', 0, '301')[2])
        .plus(dec(rowOf('000', '06', 0, '303')[2]))
        .toFixed(2),
    ).toBe('988.75');
    expect(rowOf('000', '06', 3, '302')[5]).toBe('346.54');
  });

  test('000 09表: 公务接待费 决算 11.42, counts 118 批次 / 1,343 人次, dashes kept', () => {
    expect(rowOf('000', '09', 0, '3.公务接待费')).toEqual(['3.公务接待费', '6', '13.83', '13.83', '11.42']);
    expect(rowOf('000', '09', 0, '5.国内公务接待批次（个）')).toEqual(['5.国内公务接待批次（个）', '15', '—', '—', '118']);
    expect(rowOf('000', '09', 0, '6.国内公务接待人次（人）')[4]).toBe('1,343');
  });

  test('001 06表: 人员经费合计 4,050,256.00 = 3,940,156.00 + 110,100.00', () => {
    const last = SEEDS['001'].tables[5].rows.at(-1)!;
    expect([last[0], last[2], last[3], last[8]]).toEqual(['人员经费合计', '4,050,256.00', '公用经费合计', '453,189.96']);
    const p301 = rowOf('001', '06', 0, '301')[2];
    const p303 = rowOf('001', '06', 0, '303')[2];
    expect([p301, p303]).toEqual(['3,940,156.00', '110,100.00']);
    expect(dec(p301).plus(dec(p303)).toFixed(2)).toBe('4050256.00');
  });

  test('001 07表 keeps the published code 20921 in the 309 block', () => {
    expect(rowOf('001', '07', 6, '20921').slice(6, 8)).toEqual(['20921', '文物和陈列品购置']);
  });

  test('001 02表: names taken from 03表; the six code-less rows repeating a sum are kept', () => {
    const t02 = SEEDS['001'].tables[1];
    const t03 = SEEDS['001'].tables[2];
    const names03 = new Map(t03.rows.filter((r) => /^\d+$/.test(r[0])).map((r) => [r[0], r[3]]));
    for (const r of t02.rows) if (r[0]) expect(r[3]).toBe(names03.get(r[0]));
    const blank = t02.rows.filter((r) => r[0] === '' && r[3] === '');
    expect(blank.map((r) => r[4])).toEqual(['3,668.00', '3,668.00', '92,400.00', '168,687.13', '3,500,523.54', '302,586.00']);
    expect(t02.rows[0].slice(3, 6)).toEqual(['合计', '4,593,144.30', '4,593,144.30']);
  });

  test('001 05表: 本年支出 合计 = 基本 + 项目; 基本 = 人员经费 + 公用经费 on the 合计 row', () => {
    const r = SEEDS['001'].tables[4].rows[0];
    expect(r.slice(10, 15)).toEqual(['4,593,144.30', '4,503,445.96', '4,050,256.00', '453,189.96', '89,698.34']);
    expect(dec(r[11]).plus(dec(r[14])).equals(dec(r[10]))).toBe(true);
    expect(dec(r[12]).plus(dec(r[13])).equals(dec(r[11]))).toBe(true);
  });

  test('001 11表: 资产总额 1,073,049.63 = 流动 + 固定 + 无形', () => {
    const r = SEEDS['001'].tables[8].rows[0];
    expect(dec(r[3]).plus(dec(r[4])).plus(dec(r[11])).equals(dec(r[2]))).toBe(true);
    expect(r[2]).toBe('1,073,049.63');
  });

  test('001 project table 13: 分值 add to 95 and 得分 to 89.70 under a printed 总分 100 / 94.70', () => {
    const t = SEEDS['001'].tables.find((x) => x.key === 'perf-13')!;
    const start = t.rows.findIndex((r) => r[0] === '一级指标') + 1;
    const end = t.rows.findIndex((r) => r[0] === '其他需要说明事项');
    const ind = t.rows.slice(start, end);
    expect(ind).toHaveLength(11);
    const weight = ind.reduce((s, r) => s.plus(dec(r[7])), new Decimal(0));
    const score = ind.reduce((s, r) => s.plus(dec(r[8])), new Decimal(0));
    // The funds line carries 分值 10 / 得分 4.70 besides the indicators.
    const funds = t.rows[3];
    expect(funds.slice(1, 8)).toEqual(['年度资金总额', '15.86', '18.26', '8.60', '10', '47.10%', '4.70']);
    expect([weight.plus(dec(funds[5])).toFixed(2), score.plus(dec(funds[7])).toFixed(2)]).toEqual(['95.00', '89.70']);
    expect(t.rows.at(-1)!.slice(7)).toEqual(['100', '94.70', '优']);
  });

  test('001 project table 14.2 adds up: 分值 90 + 10 = 100, 得分 87.70 + 10.00 = 97.70', () => {
    const t = SEEDS['001'].tables.find((x) => x.key === 'perf-14.2')!;
    const start = t.rows.findIndex((r) => r[0] === '一级指标') + 1;
    const end = t.rows.findIndex((r) => r[0] === '其他需要说明事项');
    const ind = t.rows.slice(start, end);
    const weight = ind.reduce((s, r) => s.plus(dec(r[7])), new Decimal(0));
    const score = ind.reduce((s, r) => s.plus(dec(r[8])), new Decimal(0));
    expect([weight.toFixed(2), score.toFixed(2)]).toEqual(['90.00', '87.70']);
    expect(t.rows[3].slice(5, 8)).toEqual(['10', '100.00%', '10.00']);
    expect(t.rows.at(-1)!.slice(7)).toEqual(['100', '97.70', '优']);
  });
});

// ---------- the generator: the transcription written as workbooks, read back through the xlsx adapter ----------

function cellAt(s: WorkbookSnapshot, sheetName: string, row: number, col: number): CellSnapshot | undefined {
  return s.sheets.find((x) => x.name === sheetName)?.cells.find((c) => c.row === row && c.col === col);
}

const CASES: ['000' | '001' | 'shanghai', Layout][] = [];
for (const seed of ['000', '001', 'shanghai'] as const)
  for (const layout of LAYOUTS) if (!(seed !== 'shanghai' && layout === 'shanghai')) CASES.push([seed, layout]);
CASES.push(['000', 'shanghai']);

describe.each(CASES)('generated workbook %s / %s', (seed, layout) => {
  let snap: WorkbookSnapshot;
  beforeAll(async () => {
    snap = await buildSnapshot(seed, layout);
  });
  const wbSeed = seed === 'shanghai' || layout === 'shanghai' ? SEEDS.shanghai : SEEDS[seed];

  test('every printed body cell is where locate() says, with the value the layout promises', () => {
    let checked = 0;
    wbSeed.tables.forEach((t, ti) => {
      const codeCols = new Set<number>();
      for (const cc of t.codes) for (let k = 0; k < cc.span; k++) codeCols.add(cc.col + k);
      const nameOfCode = new Map(t.codes.map((cc) => [cc.col, cc.nameCol]));
      t.rows.forEach((row, ri) =>
        row.forEach((v, ci) => {
          if (v === '' || isCovered(v)) return;
          const at = locate(seed, layout, ti, ri, ci);
          const got = cellAt(snap, at.sheet, at.row, at.col);
          let want: unknown;
          const isCode = codeCols.has(ci) && /^\d+$/.test(v);
          if (layout === 'code-in-name' && nameOfCode.has(ci) && isCode) {
            const name = row[nameOfCode.get(ci)!];
            want = name && !isCovered(name) ? `${v} ${name}` : v;
          } else if (
            layout === 'code-in-name' &&
            [...nameOfCode.values()].includes(ci) &&
            /^\d+$/.test(row[t.codes.find((c) => c.nameCol === ci)!.col])
          ) {
            want = `${row[t.codes.find((c) => c.nameCol === ci)!.col]} ${v}`;
          } else if (layout === 'split-codes' && isCode && t.codes.some((c) => c.col === ci)) {
            // function codes over 类 | 款 | 项, economic codes over 类 | 款: the code's cell keeps its 类
            want = v.slice(0, 3);
          } else if (layout === 'pdf-converted' && isNumberText(v) && !codeCols.has(ci)) {
            // what the layout wrote (a number, or text with spaces as thousands separators) must read as the seed's figure
            want = writtenValue(seed, layout, ti, ri, ci);
            expect({ at: at.address, value: parseAmount(want as string | number).value?.toFixed(2) }).toEqual({
              at: at.address,
              value: numberOf(v).value.toFixed(2),
            });
          } else if (layout === 'text-numbers') {
            want = isNumberText(v) ? v : v.replace(/\(/g, '（').replace(/\)/g, '）');
          } else if (isNumberText(v) && !codeCols.has(ci)) {
            want = numberOf(v).value;
          } else {
            want = v;
          }
          expect({ table: t.key, ri, ci, at: at.address, value: got?.value }).toEqual({
            table: t.key,
            ri,
            ci,
            at: at.address,
            value: want,
          });
          checked++;
        }),
      );
    });
    expect(checked).toBeGreaterThan(100);
  });

  test('title, label, org/year/unit lines, header cells and notes are where locate*() says', () => {
    wbSeed.tables.forEach((t, ti) => {
      // These layouts deliberately print their own title/label/org/year lines: compare with what they wrote.
      if (layout === 'jiuqi' || layout === 'title-with-year') {
        for (const part of ['title', 'label', 'org', 'year', 'unit'] as const) {
          const loc = locateMeta(seed, layout, ti, part);
          const written = writtenMeta(seed, layout, ti, part);
          expect(loc === null).toBe(written === null);
          if (loc) expect(cellAt(snap, loc.sheet, loc.row, loc.col)?.value).toBe(written);
        }
        t.notes.forEach((n, i) => {
          const loc = locateNote(seed, layout, ti, i);
          expect(cellAt(snap, loc.sheet, loc.row, loc.col)?.value).toBe(n);
        });
        return;
      }
      const title = locateMeta(seed, layout, ti, 'title')!;
      const titleValue = cellAt(snap, title.sheet, title.row, title.col)?.value as string;
      expect(titleValue.trim().replace(/\u3000/g, '')).toBe(
        t.title.replace(/\(/g, layout === 'text-numbers' ? '（' : '(').replace(/\)/g, layout === 'text-numbers' ? '）' : ')'),
      );
      const label = locateMeta(seed, layout, ti, 'label');
      if (layout === 'no-labels' || t.label === null) expect(label).toBeNull();
      else
        expect(
          String(cellAt(snap, label!.sheet, label!.row, label!.col)?.value)
            .replace(/\s/g, '')
            .replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)),
        ).toBe(t.label.replace(/\s/g, ''));
      for (const part of ['org', 'year', 'unit'] as const) {
        const loc = locateMeta(seed, layout, ti, part);
        expect(loc === null).toBe(t[part] === null);
        if (loc) expect(String(cellAt(snap, loc.sheet, loc.row, loc.col)?.value).replace(/\s/g, '')).toBe(t[part]!.replace(/\s/g, ''));
      }
      t.notes.forEach((n, i) => {
        const loc = locateNote(seed, layout, ti, i);
        expect(cellAt(snap, loc.sheet, loc.row, loc.col)?.value).toBe(n);
      });
      if (layout === 'per-sheet' || layout === 'stacked' || layout === 'no-labels') {
        t.header.forEach((hr, hi) =>
          hr.forEach((v, ci) => {
            if (v === '' || isCovered(v)) return;
            const loc = locateHeader(seed, layout, ti, hi, ci);
            expect(cellAt(snap, loc.sheet, loc.row, loc.col)?.value).toBe(v);
          }),
        );
      }
    });
  });

  test('header and body merges land on the sheet', () => {
    if (layout === 'code-in-name' || layout === 'split-codes') return; // columns change; covered by the cell test
    wbSeed.tables.forEach((t, ti) => {
      const { sheet: name } = tableBox(seed, layout, ti);
      const merges = snap.sheets.find((s) => s.name === name)!.merges.map(rangeAddress);
      for (const m of mergesOf(t.header)) {
        const a = locateHeader(seed, layout, ti, m.top, m.left);
        const b = locateHeader(seed, layout, ti, m.bottom, m.right);
        expect(merges).toContain(`${a.address}:${b.address}`);
      }
      for (const m of mergesOf(t.rows)) {
        const a = locate(seed, layout, ti, m.top, m.left);
        const b = locate(seed, layout, ti, m.bottom, m.right);
        expect(merges).toContain(`${a.address}:${b.address}`);
      }
    });
  });
});

describe('layouts, concretely', () => {
  test('per-sheet sheet names: the labels (compacted), titles where none is printed', () => {
    expect(plan('001', 'per-sheet').sheets.map((s) => s.name)).toEqual([
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开07表',
      '公开10表',
      '公开11表',
      '部门整体支出绩效自评表',
      '项目支出绩效自评表',
      '公开14.2表',
    ]);
    expect(plan('shanghai', 'per-sheet').sheets.map((s) => s.name)).toEqual([
      '1收入支出决算总表',
      '2收入决算表',
      '3支出决算表',
      '4财政拨款收入支出决算总表',
      '5一般公共预算财政拨款支出决算表',
      '6一般公共预算财政拨款基本支出决算表',
      '7财政拨款“三公”经费支出决算表',
      '8政府性基金预算财政拨款收入支出决算表',
      '9国有资本经营预算财政拨款收入支出决算表',
    ]);
  });

  test('stacked: one Sheet1, tables at columns B, D, A … with 1–3 blank rows between', () => {
    const boxes = SEEDS['000'].tables.map((_, i) => tableBox('000', 'stacked', i));
    expect(new Set(boxes.map((b) => b.sheet))).toEqual(new Set(['Sheet1']));
    expect(boxes.slice(0, 4).map((b) => rangeAddress(b.box))).toEqual(['B1:G39', 'D42:N59', 'A63:J80', 'B82:J120']);
    expect(locate('000', 'stacked', 1, 0, 4).address).toBe('H48'); // 收入决算表 合计 本年收入合计
  });

  test('split-codes and code-in-name on 000 收入决算表', async () => {
    const split = await buildSnapshot('000', 'split-codes');
    const s02 = split.sheets[1];
    const row10 = s02.cells.filter((c) => c.row === 9 && c.col < 4).map((c) => c.value);
    expect(row10).toEqual(['208', '01', '09', '社会保险经办机构']);
    const cin = await buildSnapshot('000', 'code-in-name');
    const c02 = cin.sheets[1];
    expect(c02.cells.filter((c) => c.row === 9).map((c) => c.value)).toEqual(['2080109 社会保险经办机构', 10, 10]);
    expect(locate('000', 'code-in-name', 1, 3, 0)).toEqual(locate('000', 'code-in-name', 1, 3, 3));
    expect(locate('000', 'code-in-name', 1, 3, 4).address).toBe('B10');
  });

  test('no-labels: no 公开NN表 anywhere, generic sheet names, shuffled order', async () => {
    const s = await buildSnapshot('000', 'no-labels');
    expect(s.sheets.some((sh) => sh.cells.some((c) => typeof c.value === 'string' && /公开\s*\d/.test(c.value)))).toBe(false);
    expect(s.sheets.map((x) => x.name)).toEqual([
      'Sheet1',
      '10国有资产占用情况表',
      '一般公共预算财政拨款基本支出决算表',
      'Sheet4',
      '4财政拨款收入支出决算总表',
      '政府性基金预算财政拨款收入支出决算表',
      'Sheet7',
      '1收入支出决算总表',
      '支出决算表',
      'Sheet10',
      '2收入决算表',
      '一般公共预算财政拨款支出决算表',
    ]);
    expect(tableBox('000', 'no-labels', tableIndexOf('000', '01')).sheet).toBe('1收入支出决算总表');
  });

  test('shanghai: 24 expense 类 lines, horizontal “三公”, empty fund tables with their 说明', async () => {
    const sh = SEEDS.shanghai;
    expect(sh.tables.map((t) => t.title)).toHaveLength(9);
    expect(sh.tables[0].rows.filter((r) => /、.*支出$/.test(r[2]))).toHaveLength(24);
    expect(sh.tables[0].rows[23][2]).toBe('二十四、抗疫特别国债安排的支出');
    const s = await buildSnapshot('shanghai', 'per-sheet');
    const three = s.sheets[6];
    expect(three.cells.filter((c) => c.row === 6).map((c) => c.value)).toEqual([13.83, 11.42, 0, 0, 0, 0, 0, 0, 0, 0, 13.83, 11.42]);
    expect(three.cells.filter((c) => c.row === 5).map((c) => c.value)).toEqual(Array(6).fill(['预算数', '决算数']).flat());
    const fund = s.sheets[7];
    expect(fund.cells.map((c) => c.value)).toContain('说明：上饶市医疗保障局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。');
    expect(s.name).toBe('上海2024模板格式-上饶市医疗保障局2022年数据-per-sheet.xlsx');
  });

  test('deterministic: two builds read the same', async () => {
    const { buildWorkbookFromPlan } = await import('../scripts/fixtures/workbook');
    const { readWorkbookBuffer } = await import('../src/adapters/xlsx/read');
    const againBytes = await buildWorkbookFromPlan(plan('001', 'stacked'));
    const firstBytes = await buildWorkbook('001', 'stacked');
    expect(await readWorkbookBuffer(againBytes)).toEqual(await readWorkbookBuffer(firstBytes));
    // Byte for byte too (fixed document dates and zip entry stamps).
    expect(againBytes.equals(firstBytes)).toBe(true);
  });
});

describe('bundled samples', () => {
  const samples = path.resolve(__dirname, '../samples');
  test.each([
    ['上饶市医疗保障局2022年度部门决算.xlsx', '000'],
    ['新平县医疗保障局2022年度部门决算.xlsx', '001'],
  ] as const)('samples/%s is what the generator makes (seed %s, per-sheet)', async (file, seed) => {
    const committed = await readWorkbookFile(path.join(samples, file));
    const generated = await buildSnapshot(seed, 'per-sheet');
    expect({ ...committed, name: undefined }).toEqual({ ...generated, name: undefined });
  });
});

test('writtenValue says what each layout wrote', () => {
  const i = tableIndexOf('000', '02');
  expect(writtenValue('000', 'per-sheet', i, 3, 4)).toBe(10);
  expect(writtenValue('000', 'text-numbers', i, 3, 4)).toBe('10.00');
  expect(writtenValue('000', 'code-in-name', i, 3, 0)).toBe('2080109 社会保险经办机构');
  expect(writtenValue('000', 'split-codes', i, 3, 0)).toBe('208');
  expect(writtenValue('000', 'split-codes', i, 3, 2)).toBe('09');
  expect(writtenValue('000', 'per-sheet', i, 3, 1)).toBeUndefined();
});

test('split-codes prints the 基本支出表 economic codes over 类 | 款 under their one 科目编码 header: 302 | 01 | 办公费', async () => {
  const i = tableIndexOf('000', '06');
  const snap = await buildSnapshot('000', 'split-codes');
  const row = (ri: number) => {
    const at = locate('000', 'split-codes', i, ri, 3);
    return [0, 1, 2, 3].map((k) => cellAt(snap, at.sheet, at.row, at.col + k)?.value);
  };
  expect(row(0)).toEqual(['302', undefined, '商品和服务支出', 346.54]);
  expect(row(1)).toEqual(['302', '01', '办公费', 130.13]);
  const header = locateHeader('000', 'split-codes', i, 1, 3);
  expect(cellAt(snap, header.sheet, header.row, header.col)?.value).toBe('经济分类科目编码');
  const merges = snap.sheets.find((s) => s.name === header.sheet)!.merges;
  expect(merges).toContainEqual({ top: header.row, bottom: header.row, left: header.col, right: header.col + 1 });
});
