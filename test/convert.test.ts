/**
 * 元 ↔ 万元 conversion on the real 元 workbook (seed 001, 新平县医疗保障局 2022, as published): controlled rounding
 * leaves no tail and no rounding finding, plain rounding leaves the tails it reports, the round trip and undo
 * give back what was there.
 */
import { unzipSync } from 'fflate';
import { readFileSync } from 'fs';
import { Decimal } from '../src/core/amount';
import { CONVERT_TAG, NOTES_SHEET_NAME, planConversion, TAIL_NOTE } from '../src/core/convert';
import { twoDecimalFormat } from '../src/core/convert/write';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { brokenConstraints, type RoundingConstraint, type RoundingProblem } from '../src/core/convert/problem';
import { recognise } from '../src/core/recognise';
import { convertBytes, findingsOf, highsSolver, numbers, readBytes, readFile, SAMPLE_WAN, SAMPLE_YUAN, shape } from './convert-kit';

const original = readFileSync(SAMPLE_YUAN);

/** The cells seed 001 moves off plain rounding (to keep 02/03/05/06/10/11 footing with each other). */
const SEED_001_MOVED = [
  '公开02表!E17',
  '公开02表!F17',
  '公开02表!E24',
  '公开02表!F24',
  '公开03表!E14',
  '公开03表!F14',
  '公开03表!E20',
  '公开05表!M8',
  '公开05表!H15',
  '公开05表!I15',
  '公开05表!K15',
  '公开05表!L15',
  '公开05表!M15',
  '公开05表!H21',
  '公开05表!K21',
  '公开06表!C6',
  '公开06表!C7',
  '公开06表!C8',
  '公开06表!F30',
  '公开06表!C39',
  '公开10表!E9',
  '公开10表!E11',
  '公开11表!E7',
  '公开11表!I7',
];

describe('seed 001 (元) to 万元', () => {
  it('controlled: no tail, no rounding finding, the same findings as before, every cell within 0.01 万元', async () => {
    const before = findingsOf(original).map(shape);
    const { conversion, bytes } = await convertBytes(original, { to: '万元' });
    const r = conversion.report;
    expect(r.tails).toEqual([]);
    expect(r.adjusted.map((a) => a.cell)).toEqual(SEED_001_MOVED);
    expect(r.adjusted[0]).toEqual({ cell: '公开02表!E17', exact: '21.939296', plain: '21.94', value: '21.93' });
    for (const a of r.adjusted) expect(new Decimal(a.value).minus(a.exact).abs().lt('0.01')).toBe(true);
    const after = findingsOf(bytes);
    expect(after.filter((f) => f.severity === 'rounding')).toEqual([]);
    expect(after.map(shape)).toEqual(before);
    const read = readBytes(bytes);
    const converted = read.recognition.tables.filter((t) => r.tables.some((x) => x.id === t.id));
    expect(converted.map((t) => t.unit)).toEqual(converted.map(() => '万元'));
    expect(converted[0].unitText).toBe('金额单位：万元');
    // The notes sheet lists the moved cells; no tail note (no tail remains).
    const notes = read.snapshot.sheets.find((s) => s.name === NOTES_SHEET_NAME)!;
    expect(notes.cells.filter((c) => c.col === 0 && c.row > 0).map((c) => c.value)).toEqual(SEED_001_MOVED);
    expect(read.snapshot.sheets.some((s) => s.cells.some((c) => c.value === TAIL_NOTE))).toBe(false);
  });

  it('every converted value is the exact value ÷ 10,000 within 0.01 万元', async () => {
    const src = readFile(SAMPLE_YUAN);
    const { bytes } = await convertBytes(original, { to: '万元' });
    const out = readBytes(bytes);
    let cells = 0;
    for (const t of src.recognition.tables.filter((t) => t.unit === '元')) {
      const after = out.recognition.tables.find((x) => x.id === t.id)!;
      t.rows.forEach((row, i) => {
        for (const [k, c] of Object.entries(row.values)) {
          if (c.status !== 'number' || !c.value) continue;
          const v = after.rows[i].values[k].value!;
          const kind = row.valueKind ?? t.columns.find((x) => x.key === k)!.kind;
          // Counts (车辆数) stay as they are; amounts are within 0.01 万元 of exact.
          if (kind !== 'amount') expect(v.eq(c.value)).toBe(true);
          else expect(v.minus(c.value.div(10000)).abs().lt('0.01')).toBe(true);
          cells++;
        }
      });
    }
    expect(cells).toBeGreaterThan(250);
  });

  it('plain: half-up per cell, every broken identity reported with its tail; it differs from controlled only in the reported cells', async () => {
    const plain = await convertBytes(original, { to: '万元', rounding: 'plain' });
    const controlled = await convertBytes(original, { to: '万元' });
    const tails = plain.conversion.report.tails;
    expect(tails.length).toBeGreaterThan(0);
    expect(typeof tails[0].rule).toBe('string');
    expect(tails[0].tail).toMatch(/^-?0\.0\d$/);
    expect(plain.conversion.report.adjusted).toEqual([]);
    const rounding = findingsOf(plain.bytes).filter((f) => f.severity === 'rounding');
    expect(rounding.length).toBeGreaterThan(0);
    // Every rounding finding of the check is a reported tail.
    const reported = new Set(tails.map((t) => t.cells[0]));
    for (const f of rounding) expect(reported.has(f.cells[0])).toBe(true);
    const a = numbers(readBytes(plain.bytes).snapshot);
    const b = numbers(readBytes(controlled.bytes).snapshot);
    const moved = new Set(controlled.conversion.report.adjusted.map((x) => x.cell.replace(/!.*/, '')));
    const differ = [...a.keys()].filter((k) => a.get(k) !== b.get(k) && a.get(k) !== TAIL_NOTE && !k.startsWith(NOTES_SHEET_NAME));
    const adjusted = new Set(controlled.conversion.report.adjusted.map((x) => x.cell));
    const asA1 = (k: string) => {
      const [sheet, rc] = k.split('!');
      const [row, col] = rc.split(',').map(Number);
      return `${sheet}!${String.fromCharCode(65 + col)}${row + 1}`;
    };
    expect(differ.map(asA1).sort()).toEqual([...adjusted].sort());
    expect(moved.size).toBeGreaterThan(0);
    // The tail note goes under the tables a tail remains in.
    expect(readBytes(plain.bytes).snapshot.sheets.some((s) => s.cells.some((c) => c.value === TAIL_NOTE))).toBe(true);
  });

  it('round trip 元 → 万元 → 元 leaves no error that was not there', async () => {
    const before = findingsOf(original).map(shape);
    const wan = await convertBytes(original, { to: '万元' });
    const back = await convertBytes(wan.bytes, { to: '元' });
    expect(back.conversion.report.notices.join('')).toContain('无法恢复');
    const after = findingsOf(back.bytes);
    expect(after.filter((f) => f.severity === 'error').map(shape)).toEqual(before.filter((l) => l.includes(' error ')));
    expect(after.filter((f) => f.severity === 'rounding')).toEqual([]);
  });

  it('undo (撤销换算) gives back the original values, labels and formats exactly, and every sheet part byte for byte', async () => {
    const { bytes } = await convertBytes(original, { to: '万元' });
    const r = readBytes(bytes);
    applyPlanToPackage(r.opened, { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] });
    const undone = r.opened.pkg.toBytes();
    expect(numbers(readBytes(undone).snapshot)).toEqual(numbers(readFile(SAMPLE_YUAN).snapshot));
    const formats = (b: Uint8Array) => readBytes(b).snapshot.sheets.map((s) => s.cells.map((c) => c.format ?? ''));
    expect(formats(undone)).toEqual(formats(original));
    const parts = (b: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(b)).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
    expect(parts(undone)).toEqual(parts(original));
  });

  it('undo keeps a cell the user changed after the conversion', async () => {
    const { conversion, bytes } = await convertBytes(original, { to: '万元' });
    const r = readBytes(bytes);
    const [sheet, a1] = conversion.report.adjusted[0].cell.split('!');
    applyPlanToPackage(r.opened, { title: '用户修改', ops: [{ op: 'setValues', sheet, range: a1, values: [[12.5]], tag: 'user' }] });
    const report = applyPlanToPackage(r.opened, { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] });
    expect(report.keptUserChanges).toBe(1);
    const after = readBytes(r.opened.pkg.toBytes());
    const cell = after.snapshot.sheets.find((s) => s.name === sheet)!.cells.find((c) => c.row === 16 && c.col === 4)!;
    expect(cell.value).toBe(12.5);
  });

  it('converting again under the same tag and then undoing goes back to the first original (元 → 万元 → 元 → undo)', async () => {
    const wan = await convertBytes(original, { to: '万元' });
    const back = await convertBytes(wan.bytes, { to: '元' });
    const r = readBytes(back.bytes);
    applyPlanToPackage(r.opened, { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] });
    expect(numbers(readBytes(r.opened.pkg.toBytes()).snapshot)).toEqual(numbers(readFile(SAMPLE_YUAN).snapshot));
  });
});

describe('refusals and reports', () => {
  it('a workbook already in 万元 is refused with a clear message', async () => {
    const r = readFile(SAMPLE_WAN);
    const c = await planConversion(r.recognition, r.snapshot, { to: '万元' }, await highsSolver());
    expect(c.plan).toBeNull();
    expect(c.error).toContain('金额单位已是万元，无需换算');
  });

  it('one table converts alone; tables already in the target unit are listed as refused', async () => {
    const r = readFile(SAMPLE_YUAN);
    const c = await planConversion(
      r.recognition,
      r.snapshot,
      { to: '万元', scope: { kind: 'table', table: '公开06表!A1' } },
      await highsSolver(),
    );
    expect(c.report.tables.map((t) => t.id)).toEqual(['公开06表!A1']);
    expect(c.report.tails).toEqual([]);
    const all = await planConversion(r.recognition, r.snapshot, { to: '万元' }, await highsSolver());
    expect(all.report.refused.map((x) => x.reason)).toEqual([
      '2022年度部门整体支出绩效自评表的金额单位已是万元，无需换算。',
      '2022年度项目支出绩效自评表的金额单位已是万元，无需换算。',
      '2022年度项目支出绩效自评表（公开14.2表）的金额单位已是万元，无需换算。',
    ]);
  });

  it('a formula cell is reported and left, unless asked', async () => {
    const r = readFile(SAMPLE_YUAN);
    const sheet = r.snapshot.sheets.find((s) => s.name === '公开06表')!;
    const c6 = sheet.cells.find((c) => c.row === 5 && c.col === 2)!;
    c6.formula = true;
    const c = await planConversion(r.recognition, r.snapshot, { to: '万元' }, await highsSolver());
    expect(c.report.formulas).toEqual(['公开06表!C6']);
    expect(c.report.notices[0]).toContain('含公式，未改写');
    const written = c.plan!.ops.some((o) => o.op === 'setValues' && o.sheet === '公开06表' && o.range === 'C6');
    expect(written).toBe(false);
    const asked = await planConversion(r.recognition, r.snapshot, { to: '万元', replaceFormulas: true }, await highsSolver());
    expect(asked.report.formulas).toEqual([]);
  });

  it('never converts 行次, 栏次, counts, percentages or scores', async () => {
    const r = readFile(SAMPLE_YUAN);
    const c = await planConversion(r.recognition, r.snapshot, { to: '万元' }, await highsSolver());
    const written = new Set(c.plan!.ops.flatMap((o) => (o.op === 'setValues' ? [`${o.sheet}!${o.range}`] : [])));
    // 公开01表 行次 column B, 栏次 row 6.
    expect([...written].some((a) => /^公开01表!B\d+$/.test(a) || a === '公开01表!C6')).toBe(false);
    expect([...written].some((a) => a.startsWith('项目支出绩效自评表') || a.startsWith('部门整体支出绩效自评表'))).toBe(false);
  });
});

describe('number formats', () => {
  it('two decimals for 0.01 万元: General, 0, #,##0 and one-decimal formats get two; others stay', () => {
    expect(twoDecimalFormat(undefined)).toBe('0.00');
    expect(twoDecimalFormat('General')).toBe('0.00');
    expect(twoDecimalFormat('0')).toBe('0.00');
    expect(twoDecimalFormat('#,##0')).toBe('#,##0.00');
    expect(twoDecimalFormat('#,##0_ ;[Red]-#,##0 ')).toBe('#,##0.00_ ;[Red]-#,##0.00 ');
    expect(twoDecimalFormat('#,##0.0')).toBe('#,##0.00');
    expect(twoDecimalFormat('#,##0.00')).toBeNull();
    expect(twoDecimalFormat('0.000')).toBeNull();
    expect(twoDecimalFormat('@')).toBeNull();
  });

  it('a value written with a format, in the .xlsx writer, is undone to the element it replaced', () => {
    const r = readBytes(original);
    const plan = {
      title: '换算',
      ops: [{ op: 'setValues' as const, sheet: '公开01表', range: 'C7', values: [[459.31]], formats: [['#,##0.0000']], tag: CONVERT_TAG }],
    };
    applyPlanToPackage(r.opened, plan);
    const mid = readBytes(r.opened.pkg.toBytes()).snapshot.sheets.find((s) => s.name === '公开01表')!;
    expect(mid.cells.find((c) => c.row === 6 && c.col === 2)).toEqual(expect.objectContaining({ value: 459.31, format: '#,##0.0000' }));
    applyPlanToPackage(r.opened, { title: '撤销换算', ops: [{ op: 'clearTag', tag: CONVERT_TAG }] });
    const parts = (b: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(b)).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
    expect(parts(r.opened.pkg.toBytes())).toEqual(parts(original));
  });
});

describe('adjustment rules', () => {
  it('--adjust last puts the tail on the later item of each sum (公开02表 E18, not E17); every rule leaves no tail', async () => {
    const last = await convertBytes(original, { to: '万元', adjust: 'last' });
    const largest = await convertBytes(original, { to: '万元', adjust: 'largest' });
    expect(last.conversion.report.tails).toEqual([]);
    expect(largest.conversion.report.tails).toEqual([]);
    const cells = last.conversion.report.adjusted.map((a) => a.cell);
    expect(cells).toContain('公开02表!E18');
    expect(cells).not.toContain('公开02表!E17');
    expect(findingsOf(last.bytes).filter((f) => f.severity === 'rounding')).toEqual([]);
  });
});

describe('scope', () => {
  it('a selection converts only its cells, leaves the unit labels and says so; identities reaching outside it are no constraint', async () => {
    const r = readFile(SAMPLE_YUAN);
    const c = await planConversion(
      r.recognition,
      r.snapshot,
      { to: '万元', scope: { kind: 'selection', sheet: '公开06表', range: 'C6:C20' } },
      await highsSolver(),
    );
    const written = c.plan!.ops.flatMap((o) => (o.op === 'setValues' ? [`${o.sheet}!${o.range}:${o.values.length}`] : []));
    expect(written.every((w) => w.startsWith('公开06表!C'))).toBe(true);
    const rows = c.plan!.ops.flatMap((o) => (o.op === 'setValues' ? o.values.map((_, i) => Number(/\d+/.exec(o.range)![0]) + i) : []));
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...rows)).toBeLessThanOrEqual(20);
    expect(c.report.notices).toContain('只换算了所选区域，表头的金额单位说明未改动，请核对。');
    expect(c.report.tails).toEqual([]);
  });

  it('万元 → 元 writes a notes sheet that says the cents are gone, and nothing about rounding', async () => {
    const wan = await convertBytes(original, { to: '万元' });
    const back = await convertBytes(wan.bytes, { to: '元' });
    const notes = readBytes(back.bytes).snapshot.sheets.find((s) => s.name === NOTES_SHEET_NAME)!;
    expect(notes.cells.map((c) => c.value)).toEqual([
      '单位换算说明',
      '万元换算为元是把万元数乘以 10000：原表只保留到 0.01 万元（100 元），原来百元以下的数（角、分）无法恢复。',
    ]);
  });
});

describe('a table printed without its unit', () => {
  it('is converted with the 元 tables its figures foot with, and the user is told to label it', async () => {
    const r = readFile(SAMPLE_YUAN);
    const sheet = r.snapshot.sheets.find((s) => s.name === '公开03表')!;
    sheet.cells = sheet.cells.filter((c) => !(typeof c.value === 'string' && c.value.includes('金额单位')));
    const rec = recognise(r.snapshot);
    expect(rec.tables.find((t) => t.sheet === '公开03表')!.unit).toBeNull();
    const c = await planConversion(rec, r.snapshot, { to: '万元' }, await highsSolver());
    expect(c.report.tables.map((t) => t.id)).toContain('公开03表!A1');
    expect(c.report.tails).toEqual([]);
    expect(c.report.notices[0]).toBe(
      '支出决算表（公开03表）未标明金额单位，但其金额与同套元表的数字相互勾稽，已按元一并换算；表上没有金额单位说明可改，请自行注明“金额单位：万元”。',
    );
    // A table of counts or scores only, tied to nothing in 元, stays refused.
    expect(c.report.refused.every((x) => !x.table.startsWith('公开03表'))).toBe(true);
  });
});

describe('no rounding satisfies every identity', () => {
  // Three details a, b, c each alone in an identity (= 0), all three in two sums (a + b + c = 3, a + b + c + d = 4).
  // Least total tail: a = b = c = 1 leaves three tails of 0.01. Fewest tails: a = b = c = 0 leaves two (0.03 each).
  const eq = (terms: number[], rhs: number, label: string): RoundingConstraint => ({
    terms: terms.map((v) => ({ v, coef: 1 })),
    rhs,
    label,
  });
  const problem: RoundingProblem = {
    vars: [0, 1, 2, 3].map(() => ({ floor: 0, free: true, plain: 0 as const, weight: 1 })),
    constraints: [eq([0, 1, 2], 3, 'sum'), eq([0, 1, 2, 3], 4, 'sum2'), eq([0], 0, 'a'), eq([1], 0, 'b'), eq([2], 0, 'c')],
  };

  it('HiGHS falls back to the rounding with the fewest identities left with a tail, and the check reports each', async () => {
    const highs = await highsSolver();
    expect(highs.solve(problem)).toBeNull();
    const r = highs.solveWithTails(problem)!;
    expect(Array.from(r.up)).toEqual([0, 0, 0, 1]);
    expect(brokenConstraints(problem, r.up).map((b) => [b.constraint.label, b.off])).toEqual([
      ['sum', -3],
      ['sum2', -3],
    ]);
  });
});
