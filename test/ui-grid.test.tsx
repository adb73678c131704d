import { SSRProvider } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import ExcelJS from 'exceljs';
import { FileEngineHost, type HostEvent } from '../src/adapters/xlsx/host';
import { bytesOf } from './xlsx-oracle';
import type { RangeBox } from '../src/core/snapshot';
import { Grid, nameBoxText, rowCapFor, selectionIndex } from '../src/web/Grid';
import { cellKey, type GridCell, type SheetView } from '../src/web/view';

const one = (row: number, col: number): RangeBox => ({ top: row, left: col, bottom: row, right: col });

/** A finding of 3,001 cells as the page's host passes it: the total C7, then B9…B3008, one range per cell. */
const total = one(6, 2);
const parts = Array.from({ length: 3000 }, (_, i) => one(8 + i, 1));

function view(rows: number, cols: number): SheetView {
  const cells = new Map<number, GridCell>();
  for (let r = 0; r < rows; r++) cells.set(cellKey(r, 1), { text: String(r), numeric: true });
  return { name: '公开02表', rows, cols, cells, merges: [], widths: new Array<number>(cols).fill(64), heights: new Map() };
}

describe('selection of thousands of cells on the standalone page', () => {
  test('the host passes every cell of the first sheet on, in one event', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('公开02表');
    const host = await FileEngineHost.fromBuffer(await bytesOf(wb), 'x.xlsx');
    const events: HostEvent[] = [];
    host.subscribe((e) => events.push(e));
    await host.selectCells(['公开02表!C7', ...parts.map((b) => `公开02表!B${b.top + 1}`), '其他表!A1']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'select', sheet: '公开02表' });
    expect((events[0] as { ranges: RangeBox[] }).ranges).toEqual([total, ...parts]);
  });

  test('the selection is indexed once: cells, rows and columns inside the drawn area only', () => {
    const index = selectionIndex([one(1, 1), { top: 3, left: 0, bottom: 9, right: 1 }, one(2, 7)], 5, 4);
    expect([...index.cells].sort((a, b) => a - b)).toEqual([cellKey(1, 1), cellKey(3, 0), cellKey(3, 1), cellKey(4, 0), cellKey(4, 1)]);
    expect([...index.rows].sort()).toEqual([1, 2, 3, 4]);
    expect([...index.cols].sort()).toEqual([0, 1]);
  });

  test('the row cap grows to show the first area only, not the last of 3,000', () => {
    expect(rowCapFor(total, 500)).toBe(500);
    expect(rowCapFor(one(1200, 0), 500)).toBe(1500);
    expect(rowCapFor(one(499, 0), 500)).toBe(500);
    expect(rowCapFor(one(500, 0), 500)).toBe(1000);
    expect(rowCapFor(undefined, 500)).toBe(500);
  });

  test('the name box lists 20 areas and counts the rest', () => {
    expect(nameBoxText('公开03表', [one(6, 4), one(7, 4), one(10, 4)])).toBe('公开03表!E7,E8,E11');
    expect(nameBoxText('Sheet 1', [total, ...parts])).toBe(
      `'Sheet 1'!C7,${Array.from({ length: 19 }, (_, i) => `B${9 + i}`).join(',')} 等 3001 处`,
    );
    expect(nameBoxText('公开03表', [])).toBe('');
  });

  test('the grid draws the 3,001-cell selection: the drawn selected cells marked, the name box short', () => {
    const html = renderToString(
      <SSRProvider>
        <Grid
          sheets={['公开02表']}
          active="公开02表"
          onActivate={() => undefined}
          view={view(4000, 3)}
          selection={{ sheet: '公开02表', ranges: [total, ...parts], seq: 1 }}
          onSelect={() => undefined}
        />
      </SSRProvider>,
    );
    const selected = [...html.matchAll(/<td data-addr="([A-Z]+\d+)" class="[^"]*\bsel\b/g)].map((m) => m[1]);
    // 500 rows drawn: C7 and B9…B500.
    expect(selected).toEqual(['C7', ...Array.from({ length: 492 }, (_, i) => `B${9 + i}`)]);
    expect(html).toContain(`>公开02表!C7,${Array.from({ length: 19 }, (_, i) => `B${9 + i}`).join(',')} 等 3001 处</output>`);
  });
});
