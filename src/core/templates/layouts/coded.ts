/**
 * Function-coded tables: 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 云南 收入支出决算表, the two fund tables.
 * 江西/云南: 类|款|项 columns (the whole code in the first, as the seeds print it), 科目名称, a 栏次 row; 上海: one
 * 功能分类科目编码 column. The 合计 row comes first (上海 表5: last), then the given coded rows, then blank rows.
 */
import type { TableKind } from '../../model';
import { Draft, repeat, LEFT, UP } from '../draft';
import { frame, notes, type LayoutContext } from '../frame';

/** A value header: a leaf `[key, text]`, or a group `[text, children]`. */
export type HeaderNode = { key: string; text: string } | { text: string; children: HeaderNode[] };

function depth(n: HeaderNode): number {
  return 'children' in n ? 1 + Math.max(...n.children.map(depth)) : 1;
}

function leaves(n: HeaderNode): { key: string; text: string }[] {
  return 'children' in n ? n.children.flatMap(leaves) : [n];
}

/** The header grid of the value columns, `levels` rows deep, with merge markers. */
function headerGrid(nodes: HeaderNode[], levels: number): string[][] {
  const rows: string[][] = Array.from({ length: levels }, () => []);
  const place = (n: HeaderNode, level: number) => {
    const width = leaves(n).length;
    rows[level].push(n.text, ...repeat(LEFT, width - 1));
    if ('children' in n) n.children.forEach((c) => place(c, level + 1));
    else for (let l = level + 1; l < levels; l++) rows[l].push(UP, ...repeat(LEFT, width - 1));
  };
  nodes.forEach((n) => place(n, 0));
  return rows;
}

export interface CodedTable {
  kind: TableKind;
  title: string;
  values: HeaderNode[];
  notes: string[];
  /** 合计 after the coded rows (上海 表5). */
  totalLast?: boolean;
}

export function codedLayout(ctx: LayoutContext, t: CodedTable): Draft {
  const national = ctx.set !== 'shanghai';
  const levels = Math.max(1, ...t.values.map(depth));
  const cols = t.values.flatMap(leaves);
  const left = national ? 4 : 2;
  const widths = national ? [10, 4, 4, 30] : [14, 30];
  cols.forEach(() => widths.push(cols.length > 10 ? 12 : 15));
  const d = new Draft(t.kind, widths);
  let r = frame(d, ctx, t.title);
  // 江西/云南: 项目 | values on top, 编码 | 科目名称 below it, 类 款 项 栏次 | 1 … n last; 上海: no 栏次 row.
  const height = national ? Math.max(3, levels + 1) : Math.max(2, levels);
  const values = headerGrid(t.values, national ? height - 1 : height);
  const leftRows: string[][] = national
    ? [['项目', LEFT, LEFT, LEFT], ['支出功能分类科目编码', LEFT, LEFT, '科目名称'], ...repeat([UP, UP, UP, UP], height - 3)]
    : [['项目', LEFT], ['功能分类科目编码', '科目名称'], ...repeat([UP, UP], height - 2)];
  const header = leftRows.map((lr, i) => [...lr, ...values[i]]);
  if (national) header.push(['类', '款', '项', '栏次', ...cols.map((_, i) => String(i + 1))]);
  r = d.grid(r, header, 'header');
  cols.forEach((c, i) => d.col({ key: c.key, col: left + i, kind: 'amount' }));

  const nameCol = left - 1;
  const totalRow = (row: number) => {
    d.merge(row, 0, row, nameCol, '合计', 'textBold');
    cols.forEach((_, i) => d.put(row, left + i, null, 'amountTotal'));
    d.row({ key: 'total', level: 'total', row });
  };
  if (!t.totalLast) totalRow(r++);
  const top = r;
  for (const line of ctx.codeLines) {
    d.put(r, 0, line.code, 'code');
    for (let c = 1; c < nameCol; c++) d.put(r, c, null, 'code');
    d.put(r, nameCol, line.name, 'text');
    cols.forEach((_, i) => d.put(r, left + i, null, 'amount'));
    d.row({ key: line.code, level: line.code.length === 3 ? 'class' : line.code.length === 5 ? 'section' : 'item', row: r });
    r++;
  }
  for (let i = 0; i < ctx.blankRows; i++, r++) {
    for (let c = 0; c < nameCol; c++) d.put(r, c, null, 'code');
    d.put(r, nameCol, null, 'text');
    cols.forEach((_, j) => d.put(r, left + j, null, 'amount'));
  }
  d.map.bodies.push({ codeCol: 0, valueCols: cols.map((_, i) => left + i), top, bottom: r - 1 });
  if (t.totalLast) totalRow(r++);
  notes(d, r, t.notes);
  return d;
}

const leaf = (key: string, text: string): HeaderNode => ({ key, text });

export function incomeLayout(ctx: LayoutContext): Draft {
  const business: HeaderNode =
    ctx.set === 'yunnan'
      ? { text: '事业收入', children: [leaf('business', '小计'), leaf('business.tuition', '其中：教育收费')] }
      : leaf('business', '事业收入');
  return codedLayout(ctx, {
    kind: 'income',
    title: '收入决算表',
    values: [
      leaf('total', '本年收入合计'),
      leaf('fiscal', '财政拨款收入'),
      leaf('superior', '上级补助收入'),
      business,
      leaf('operating', '经营收入'),
      leaf('affiliated', '附属单位上缴收入'),
      leaf('other', '其他收入'),
    ],
    notes: ['注：本表反映部门本年度取得的各项收入情况。'],
  });
}

export function expenseLayout(ctx: LayoutContext): Draft {
  return codedLayout(ctx, {
    kind: 'expense',
    title: '支出决算表',
    values: [
      leaf('total', '本年支出合计'),
      leaf('basic', '基本支出'),
      leaf('project', '项目支出'),
      leaf('remit_superior', '上缴上级支出'),
      leaf('operating', '经营支出'),
      leaf('subsidy_affiliated', '对附属单位补助支出'),
    ],
    notes: ['注：本表反映部门本年度各项支出情况。'],
  });
}

export function gpbExpenseLayout(ctx: LayoutContext): Draft {
  return codedLayout(ctx, {
    kind: 'gpb_expense',
    title: '一般公共预算财政拨款支出决算表',
    values: [leaf('total', ctx.set === 'shanghai' ? '合计' : '本年支出合计'), leaf('basic', '基本支出'), leaf('project', '项目支出')],
    notes: ['注：本表反映部门本年度一般公共预算财政拨款支出情况。'],
    totalLast: ctx.set === 'shanghai',
  });
}

export function gpbIncomeExpenseLayout(ctx: LayoutContext): Draft {
  const basicParts = (prefix: string): HeaderNode[] => [
    leaf(`${prefix}.basic`, '小计'),
    leaf(`${prefix}.personnel`, '人员经费'),
    leaf(`${prefix}.public`, '公用经费'),
  ];
  return codedLayout(ctx, {
    kind: 'gpb_income_expense',
    title: '一般公共预算财政拨款收入支出决算表',
    values: [
      {
        text: '年初结转和结余',
        children: [leaf('begin.total', '合计'), leaf('begin.basic', '基本支出结转'), leaf('begin.project', '项目支出结转和结余')],
      },
      { text: '本年收入', children: [leaf('income.total', '合计'), leaf('income.basic', '基本支出'), leaf('income.project', '项目支出')] },
      {
        text: '本年支出',
        children: [
          leaf('expense.total', '合计'),
          { text: '基本支出', children: basicParts('expense') },
          leaf('expense.project', '项目支出'),
        ],
      },
      {
        text: '年末结转和结余',
        children: [
          leaf('end.total', '合计'),
          { text: '基本支出结转', children: basicParts('end') },
          leaf('end.project', '项目支出结转和结余'),
        ],
      },
    ],
    notes: ['注：本表反映部门本年度一般公共预算财政拨款的收支和年初、年末结转结余情况。'],
  });
}

function fundValues(ctx: LayoutContext, expenseOnly: boolean): HeaderNode[] {
  const sub = ctx.set === 'shanghai' ? '合计' : '小计';
  if (expenseOnly) return [leaf('expense.total', '合计'), leaf('expense.basic', '基本支出'), leaf('expense.project', '项目支出')];
  return [
    leaf('begin', '年初结转和结余'),
    leaf('income', '本年收入'),
    { text: '本年支出', children: [leaf('expense.total', sub), leaf('expense.basic', '基本支出'), leaf('expense.project', '项目支出')] },
    leaf('end', '年末结转和结余'),
  ];
}

export function govFundLayout(ctx: LayoutContext): Draft {
  const name =
    ctx.set === 'shanghai'
      ? `${ctx.org}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。`
      : '当此表数据为零时，即本部门无政府性基金预算财政拨款收入、支出。';
  return codedLayout(ctx, {
    kind: 'gov_fund',
    title: '政府性基金预算财政拨款收入支出决算表',
    values: fundValues(ctx, false),
    notes: ['注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。', `说明：${name}`],
  });
}

export function stateCapitalLayout(ctx: LayoutContext): Draft {
  const expenseOnly = ctx.set !== 'shanghai';
  const title = expenseOnly ? '国有资本经营预算财政拨款支出决算表' : '国有资本经营预算财政拨款收入支出决算表';
  const none = expenseOnly
    ? '当此表数据为空时，即本部门无国有资本经营预算财政拨款支出。'
    : `${ctx.org}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。`;
  return codedLayout(ctx, {
    kind: 'state_capital',
    title,
    values: fundValues(ctx, expenseOnly),
    notes: [
      expenseOnly
        ? '注：本表反映部门本年度国有资本经营预算财政拨款支出情况。'
        : '注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。',
      `说明：${none}`,
    ],
  });
}
