/**
 * The two 总表, income left and expense right (docs/DOMAIN.md §3.4): 收入支出决算总表 and 财政拨款收入支出决算总表.
 * The expense side has one line per function 类 of the year's list; 江西 and 云南 print 行次 and a 栏次 row.
 */
import { FUNCTION_CLASSES, summaryClassCodes } from '../../classification';
import { Draft, repeat, LEFT } from '../draft';
import { chineseNumber, frame, notes, type LayoutContext } from '../frame';

const INCOME_LINES: [string, string][] = [
  ['income.gpb', '一般公共预算财政拨款收入'],
  ['income.gov_fund', '政府性基金预算财政拨款收入'],
  ['income.state_capital', '国有资本经营预算财政拨款收入'],
  ['income.superior', '上级补助收入'],
  ['income.business', '事业收入'],
  ['income.operating', '经营收入'],
  ['income.affiliated', '附属单位上缴收入'],
  ['income.other', '其他收入'],
];

const FISCAL_LINES: [string, string][] = [
  ['gpb', '一般公共预算财政拨款'],
  ['gov_fund', '政府性基金预算财政拨款'],
  ['state_capital', '国有资本经营预算财政拨款'],
];

/** [income key, income name, expense key, expense name] of the lines under the 类 lines; '' for none. */
type Tail = [string, string, string, string];

interface SideBySide {
  title: string;
  incomeHeader: string;
  expenseHeaders: { key: string; header: string }[];
  incomeLines: [string, string][];
  tail: Tail[];
  notes: string[];
}

function classLines(year: number): { code: string; name: string }[] {
  return summaryClassCodes(year).map((code, i) => {
    const name = FUNCTION_CLASSES.find((c) => c.code === code)?.name ?? code;
    return { code, name: `${chineseNumber(i + 1)}、${name}` };
  });
}

function sideBySide(ctx: LayoutContext, t: SideBySide): Draft {
  const seq = ctx.set !== 'shanghai';
  const amountWidth = 16;
  const exp = t.expenseHeaders;
  const widths = seq ? [34, 6, amountWidth, 34, 6, ...exp.map(() => amountWidth)] : [34, amountWidth, 34, ...exp.map(() => amountWidth)];
  const d = new Draft(t.title === '收入支出决算总表' ? 'income_expense_summary' : 'fiscal_summary', widths);
  let r = frame(d, ctx, t.title);
  const incomeCols = seq ? 3 : 2;
  const expenseCols = widths.length - incomeCols;
  const incAmount = seq ? 2 : 1;
  const expName = incomeCols;
  const expFirst = expName + (seq ? 2 : 1);
  const header: string[][] = [
    ['收入', ...repeat(LEFT, incomeCols - 1), '支出', ...repeat(LEFT, expenseCols - 1)],
    seq
      ? ['项目', '行次', t.incomeHeader, '项目（按功能分类）', '行次', ...exp.map((e) => e.header)]
      : ['项目', t.incomeHeader, '项目', ...exp.map((e) => e.header)],
  ];
  if (seq) header.push(['栏次', '', '1', '栏次', '', ...exp.map((_, i) => String(i + 2))]);
  r = d.grid(r, header, 'header');
  d.col({ key: 'amount', col: incAmount, block: 'income', kind: 'amount' });
  exp.forEach((e, i) => d.col({ key: e.key, col: expFirst + i, block: 'expense', kind: 'amount' }));

  const classes = classLines(ctx.year);
  const upper = Math.max(classes.length, t.incomeLines.length);
  const lines: Tail[] = [];
  for (let i = 0; i < upper; i++) {
    const inc = t.incomeLines[i];
    const cls = classes[i];
    lines.push([inc?.[0] ?? '', inc ? `${chineseNumber(i + 1)}、${inc[1]}` : '', cls?.code ?? '', cls?.name ?? '']);
  }
  lines.push(...t.tail);
  const first = r;
  lines.forEach(([ik, iname, ek, ename], i) => {
    const row = first + i;
    const total = (k: string) => /total$/.test(k);
    d.put(row, 0, iname || null, total(ik) ? 'textBold' : 'text');
    d.put(row, expName, ename || null, total(ek) ? 'textBold' : 'text');
    if (seq) {
      d.put(row, 1, i + 1, 'seq');
      d.put(row, expName + 1, lines.length + i + 1, 'seq');
    }
    // a side without a line on this row has no figure to take: bordered, but not an amount cell
    const look = (k: string) => (k === '' ? 'text' : total(k) ? 'amountTotal' : 'amount');
    d.put(row, incAmount, null, look(ik));
    exp.forEach((_, j) => d.put(row, expFirst + j, null, look(ek)));
    if (ik) d.row({ key: ik, level: total(ik) ? 'total' : 'line', block: 'income', row });
    if (ek) d.row({ key: ek, level: /^\d+$/.test(ek) ? 'class' : total(ek) ? 'total' : 'line', block: 'expense', row });
  });
  r = first + lines.length;
  notes(d, r, t.notes);
  return d;
}

export function incomeExpenseSummaryLayout(ctx: LayoutContext): Draft {
  return sideBySide(ctx, {
    title: '收入支出决算总表',
    incomeHeader: ctx.set === 'yunnan' ? '金额' : '决算数',
    expenseHeaders: [{ key: 'amount', header: ctx.set === 'yunnan' ? '金额' : '决算数' }],
    incomeLines: INCOME_LINES,
    tail: [
      ['income.total', '本年收入合计', 'expense.total', '本年支出合计'],
      ['income.use_non_fiscal_balance', '使用非财政拨款结余', 'expense.distribution', '结余分配'],
      ['income.carryover_begin', '年初结转和结余', 'expense.carryover_end', '年末结转和结余'],
      ['income.grand_total', '总计', 'expense.grand_total', '总计'],
    ],
    notes:
      ctx.set === 'jiangxi'
        ? ['注：1.本表反映部门本年度总收支和年末结转结余情况。', '2.本套报表金额单位转换时可能存在尾数误差。']
        : ['注：本表反映部门本年度的总收支和年末结转结余情况。'],
  });
}

export function fiscalSummaryLayout(ctx: LayoutContext): Draft {
  const sub = FISCAL_LINES.map(([k, name], i): Tail => [`income.carryover_begin.${k}`, `${chineseNumber(i + 1)}、${name}`, '', '']);
  return sideBySide(ctx, {
    title: '财政拨款收入支出决算总表',
    incomeHeader: ctx.set === 'jiangxi' ? '金额' : '决算数',
    expenseHeaders: [{ key: 'total', header: '合计' }, ...FISCAL_LINES.map(([key, header]) => ({ key, header }))],
    incomeLines: FISCAL_LINES.map(([k, name]) => [`income.${k}`, name]),
    tail: [
      ['income.total', '本年收入合计', 'expense.total', '本年支出合计'],
      ['income.carryover_begin', '年初财政拨款结转和结余', 'expense.carryover_end', '年末财政拨款结转和结余'],
      ...sub,
      ['income.grand_total', '总计', 'expense.grand_total', '总计'],
    ],
    notes: [
      ctx.set === 'shanghai'
        ? '注：本表反映部门本年度财政拨款总收支和结转结余情况。'
        : '注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。',
    ],
  });
}
