/**
 * Mutations of other kinds than a moved amount, on the seed workbooks (rendered by the kit, recognised by the
 * real recogniser): two amounts swapped in a row, an amount deleted, a name changed in one table, a 项 row
 * moved under another 款, a 元 table pasted into a 万元 set and the reverse. Each must be reported — with the
 * changed cells — and nothing else may change.
 */
import type { Finding } from '../src/core/model';
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { qualifiedAddress } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import type { SeedId, SeedTable } from './fixtures';
import { fact, rowIndex, scaleAmounts, seedTables, setCell, snapshotOf, tableOf } from './validate-kit';

const run = (s: WorkbookSnapshot): Finding[] => validate(recognise(s)).findings;
const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, cells: f.cells, expected: f.expected, actual: f.actual });

/**
 * Findings of the edited seed beyond those of the unmodified seed (compared by what they say, not by address:
 * moving a row moves the cells of the seed's own findings).
 */
function changed(seed: SeedId, edit: (ts: SeedTable[]) => void): Finding[] {
  const base = run(snapshotOf([seedTables(seed)])).map(fact);
  const ts = seedTables(seed);
  edit(ts);
  return run(snapshotOf([ts])).filter((f) => {
    const i = base.indexOf(fact(f));
    if (i < 0) return true;
    base.splice(i, 1);
    return false;
  });
}

/**
 * Address of a body cell of seed table `key` in the kit's one-table-per-sheet workbook, through the recogniser:
 * the row whose name or code reads `text`, the column `colKey`.
 */
function cellOf(seed: SeedId, ts: SeedTable[] | null, key: string, text: string, colKey: string): string {
  const tables = ts ?? seedTables(seed);
  const rec = recognise(snapshotOf([tables]));
  const sheet = (tableOf(tables, key).label ?? tableOf(tables, key).title).replace(/\s+/g, '');
  const t = rec.tables.find((x) => x.sheet === sheet)!;
  const row = t.rows.find((r) => r.code === text || r.name.replace(/\s+/g, '') === text)!;
  if (colKey === 'code') return qualifiedAddress(sheet, row.row, row.codeCol ?? row.nameCol);
  if (colKey === 'name') return qualifiedAddress(sheet, row.row, row.nameCol);
  const c = row.values[colKey];
  return qualifiedAddress(sheet, c.row, c.col);
}
const c000 = (key: string, text: string, col: string) => cellOf('000', null, key, text, col);

test('two amounts swapped within a row: the row still foots, both columns of its 款 break, at the swapped cells', () => {
  const found = changed('000', (ts) => {
    setCell(tableOf(ts, '03'), '2101506', 5, '59.74');
    setCell(tableOf(ts, '03'), '2101506', 6, '55.00');
  });
  const items = ['2101501', '2101504', '2101505', '2101506', '2101550'];
  expect(found.map(brief)).toEqual([
    // Every 项 of the 款 is marked (the empty ones too: the amount that belongs there may be the one missing).
    {
      rule: 'expense.hierarchy.section',
      severity: 'error',
      cells: [c000('03', '21015', 'basic'), ...items.map((c) => c000('03', c, 'basic'))],
      expected: '1340.03',
      actual: '1335.29',
    },
    {
      rule: 'expense.hierarchy.section',
      severity: 'error',
      cells: [c000('03', '21015', 'project'), ...items.map((c) => c000('03', c, 'project'))],
      expected: '359.35',
      actual: '364.09',
    },
  ]);
  expect(found[0].message).toBe(
    '支出决算表（公开03表）“医疗保障管理事务”（21015）基本支出 1,335.29 万元 ≠ “行政运行”（2101501） 1,230.98 + “医疗保障政策管理”（2101505） 49.16 + “医疗保障经办事务”（2101506） 59.74 + “事业运行”（2101550） 0.15 = 1,340.03 万元，前者比后者少 4.74 万元，超出尾数误差允许范围（±0.025 万元）',
  );
});

test('an amount deleted (cell emptied): its row and its 款 break, both listing the emptied cell', () => {
  const found = changed('000', (ts) => setCell(tableOf(ts, '03'), '2101504', 4, ''));
  expect(found.map(brief)).toEqual([
    {
      rule: 'expense.hierarchy.section',
      severity: 'error',
      cells: [c000('03', '21015', 'total'), ...['2101501', '2101504', '2101505', '2101506', '2101550'].map((c) => c000('03', c, 'total'))],
      expected: '1395.03',
      actual: '1699.38',
    },
    {
      rule: 'expense.row',
      severity: 'error',
      cells: ['total', 'basic', 'project', 'remit_superior', 'operating', 'subsidy_affiliated'].map((k) => c000('03', '2101504', k)),
      expected: '304.35',
      actual: '0.00',
    },
  ]);
  expect(found[1].message).toBe(
    '支出决算表（公开03表）“信息化建设”（2101504）本年支出合计 为空 ≠ 项目支出 304.35 万元，前者比后者少 304.35 万元，超出尾数误差允许范围（±0.005 万元）',
  );
});

test('a code’s name changed in one table only: one warning naming both spellings and the standard name, at both name cells', () => {
  const found = changed('000', (ts) => setCell(tableOf(ts, '03'), '医疗保障管理事务', 3, '医疗保障管理'));
  expect(found.map(brief)).toEqual([
    {
      rule: 'code.name_mismatch',
      severity: 'warning',
      cells: [c000('02', '21015', 'name'), c000('03', '21015', 'name')],
      expected: '医疗保障管理事务',
      actual: null,
    },
  ]);
  expect(found[0].message).toBe(
    '科目 21015 在不同表中名称不一致：收入决算表（公开02表）、一般公共预算财政拨款支出决算表（公开05表）作“医疗保障管理事务”；支出决算表（公开03表）作“医疗保障管理”。标准名称为“医疗保障管理事务”',
  );
});

test('a 项 row moved under another 款: wrong parent at its code cell, no sum finding (sums go by code)', () => {
  const edit = (ts: SeedTable[]) => {
    const t = tableOf(ts, '03');
    const [row] = t.rows.splice(rowIndex(t, '2080109'), 1);
    t.rows.splice(rowIndex(t, '2101506') + 1, 0, row);
  };
  const found = changed('000', edit);
  const ts = seedTables('000');
  edit(ts);
  expect(found.map(brief)).toEqual([
    {
      rule: 'code.parent',
      severity: 'error',
      cells: [cellOf('000', ts, '03', '2080109', 'code'), cellOf('000', ts, '03', '21015', 'code')],
      expected: '2101509',
      actual: '2080109',
    },
  ]);
  expect(found[0].message).toBe(
    '支出决算表（公开03表）“社会保险经办机构”（2080109）列在“医疗保障管理事务”（21015）之下，但编码 2080109 不以 21015 开头；疑为 2101509',
  );
});

test('a grade that does not match the 总分 (seed 001, 94.70 分 printed as 良): one error at the grade and the score', () => {
  const edit = (ts: SeedTable[]) => {
    const p = tableOf(ts, 'perf-13');
    p.rows[rowIndex(p, '总分')][9] = '良';
  };
  const found = changed('001', edit);
  expect(found.map((f) => `${f.rule}:${f.severity}:${f.expected}:${f.actual}:${f.cells.length}`)).toEqual([
    'perf_project.grade:error:优:良:2',
  ]);
  expect(found[0].message).toBe('2022年度项目支出绩效自评表总分 94.70 分对应等级“优”，表中写为“良”');
});

describe('a table in the wrong unit', () => {
  /** Seed 000 with its 支出决算表 made exact (no tails), so that its 元 version holds exactly within itself. */
  const exact000 = () => {
    const ts = seedTables('000');
    setCell(tableOf(ts, '03'), '合计', 4, '1,709.38');
    setCell(tableOf(ts, '03'), '合计', 6, '374.09');
    return ts;
  };
  const summaryOnly = (fs: Finding[]) => fs.filter((f) => f.rule === 'unit.mismatch');

  test('a 元 table pasted into a 万元 set (header still 万元): one unit.mismatch instead of the cross-table errors', () => {
    const base = run(snapshotOf([exact000()]));
    const ts = exact000();
    scaleAmounts(tableOf(ts, '03'), 10000);
    const found = run(snapshotOf([ts]));
    const mismatch = summaryOnly(found);
    expect(mismatch.map(brief)).toEqual([
      {
        rule: 'unit.mismatch',
        severity: 'error',
        // 03表's side of every folded identity: 本年支出合计 and the two 类 the 总表 prints.
        cells: ['合计', '208', '210'].map((r) => cellOf('000', ts, '03', r, 'total')),
        expected: '1',
        actual: '10000',
      },
    ]);
    expect(mismatch[0].message).toMatch(
      /^支出决算表（公开03表）的金额约为收入支出决算总表（公开01表）中同一数字的 10000 倍：表头金额单位为“万元”，数值却像是以“元”填列/,
    );
    // Everything else is as before, except the two tails the 03表 shared with 01表 (now inside the mismatch).
    const rest = found
      .filter((f) => f.rule !== 'unit.mismatch')
      .map(fact)
      .sort();
    expect(rest).toEqual(
      base
        .map(fact)
        .filter((f) => !/^cross\.summary_expense_(class|total) /.test(f))
        .sort(),
    );
    expect(mismatch[0].message).toContain(
      `由此产生的 3 处表间不一致不再逐条列出，例：收入支出决算总表（公开01表） ${cellOf('000', ts, '01', '本年支出合计', 'amount')} 为 1,709.37，` +
        `支出决算表（公开03表） ${cellOf('000', ts, '03', '合计', 'total')} 为 17,093,800.00`,
    );
  });

  test('a 元 table pasted without any unit line: the message says which unit its figures look like', () => {
    const ts = exact000();
    scaleAmounts(tableOf(ts, '03'), 10000);
    tableOf(ts, '03').unit = null;
    const mismatch = summaryOnly(run(snapshotOf([ts])));
    expect(mismatch.map((f) => `${f.severity}:${f.actual}`)).toEqual(['error:10000']);
    expect(mismatch[0].message).toContain('表头未注明金额单位，数值像是以“元”填列，而其他表为“万元”');
  });

  test('the same 元 table with its header saying 元: converted and compared, no unit finding', () => {
    const ts = exact000();
    const exp = tableOf(ts, '03');
    scaleAmounts(exp, 10000);
    exp.unit = '金额单位：元';
    const base = run(snapshotOf([exact000()])).map(fact);
    // A 元 figure is exact: the 万元 总表 must print it rounded (17,093,800.00 元 → 1,709.38), so the two 0.01
    // differences that were tails between two 万元 tables are now real.
    const real = ['cross.summary_expense_class', 'cross.summary_expense_total'];
    expect(
      run(snapshotOf([ts]))
        .map(fact)
        .sort(),
    ).toEqual(
      base.map((f) => (real.some((r) => f.startsWith(`${r} `)) ? f.replace(/ rounding (\S+ \S+) -0\.01$/, ' error $1 ') : f)).sort(),
    );
  });

  test('a 万元 table pasted into a 元 set (header still 元): one unit.mismatch, “万分之一”', () => {
    const ts = seedTables('001');
    const basic = tableOf(ts, '06');
    // 元 → 万元 by plain rounding; the table's own sums then hold only up to tails, which a 元 header makes errors:
    // count only the unit finding here.
    for (const row of basic.rows)
      row.forEach((v, c) => {
        if (c % 3 === 2 && /^[\d,]+\.\d\d$/.test(v)) row[c] = (Math.round(Number(v.replace(/,/g, '')) / 100) / 100).toFixed(2);
      });
    const mismatch = summaryOnly(run(snapshotOf([ts])));
    expect(mismatch.map((f) => `${f.rule}:${f.severity}:${f.actual}:${f.table?.split('!')[0]}`)).toEqual([
      'unit.mismatch:error:0.0001:公开06表',
    ]);
    expect(mismatch[0].message).toMatch(
      /^一般公共预算财政拨款基本支出决算表（公开06表）的金额约为.*中同一数字的万分之一：表头金额单位为“元”，数值却像是以“万元”填列/,
    );
  });
});

test('every identity message says where (table, line, column), what should equal what, by how much, in which unit', () => {
  const variants: ((ts: SeedTable[]) => void)[] = [
    (ts) => setCell(tableOf(ts, '02'), '2101504', 4, '305.35'),
    (ts) => setCell(tableOf(ts, '01'), '本年收入合计', 2, '1,719.37'),
    (ts) => setCell(tableOf(ts, '09'), '其中：外事接待费', 4, '12.00'),
    (ts) => setCell(tableOf(ts, '06'), '30217', 5, '13.00'),
    (ts) => setCell(tableOf(ts, '04'), '本年支出合计', 5, '1,800.00'),
    (ts) => setCell(tableOf(ts, 'perf-2'), '年度资金总额:', 5, '91.98%'),
  ];
  let checked = 0;
  for (const edit of variants) {
    const ts = seedTables('000');
    edit(ts);
    const rec = recognise(snapshotOf([ts]));
    const titles = rec.tables.map((t) => (t.printedTitle || t.title).replace(/\s+/g, ''));
    for (const f of validate(rec).findings) {
      if (/^(cell|code|completeness|amount|unit)\./.test(f.rule)) continue;
      checked += 1;
      const where = { rule: f.rule, message: f.message };
      expect({ ...where, table: titles.some((t) => f.message.startsWith(t)) }).toEqual({ ...where, table: true });
      expect({ ...where, relation: /≠|超过|应为/.test(f.message) }).toEqual({ ...where, relation: true });
      expect({ ...where, unit: /万元|元|分|%/.test(f.message) }).toEqual({ ...where, unit: true });
      expect({ ...where, line: /“[^”]+”/.test(f.message) }).toEqual({ ...where, line: true });
      if (f.expected !== null && f.actual !== null && !f.rule.endsWith('_rate')) {
        const gap = Math.abs(Number(f.expected) - Number(f.actual)).toLocaleString('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        });
        expect({ ...where, gap: f.message.includes(gap) }).toEqual({ ...where, gap: true });
      }
    }
  }
  expect(checked).toBeGreaterThan(40);
});
