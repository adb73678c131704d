import ExcelJS from 'exceljs';
import { openWorkbook, snapshotOf } from '../src/adapters/xlsx/read';
import { readSheetLook } from '../src/adapters/xlsx/read/look';
import { buildSheetView, cellKey } from '../src/web/view';

function sheet(): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公开01表');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '收入支出决算总表';
  ws.getCell('A1').font = { bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getCell('B3').value = 1699.375;
  ws.getCell('B3').numFmt = '#,##0.00';
  ws.getCell('C3').value = -12;
  ws.getCell('C3').numFmt = '#,##0.00;(#,##0.00)';
  ws.getCell('D3').value = 0.125;
  ws.getCell('D3').numFmt = '0.0%';
  ws.getCell('E5').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
  ws.getCell('F6').value = '=SUM(A1)';
  ws.getCell('F6').note = '批注';
  ws.getColumn(1).width = 20;
  ws.getRow(3).height = 30;
  ws.getRow(4).height = 12;
  return { wb, ws };
}

describe('buildSheetView', () => {
  test('shows values as Excel displays them, with merges, fills, notes and widths over the used area', async () => {
    const { wb } = sheet();
    const opened = openWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    const snap = snapshotOf(opened, 'x.xlsx').sheets[0];
    const v = buildSheetView(snap, readSheetLook(opened, '公开01表'));
    expect([v.rows, v.cols]).toEqual([6, 6]);
    expect(v.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(v.cells.get(cellKey(0, 0))).toEqual({ text: '收入支出决算总表', numeric: false, bold: true, align: 'center' });
    expect(v.cells.get(cellKey(2, 1))).toEqual({ text: '1,699.38', numeric: true });
    expect(v.cells.get(cellKey(2, 2))?.text).toBe('(12.00)');
    expect(v.cells.get(cellKey(2, 3))?.text).toBe('12.5%');
    // A fill on an empty cell is drawn; merge-covered cells are not.
    expect(v.cells.get(cellKey(4, 4))).toEqual({ text: '', numeric: false, fill: '#FFC7CE' });
    expect(v.cells.has(cellKey(0, 1))).toBe(false);
    expect(v.cells.get(cellKey(5, 5))).toEqual({ text: '=SUM(A1)', numeric: false, note: '批注' });
    expect(v.widths).toEqual([145, 64, 64, 64, 64, 64]);
    // 30 pt = 40 px; a row lower than the default keeps the default.
    expect([...v.heights]).toEqual([[2, 40]]);
  });

  test('without display text it formats numbers itself the same way, and draws without a look', () => {
    const v = buildSheetView(
      { name: 'x', cells: [{ row: 2, col: 1, value: 1699.375, format: '#,##0.00' }], merges: [{ top: 0, left: 0, bottom: 0, right: 3 }] },
      null,
    );
    expect(v.cells.get(cellKey(2, 1))?.text).toBe('1,699.38');
    expect(v.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(v.widths).toEqual([64, 64, 64, 64]);
  });
});
