/**
 * The two layouts of issue 8, recognised as the plain ones: a 基本支出表 whose economic codes are split over
 * 类 | 款 inside its side-by-side blocks (`302 | 01 | 办公费 | 21.21`) — under one merged 科目编码 header, under a
 * `类 | 款` sub-header row, or with the 类 printed on the class rows only —, and a 政府性基金 table whose
 * 本年支出 sub-headers (`合计 | 基本支出 | 项目支出`) are printed inside its 合计 row.
 */
import type { RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { buildSnapshot, locate, locateHeader, tableIndexOf, type SeedId } from './fixtures';

/** Key, block, level, code and every value of each row: what rules see of a table. */
function rowsOf(t: RecognisedTable): string[] {
  return t.rows.map((r) => {
    const values = Object.entries(r.values)
      .map(([k, v]) => `${k}=${v.status === 'number' ? v.value!.toFixed(2) : v.status}`)
      .join(',');
    return `${r.block}/${r.key} ${r.level} ${r.code ?? '-'} ${values}`;
  });
}

async function basic(seed: SeedId, layout: 'per-sheet' | 'split-codes', edit?: (s: WorkbookSnapshot) => WorkbookSnapshot) {
  const snap = await buildSnapshot(seed, layout);
  return recognise(edit ? edit(snap) : snap).tables.find((t) => t.kind === 'gpb_basic')!;
}

/** The table's sheet with `change` applied to its cells; merges below `shiftBelow` move one row down with them. */
function onSheet(sheet: string, change: (cells: CellSnapshot[]) => CellSnapshot[], shiftBelow = Infinity) {
  const shift = (m: { top: number; bottom: number; left: number; right: number }) =>
    m.top > shiftBelow ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m;
  return (s: WorkbookSnapshot): WorkbookSnapshot => ({
    ...s,
    sheets: s.sheets.map((x) => (x.name === sheet ? { ...x, cells: change(x.cells), merges: x.merges.map(shift) } : x)),
  });
}

describe.each(['000', 'shanghai'] as const)('seed %s 基本支出表, economic codes over 类 | 款', (seed) => {
  const key = seed === '000' ? '06' : '6';

  test('under one merged 科目编码 header: the same rows and amounts as the plain table', async () => {
    const plain = await basic(seed, 'per-sheet');
    const split = await basic(seed, 'split-codes');
    expect(rowsOf(split)).toEqual(rowsOf(plain));
    // the code's cell is its 类 cell (`302`), the 款 printed right of it
    expect(split.rows.find((r) => r.key === '30201')!.codeCol).toBe(locate(seed, 'split-codes', tableIndexOf(seed, key), 1, 3).col);
  });

  test('under a 类 | 款 sub-header row: the same rows and amounts', async () => {
    const plain = await basic(seed, 'per-sheet');
    const h = locateHeader(seed, 'split-codes', tableIndexOf(seed, key), 1, 0);
    // every row from the last header row down moves one row down; 类 | 款 under each code header
    const split = await basic(
      seed,
      'split-codes',
      onSheet(
        h.sheet,
        (cells) => {
          const codeCols = cells.filter((c) => c.row === h.row && /科目编码/.test(String(c.value))).map((c) => c.col);
          const moved = cells.map((c) => (c.row > h.row ? { ...c, row: c.row + 1 } : c));
          return [...moved, ...codeCols.flatMap((col) => [cell(h.row + 1, col, '类'), cell(h.row + 1, col + 1, '款')])];
        },
        h.row,
      ),
    );
    expect(rowsOf(split)).toEqual(rowsOf(plain));
  });

  test('with the 类 printed on its class row only: each 款 joins the class above it', async () => {
    const plain = await basic(seed, 'per-sheet');
    const at = locate(seed, 'split-codes', tableIndexOf(seed, key), 0, 0);
    const split = await basic(
      seed,
      'split-codes',
      onSheet(at.sheet, (cells) => {
        // a 类 cell whose 款 cell (the next column) holds digits is left empty
        const kuan = new Set(cells.filter((c) => /^\d{2}$/.test(String(c.value))).map((c) => `${c.row}:${c.col - 1}`));
        return cells.filter((c) => !kuan.has(`${c.row}:${c.col}`));
      }),
    );
    expect(rowsOf(split)).toEqual(rowsOf(plain));
  });
});

function cell(row: number, col: number, value: string): CellSnapshot {
  return { row, col, value };
}

test('政府性基金 table with its 本年支出 sub-headers in the 合计 row: six columns, the sub-headers no amounts, said once', async () => {
  const t = recognise(await buildSnapshot('000', 'header-in-body')).tables.find((x) => x.kind === 'gov_fund')!;
  expect(t.columns.map((c) => `${c.key}:${c.header}`)).toEqual([
    'begin:年初结转 和结余',
    'income:本年收入',
    'expense.total:本年支出/合计',
    'expense.basic:本年支出/基本支出',
    'expense.project:本年支出/项目支出',
    'end:年末结转 和结余',
  ]);
  expect(rowsOf(t)).toEqual([
    'main/total total - begin=empty,income=304.35,expense.total=empty,expense.basic=empty,expense.project=empty,end=empty',
    'main/210 class 210 begin=empty,income=304.35,expense.total=304.35,expense.basic=empty,expense.project=304.35,end=empty',
    'main/21015 section 21015 begin=empty,income=304.35,expense.total=304.35,expense.basic=empty,expense.project=304.35,end=empty',
    'main/2101504 item 2101504 begin=empty,income=304.35,expense.total=304.35,expense.basic=empty,expense.project=304.35,end=empty',
  ]);
  expect(t.problems).toEqual([
    '公开07表!G7 表头“本年支出”的子栏目（合计、基本支出、项目支出）印在数据行内，已按表头读取；这些单元格不是该行的金额',
  ]);
  expect(t.unread).toBeUndefined();
});
