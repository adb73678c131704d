import { cellAreas, cellList, formatCells, selectionAreas } from '../src/core/cells';

/** `公开02表!E8` … : the total E8, then the unknown-code style list of 3,000 cells (column A, then B, rows 9…). */
const col = (sheet: string, letter: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `${sheet}!${letter}${from + i}`);

describe('cellAreas', () => {
  it('keeps the first cell alone and first, merges runs in a column, then in a row, in order of first mention', () => {
    const areas = cellAreas([
      '公开02表!E8',
      '公开02表!E10',
      '公开02表!E9',
      '公开02表!E11',
      '公开01表!C7',
      '公开01表!D7',
      '公开01表!F7',
      '公开02表!E9',
      "'Sheet 1'!$B$3",
      '公开02表!A1:B2',
      '乱码',
    ]);
    expect(areas).toEqual([
      { sheet: '公开02表', range: 'E8', text: '公开02表!E8', cells: 1 },
      { sheet: '公开02表', range: 'E9:E11', text: '公开02表!E9:E11', cells: 3 },
      { sheet: '公开01表', range: 'C7:D7', text: '公开01表!C7:D7', cells: 2 },
      { sheet: '公开01表', range: 'F7', text: '公开01表!F7', cells: 1 },
      { sheet: 'Sheet 1', range: 'B3', text: "'Sheet 1'!B3", cells: 1 },
      { sheet: '公开02表', range: 'A1:B2', text: '公开02表!A1:B2', cells: 1 },
      { sheet: '', range: '乱码', text: '乱码', cells: 1 },
    ]);
  });

  it('a column run wins over a row run; gaps and other sheets break runs', () => {
    expect(cellAreas(['表!A1', '表!B2', '表!B3', '表!C2', '表!B5', '乙!B4']).map((a) => a.text)).toEqual([
      '表!A1',
      '表!B2:B3',
      '表!C2',
      '表!B5',
      '乙!B4',
    ]);
  });
});

describe('formatCells', () => {
  it('lists a short list whole', () => {
    expect(formatCells(['公开01表!B10', '公开01表!B5'])).toBe('公开01表!B10、公开01表!B5');
    expect(formatCells([])).toBe('');
  });

  it('3,000 cells in runs: ranges, whole', () => {
    const cells = ['公开02表!E8', ...col('公开02表', 'A', 9, 1500), ...col('公开02表', 'B', 9, 1499)];
    expect(formatCells(cells)).toBe('公开02表!E8、公开02表!A9:A1508、公开02表!B9:B1507');
  });

  it('3,000 scattered cells: at most N items, then 等 M 处 (M counts every cell)', () => {
    const cells = ['公开02表!E8', ...Array.from({ length: 2999 }, (_, i) => `公开02表!A${10 + 2 * i}`)];
    expect(formatCells(cells, { maxItems: 4 })).toBe('公开02表!E8、公开02表!A10、公开02表!A12、公开02表!A14 等 3000 处');
    const long = formatCells(cells);
    expect(long).toBe(['公开02表!E8', ...Array.from({ length: 19 }, (_, i) => `公开02表!A${10 + 2 * i}`)].join('、') + ' 等 3000 处');
    expect(long.length).toBeLessThan(1000);
  });

  it('stays within maxLength, cutting whole items; 共 M 处 when not even the first fits', () => {
    const cells = ['公开02表!E8', '公开02表!A10', '公开02表!A12', '公开02表!A14'];
    // '公开02表!E8、公开02表!A10' is 8 + 1 + 9 = 18 characters, + ' 等 4 处' (6) = 24.
    expect(formatCells(cells, { maxLength: 24 })).toBe('公开02表!E8、公开02表!A10 等 4 处');
    expect(formatCells(cells, { maxLength: 23 })).toBe('公开02表!E8 等 4 处');
    expect(formatCells(cells, { maxLength: 13 })).toBe('共 4 处');
    // All four are 38 characters: they fit without the suffix, so no suffix.
    expect(formatCells(cells, { maxLength: 38 })).toBe('公开02表!E8、公开02表!A10、公开02表!A12、公开02表!A14');
    for (let max = 3; max < 60; max++) expect(formatCells(cells, { maxLength: max }).length).toBeLessThanOrEqual(max);
  });

  it('cellList says what was shown and the total', () => {
    const l = cellList(['表!A1', '表!C1', '表!C2', '表!E1'], { maxItems: 2 });
    expect(l).toEqual({
      shown: [
        { sheet: '表', range: 'A1', text: '表!A1', cells: 1 },
        { sheet: '表', range: 'C1:C2', text: '表!C1:C2', cells: 2 },
      ],
      total: 4,
      more: ' 等 4 处',
    });
  });
});

describe('selectionAreas', () => {
  it('the first cell’s sheet, the first cell first, areas on that sheet only', () => {
    expect(selectionAreas(['公开01表!C12', "'Sheet 1'!D4", '公开01表!$C$5', '公开01表!C6'])).toEqual({
      sheet: '公开01表',
      ranges: ['C12', 'C5:C6'],
    });
    expect(selectionAreas([])).toBeNull();
  });

  it('bounded by areas and by address length', () => {
    const cells = ['公开02表!E8', ...Array.from({ length: 2999 }, (_, i) => `公开02表!A${10 + 2 * i}`)];
    expect(selectionAreas(cells)).toEqual({ sheet: '公开02表', ranges: ['E8', ...Array.from({ length: 29 }, (_, i) => `A${10 + 2 * i}`)] });
    // 'E8,A10,A12' is 10 characters.
    expect(selectionAreas(cells, { maxLength: 10 })).toEqual({ sheet: '公开02表', ranges: ['E8', 'A10', 'A12'] });
    expect(selectionAreas(cells, { maxLength: 1 })).toEqual({ sheet: '公开02表', ranges: ['E8'] });
  });
});
