import type { Finding, Recognition, RecognisedTable } from '../src/core/model';
import { clearMarksPlan, findingsSheetPlan, markFindingsPlan } from '../src/core/plans';

function finding(over: Partial<Finding>): Finding {
  return {
    rule: 'summary.income_total',
    severity: 'error',
    message: '本年收入合计应等于各项收入之和',
    cells: ['公开01表!B10'],
    expected: '100.00',
    actual: '99.00',
    table: '公开01表!A1',
    ...over,
  };
}

const table = {
  id: '公开01表!A1',
  label: '公开01表',
  title: '收入支出决算总表',
  sheet: '公开01表',
} as RecognisedTable;
const unlabelled = { id: 'Sheet 1!A1', label: null, title: '支出决算表', sheet: 'Sheet 1' } as RecognisedTable;
const recognition: Recognition = { tables: [table, unlabelled], unrecognised: [], notices: [] };

describe('markFindingsPlan', () => {
  it('clears earlier marks first, fills every cell by severity and notes the first cell of each finding', () => {
    const plan = markFindingsPlan([
      finding({ cells: ['公开01表!B10', '公开01表!B5', '公开01表!B6'] }),
      finding({ severity: 'rounding', rule: 'cross.x', message: '尾差 0.01', cells: ["'Sheet 1'!$C$3", '公开01表!B6'] }),
      finding({ severity: 'warning', rule: 'code.malformed', message: '科目编码“20921”不合规', cells: ['公开01表!A7'] }),
      finding({ severity: 'info', message: '提示而已', cells: ['公开01表!A1'] }),
    ]);
    expect(plan.title).toBe('标记审核问题（3 条，5 个单元格）');
    expect(plan.ops).toEqual([
      { op: 'clearTag', tag: 'juesuan:marks' },
      { op: 'fill', sheet: '公开01表', range: 'B5', color: '#FFC7CE', tag: 'juesuan:marks' },
      // B6 is named by an error and by a rounding finding: the error's colour wins.
      { op: 'fill', sheet: '公开01表', range: 'B6', color: '#FFC7CE', tag: 'juesuan:marks' },
      { op: 'fill', sheet: '公开01表', range: 'A7', color: '#FFEB9C', tag: 'juesuan:marks' },
      { op: 'fill', sheet: '公开01表', range: 'B10', color: '#FFC7CE', tag: 'juesuan:marks' },
      { op: 'fill', sheet: 'Sheet 1', range: 'C3', color: '#DDEBF7', tag: 'juesuan:marks' },
      { op: 'note', sheet: '公开01表', cell: 'A7', text: '决算公开助手：\n【警告】科目编码“20921”不合规', tag: 'juesuan:marks' },
      {
        op: 'note',
        sheet: '公开01表',
        cell: 'B10',
        text: '决算公开助手：\n【错误】本年收入合计应等于各项收入之和（涉及 公开01表!B10、公开01表!B5:B6）',
        tag: 'juesuan:marks',
      },
      {
        op: 'note',
        sheet: 'Sheet 1',
        cell: 'C3',
        text: "决算公开助手：\n【尾差】尾差 0.01（涉及 'Sheet 1'!C3、公开01表!B6）",
        tag: 'juesuan:marks',
      },
    ]);
  });

  it('puts every message landing on one cell into its single note', () => {
    const plan = markFindingsPlan([
      finding({ message: '甲', cells: ['公开01表!B10'] }),
      finding({ severity: 'warning', message: '乙', cells: ['公开01表!B10', '公开01表!B11'] }),
    ]);
    const notes = plan.ops.filter((o) => o.op === 'note');
    expect(notes).toEqual([
      {
        op: 'note',
        sheet: '公开01表',
        cell: 'B10',
        text: '决算公开助手：\n【错误】甲\n【警告】乙（涉及 公开01表!B10、公开01表!B11）',
        tag: 'juesuan:marks',
      },
    ]);
  });

  it('a finding of 3,000 cells fills each and notes its total with a bounded cell list', () => {
    // The total E8, then 3,000 cells every other row of column A: no runs to merge.
    const cells = ['公开01表!E8', ...Array.from({ length: 2999 }, (_, i) => `公开01表!A${10 + 2 * i}`)];
    const plan = markFindingsPlan([finding({ message: '合计不等', cells })]);
    expect(plan.title).toBe('标记审核问题（1 条，3000 个单元格）');
    expect(plan.ops.filter((o) => o.op === 'fill')).toHaveLength(3000);
    expect(plan.ops.filter((o) => o.op === 'note')).toEqual([
      {
        op: 'note',
        sheet: '公开01表',
        cell: 'E8',
        text:
          '决算公开助手：\n【错误】合计不等（涉及 公开01表!E8、公开01表!A10、公开01表!A12、公开01表!A14、公开01表!A16、公开01表!A18、' +
          '公开01表!A20、公开01表!A22、公开01表!A24、公开01表!A26 等 3000 处）',
        tag: 'juesuan:marks',
      },
    ]);
  });

  it('with no findings only clears', () => {
    expect(markFindingsPlan([])).toEqual({ title: '标记审核问题（0 条，0 个单元格）', ops: [{ op: 'clearTag', tag: 'juesuan:marks' }] });
  });
});

describe('clearMarksPlan', () => {
  it('is one clearTag of the marks tag', () => {
    expect(clearMarksPlan()).toEqual({ title: '清除审核标记', ops: [{ op: 'clearTag', tag: 'juesuan:marks' }] });
  });
});

describe('findingsSheetPlan', () => {
  it('lists findings most severe first, in Chinese, naming tables by label and title', () => {
    const plan = findingsSheetPlan(
      [
        finding({
          severity: 'rounding',
          rule: 'cross.tail',
          message: '尾差',
          cells: ['公开01表!B6'],
          expected: '1.00',
          actual: '1.01',
          tail: '0.01',
        }),
        finding({ cells: ['公开01表!B10', '公开01表!B5'] }),
        finding({ severity: 'info', rule: 'ws.note', message: '无表', cells: [], expected: null, actual: null, table: null }),
        finding({
          severity: 'warning',
          rule: 'code.malformed',
          message: '编码',
          cells: ["'Sheet 1'!A7"],
          expected: null,
          actual: '20921',
          table: 'Sheet 1!A1',
        }),
      ],
      recognition,
    );
    expect(plan.title).toBe('生成审核结果表（4 条）');
    expect(plan.ops).toEqual([
      { op: 'clearTag', tag: 'juesuan:findings-sheet' },
      {
        op: 'addSheet',
        name: '审核结果',
        tag: 'juesuan:findings-sheet',
        rows: [
          ['序号', '严重程度', '规则', '表', '说明', '单元格', '应为', '实为'],
          [
            1,
            '错误',
            'summary.income_total',
            '公开01表 收入支出决算总表',
            '本年收入合计应等于各项收入之和',
            '公开01表!B10、公开01表!B5',
            '100.00',
            '99.00',
          ],
          [2, '警告', 'code.malformed', 'Sheet 1：支出决算表', '编码', "'Sheet 1'!A7", '', '20921'],
          [3, '尾差', 'cross.tail', '公开01表 收入支出决算总表', '尾差', '公开01表!B6', '1.00', '1.01'],
          [4, '提示', 'ws.note', '（全工作簿）', '无表', '', '', ''],
        ],
      },
    ]);
  });

  it('a finding of thousands of cells gets a short cell text: runs as ranges, at most 20 items, 等 M 处', () => {
    // Total E7; 2,400 code cells in column A from row 9 (one run); 1,000 cells every other row of column C.
    const cells = [
      '公开01表!E7',
      ...Array.from({ length: 2400 }, (_, i) => `公开01表!A${9 + i}`),
      ...Array.from({ length: 1000 }, (_, i) => `公开01表!C${9 + 2 * i}`),
    ];
    const plan = findingsSheetPlan([finding({ cells })], recognition);
    const rows = (plan.ops[1] as { rows: unknown[][] }).rows;
    expect(rows[1][5]).toBe(
      ['公开01表!E7', '公开01表!A9:A2408', ...Array.from({ length: 18 }, (_, i) => `公开01表!C${9 + 2 * i}`)].join('、') + ' 等 3401 处',
    );
  });

  it('says so when there is nothing to list', () => {
    const plan = findingsSheetPlan([], recognition);
    expect(plan.ops[1]).toEqual({
      op: 'addSheet',
      name: '审核结果',
      tag: 'juesuan:findings-sheet',
      rows: [
        ['序号', '严重程度', '规则', '表', '说明', '单元格', '应为', '实为'],
        [null, null, null, null, '未发现问题。', null, null, null],
      ],
    });
  });
});
