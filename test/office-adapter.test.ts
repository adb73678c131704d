/**
 * The office.js adapter against the strict fake (test/fake-excel): exact snapshots, round trips counted,
 * marks restored exactly, degraded notes, literal text, chunking only past the limits.
 */
import type { WritePlan } from '../src/core/model';
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { OfficeHost } from '../src/adapters/office/host';
import { RECORD_SHEET } from '../src/adapters/office/records';
import { solidStored } from '../src/adapters/office/translate';
import { LEDGER_HEADER, parseLedger } from '../src/core/ledger';
import { cellAddress } from '../src/core/snapshot';
import { clearMarksPlan, findingsSheetPlan, MARKS_TAG, markFindingsPlan } from '../src/core/plans';
import { recognise } from '../src/core/recognise/index';
import { validate } from '../src/core/validate/index';
import { FakeWorkbook } from './fake-excel';
import { buildSnapshot } from './fixtures';

function small(): FakeWorkbook {
  const wb = new FakeWorkbook();
  // Used range not at A1: starts at B3.
  wb.set('公开01表', 'B3', [
    ['收入支出决算总表', null, null],
    ['项目', '金额', null],
    ['一般公共预算财政拨款收入', 1709.37, '=SUM(A1)'],
    [null, '1,575.90', true],
  ]);
  const s = wb.sheet('公开01表');
  s.merges = [{ top: 2, left: 1, bottom: 2, right: 4 }];
  s.get(4, 2)!.numberFormat = '#,##0.00';
  s.get(4, 3)!.formula = '=C5*2';
  s.get(4, 3)!.value = 3418.74;
  const p = wb.addSheet('Sheet 1');
  p.protected = true;
  p.visibility = 'Hidden';
  wb.set('Sheet 1', 'A1', [['x']]);
  wb.addSheet('空表');
  return wb;
}

const expectedSmall: WorkbookSnapshot = {
  name: '测试.xlsx',
  sheets: [
    {
      name: '公开01表',
      cells: [
        { row: 2, col: 1, value: '收入支出决算总表' },
        { row: 3, col: 1, value: '项目' },
        { row: 3, col: 2, value: '金额' },
        { row: 4, col: 1, value: '一般公共预算财政拨款收入' },
        { row: 4, col: 2, value: 1709.37, format: '#,##0.00', text: '1,709.37' },
        { row: 4, col: 3, value: 3418.74, formula: true, text: '3418.74' },
        // Set as text `1,575.90`: the fake, like Excel, keeps text that is not a plain number as text.
        { row: 5, col: 2, value: '1,575.90' },
        { row: 5, col: 3, value: true, text: 'TRUE' },
      ],
      merges: [{ top: 2, left: 1, bottom: 2, right: 4 }],
    },
    { name: 'Sheet 1', cells: [{ row: 0, col: 0, value: 'x' }], merges: [], protected: true, hidden: true },
    { name: '空表', cells: [], merges: [] },
  ],
};

describe('readSnapshot', () => {
  it('reads values, formats, formula flags, merges, offsets, protection and visibility exactly', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env(), { name: '测试.xlsx' });
    await host.prepare();
    expect(wb.syncs).toBe(2);
    const snap = await host.readSnapshot();
    expect(snap).toEqual(expectedSmall);
    // With the sheet list known, the read itself is one round trip.
    expect(wb.syncs).toBe(3);
  });

  it('a check clicked while the pane is still preparing waits for it instead of listing the sheets twice', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env(), { name: '测试.xlsx' });
    host.prepareInBackground();
    expect(await host.readSnapshot()).toEqual(expectedSmall);
    expect(wb.syncs).toBe(3);
  });

  it('reads a sheet emptied after the pane opened (its fills are not asked of a null used range)', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env(), { name: '测试.xlsx' });
    await host.prepare();
    wb.sheet('Sheet 1').cells.clear();
    wb.syncLog.length = 0;
    const snap = await host.readSnapshot();
    expect(wb.syncLog.map((x) => x.error ?? 'ok')).toEqual(['ok']);
    expect(snap.sheets[1]).toEqual({ name: 'Sheet 1', cells: [], merges: [], protected: true, hidden: true });
  });

  it('lists the sheets itself when not prepared (names, sizes, data)', async () => {
    const wb = small();
    const snap = await new OfficeHost(wb.env(), { name: '测试.xlsx' }).readSnapshot();
    expect(snap).toEqual(expectedSmall);
    expect(wb.syncs).toBe(3);
  });

  it("turns date serials into the ISO text the exceljs reader gives, and keeps Excel's display text", async () => {
    const wb = new FakeWorkbook();
    wb.set('日期', 'A1', [[44926, 44926.4375, 1709.37, 12]]);
    const s = wb.sheet('日期');
    s.get(0, 0)!.numberFormat = 'yyyy/m/d';
    s.get(0, 1)!.numberFormat = 'yyyy-mm-dd hh:mm';
    s.get(0, 2)!.numberFormat = '0.00"元"';
    s.get(0, 3)!.numberFormat = '[Red]#,##0';
    const snap = await new OfficeHost(wb.env()).readSnapshot();
    expect(snap.sheets[0].cells.map((c) => c.value)).toEqual(['2022-12-31', '2022-12-31T10:30:00', 1709.37, 12]);
  });

  it('notices a sheet renamed and a sheet added since the names were cached', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env());
    await host.prepare();
    wb.sheet('空表').name = '改名';
    wb.set('新表', 'A1', [[1]]);
    const snap = await host.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(['公开01表', 'Sheet 1', '改名', '新表']);
    expect(snap.sheets[3].cells).toEqual([{ row: 0, col: 0, value: 1, text: '1' }]);
    // Moved: the snapshot follows the workbook's order, still in one sync.
    wb.sheets.reverse();
    wb.syncLog.length = 0;
    expect((await host.readSnapshot()).sheets.map((s) => s.name)).toEqual(['新表', '改名', 'Sheet 1', '公开01表']);
    expect(wb.syncs).toBe(1);
  });
});

function marksPlan(): WritePlan {
  return markFindingsPlan([
    {
      rule: 'r.total',
      severity: 'error',
      message: '合计不等',
      cells: ['公开01表!C5', '公开01表!C6'],
      expected: '1.00',
      actual: '2.00',
      table: null,
    },
    { rule: 'r.tail', severity: 'rounding', message: '尾差', cells: ['公开01表!D6'], expected: null, actual: null, table: null },
  ]);
}

async function readyHost(wb: FakeWorkbook, options = {}) {
  const host = new OfficeHost(wb.env(), options);
  await host.readSnapshot();
  wb.syncLog.length = 0;
  return host;
}

/** The records as they sit in `_juesuan` (the ledger's rows: kind, tag, sheet, cell, data), data parsed. */
function recordsIn(wb: FakeWorkbook): { kind: string; tag: string; sheet: string; cell: string; data: unknown }[] {
  const rows: string[][] = [];
  for (let r = 0; wb.value(RECORD_SHEET, cellAddress(r, 0)) !== null; r++)
    rows.push([0, 1, 2, 3, 4, 5].map((c) => String(wb.value(RECORD_SHEET, cellAddress(r, c)) ?? '')));
  // The ledger's versioned header, and nothing in it the ledger cannot read.
  expect(rows[0]).toEqual(LEDGER_HEADER);
  expect(parseLedger(rows).filter((e) => e.kind === 'foreign')).toEqual([]);
  return rows
    .slice(1)
    .map(([kind, tag, sheet, cell, data]) => ({ kind, tag, sheet, cell, data: data === '' ? '' : (JSON.parse(data) as unknown) }));
}

const PINK = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BLUE = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GREEN = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } };

describe('applyPlan: marks and clearing', () => {
  it('right after 审核, 标记 is one write sync built from what the read saw; 清除 probes, then restores exactly', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    wb.setFill('公开01表', 'B3', '#FFFF00');
    const host = await readyHost(wb);

    const report = await host.applyPlanWithReport(marksPlan());
    expect(wb.syncLog.map((x) => [x.loads, x.writes > 0])).toEqual([[0, true]]);
    expect(report).toMatchObject({ cellsFilled: 3, notesWritten: 2, notices: [], syncs: 1 });
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6'), wb.fill('公开01表', 'B3')]).toEqual([
      '#FFC7CE',
      '#FFC7CE',
      '#DDEBF7',
      '#FFFF00',
    ]);
    expect([wb.note('公开01表', 'C5'), wb.note('公开01表', 'D6')]).toEqual([
      '决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）',
      '决算公开助手：\n【尾差】尾差',
    ]);
    // C5's green came from the read's getCellProperties, not from a probe.
    expect(recordsIn(wb)).toEqual([
      { kind: 'fill', tag: MARKS_TAG, sheet: '公开01表', cell: 'C5', data: { prior: GREEN, applied: PINK } },
      { kind: 'fill', tag: MARKS_TAG, sheet: '公开01表', cell: 'C6', data: { prior: null, applied: PINK } },
      { kind: 'fill', tag: MARKS_TAG, sheet: '公开01表', cell: 'D6', data: { prior: null, applied: BLUE } },
      {
        kind: 'note',
        tag: MARKS_TAG,
        sheet: '公开01表',
        cell: 'C5',
        data: { prior: null, applied: '决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）' },
      },
      { kind: 'note', tag: MARKS_TAG, sheet: '公开01表', cell: 'D6', data: { prior: null, applied: '决算公开助手：\n【尾差】尾差' } },
    ]);

    wb.syncLog.length = 0;
    expect(await host.applyPlanWithReport(clearMarksPlan())).toMatchObject({ restored: 5, keptUserChanges: 0, syncs: 2 });
    expect(wb.syncLog.map((x) => x.writes > 0)).toEqual([false, true]);
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6'), wb.fill('公开01表', 'B3')]).toEqual([
      '#00B050',
      null,
      null,
      '#FFFF00',
    ]);
    expect([wb.note('公开01表', 'C5'), wb.note('公开01表', 'D6')]).toEqual([null, null]);
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });

  it('uses the read only once, and only for cells inside the used ranges it loaded fills for', async () => {
    const wb = small();
    const host = await readyHost(wb);
    // H20 is outside the used range B3:D6: its fill was not read, so the write looks first.
    const outside: WritePlan = { title: '标记', ops: [{ op: 'fill', sheet: '公开01表', range: 'H20', color: '#FFC7CE', tag: 't' }] };
    expect((await host.applyPlanWithReport(outside)).syncs).toBe(2);
    await host.readSnapshot();
    wb.syncLog.length = 0;
    const inside: WritePlan = { title: '标记', ops: [{ op: 'fill', sheet: '公开01表', range: 'C4', color: '#FFC7CE', tag: 'u' }] };
    expect((await host.applyPlanWithReport(inside)).syncs).toBe(1);
    // A second plan after the same read: the workbook has changed since (by the first), so it probes.
    const again: WritePlan = { title: '标记', ops: [{ op: 'fill', sheet: '公开01表', range: 'C3', color: '#FFC7CE', tag: 'v' }] };
    expect((await host.applyPlanWithReport(again)).syncs).toBe(2);
    expect([wb.fill('公开01表', 'H20'), wb.fill('公开01表', 'C4'), wb.fill('公开01表', 'C3')]).toEqual(['#FFC7CE', '#FFC7CE', '#FFC7CE']);
  });

  it('a user note on a target cell cannot be located by the read (notes carry no address): one probe, one write', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    wb.sheet('公开01表').notes.set('C5', '用户的备注');
    const host = await readyHost(wb);

    const report = await host.applyPlanWithReport(marksPlan());
    expect(wb.syncLog.map((x) => x.writes > 0)).toEqual([false, true]);
    expect(report).toMatchObject({
      cellsFilled: 3,
      notesWritten: 2,
      restored: 0,
      keptUserChanges: 0,
      noteMode: 'notes',
      notices: [],
      syncs: 2,
    });
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#FFC7CE', '#FFC7CE', '#DDEBF7']);
    // The user's note is kept, ours below it.
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注\n\n决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）');
    expect(wb.note('公开01表', 'D6')).toBe('决算公开助手：\n【尾差】尾差');
    // The records sit in the veryHidden sheet, in the exceljs adapter's format.
    const rec = wb.sheet(RECORD_SHEET);
    expect(rec.visibility).toBe('VeryHidden');
    expect(wb.value(RECORD_SHEET, 'A1')).toBe('kind');
    expect(JSON.parse(String(wb.value(RECORD_SHEET, 'E2')))).toEqual({
      prior: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } },
      applied: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
    });

    // The user repaints one marked cell; clearing must leave that one alone.
    wb.setFill('公开01表', 'C6', '#FFFF00');
    wb.syncLog.length = 0;
    const cleared = await host.applyPlanWithReport(clearMarksPlan());
    expect(wb.syncs).toBe(2);
    expect(cleared).toMatchObject({ restored: 4, keptUserChanges: 1 });
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#00B050', '#FFFF00', null]);
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注');
    expect(wb.note('公开01表', 'D6')).toBeNull();
    // Nothing left to remember: the record sheet is gone.
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });

  it('checking twice replaces the marks instead of stacking them, and one clear still restores the original', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    const host = await readyHost(wb);
    await host.applyPlan(marksPlan());
    await host.applyPlan(marksPlan());
    expect(wb.fill('公开01表', 'C5')).toBe('#FFC7CE');
    expect(wb.note('公开01表', 'C5')).toBe('决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）');
    await host.applyPlan(clearMarksPlan());
    expect(wb.fill('公开01表', 'C5')).toBe('#00B050');
    expect(wb.note('公开01表', 'C5')).toBeNull();
  });

  it('clears after “reopening”: a new host with no memory finds the records in the workbook', async () => {
    const wb = small();
    await (await readyHost(wb)).applyPlan(marksPlan());
    const fresh = new OfficeHost(wb.env());
    wb.syncLog.length = 0;
    await fresh.applyPlan(clearMarksPlan());
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'D6')]).toEqual([null, null]);
    // No sheet list yet (1), probe with no records guessed finds records (1), probe again with them (1), write (1).
    expect(wb.syncs).toBe(4);
  });

  it('writes the notes as threaded comments when ExcelApi 1.18 is missing, and says so', async () => {
    const wb = small();
    wb.excelApi = '1.17';
    const host = await readyHost(wb);
    expect(host.capabilities()).toMatchObject({ notes: false, comments: true });
    const report = await host.applyPlanWithReport(marksPlan());
    expect(report.noteMode).toBe('comments');
    expect(report.notices).toEqual(['此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。']);
    expect(wb.commentAt('公开01表', 'C5')?.content).toBe('决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）');
    expect(wb.commentAt('公开01表', 'D6')?.content).toBe('决算公开助手：\n【尾差】尾差');
    expect(wb.sheet('公开01表').notes.size).toBe(0);
    await host.applyPlan(clearMarksPlan());
    expect(wb.comments).toEqual([]);
  });

  it('does not write over a user comment in comment mode (and keeps it on clear)', async () => {
    const wb = small();
    wb.excelApi = '1.12';
    wb.addComment(wb.sheet('公开01表'), 'C5', '用户批注');
    const host = await readyHost(wb);
    const report = await host.applyPlanWithReport(marksPlan());
    expect(report.notices).toContain('1 个单元格已有批注，未在这些单元格写入审核说明（见任务窗格中的问题列表）。');
    expect(wb.comments.map((c) => [c.cell, c.content])).toEqual([
      ['C5', '用户批注'],
      ['D6', '决算公开助手：\n【尾差】尾差'],
    ]);
    await host.applyPlan(clearMarksPlan());
    expect(wb.comments.map((c) => [c.cell, c.content])).toEqual([['C5', '用户批注']]);
  });

  it('writes the notes to a sheet when neither notes nor comments exist, and clearing removes it', async () => {
    const wb = small();
    wb.excelApi = '1.9';
    const host = await readyHost(wb);
    const report = await host.applyPlanWithReport(marksPlan());
    expect(report.noteMode).toBe('sheet');
    expect(report.notices).toEqual(['此版本的 Excel 不支持备注和批注，审核说明已写入工作表“审核说明”。']);
    expect(wb.dump('审核说明')).toEqual({
      A1: '工作表',
      B1: '单元格',
      C1: '说明',
      A2: '公开01表',
      B2: 'C5',
      C2: '决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）',
      A3: '公开01表',
      B3: 'D6',
      C3: '决算公开助手：\n【尾差】尾差',
    });
    await host.applyPlan(clearMarksPlan());
    expect(wb.find('审核说明')).toBeUndefined();
    expect(wb.fill('公开01表', 'C5')).toBeNull();
  });

  it('skips a protected sheet and says so instead of failing the batch', async () => {
    const wb = small();
    wb.sheet('公开01表').protected = true;
    const host = await readyHost(wb);
    const report = await host.applyPlanWithReport(marksPlan());
    expect(report.cellsFilled).toBe(0);
    expect(report.notices).toEqual(['工作表“公开01表”受保护，5 处未能写入或恢复。请取消工作表保护后重试。']);
    expect(wb.fill('公开01表', 'C5')).toBeNull();
  });

  it('refuses, before writing anything, a plan naming a sheet that does not exist', async () => {
    const wb = small();
    const host = await readyHost(wb);
    const plan: WritePlan = {
      title: '标记',
      ops: [
        { op: 'fill', sheet: '公开01表', range: 'C5', color: '#FFC7CE', tag: 't' },
        { op: 'fill', sheet: '无此表', range: 'A1', color: '#FFC7CE', tag: 't' },
      ],
    };
    await expect(host.applyPlan(plan)).rejects.toThrow('“标记”无法执行：工作簿中没有名为“无此表”的工作表');
    expect(wb.fill('公开01表', 'C5')).toBeNull();
  });
});

describe('applyPlan: sheets and values', () => {
  it('writes a findings sheet as literal text: `=SUM(A1)` and `001` stay text, numbers stay numbers', async () => {
    const wb = small();
    const host = await readyHost(wb);
    const plan: WritePlan = {
      title: '结果',
      ops: [
        {
          op: 'addSheet',
          name: '审核结果',
          tag: 'juesuan:findings-sheet',
          rows: [
            ['序号', '说明'],
            [1, '=SUM(A1)'],
            [2, '001'],
            [3, null],
          ],
        },
      ],
    };
    const report = await host.applyPlanWithReport(plan);
    // Right after a read: names and protection are known, so the write is the only sync.
    expect(wb.syncs).toBe(1);
    expect(report.sheetsAdded).toEqual(['审核结果']);
    expect(wb.dump('审核结果')).toEqual({ A1: '序号', B1: '说明', A2: 1, B2: '=SUM(A1)', A3: 2, B3: '001', A4: 3 });
    expect(wb.cell('审核结果', 'B2')).toMatchObject({ value: '=SUM(A1)', numberFormat: '@' });
    expect(wb.cell('审核结果', 'B2')?.formula).toBeUndefined();
    expect(wb.cell('审核结果', 'A1')?.bold).toBe(true);
  });

  it('takes a free name when the user has a sheet called 审核结果, and replaces its own earlier one', async () => {
    const wb = small();
    wb.set('审核结果', 'A1', [['用户的表']]);
    const host = await readyHost(wb);
    const recognition = { tables: [], unrecognised: [], notices: [] };
    const finding = { rule: 'x', severity: 'error' as const, message: 'm', cells: [], expected: null, actual: null, table: null };
    await host.applyPlan(findingsSheetPlan([finding], recognition));
    // The records are written first in the batch (so a batch cut short can still be cleared).
    expect(wb.sheets.map((s) => s.name)).toEqual(['公开01表', 'Sheet 1', '空表', '审核结果', RECORD_SHEET, '审核结果 (2)']);
    await host.applyPlan(findingsSheetPlan([finding, finding], recognition));
    expect(wb.sheets.map((s) => s.name)).toEqual(['公开01表', 'Sheet 1', '空表', '审核结果', RECORD_SHEET, '审核结果 (2)']);
    expect(wb.value('审核结果 (2)', 'A3')).toBe(2);
    expect(wb.dump('审核结果')).toEqual({ A1: '用户的表' });
  });

  it('setValues records what it replaced (formula included) and clearTag puts it back', async () => {
    const wb = small();
    const host = await readyHost(wb);
    await host.applyPlan({
      title: '写值',
      ops: [{ op: 'setValues', sheet: '公开01表', range: 'C5', values: [[17.09, '=1+1']], tag: 'conv' }],
    });
    expect(wb.cell('公开01表', 'C5')).toMatchObject({ value: 17.09, numberFormat: '#,##0.00' });
    expect(wb.cell('公开01表', 'D5')).toMatchObject({ value: '=1+1', numberFormat: '@' });
    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: 'conv' }] });
    expect(wb.cell('公开01表', 'C5')).toMatchObject({ value: 1709.37, numberFormat: '#,##0.00' });
    expect(wb.cell('公开01表', 'D5')).toMatchObject({ formula: '=C5*2' });
    expect(wb.cell('公开01表', 'D5')?.numberFormat).toBeUndefined();
  });
});

describe('overrides and selection', () => {
  it('stores overrides in the record sheet and reads them back into the snapshot', async () => {
    const wb = small();
    const host = await readyHost(wb);
    await host.saveOverrides([
      { sheet: '公开01表', anchor: 'B3', specId: 'income_expense_summary/national' },
      { sheet: 'Sheet 1', anchor: 'A1', specId: null },
    ]);
    const again = new OfficeHost(wb.env());
    expect(await again.loadOverrides()).toEqual([
      { sheet: '公开01表', anchor: 'B3', specId: 'income_expense_summary/national' },
      { sheet: 'Sheet 1', anchor: 'A1', specId: null },
    ]);
    const snap = await again.readSnapshot();
    expect(snap.overrides).toEqual([
      { sheet: '公开01表', anchor: 'B3', specId: 'income_expense_summary/national' },
      { sheet: 'Sheet 1', anchor: 'A1', specId: null },
    ]);
    expect(snap.sheets.map((s) => s.name)).not.toContain(RECORD_SHEET);
  });

  it('selects the first address, with the others on the same sheet as a multi-area selection', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env());
    await host.selectCells(['公开01表!C12', "'Sheet 1'!D4", '公开01表!$C$5']);
    expect(wb.selection).toEqual({ sheet: '公开01表', address: 'C12,C5' });
    expect(wb.syncs).toBe(1);
    await host.selectCells(["'Sheet 1'!D4"]);
    expect(wb.selection).toEqual({ sheet: 'Sheet 1', address: 'D4' });
    await expect(host.selectCells(['无此表!A1'])).rejects.toThrow('找不到工作表“无此表”');
  });

  it('a finding of 3,000 cells selects a bounded address, its total first, in one sync', async () => {
    const wb = small();
    const host = new OfficeHost(wb.env());
    // The total C12, then 2,999 cells every other row of column A (nothing to merge), one on another sheet.
    const scattered = ['公开01表!C12', "'Sheet 1'!D4", ...Array.from({ length: 2999 }, (_, i) => `公开01表!A${10 + 2 * i}`)];
    await host.selectCells(scattered);
    expect(wb.selection).toEqual({
      sheet: '公开01表',
      address: ['C12', ...Array.from({ length: 29 }, (_, i) => `A${10 + 2 * i}`)].join(','),
    });
    expect(wb.syncs).toBe(1);
    // Adjacent cells become one area: the whole column run is selected.
    await host.selectCells(['公开01表!C12', ...Array.from({ length: 2999 }, (_, i) => `公开01表!A${10 + i}`)]);
    expect(wb.selection).toEqual({ sheet: '公开01表', address: 'C12,A10:A3008' });
    expect(wb.syncs).toBe(2);
  });
});

describe('limits', () => {
  function big(rows: number, cols: number): FakeWorkbook {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('大表');
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) s.ensure(r + 1, c).value = r * cols + c;
    wb.set('小表', 'A1', [['合计', 1]]);
    return wb;
  }

  it('reads a used range under the threshold in the single sync', async () => {
    const wb = big(99, 10);
    const host = new OfficeHost(wb.env(), { cellsPerSync: 1000 });
    await host.prepare();
    wb.syncLog.length = 0;
    const snap = await host.readSnapshot();
    expect(wb.syncs).toBe(1);
    expect(snap.sheets[0].cells).toHaveLength(990);
    expect(snap.sheets[0].cells[989]).toEqual({ row: 99, col: 9, value: 989, text: '989' });
  });

  it('past the threshold reads the big sheet in row bands, same snapshot', async () => {
    const wb = big(250, 10);
    const host = new OfficeHost(wb.env(), { cellsPerSync: 1000 });
    await host.prepare();
    wb.syncLog.length = 0;
    const progress: string[] = [];
    const snap = await host.readSnapshot((_p, t) => progress.push(t));
    // One main batch (sizes, small sheet), then 100-row bands: 100 + 100 + 50 rows.
    expect(wb.syncs).toBe(4);
    expect(wb.syncLog.every((s) => s.responseBytes < 30_000)).toBe(true);
    expect(snap.sheets[0].cells).toHaveLength(2500);
    expect(snap.sheets[0].cells[2499]).toEqual({ row: 250, col: 9, value: 2499, text: '2499' });
    expect(snap.sheets[1].cells).toEqual([
      { row: 0, col: 0, value: '合计' },
      { row: 0, col: 1, value: 1, text: '1' },
    ]);
    expect(progress).toContain('正在分段读取“大表”（250/250 行）…');
  });

  it('falls back to bands when the response would pass the payload limit', async () => {
    const wb = big(250, 10);
    wb.responseLimit = 30_000;
    const grown = wb.sheet('大表');
    wb.sheets[0] = new FakeWorkbook().addSheet('大表');
    const host = new OfficeHost(wb.env(), { cellsPerSync: 1000 });
    await host.prepare();
    // The sheet grows after the sizes were cached: the main batch loads it whole and fails on size.
    wb.sheets[0] = grown;
    wb.syncLog.length = 0;
    const snap = await host.readSnapshot();
    // Failed batch; sizes only; then every sheet in bands (the cached sizes proved wrong): 3 for 大表, 1 for 小表.
    expect(wb.syncLog.map((s) => s.error ?? 'ok')).toEqual(['ResponsePayloadSizeLimitExceeded', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(snap.sheets[0].cells).toHaveLength(2500);
  });

  it('cuts a sheet past maxCells and reports its real size', async () => {
    const wb = big(250, 10);
    const host = new OfficeHost(wb.env(), { cellsPerSync: 1000, maxCells: 1500 });
    const snap = await host.readSnapshot();
    // 1,500 cells: 2 for the small sheet, 149 rows of 10 for the big one.
    expect(snap.sheets[0].cells).toHaveLength(1490);
    expect(snap.sheets[0].truncated).toEqual({ rows: 251, cols: 10 });
  });

  it('splits a probe and a write only past bytesPerSync', async () => {
    const wb = big(30, 10);
    const findings = Array.from({ length: 300 }, (_, i) => ({
      rule: 'r',
      severity: 'error' as const,
      message: `问题${i}`,
      cells: [`大表!${String.fromCharCode(65 + (i % 10))}${Math.floor(i / 10) + 2}`],
      expected: null,
      actual: null,
      table: null,
    }));
    // Prepared but not read: the write has to probe.
    const host = new OfficeHost(wb.env(), { bytesPerSync: 200_000 });
    await host.prepare();
    wb.syncLog.length = 0;
    const report = await host.applyPlanWithReport(markFindingsPlan(findings));
    // Probe: 600 cells at ~600 bytes → 2 slices; write: 300 fills, 300 notes and the records, ~560 kB → 3 syncs.
    expect(wb.syncLog.map((s) => s.writes > 0)).toEqual([false, false, true, true, true]);
    expect(report.syncs).toBe(5);
    expect(report.cellsFilled).toBe(300);
    expect(wb.fill('大表', 'J31')).toBe('#FFC7CE');
    // Right after a read the same plan needs no probe: only the write's own split.
    const read = big(30, 10);
    const host1 = await readyHost(read, { bytesPerSync: 200_000 });
    expect((await host1.applyPlanWithReport(markFindingsPlan(findings))).syncs).toBe(3);
    expect(read.syncLog.map((s) => s.writes > 0)).toEqual([true, true, true]);
    const roomy = big(30, 10);
    const host2 = await readyHost(roomy);
    expect((await host2.applyPlanWithReport(markFindingsPlan(findings))).syncs).toBe(1);
  });

  it('loads fills in the read only with what the data left of the single-sync budget; past it the write probes', async () => {
    const wb = big(99, 10);
    const host = new OfficeHost(wb.env(), { cellsPerSync: 1000 });
    await host.prepare();
    wb.syncLog.length = 0;
    await host.readSnapshot();
    // 992 data cells of 1,000: 小表's 2 fills fit, 大表's 990 do not.
    expect(wb.syncs).toBe(1);
    wb.syncLog.length = 0;
    const onBig: WritePlan = { title: '标记', ops: [{ op: 'fill', sheet: '大表', range: 'A2', color: '#FFC7CE', tag: 't' }] };
    expect((await host.applyPlanWithReport(onBig)).syncs).toBe(2);
    await host.readSnapshot();
    wb.syncLog.length = 0;
    const onSmall: WritePlan = { title: '标记', ops: [{ op: 'fill', sheet: '小表', range: 'B1', color: '#FFC7CE', tag: 'u' }] };
    expect((await host.applyPlanWithReport(onSmall)).syncs).toBe(1);
    expect([wb.fill('大表', 'A2'), wb.fill('小表', 'B1')]).toEqual(['#FFC7CE', '#FFC7CE']);
  });
});

describe('a full check of the 12-table Yunnan workbook (seed 001, one table per sheet)', () => {
  it('审核 is one read sync, 标记 one write sync, with exactly the marks and records; 清除 restores exactly', async () => {
    const source = await buildSnapshot('001', 'per-sheet');
    const wb = FakeWorkbook.fromSnapshot(source);
    // The plan the check will make (fills and notes do not change the snapshot), to place the user's own fills.
    const expected = markFindingsPlan(validate(recognise(source)).findings);
    const fillOps = expected.ops.flatMap((o) => (o.op === 'fill' ? [o] : []));
    const noteOps = expected.ops.flatMap((o) => (o.op === 'note' ? [o] : []));
    expect(fillOps.length).toBeGreaterThan(1);
    expect(noteOps.length).toBeGreaterThan(0);
    // The user's green on a cell the check marks, and yellow on the first title (not marked).
    const userCell = fillOps[1];
    wb.setFill(userCell.sheet, userCell.range, '#00B050');
    const title = source.sheets[0];
    const titleCell = cellAddress(title.cells[0].row, title.cells[0].col);
    expect(fillOps.some((o) => o.sheet === title.name && o.range === titleCell)).toBe(false);
    wb.setFill(title.name, titleCell, '#FFFF00');

    const host = new OfficeHost(wb.env(), { name: source.name });
    // The pane opens: sheet names and sizes in the background (2 small syncs) while it paints.
    host.prepareInBackground();
    await host.whenPrepared();
    expect(wb.syncLog.map((x) => x.writes)).toEqual([0, 0]);
    wb.syncLog.length = 0;

    // 审核: one read sync.
    const snap = await host.readSnapshot();
    expect(wb.syncLog.map((x) => [x.writes, x.error ?? 'ok'])).toEqual([[0, 'ok']]);
    expect(snap).toEqual(source);
    const recognition = recognise(snap);
    expect(recognition.tables.length).toBeGreaterThanOrEqual(12);
    const { findings } = validate(recognition);
    // The seed's real defect: code 20921 printed in the 309 block of 公开07表.
    expect(findings.some((f) => /20921/.test(f.message))).toBe(true);
    const plan = markFindingsPlan(findings);
    expect(plan).toEqual(expected);

    // 标记: one write sync, no probe.
    wb.syncLog.length = 0;
    const report = await host.applyPlanWithReport(plan);
    expect(wb.syncLog.map((x) => [x.loads, x.writes > 0, x.error ?? 'ok'])).toEqual([[0, true, 'ok']]);
    expect(report).toMatchObject({
      cellsFilled: fillOps.length,
      notesWritten: noteOps.length,
      restored: 0,
      keptUserChanges: 0,
      notices: [],
      syncs: 1,
    });
    for (const op of fillOps) expect([op.sheet, op.range, wb.fill(op.sheet, op.range)]).toEqual([op.sheet, op.range, op.color]);
    for (const op of noteOps) expect([op.sheet, op.cell, wb.note(op.sheet, op.cell)]).toEqual([op.sheet, op.cell, op.text]);
    expect(wb.fill(title.name, titleCell)).toBe('#FFFF00');
    const records = [
      ...fillOps.map((o) => ({
        kind: 'fill',
        tag: MARKS_TAG,
        sheet: o.sheet,
        cell: o.range,
        data: { prior: o === userCell ? GREEN : null, applied: solidStored(o.color) },
      })),
      ...noteOps.map((o) => ({ kind: 'note', tag: MARKS_TAG, sheet: o.sheet, cell: o.cell, data: { prior: null, applied: o.text } })),
    ];
    expect(recordsIn(wb)).toEqual(records);
    expect(wb.sheet(RECORD_SHEET).visibility).toBe('VeryHidden');

    // 审核 again with the marks on, then 标记: the read is one sync; the marks replace the old ones, which needs
    // the cells as they are now (a probe), then one write. Same marks, same records (the user's green kept as prior).
    wb.syncLog.length = 0;
    expect(await host.readSnapshot()).toEqual(source);
    expect(wb.syncs).toBe(1);
    wb.syncLog.length = 0;
    expect(await host.applyPlanWithReport(plan)).toMatchObject({ cellsFilled: fillOps.length, notesWritten: noteOps.length, syncs: 2 });
    expect(wb.syncLog.map((x) => x.writes > 0)).toEqual([false, true]);
    for (const op of noteOps) expect(wb.note(op.sheet, op.cell)).toBe(op.text);
    expect(recordsIn(wb)).toEqual(records);

    // 清除标记: a probe (what the cells show now) and one write; everything back as it was.
    wb.syncLog.length = 0;
    expect(await host.applyPlanWithReport(clearMarksPlan())).toMatchObject({
      restored: fillOps.length + noteOps.length,
      keptUserChanges: 0,
      notices: [],
      syncs: 2,
    });
    expect(wb.syncs).toBe(2);
    for (const op of fillOps) expect([op.range, wb.fill(op.sheet, op.range)]).toEqual([op.range, op === userCell ? '#00B050' : null]);
    for (const op of noteOps) expect(wb.note(op.sheet, op.cell)).toBeNull();
    expect(wb.fill(title.name, titleCell)).toBe('#FFFF00');
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
    expect(wb.comments).toEqual([]);
    // And the workbook reads as before.
    expect(await host.readSnapshot()).toEqual(source);
  });
});

describe('ribbon command and capabilities', () => {
  it('清除标记 (ExecuteFunction) clears the marks and tells only when something was left as the user changed it', async () => {
    const { clearMarks } = await import('../src/commands/commands');
    const wb = small();
    const host = await readyHost(wb);
    expect(await clearMarks(host)).toEqual({ text: '没有需要清除的审核标记。', tell: false });
    await host.applyPlan(marksPlan());
    wb.setFill('公开01表', 'C6', '#FFFF00');
    expect(await clearMarks(new OfficeHost(wb.env()))).toEqual({
      text: '已清除审核标记，恢复 4 处；1 处单元格在标记后被改过，保持原样。',
      tell: true,
    });
    expect(wb.fill('公开01表', 'C5')).toBeNull();
  });

  it('reports what the host supports', () => {
    const wb = small();
    expect(new OfficeHost(wb.env()).capabilities()).toEqual({
      notes: true,
      comments: true,
      multiSelect: true,
      findingsSheet: true,
      fills: true,
    });
    wb.excelApi = '1.13';
    expect(new OfficeHost(wb.env()).capabilities()).toEqual({
      notes: false,
      comments: true,
      multiSelect: true,
      findingsSheet: true,
      fills: true,
    });
  });
});

describe('clearing what cannot be cleared yet', () => {
  it('keeps the records of a sheet protected at clearing time, so a later clear (unprotected) restores it', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    const host = await readyHost(wb);
    await host.applyPlan(marksPlan());
    wb.sheet('公开01表').protected = true;
    const report = await host.applyPlanWithReport(clearMarksPlan());
    expect(report).toMatchObject({
      restored: 0,
      keptUserChanges: 0,
      notices: ['工作表“公开01表”受保护，5 处未能写入或恢复。请取消工作表保护后重试。'],
    });
    expect(wb.fill('公开01表', 'C5')).toBe('#FFC7CE');
    wb.sheet('公开01表').protected = false;
    expect(await host.applyPlanWithReport(clearMarksPlan())).toMatchObject({ restored: 5, keptUserChanges: 0, notices: [] });
    expect(wb.fill('公开01表', 'C5')).toBe('#00B050');
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });

  it('a note the user edited after marking is left as it is', async () => {
    const wb = small();
    const host = await readyHost(wb);
    await host.applyPlan(marksPlan());
    wb.sheet('公开01表').notes.set('D6', '我改过了');
    expect(await host.applyPlanWithReport(clearMarksPlan())).toMatchObject({ restored: 4, keptUserChanges: 1 });
    expect(wb.note('公开01表', 'D6')).toBe('我改过了');
  });
});

describe('a write batch cut short', () => {
  it('has already recorded everything it was going to do, so 清除 still restores what did get written', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    // Not read first: the write is built from a probe, and its failure is the user's to see.
    const host = new OfficeHost(wb.env());
    await host.prepare();
    // Write actions: record sheet add, visibility, format, values (4), then C5's fill (5); the 6th (C6) fails.
    wb.failAtWrite = 6;
    await expect(host.applyPlan(marksPlan())).rejects.toThrow('写入工作簿失败（GeneralException）。已写入的部分可用“清除标记”撤销。');
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#FFC7CE', null, null]);
    expect(wb.find(RECORD_SHEET)?.visibility).toBe('VeryHidden');
    const report = await host.applyPlanWithReport(clearMarksPlan());
    // C5 restored; C6, D6 and the notes were never written, so they count as not ours to touch.
    expect(report).toMatchObject({ restored: 1, keptUserChanges: 4 });
    expect(wb.fill('公开01表', 'C5')).toBe('#00B050');
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });

  it('built from the read, a failed batch is probed and written again, ending exactly as a clean mark', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C5', '#00B050');
    const host = await readyHost(wb);
    wb.failAtWrite = 6;
    const report = await host.applyPlanWithReport(marksPlan());
    // Failed write (records and C5 done), probe, write.
    expect(wb.syncLog.map((x) => [x.writes > 0, x.error ?? 'ok'])).toEqual([
      [true, 'GeneralException'],
      [false, 'ok'],
      [true, 'ok'],
    ]);
    expect(report).toMatchObject({ cellsFilled: 3, notesWritten: 2, syncs: 3 });
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#FFC7CE', '#FFC7CE', '#DDEBF7']);
    expect(recordsIn(wb).map((r) => [r.kind, r.cell, r.data])).toEqual([
      ['fill', 'C5', { prior: GREEN, applied: PINK }],
      ['fill', 'C6', { prior: null, applied: PINK }],
      ['fill', 'D6', { prior: null, applied: BLUE }],
      ['note', 'C5', { prior: null, applied: '决算公开助手：\n【错误】合计不等（涉及 公开01表!C5、公开01表!C6）' }],
      ['note', 'D6', { prior: null, applied: '决算公开助手：\n【尾差】尾差' }],
    ]);
    await host.applyPlan(clearMarksPlan());
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#00B050', null, null]);
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });
});

describe('changes between 审核 and 标记 (the read is what 标记 builds on)', () => {
  it('a note the user adds on a target cell meanwhile fails the cached batch; it is probed and kept, ours below', async () => {
    const wb = small();
    const host = await readyHost(wb);
    wb.sheet('公开01表').notes.set('D6', '用户刚加的');
    const report = await host.applyPlanWithReport(marksPlan());
    expect(wb.syncLog.map((x) => x.error ?? 'ok')).toEqual(['InvalidArgument', 'ok', 'ok']);
    expect(report).toMatchObject({ notesWritten: 2, syncs: 3 });
    expect(wb.note('公开01表', 'D6')).toBe('用户刚加的\n\n决算公开助手：\n【尾差】尾差');
    await host.applyPlan(clearMarksPlan());
    expect([wb.note('公开01表', 'D6'), wb.note('公开01表', 'C5')]).toEqual(['用户刚加的', null]);
    expect(wb.fill('公开01表', 'D6')).toBeNull();
  });

  it('a fill the user paints on a target cell meanwhile is painted over; 清除 brings back the fill 审核 saw', async () => {
    const wb = small();
    wb.setFill('公开01表', 'C6', '#00B050');
    const host = await readyHost(wb);
    wb.setFill('公开01表', 'C6', '#FFFF00');
    expect((await host.applyPlanWithReport(marksPlan())).syncs).toBe(1);
    expect(wb.fill('公开01表', 'C6')).toBe('#FFC7CE');
    expect(recordsIn(wb)[1]).toEqual({
      kind: 'fill',
      tag: MARKS_TAG,
      sheet: '公开01表',
      cell: 'C6',
      data: { prior: GREEN, applied: PINK },
    });
    await host.applyPlan(clearMarksPlan());
    expect(wb.fill('公开01表', 'C6')).toBe('#00B050');
  });

  it('restoring never trusts the read: a marked cell repainted after 审核 is left alone when the new marks skip it', async () => {
    const wb = small();
    const host = await readyHost(wb);
    await host.applyPlan(marksPlan());
    await host.readSnapshot(); // 审核 again: the read saw C6 pink
    wb.setFill('公开01表', 'C6', '#FFFF00');
    wb.syncLog.length = 0;
    const onlyC5 = markFindingsPlan([
      { rule: 'r.total', severity: 'error', message: '合计不等', cells: ['公开01表!C5'], expected: null, actual: null, table: null },
    ]);
    const report = await host.applyPlanWithReport(onlyC5);
    // The plan restores the old marks first, so it probes: C6 now shows the user's yellow and is kept.
    expect(wb.syncLog.map((x) => x.writes > 0)).toEqual([false, true]);
    // Restored: C5 and D6 fills, both notes; kept: C6.
    expect(report).toMatchObject({ restored: 4, keptUserChanges: 1, cellsFilled: 1 });
    expect([wb.fill('公开01表', 'C5'), wb.fill('公开01表', 'C6'), wb.fill('公开01表', 'D6')]).toEqual(['#FFC7CE', '#FFFF00', null]);
    expect(wb.note('公开01表', 'D6')).toBeNull();
  });
});

describe('noting a cell again under the same tag', () => {
  const note = (text: string): WritePlan => ({ title: '说明', ops: [{ op: 'note', sheet: '公开01表', cell: 'C5', text, tag: 'n' }] });

  it('builds on the recorded prior note, not on the note as it is now, so old text never stacks', async () => {
    const wb = small();
    wb.sheet('公开01表').notes.set('C5', '用户的备注');
    const host = await readyHost(wb);
    await host.applyPlan(note('第一次'));
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注\n\n第一次');
    // The text no longer matches what was written (edited, or normalised by Excel).
    wb.sheet('公开01表').notes.set('C5', '用户的备注\n\n第一次（已阅）');
    await host.applyPlan(note('第二次'));
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注\n\n第二次');
    await host.applyPlan(note('第三次'));
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注\n\n第三次');
    expect(recordsIn(wb)).toEqual([
      { kind: 'note', tag: 'n', sheet: '公开01表', cell: 'C5', data: { prior: '用户的备注', applied: '用户的备注\n\n第三次' } },
    ]);
    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: 'n' }] });
    expect(wb.note('公开01表', 'C5')).toBe('用户的备注');
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
  });

  it('a note the user deleted is not brought back with the next one', async () => {
    const wb = small();
    wb.sheet('公开01表').notes.set('C5', '用户的备注');
    const host = await readyHost(wb);
    await host.applyPlan(note('第一次'));
    wb.sheet('公开01表').notes.delete('C5');
    await host.applyPlan(note('第二次'));
    expect(wb.note('公开01表', 'C5')).toBe('第二次');
    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: 'n' }] });
    expect(wb.note('公开01表', 'C5')).toBeNull();
  });

  it("as threaded comments (no notes API), replaces its own comment instead of taking it for the user's", async () => {
    const wb = small();
    wb.excelApi = '1.17';
    const host = await readyHost(wb);
    await host.applyPlan(note('第一次'));
    const report = await host.applyPlanWithReport(note('第二次'));
    expect(report).toMatchObject({ notesWritten: 1, notices: ['此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。'] });
    expect(wb.comments.map((c) => [c.cell, c.content])).toEqual([['C5', '第二次']]);
    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: 'n' }] });
    expect(wb.comments).toEqual([]);
  });
});

describe('the ledger shared with the .xlsx adapter', () => {
  /** Rows of the record sheet as text, trailing blanks dropped. */
  function rowsIn(wb: FakeWorkbook): string[][] {
    const out: string[][] = [];
    for (let r = 0; wb.value(RECORD_SHEET, cellAddress(r, 0)) !== null; r++) {
      const row = Array.from({ length: 8 }, (_, c) => String(wb.value(RECORD_SHEET, cellAddress(r, c)) ?? ''));
      while (row.length > 0 && row[row.length - 1] === '') row.pop();
      out.push(row);
    }
    return out;
  }

  function withLedger(rows: string[][]): FakeWorkbook {
    const wb = small();
    const s = wb.addSheet(RECORD_SHEET);
    s.visibility = 'VeryHidden';
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = s.ensure(r, c);
        cell.numberFormat = '@';
        cell.value = v === '' ? null : v;
      }),
    );
    return wb;
  }

  const PACKAGE = ['package', 'xlsx', '', '', '{"styles":{"cellXfs":3,"fills":2,"fonts":1,"numFmts":0},"fingerprint":"0badf00d"}'];
  const FOREIGN = ['stamp', 'juesuan:later', '公开01表', 'B3', '{"what":"a newer version wrote this"}', 'extra'];
  const OVERRIDE = ['override', 'override', '公开01表', 'B3', '"income_expense_summary/national"'];
  // A fill of another tag made by the .xlsx adapter, with its own `exact` data.
  const XLSX_FILL = [
    'fill',
    'juesuan:other',
    '公开01表',
    'B4',
    JSON.stringify({ prior: null, applied: GREEN, exact: { cell: '<c r="B4" s="1"/>', applied: '<c r="B4" s="7"/>' } }),
  ];

  it('keeps package, foreign and override rows and the .xlsx exact data through a mark and a clear', async () => {
    const wb = withLedger([LEDGER_HEADER, PACKAGE, FOREIGN, OVERRIDE, XLSX_FILL]);
    wb.setFill('公开01表', 'B4', '#00B050');
    const host = await readyHost(wb);
    await host.applyPlan(marksPlan());
    const marked = rowsIn(wb);
    expect(marked[0]).toEqual(LEDGER_HEADER);
    expect(marked.slice(1, 4)).toEqual([PACKAGE, FOREIGN, OVERRIDE]);
    expect([...marked[4].slice(0, 4), JSON.parse(marked[4][4])]).toEqual([...XLSX_FILL.slice(0, 4), JSON.parse(XLSX_FILL[4])]);
    expect(marked.slice(5).map((r) => [r[0], r[3]])).toEqual([
      ['fill', 'C5'],
      ['fill', 'C6'],
      ['fill', 'D6'],
      ['note', 'C5'],
      ['note', 'D6'],
    ]);

    await host.applyPlan(clearMarksPlan());
    const cleared = rowsIn(wb);
    expect(cleared.slice(0, 4)).toEqual([LEDGER_HEADER, PACKAGE, FOREIGN, OVERRIDE]);
    expect(cleared).toHaveLength(5);
    expect(JSON.parse(cleared[4][4])).toEqual(JSON.parse(XLSX_FILL[4]));

    // The other tag's fill clears by meaning (the cell shows what its entry applied).
    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: 'juesuan:other' }] });
    expect(wb.fill('公开01表', 'B4')).toBeNull();
    expect(rowsIn(wb)).toEqual([LEDGER_HEADER, PACKAGE, FOREIGN, OVERRIDE]);
    expect(await new OfficeHost(wb.env()).loadOverrides()).toEqual([
      { sheet: '公开01表', anchor: 'B3', specId: 'income_expense_summary/national' },
    ]);
  });

  it('reads version-1 rows (no version cell), and the sheet goes once only bookkeeping is left', async () => {
    const wb = withLedger([['kind', 'tag', 'sheet', 'cell', 'data'], PACKAGE, OVERRIDE]);
    const host = await readyHost(wb);
    expect(await host.loadOverrides()).toEqual([{ sheet: '公开01表', anchor: 'B3', specId: 'income_expense_summary/national' }]);
    await host.saveOverrides([]);
    // Only the .xlsx adapter's bookkeeping would be left: nothing to remember, so the sheet goes (ledgerRows).
    expect(wb.find(RECORD_SHEET)).toBeUndefined();
    expect((await host.readSnapshot()).overrides).toBeUndefined();
  });
});
