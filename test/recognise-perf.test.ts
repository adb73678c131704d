import { buildSnapshot } from './fixtures';
import { recognise } from '../src/core/recognise';
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';

test('perf', async () => {
  // one sheet: 收入决算表 with 20,000 coded rows x 11 columns (~220k cells)
  const cells: CellSnapshot[] = [];
  const put = (row: number, col: number, value: string | number) => cells.push({ row, col, value });
  put(0, 0, '收入决算表');
  put(1, 0, '编制单位：测试单位');
  put(1, 10, '金额单位：元');
  ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'].forEach((h, c) => put(2, c, h));
  put(3, 1, '合计');
  for (let c = 2; c < 9; c++) put(3, c, 1000);
  for (let i = 0; i < 20000; i++) {
    const r = 4 + i;
    put(r, 0, String(2010101 + i));
    put(r, 1, `项目${i}`);
    for (let c = 2; c < 11; c++) put(r, c, (i * 13 + c) / 100);
  }
  const big: SheetSnapshot = { name: 'big', cells, merges: [] };
  const snap: WorkbookSnapshot = { sheets: [big] };
  recognise(snap);
  let t0 = performance.now();
  const rec = recognise(snap);
  const t1 = performance.now() - t0;
  // 40 copies of seed 001's tables (per-sheet)
  const s001 = await buildSnapshot('001', 'per-sheet');
  const many: WorkbookSnapshot = { sheets: [] };
  for (let k = 0; k < 40; k++) for (const s of s001.sheets) many.sheets.push({ ...s, name: `${s.name}-${k}` });
  const n = many.sheets.reduce((a, s) => a + s.cells.length, 0);
  recognise(many);
  t0 = performance.now();
  const rec2 = recognise(many);
  const t2 = performance.now() - t0;
  console.log(`big sheet: ${cells.length} cells, ${rec.tables[0]?.rows.length} rows, ${t1.toFixed(0)} ms; ${many.sheets.length} sheets, ${n} cells, ${rec2.tables.length} tables, ${t2.toFixed(0)} ms`);
});
