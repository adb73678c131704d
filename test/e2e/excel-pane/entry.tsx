/**
 * Test page (browser e2e only): the shared pane driven by the real office adapter (OfficeHost) over the strict
 * office.js fake of test/fake-excel, holding the bundled sample. Shows the pane as it is in Excel, 350 px wide.
 * `?excelApi=1.17` makes the fake an Excel without notes (ExcelApi 1.18).
 */
import { createRoot } from 'react-dom/client';
import { readWorkbookBuffer } from '../../../src/adapters/xlsx/read';
import { OfficeHost } from '../../../src/adapters/office/host';
import { App } from '../../../src/ui/App';
import { FakeWorkbook } from '../../fake-excel';

const SAMPLE = '上饶市医疗保障局2022年度部门决算.xlsx';

async function main() {
  const res = await fetch(`samples/${encodeURIComponent(SAMPLE)}`);
  const snapshot = await readWorkbookBuffer(new Uint8Array(await res.arrayBuffer()), SAMPLE);
  // `?excelApi=1.17`: an Excel without notes (the adapter falls back to threaded comments and says so).
  const excelApi = new URLSearchParams(window.location.search).get('excelApi') ?? undefined;
  const wb = FakeWorkbook.fromSnapshot(snapshot, { excelApi });
  (window as unknown as { __fake: FakeWorkbook }).__fake = wb;
  const host = new OfficeHost(wb.env(), { name: SAMPLE });
  createRoot(document.getElementById('root')!).render(<App host={host} />);
}

void main();
