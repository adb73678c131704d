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
      { op: 'note', sheet: '公开01表', cell: 'B10', text: '决算公开助手：\n【错误】本年收入合计应等于各项收入之和', tag: 'juesuan:marks' },
      { op: 'note', sheet: 'Sheet 1', cell: 'C3', text: '决算公开助手：\n【尾差】尾差 0.01', tag: 'juesuan:marks' },
    ]);
  });

  it('puts every message landing on one cell into its single note', () => {
    const plan = markFindingsPlan([
      finding({ message: '甲', cells: ['公开01表!B10'] }),
      finding({ severity: 'warning', message: '乙', cells: ['公开01表!B10', '公开01表!B11'] }),
    ]);
    const notes = plan.ops.filter((o) => o.op === 'note');
    expect(notes).toEqual([{ op: 'note', sheet: '公开01表', cell: 'B10', text: '决算公开助手：\n【错误】甲\n【警告】乙', tag: 'juesuan:marks' }]);
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
        finding({ severity: 'rounding', rule: 'cross.tail', message: '尾差', cells: ['公开01表!B6'], expected: '1.00', actual: '1.01', tail: '0.01' }),
        finding({ cells: ['公开01表!B10', '公开01表!B5'] }),
        finding({ severity: 'info', rule: 'ws.note', message: '无表', cells: [], expected: null, actual: null, table: null }),
        finding({ severity: 'warning', rule: 'code.malformed', message: '编码', cells: ["'Sheet 1'!A7"], expected: null, actual: '20921', table: 'Sheet 1!A1' }),
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
          [1, '错误', 'summary.income_total', '公开01表 收入支出决算总表', '本年收入合计应等于各项收入之和', '公开01表!B10、公开01表!B5', '100.00', '99.00'],
          [2, '警告', 'code.malformed', 'Sheet 1：支出决算表', '编码', "'Sheet 1'!A7", '', '20921'],
          [3, '尾差', 'cross.tail', '公开01表 收入支出决算总表', '尾差', '公开01表!B6', '1.00', '1.01'],
          [4, '提示', 'ws.note', '（全工作簿）', '无表', '', '', ''],
        ],
      },
    ]);
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
