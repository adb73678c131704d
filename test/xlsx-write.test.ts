/**
 * The package writer: plans patched into a workbook and cleared again. What it wrote is read back by exceljs
 * (an independent implementation) and by our reader; user edits in between are made by exceljs, i.e. by
 * "another program" that re-saves the whole file.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { WritePlan } from '../src/core/model';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from '../src/adapters/xlsx/read';
import { applyPlanToPackage, loadOverrides, RECORD_SHEET, saveOverrides } from '../src/adapters/xlsx/write/apply';
import { bytesOf, excelOf } from './xlsx-oracle';

/** A small sheet: B2 has a user fill (green) shared by style with B3, C2 a user note, D2 a value. */
function sample(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公开01表');
  ws.getCell('A1').value = '收入支出决算总表';
  ws.getCell('B2').value = 10;
  ws.getCell('B3').value = 20;
  const green: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
  ws.getCell('B2').fill = green;
  ws.getCell('B3').fill = green;
  ws.getCell('C2').value = 30;
  ws.getCell('C2').note = '用户批注';
  ws.getCell('D2').value = 1699.38;
  return wb;
}

async function open(wb: ExcelJS.Workbook): Promise<OpenedWorkbook> {
  return openWorkbook(await bytesOf(wb), 'x.xlsx');
}

/** The workbook as exceljs reads our bytes. */
function excel(o: OpenedWorkbook): Promise<ExcelJS.Workbook> {
  return excelOf(o.pkg.toBytes());
}

/** Another program opens and re-saves the file, making `edit` on the way. */
async function userEdits(o: OpenedWorkbook, edit: (wb: ExcelJS.Workbook) => void): Promise<OpenedWorkbook> {
  const wb = await excel(o);
  edit(wb);
  return openWorkbook(await bytesOf(wb), 'x.xlsx');
}

const markPlan: WritePlan = {
  title: '标记审核结果',
  ops: [
    { op: 'fill', sheet: '公开01表', range: 'B2:C2', color: '#FFC7CE', tag: 'marks' },
    { op: 'note', sheet: '公开01表', cell: 'C2', text: '合计不等于各项之和', tag: 'marks' },
    { op: 'note', sheet: '公开01表', cell: 'D2', text: '尾差 0.01', tag: 'marks' },
    { op: 'fill', sheet: '公开01表', range: 'D2', color: 'FFEB9C', tag: 'marks' },
  ],
};
const clearPlan: WritePlan = { title: '清除标记', ops: [{ op: 'clearTag', tag: 'marks' }] };

function fillArgb(ws: ExcelJS.Worksheet, a: string): string | undefined {
  const f = ws.getCell(a).fill as ExcelJS.FillPattern | undefined;
  return f && f.pattern !== 'none' ? f.fgColor?.argb : undefined;
}

function noteOf(ws: ExcelJS.Worksheet, a: string): string | undefined {
  const n = ws.getCell(a).note as string | ExcelJS.Comment | undefined;
  if (n === undefined) return undefined;
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

function entries(bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(bytes)).map(([k, v]) => [k, Buffer.from(v).toString('latin1')]);
}

describe('applyPlanToPackage', () => {
  test('mark then clear: exact prior fills and notes, no repaint of cells sharing a style, the package as it was', async () => {
    const wb = sample();
    const before = await bytesOf(wb);
    const o = openWorkbook(before, 'x.xlsx');
    expect(applyPlanToPackage(o, markPlan)).toMatchObject({ cellsFilled: 3, notesWritten: 2 });
    const marked = await excel(o);
    const ws = marked.getWorksheet('公开01表')!;
    expect(fillArgb(ws, 'B2')).toBe('FFFFC7CE');
    expect(fillArgb(ws, 'B3')).toBe('FF00FF00'); // the same format as B2 before: stays green
    expect(fillArgb(ws, 'C2')).toBe('FFFFC7CE');
    expect(fillArgb(ws, 'D2')).toBe('FFFFEB9C');
    expect(noteOf(ws, 'C2')).toBe('用户批注\n\n合计不等于各项之和');
    expect(noteOf(ws, 'D2')).toBe('尾差 0.01');
    expect(marked.getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');
    expect(snapshotOf(o).sheets.map((s) => s.name)).toEqual(['公开01表']);

    expect(applyPlanToPackage(o, clearPlan)).toMatchObject({ restored: 5, keptUserChanges: 0 });
    expect(entries(o.pkg.toBytes())).toEqual(entries(before));
  });

  test('a clear after save and reload works the same; a fill the user changed in between stays', async () => {
    let o = await open(sample());
    applyPlanToPackage(o, markPlan);
    o = openWorkbook(o.pkg.toBytes(), 'x.xlsx');
    o = await userEdits(o, (wb) => {
      const c = wb.getWorksheet('公开01表')!.getCell('C2');
      c.style = { ...c.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0000FF' } } };
    });
    const r = applyPlanToPackage(o, clearPlan);
    expect(r).toMatchObject({ restored: 4, keptUserChanges: 1 });
    expect(r.notices).toEqual(['1 处单元格在加载项写入后又被修改过，已保留这些修改，未恢复原样。']);
    const ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(fillArgb(ws, 'B2')).toBe('FF00FF00');
    expect(fillArgb(ws, 'B3')).toBe('FF00FF00');
    expect(fillArgb(ws, 'C2')).toBe('FF0000FF');
    expect(fillArgb(ws, 'D2')).toBeUndefined();
    expect(noteOf(ws, 'C2')).toBe('用户批注');
    expect(noteOf(ws, 'D2')).toBeUndefined();
  });

  test('marking twice under one tag keeps the original prior', async () => {
    const o = await open(sample());
    applyPlanToPackage(o, markPlan);
    applyPlanToPackage(o, { title: '再标记', ops: [{ op: 'fill', sheet: '公开01表', range: 'B2', color: '#FF0000', tag: 'marks' }] });
    expect(fillArgb((await excel(o)).getWorksheet('公开01表')!, 'B2')).toBe('FFFF0000');
    applyPlanToPackage(o, clearPlan);
    expect(fillArgb((await excel(o)).getWorksheet('公开01表')!, 'B2')).toBe('FF00FF00');
  });

  test('noting a cell again under one tag builds on the user’s note, never on ours; clear gives the original', async () => {
    let o = await open(sample());
    applyPlanToPackage(o, markPlan);
    applyPlanToPackage(o, markPlan);
    let ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(noteOf(ws, 'C2')).toBe('用户批注\n\n合计不等于各项之和');
    expect(noteOf(ws, 'D2')).toBe('尾差 0.01');
    // Across a save: a third run with a new text replaces ours below the user's note.
    o = openWorkbook(o.pkg.toBytes(), 'x.xlsx');
    applyPlanToPackage(o, { title: '标记审核结果', ops: [{ op: 'note', sheet: '公开01表', cell: 'C2', text: '新的说明', tag: 'marks' }] });
    ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(noteOf(ws, 'C2')).toBe('用户批注\n\n新的说明');
    expect(applyPlanToPackage(o, clearPlan)).toMatchObject({ restored: 5, keptUserChanges: 0, notices: [] });
    ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(noteOf(ws, 'C2')).toBe('用户批注');
    expect(noteOf(ws, 'D2')).toBeUndefined();
  });

  test('a note the user edited after marking is rebuilt from the recorded original; a deleted one does not come back', async () => {
    let o = await open(sample());
    applyPlanToPackage(o, markPlan);
    o = await userEdits(o, (wb) => {
      const ws = wb.getWorksheet('公开01表')!;
      ws.getCell('C2').note = '用户批注\n\n合计不等于各项之和（已核实）';
      (ws.getCell('D2') as unknown as { _comment?: unknown })._comment = undefined;
    });
    applyPlanToPackage(o, markPlan);
    let ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(noteOf(ws, 'C2')).toBe('用户批注\n\n合计不等于各项之和');
    expect(noteOf(ws, 'D2')).toBe('尾差 0.01');
    applyPlanToPackage(o, clearPlan);
    ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(noteOf(ws, 'C2')).toBe('用户批注');
    expect(noteOf(ws, 'D2')).toBeUndefined();
  });

  test('strings are written as literal text, never formulas, and stay so after reload', async () => {
    const o = await open(sample());
    applyPlanToPackage(o, {
      title: '导出审核结果',
      ops: [
        {
          op: 'addSheet',
          name: '审核结果',
          rows: [
            ['级别', '说明'],
            ['错误', '=SUM(A1:A2)'],
            ['尾差', 0.01],
            ['提示', '+1'],
          ],
          tag: 'findings',
        },
        { op: 'setValues', sheet: '公开01表', range: 'E2:F2', values: [['=1+1', '@A1']], tag: 'findings' },
      ],
    });
    const wb = await excel(o);
    const res = wb.getWorksheet('审核结果')!;
    expect(res.getCell('B2').value).toBe('=SUM(A1:A2)');
    expect(res.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(res.getCell('B3').value).toBe(0.01);
    expect(res.getCell('B4').value).toBe('+1');
    expect(res.getCell('A1').font?.bold).toBe(true);
    const ws = wb.getWorksheet('公开01表')!;
    expect(ws.getCell('E2').value).toBe('=1+1');
    expect(ws.getCell('E2').formula).toBeUndefined();
    expect(ws.getCell('F2').value).toBe('@A1');
    const snap = snapshotOf(o).sheets.find((s) => s.name === '公开01表')!;
    expect(snap.cells.find((c) => c.row === 1 && c.col === 4)).toEqual({ row: 1, col: 4, value: '=1+1' });
  });

  test('addSheet replaces its own earlier sheet, never a user sheet of that name; clearTag removes it', async () => {
    const wb = sample();
    wb.addWorksheet('审核结果').getCell('A1').value = '用户自己的表';
    const o = await open(wb);
    const plan: WritePlan = { title: '导出', ops: [{ op: 'addSheet', name: '审核结果', rows: [['第一次']], tag: 'findings' }] };
    const first = applyPlanToPackage(o, plan);
    expect(first.sheetsAdded).toEqual(['审核结果 (2)']);
    expect(first.notices).toEqual(['工作簿中已有名为“审核结果”的工作表（未改动），内容已写入新工作表“审核结果 (2)”。']);
    const again = applyPlanToPackage(o, { ...plan, ops: [{ op: 'addSheet', name: '审核结果', rows: [['第二次']], tag: 'findings' }] });
    // The user's 审核结果 still blocks the name; the add-in's 审核结果 (2) is reused, not duplicated.
    expect(again.sheetsAdded).toEqual(['审核结果 (2)']);
    let x = await excel(o);
    expect(x.worksheets.map((w) => w.name).filter((n) => n.startsWith('审核结果'))).toEqual(['审核结果', '审核结果 (2)']);
    expect(x.getWorksheet('审核结果 (2)')!.getCell('A1').value).toBe('第二次');
    applyPlanToPackage(o, { title: '删除', ops: [{ op: 'clearTag', tag: 'findings' }] });
    x = await excel(o);
    expect(x.getWorksheet('审核结果 (2)')).toBeUndefined();
    expect(x.getWorksheet('审核结果')!.getCell('A1').value).toBe('用户自己的表');
  });

  test('setValues is undone by clearTag unless the user edited the cell since', async () => {
    let o = await open(sample());
    applyPlanToPackage(o, {
      title: '写入',
      ops: [{ op: 'setValues', sheet: '公开01表', range: 'B2:C2', values: [[11, '改']], tag: 'conv' }],
    });
    expect((await excel(o)).getWorksheet('公开01表')!.getCell('B2').value).toBe(11);
    o = await userEdits(o, (wb) => {
      wb.getWorksheet('公开01表')!.getCell('C2').value = '用户改过';
    });
    const r = applyPlanToPackage(o, { title: '撤销', ops: [{ op: 'clearTag', tag: 'conv' }] });
    expect(r).toMatchObject({ restored: 1, keptUserChanges: 1 });
    const ws = (await excel(o)).getWorksheet('公开01表')!;
    expect(ws.getCell('B2').value).toBe(10);
    expect(ws.getCell('C2').value).toBe('用户改过');
  });

  test('setValues leaves formula cells alone and says so', async () => {
    const wb = sample();
    wb.getWorksheet('公开01表')!.getCell('E5').value = { formula: 'B2+B3', result: 30 };
    const o = await open(wb);
    const r = applyPlanToPackage(o, {
      title: '写入',
      ops: [{ op: 'setValues', sheet: '公开01表', range: 'E5', values: [[1]], tag: 'conv' }],
    });
    expect(r.valuesWritten).toBe(0);
    expect(r.notices).toEqual(['1 个单元格含公式，未写入数值（公开01表!E5）。']);
    expect((await excel(o)).getWorksheet('公开01表')!.getCell('E5').formula).toBe('B2+B3');
  });

  test('a plan naming a missing sheet throws in Chinese and changes nothing', async () => {
    const before = await bytesOf(sample());
    const o = openWorkbook(before, 'x.xlsx');
    expect(() =>
      applyPlanToPackage(o, {
        title: '标记审核结果',
        ops: [
          { op: 'fill', sheet: '公开01表', range: 'B2', color: '#FFC7CE', tag: 'marks' },
          { op: 'fill', sheet: '不存在', range: 'A1', color: '#FFC7CE', tag: 'marks' },
        ],
      }),
    ).toThrow('“标记审核结果”无法执行：工作簿中没有名为“不存在”的工作表');
    expect(o.pkg.changedParts()).toEqual([]);
    expect(() =>
      applyPlanToPackage(o, { title: 'x', ops: [{ op: 'fill', sheet: '公开01表', range: 'B2', color: 'red', tag: 'm' }] }),
    ).toThrow('无法识别的颜色：red');
  });

  test('overrides persist across save and reload, alongside mark records', async () => {
    let o = await open(sample());
    applyPlanToPackage(o, markPlan);
    saveOverrides(o, [
      { sheet: '公开01表', anchor: 'A1', specId: 'income_expense_summary/national' },
      { sheet: 'Sheet 2', anchor: 'B3', specId: null },
      { sheet: '公开01表', anchor: 'A1', specId: 'income/national' },
    ]);
    o = openWorkbook(o.pkg.toBytes(), 'x.xlsx');
    expect(loadOverrides(o)).toEqual([
      { sheet: '公开01表', anchor: 'A1', specId: 'income/national' },
      { sheet: 'Sheet 2', anchor: 'B3', specId: null },
    ]);
    // Clearing marks keeps the overrides, and the record sheet with them.
    applyPlanToPackage(o, clearPlan);
    expect(loadOverrides(o)).toHaveLength(2);
    expect((await excel(o)).getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');
    saveOverrides(o, []);
    expect(loadOverrides(o)).toEqual([]);
    expect((await excel(o)).getWorksheet(RECORD_SHEET)).toBeUndefined();
  });
});
