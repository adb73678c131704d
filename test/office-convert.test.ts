/**
 * The conversion through the office.js adapter (on the fake Excel): the plan of the real 元 workbook is written
 * in one write sync, values and two-decimal number formats land, the workbook then checks with no 尾差, and
 * 撤销换算 gives back every value and number format; converted in Excel and undone in the page (the ledger is one
 * format for both adapters) gives back the original figures too.
 */
import { readFileSync } from 'fs';
import { OfficeHost } from '../src/adapters/office/host';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { CONVERT_TAG, planConversion } from '../src/core/convert';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import { fakeFromXlsx, xlsxFromFake } from './fake-excel/xlsx';
import type { FakeWorkbook } from './fake-excel';
import { highsSolver, numbers, readBytes, SAMPLE_YUAN } from './convert-kit';

const UNDO = { title: '撤销换算', ops: [{ op: 'clearTag' as const, tag: CONVERT_TAG }] };

/** Every cell of the visible sheets: value and number format. */
function cellsOf(wb: FakeWorkbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of wb.sheets) {
    if (s.name === '_juesuan') continue;
    for (const [k, c] of s.cells) out[`${s.name}!${k}`] = [c.value, c.numberFormat ?? null];
  }
  return out;
}

async function converted(): Promise<{ wb: FakeWorkbook; host: OfficeHost; before: Record<string, unknown>; syncs: number }> {
  const wb = fakeFromXlsx(readFileSync(SAMPLE_YUAN));
  const before = cellsOf(wb);
  const host = new OfficeHost(wb.env());
  const snapshot = await host.readSnapshot();
  const c = await planConversion(recognise(snapshot), snapshot, { to: '万元' }, await highsSolver());
  expect(c.report.tails).toEqual([]);
  const writes = () => wb.syncLog.filter((r) => r.writes > 0).length;
  const w0 = writes();
  await host.applyPlan(c.plan!);
  return { wb, host, before, syncs: writes() - w0 };
}

describe('conversion in Excel (office.js adapter)', () => {
  it('writes the plan, values and formats, checks with no 尾差, and undoes to every value and format', async () => {
    const { wb, host, before, syncs } = await converted();
    // The record sheet goes first (the union of old and new entries), then the plan, then the ledger as it ends.
    expect(syncs).toBeLessThanOrEqual(3);
    const e17 = wb.sheet('公开02表').get(16, 4)!;
    expect(e17.value).toBe(21.93);
    expect(wb.sheet('公开01表').get(6, 2)!.value).toBe(459.31);
    expect(wb.sheets.some((s) => s.name === '单位换算说明')).toBe(true);
    const after = validate(recognise(await host.readSnapshot())).findings;
    expect(after.filter((f) => f.severity === 'rounding')).toEqual([]);

    const report = await host.applyPlanWithReport(UNDO);
    expect(report.keptUserChanges).toBe(0);
    expect(cellsOf(wb)).toEqual(before);
    expect(wb.sheets.some((s) => s.name === '单位换算说明')).toBe(false);
  });

  it('a cell the user changed after the conversion is kept by the undo', async () => {
    const { wb, host } = await converted();
    wb.sheet('公开02表').get(16, 4)!.value = 22;
    const report = await host.applyPlanWithReport(UNDO);
    expect(report.keptUserChanges).toBe(1);
    expect(wb.sheet('公开02表').get(16, 4)!.value).toBe(22);
    expect(wb.sheet('公开01表').get(6, 2)!.value).toBe(4593144.3);
  });

  it('converted in Excel, undone in the page: the original figures', async () => {
    const { wb } = await converted();
    const r = readBytes(await xlsxFromFake(wb));
    applyPlanToPackage(r.opened, UNDO);
    expect(numbers(readBytes(r.opened.pkg.toBytes()).snapshot)).toEqual(numbers(readBytes(readFileSync(SAMPLE_YUAN)).snapshot));
  });

  it('the selection scope takes Excel’s selection: only its cells convert', async () => {
    const wb = fakeFromXlsx(readFileSync(SAMPLE_YUAN));
    wb.selection = { sheet: '公开06表', address: 'C6:C20' };
    const host = new OfficeHost(wb.env());
    const sel = await host.selectedRange();
    expect(sel).toEqual({ sheet: '公开06表', range: 'C6:C20' });
    const snapshot = await host.readSnapshot();
    const c = await planConversion(
      recognise(snapshot),
      snapshot,
      { to: '万元', scope: { kind: 'selection', ...sel! } },
      await highsSolver(),
    );
    await host.applyPlan(c.plan!);
    // Within the selection alone plain rounding foots (the whole set moved it to 394.01 for the other tables).
    expect(wb.sheet('公开06表').get(5, 2)!.value).toBe(394.02);
    // Outside the selection: still 元.
    expect(wb.sheet('公开06表').get(38, 2)!.value).toBe(4050256);
  });
});
