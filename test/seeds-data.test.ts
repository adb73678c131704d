/**
 * The transcription against the seed documents: every number printed in a transcribed table appears in the
 * seed text, in the same order, inside that table's stretch of the text — and nothing numeric of that
 * stretch was left out. Plus facts checked by hand against the published tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Decimal, parseAmount } from '../src/core/amount';
import { checkGrid, isCovered, mergesOf, SEEDS, type SeedTable, type SeedWorkbook } from './data/seeds';
import { isNumberText } from '../scripts/fixtures/render';

const SEED_DIR = path.resolve(__dirname, '../../shared/seeds');

function seedText(id: '000' | '001'): string[] {
  const file = fs.readdirSync(SEED_DIR).find((f) => f.startsWith(`${id}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${id} not found in ${SEED_DIR}`);
  return fs.readFileSync(path.join(SEED_DIR, file), 'utf8').split('\n');
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
  const lines = seedText(id);
  const wb = SEEDS[id];
  const starts = anchors(lines, wb);

  test.each(wb.tables.map((t, i) => [t.key, i] as const))('table %s: numbers as in the seed, in order', (_key, i) => {
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

function cell(id: '000' | '001', key: string, r: number, c: number): string {
  const t = SEEDS[id].tables.find((x) => x.key === key);
  if (!t) throw new Error(key);
  return t.rows[r][c];
}

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
      '公开 01 表', '公开 02 表', '公开 03 表', '公开 04 表', '公开 05 表', '公开 06 表', '公开 07 表', '公开 08 表',
      '公开 09 表', '公开 10 表', null, null,
    ]);
    expect(SEEDS['001'].tables.map((t) => t.label)).toEqual([
      '公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开10表', '公开11表',
      null, null, '公开14.2表',
    ]);
    expect(SEEDS['000'].tables[0]).toMatchObject({ title: '收入支出决算总表', org: '编制单位：上饶市医疗保障局', year: '2022 年度', unit: '金额单位：万元' });
    expect(SEEDS['001'].tables[0]).toMatchObject({ title: '收入支出决算表', org: '部门：新平彝族傣族自治县医疗保障局', year: null, unit: '金额单位：元' });
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
    expect(dec(rowOf('000', '06', 0, '301')[2]).plus(dec(rowOf('000', '06', 0, '303')[2])).toFixed(2)).toBe('988.75');
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
