import ExcelJS from 'exceljs';
import type { WritePlan } from '../src/core/model';
import { RECORD_SHEET, applyPlanToWorkbook, loadOverridesFromWorkbook, saveOverridesToWorkbook, toArgb } from '../src/adapters/xlsx/apply';

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buf = await wb.xlsx.writeBuffer();
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(buf as ArrayBuffer);
  return out;
}

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

describe('applyPlanToWorkbook', () => {
  test('toArgb accepts #RGB, RRGGBB and AARRGGBB and rejects junk', () => {
    expect(toArgb('#FFC7CE')).toBe('FFFFC7CE');
    expect(toArgb('f00')).toBe('FFFF0000');
    expect(toArgb('80112233')).toBe('80112233');
    expect(() => toArgb('red')).toThrow('无法识别的颜色：red');
  });

  test('mark then clear restores exactly the prior fills and notes, without repainting cells sharing a style', () => {
    const wb = sample();
    const ws = wb.getWorksheet('公开01表')!;
    const report = applyPlanToWorkbook(wb, markPlan);
    expect(report).toMatchObject({ cellsFilled: 3, notesWritten: 2 });
    expect(fillArgb(ws, 'B2')).toBe('FFFFC7CE');
    expect(fillArgb(ws, 'B3')).toBe('FF00FF00'); // same style object as B2 before: must stay green
    expect(fillArgb(ws, 'C2')).toBe('FFFFC7CE');
    expect(fillArgb(ws, 'D2')).toBe('FFFFEB9C');
    expect(ws.getCell('C2').note).toBe('用户批注\n\n合计不等于各项之和');
    expect(ws.getCell('D2').note).toBe('尾差 0.01');
    expect(wb.getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');

    const cleared = applyPlanToWorkbook(wb, clearPlan);
    expect(cleared).toMatchObject({ restored: 5, keptUserChanges: 0 });
    expect(fillArgb(ws, 'B2')).toBe('FF00FF00');
    expect(fillArgb(ws, 'C2')).toBeUndefined();
    expect(fillArgb(ws, 'D2')).toBeUndefined();
    expect(ws.getCell('C2').note).toBe('用户批注');
    expect(ws.getCell('D2').note).toBeUndefined();
    expect(ws.getCell('D2').value).toBe(1699.38);
    // Nothing left to remember: no add-in sheet remains.
    expect(wb.getWorksheet(RECORD_SHEET)).toBeUndefined();
  });

  test('clear survives save and reload and leaves a fill the user changed afterwards', async () => {
    const wb = sample();
    applyPlanToWorkbook(wb, markPlan);
    const wb2 = await reload(wb);
    const ws2 = wb2.getWorksheet('公开01表')!;
    expect(fillArgb(ws2, 'B2')).toBe('FFFFC7CE');
    expect(wb2.getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');
    // The user repaints C2 blue after marking.
    ws2.getCell('C2').style = { ...ws2.getCell('C2').style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0000FF' } } };
    const r = applyPlanToWorkbook(wb2, clearPlan);
    expect(r).toMatchObject({ restored: 4, keptUserChanges: 1 });
    expect(r.notices).toEqual(['1 处单元格在加载项写入后又被修改过，已保留这些修改，未恢复原样。']);
    const wb3 = await reload(wb2);
    const ws3 = wb3.getWorksheet('公开01表')!;
    expect(fillArgb(ws3, 'B2')).toBe('FF00FF00');
    expect(fillArgb(ws3, 'B3')).toBe('FF00FF00');
    expect(fillArgb(ws3, 'C2')).toBe('FF0000FF');
    expect(fillArgb(ws3, 'D2')).toBeUndefined();
    expect(ws3.getCell('C2').note).toBe('用户批注');
    expect(ws3.getCell('D2').note).toBeUndefined();
  });

  test('marking twice under one tag keeps the original prior', () => {
    const wb = sample();
    const ws = wb.getWorksheet('公开01表')!;
    applyPlanToWorkbook(wb, markPlan);
    applyPlanToWorkbook(wb, { title: '再标记', ops: [{ op: 'fill', sheet: '公开01表', range: 'B2', color: '#FF0000', tag: 'marks' }] });
    expect(fillArgb(ws, 'B2')).toBe('FFFF0000');
    applyPlanToWorkbook(wb, clearPlan);
    expect(fillArgb(ws, 'B2')).toBe('FF00FF00');
  });

  test('noting a cell again under one tag builds on the user’s note, never on ours: one copy, and clear gives the original', async () => {
    const wb = sample();
    applyPlanToWorkbook(wb, markPlan);
    applyPlanToWorkbook(wb, markPlan);
    const ws = wb.getWorksheet('公开01表')!;
    expect(ws.getCell('C2').note).toBe('用户批注\n\n合计不等于各项之和');
    expect(ws.getCell('D2').note).toBe('尾差 0.01');
    // Across a save: a third run with a new text replaces ours below the user's note.
    const wb2 = await reload(wb);
    applyPlanToWorkbook(wb2, {
      title: '标记审核结果',
      ops: [{ op: 'note', sheet: '公开01表', cell: 'C2', text: '新的说明', tag: 'marks' }],
    });
    const ws2 = wb2.getWorksheet('公开01表')!;
    expect(ws2.getCell('C2').note).toBe('用户批注\n\n新的说明');
    expect(applyPlanToWorkbook(wb2, clearPlan)).toMatchObject({ restored: 5, keptUserChanges: 0, notices: [] });
    expect(ws2.getCell('C2').note).toBe('用户批注');
    expect(ws2.getCell('D2').note).toBeUndefined();
  });

  test('a note the user edited after marking is rebuilt from the recorded original; a deleted one does not come back', () => {
    const wb = sample();
    const ws = wb.getWorksheet('公开01表')!;
    applyPlanToWorkbook(wb, markPlan);
    // The user appends to the marked note of C2 and deletes the add-in's note of D2.
    ws.getCell('C2').note = '用户批注\n\n合计不等于各项之和（已核实）';
    const d2 = ws.getCell('D2') as unknown as { _comment?: unknown };
    d2._comment = undefined;
    applyPlanToWorkbook(wb, markPlan);
    expect(ws.getCell('C2').note).toBe('用户批注\n\n合计不等于各项之和');
    expect(ws.getCell('D2').note).toBe('尾差 0.01');
    applyPlanToWorkbook(wb, clearPlan);
    expect(ws.getCell('C2').note).toBe('用户批注');
    expect(ws.getCell('D2').note).toBeUndefined();
  });

  test('strings are written as literal text, never formulas, and stay so after reload', async () => {
    const wb = sample();
    applyPlanToWorkbook(wb, {
      title: '导出审核结果',
      ops: [
        {
          op: 'addSheet',
          name: '审核结果',
          rows: [
            ['级别', '说明'],
            ['错误', '=SUM(A1:A2)'],
            ['尾差', 0.01],
          ],
          tag: 'findings',
        },
        { op: 'setValues', sheet: '公开01表', range: 'E2:F2', values: [['=1+1', null]], tag: 'findings' },
      ],
    });
    const wb2 = await reload(wb);
    const res = wb2.getWorksheet('审核结果')!;
    expect(res.getCell('B2').value).toBe('=SUM(A1:A2)');
    expect(res.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(res.getCell('B3').value).toBe(0.01);
    const ws = wb2.getWorksheet('公开01表')!;
    expect(ws.getCell('E2').value).toBe('=1+1');
    expect(ws.getCell('E2').formula).toBeUndefined();
  });

  test('addSheet replaces its own earlier sheet, never a user sheet of that name; clearTag removes it', () => {
    const wb = sample();
    wb.addWorksheet('审核结果').getCell('A1').value = '用户自己的表';
    const plan: WritePlan = { title: '导出', ops: [{ op: 'addSheet', name: '审核结果', rows: [['第一次']], tag: 'findings' }] };
    const first = applyPlanToWorkbook(wb, plan);
    expect(first.sheetsAdded).toEqual(['审核结果 (2)']);
    expect(first.notices).toEqual(['工作簿中已有名为“审核结果”的工作表（未改动），内容已写入新工作表“审核结果 (2)”。']);
    const again = applyPlanToWorkbook(wb, { ...plan, ops: [{ op: 'addSheet', name: '审核结果', rows: [['第二次']], tag: 'findings' }] });
    // The user's 审核结果 still blocks the name; the add-in's 审核结果 (2) is reused, not duplicated.
    expect(again.sheetsAdded).toEqual(['审核结果 (2)']);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith('审核结果'))).toEqual(['审核结果', '审核结果 (2)']);
    expect(wb.getWorksheet('审核结果 (2)')!.getCell('A1').value).toBe('第二次');
    applyPlanToWorkbook(wb, { title: '删除', ops: [{ op: 'clearTag', tag: 'findings' }] });
    expect(wb.getWorksheet('审核结果 (2)')).toBeUndefined();
    expect(wb.getWorksheet('审核结果')!.getCell('A1').value).toBe('用户自己的表');
  });

  test('setValues is undone by clearTag unless the user edited the cell since', () => {
    const wb = sample();
    const ws = wb.getWorksheet('公开01表')!;
    applyPlanToWorkbook(wb, {
      title: '写入',
      ops: [{ op: 'setValues', sheet: '公开01表', range: 'B2:C2', values: [[11, '改']], tag: 'conv' }],
    });
    expect(ws.getCell('B2').value).toBe(11);
    ws.getCell('C2').value = '用户改过';
    const r = applyPlanToWorkbook(wb, { title: '撤销', ops: [{ op: 'clearTag', tag: 'conv' }] });
    expect(r).toMatchObject({ restored: 1, keptUserChanges: 1 });
    expect(ws.getCell('B2').value).toBe(10);
    expect(ws.getCell('C2').value).toBe('用户改过');
  });

  test('a plan naming a missing sheet throws in Chinese and changes nothing', () => {
    const wb = sample();
    expect(() =>
      applyPlanToWorkbook(wb, {
        title: '标记审核结果',
        ops: [
          { op: 'fill', sheet: '公开01表', range: 'B2', color: '#FFC7CE', tag: 'marks' },
          { op: 'fill', sheet: '不存在', range: 'A1', color: '#FFC7CE', tag: 'marks' },
        ],
      }),
    ).toThrow('“标记审核结果”无法执行：工作簿中没有名为“不存在”的工作表');
    expect(fillArgb(wb.getWorksheet('公开01表')!, 'B2')).toBe('FF00FF00');
    expect(wb.getWorksheet(RECORD_SHEET)).toBeUndefined();
  });

  test('overrides persist across save and reload, alongside mark records', async () => {
    const wb = sample();
    applyPlanToWorkbook(wb, markPlan);
    saveOverridesToWorkbook(wb, [
      { sheet: '公开01表', anchor: 'A1', specId: 'income_expense_summary/national' },
      { sheet: 'Sheet 2', anchor: 'B3', specId: null },
      { sheet: '公开01表', anchor: 'A1', specId: 'income/national' },
    ]);
    const wb2 = await reload(wb);
    expect(loadOverridesFromWorkbook(wb2)).toEqual([
      { sheet: '公开01表', anchor: 'A1', specId: 'income/national' },
      { sheet: 'Sheet 2', anchor: 'B3', specId: null },
    ]);
    // Clearing marks keeps the overrides, and the record sheet with them.
    applyPlanToWorkbook(wb2, clearPlan);
    expect(loadOverridesFromWorkbook(wb2)).toHaveLength(2);
    expect(wb2.getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');
    saveOverridesToWorkbook(wb2, []);
    expect(loadOverridesFromWorkbook(wb2)).toEqual([]);
    expect(wb2.getWorksheet(RECORD_SHEET)).toBeUndefined();
  });
});
