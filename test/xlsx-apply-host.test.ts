import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { FileEngineHost, type HostEvent } from '../src/adapters/xlsx/host';
import { RECORD_SHEET } from '../src/adapters/xlsx/write/apply';
import { unzipSync } from 'fflate';
import { excelOf } from './xlsx-oracle';
import { readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { WorkbookReadError } from '../src/adapters/xlsx/errors';
import { clearMarksPlan, markFindingsPlan } from '../src/core/plans/index';
import { recognise } from '../src/core/recognise/index';
import { validate } from '../src/core/validate/index';

const SAMPLE = path.join(__dirname, '..', 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('FileEngineHost', () => {
  test('its snapshot equals readWorkbookBuffer on the same bytes', async () => {
    const bytes = fs.readFileSync(SAMPLE);
    const host = await FileEngineHost.fromBuffer(bytes, 'sample.xlsx');
    const progress: string[] = [];
    const snap = await host.readSnapshot((p, t) => progress.push(`${p}:${t}`));
    expect(snap).toEqual(await readWorkbookBuffer(bytes, 'sample.xlsx'));
    expect(progress).toEqual(['0.1:正在读取“sample.xlsx”…', `1:已读取 ${snap.sheets.length} 个工作表`]);
    expect(host.capabilities()).toMatchObject({ notes: true, comments: false });
    expect(host.kind).toBe('file');
  });

  test('rejects a non-workbook with the reader’s Chinese error', async () => {
    await expect(FileEngineHost.fromBuffer(new TextEncoder().encode('a,b\n1,2\n'), '表.xlsx')).rejects.toThrow(WorkbookReadError);
    await expect(FileEngineHost.fromBuffer(new TextEncoder().encode('a,b\n1,2\n'), '表.xlsx')).rejects.toThrow(
      '文件“表.xlsx”不是 Excel 工作簿（.xlsx）（这是文本或 CSV 文件）',
    );
  });

  test('selectCells announces the sheet and ranges of the first address’s sheet; quoted names work', async () => {
    const host = await FileEngineHost.fromBuffer(
      await bytesOf((wb) => {
        wb.addWorksheet('公开01表').getCell('A1').value = 1;
        wb.addWorksheet("Bob's 表 2").getCell('B2').value = 2;
      }),
      'x.xlsx',
    );
    const events: HostEvent[] = [];
    const off = host.subscribe((e) => events.push(e));
    await host.selectCells(["'Bob''s 表 2'!B2:C3", '公开01表!A1', "'Bob''s 表 2'!$D$9"]);
    expect(events).toEqual([
      {
        type: 'select',
        sheet: "Bob's 表 2",
        ranges: [
          { top: 1, left: 1, bottom: 2, right: 2 },
          { top: 8, left: 3, bottom: 8, right: 3 },
        ],
        addresses: ["'Bob''s 表 2'!B2:C3", '公开01表!A1', "'Bob''s 表 2'!$D$9"],
      },
    ]);
    await expect(host.selectCells(['没有的表!A1'])).rejects.toThrow('工作簿中没有名为“没有的表”的工作表');
    off();
    await host.selectCells(['公开01表!A1']);
    expect(events).toHaveLength(1);
  });

  test('marks from the real findings land in the workbook, survive the download bytes, and clear exactly', async () => {
    const host = await FileEngineHost.fromBuffer(fs.readFileSync(SAMPLE), 'sample.xlsx');
    const changes: number[] = [];
    host.subscribe((e) => e.type === 'change' && changes.push(e.version));
    const findings = validate(recognise(await host.readSnapshot())).findings;
    await host.applyPlan(markFindingsPlan(findings));
    expect(changes).toEqual([1]);
    const marked = await excelOf(await host.toBuffer());
    const ws = marked.getWorksheet('公开01表')!;
    expect((ws.getCell('F15').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(noteOf(ws.getCell('F15'))).toContain('【尾差】收入支出决算总表（公开01表）“九、卫生健康支出”');

    // The marked workbook as downloaded: marks and records inside; its snapshot has no _juesuan sheet.
    const again = await FileEngineHost.fromBuffer(new Uint8Array(await host.toBuffer()), 'sample.xlsx');
    expect(marked.getWorksheet(RECORD_SHEET)!.state).toBe('veryHidden');
    expect((await again.readSnapshot()).sheets.map((s) => s.name)).not.toContain(RECORD_SHEET);
    await again.applyPlan(clearMarksPlan());
    const cleared = await excelOf(await again.toBuffer());
    const ws2 = cleared.getWorksheet('公开01表')!;
    expect((ws2.getCell('F15').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    expect(ws2.getCell('F15').note).toBeUndefined();
    expect(cleared.getWorksheet(RECORD_SHEET)).toBeUndefined();
    // Nothing of the add-in is left: the package is the sample's, entry for entry.
    expect(await entriesOf(await again.toBuffer())).toEqual(await entriesOf(fs.readFileSync(SAMPLE)));
  });

  test('overrides are saved in the workbook and come back in the next snapshot', async () => {
    const host = await FileEngineHost.fromBuffer(fs.readFileSync(SAMPLE), 'sample.xlsx');
    expect(await host.loadOverrides()).toEqual([]);
    expect((await host.readSnapshot()).overrides).toBeUndefined();
    await host.saveOverrides([{ sheet: '项目支出绩效自评表2', anchor: 'A1', specId: null }]);
    expect(host.version).toBe(1);
    const snap = await host.readSnapshot();
    expect(snap.overrides).toEqual([{ sheet: '项目支出绩效自评表2', anchor: 'A1', specId: null }]);
    const rec = recognise(snap);
    expect(rec.tables.map((t) => t.sheet)).not.toContain('项目支出绩效自评表2');
    const reopened = await FileEngineHost.fromBuffer(new Uint8Array(await host.toBuffer()), 'sample.xlsx');
    expect(await reopened.loadOverrides()).toEqual([{ sheet: '项目支出绩效自评表2', anchor: 'A1', specId: null }]);
  });
});

function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  return typeof n === 'string' ? n : (n?.texts ?? []).map((t) => t.text).join('');
}

/** Every zip entry's name and content (as text), in order. */
function entriesOf(bytes: ArrayBuffer | Uint8Array): Promise<[string, string][]> {
  const files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return Promise.resolve(Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString('latin1')]));
}
