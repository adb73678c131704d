/**
 * False positives: real departments publish the standard tables with optional columns left out, 24 instead of
 * 26 expense 类 lines, blank lines, integer 元 amounts, an all-zero “三公” 表, scores printed as `10分`, rates as
 * text or as percent-formatted fractions, only part of the set, or two departments' sets in one workbook.
 * Each variant of a seed workbook must give exactly the findings of the unmodified seed — nothing more.
 */
import type { Finding } from '../src/core/model';
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { disclosureSets, validate } from '../src/core/validate';
import type { SeedTable } from './fixtures';
import {
  dropColumn,
  fact,
  getCell,
  insertBlankRow,
  rowIndex,
  scaleAmounts,
  seedTables,
  setCell,
  snapshotOf,
  tableOf,
} from './validate-kit';

const run = (s: WorkbookSnapshot): Finding[] => validate(recognise(s)).findings;
const facts = (fs: Finding[]) => fs.map(fact).sort();
const kindsOf = (s: WorkbookSnapshot) => recognise(s).tables.map((t) => t.kind);

/** Seed 000 as published: three errors (its 公开05表 合计 row prints no 本年支出合计) and seven rounding tails. */
const BASE_000 = [
  'cross.fiscal_gpb_class rounding 1699.38 1699.37 -0.01',
  'cross.fiscal_gpb_total error 0.00 1709.37 ',
  'cross.summary_expense_class rounding 1699.38 1699.37 -0.01',
  'expense.hierarchy.total rounding 1709.38 1709.37 -0.01',
  'expense.hierarchy.total rounding 374.09 374.08 -0.01',
  'gpb_expense.hierarchy.total error 1709.38 0.00 ',
  'gpb_expense.hierarchy.total rounding 374.09 374.08 -0.01',
  'gpb_expense.row error 1709.37 0.00 ',
  'income.hierarchy.section rounding 1699.38 1699.37 -0.01',
  'income.hierarchy.section rounding 1699.38 1699.37 -0.01',
];
/**
 * Seed 001 as published: 20921 in the 309 block, its 部门整体支出绩效自评表 printing 新平彝族自治州 for 新平彝族傣族自治县,
 * and one 项目支出绩效自评表 whose 分值 add to 95.
 */
const BASE_001 = [
  'code.parent error 30921 20921 ',
  'meta.org_differs warning 新平彝族傣族自治县医疗保障局 新平彝族自治州医疗保障局 ',
  'perf_project.score_total error 89.70 94.70 ',
  'perf_project.weight_sum error 100.00 95.00 ',
];

test('the unmodified seeds rendered by the kit give the published findings', () => {
  expect(facts(run(snapshotOf([seedTables('000')])))).toEqual(BASE_000);
  expect(facts(run(snapshotOf([seedTables('001')])))).toEqual(BASE_001);
});

describe('optional columns absent', () => {
  test('支出决算表 without 上缴上级支出 / 经营支出 / 对附属单位补助支出; 收入决算表 without 经营收入 / 附属单位上缴收入', () => {
    const ts = seedTables('000');
    for (const j of [9, 8, 7]) dropColumn(tableOf(ts, '03'), j);
    for (const j of [9, 8]) dropColumn(tableOf(ts, '02'), j);
    const snap = snapshotOf([ts]);
    const rec = recognise(snap);
    expect(rec.tables.find((t) => t.kind === 'expense')!.columns.map((c) => c.key)).toEqual(['total', 'basic', 'project']);
    expect(rec.tables.find((t) => t.kind === 'income')!.columns.map((c) => c.key)).toEqual([
      'total',
      'fiscal',
      'superior',
      'business',
      'other',
    ]);
    expect(facts(validate(rec).findings)).toEqual(BASE_000);
  });

  test('收入决算表 with 事业收入 as one column (no 小计 / 其中：教育收费 split)', () => {
    const ts = seedTables('001');
    const income = tableOf(ts, '02');
    dropColumn(income, 8);
    income.header[1][7] = '^';
    const rec = recognise(snapshotOf([ts]));
    const cols = rec.tables.find((t) => t.kind === 'income')!.columns.map((c) => c.key);
    expect(cols).toContain('business');
    expect(cols).not.toContain('business.tuition');
    expect(facts(validate(rec).findings)).toEqual(BASE_001);
  });
});

test('总表 and 财政拨款总表 with the 2024 list of 24 expense 类 lines (债务还本/债务付息 gone)', () => {
  const ts = seedTables('000');
  for (const key of ['01', '04']) {
    const t = tableOf(ts, key);
    const nameCol = t.rows[rowIndex(t, '二十四、债务还本支出')].indexOf('二十四、债务还本支出');
    // Shift the expense side up over the two dropped lines; the income side stays where it is.
    const from = rowIndex(t, '二十四、债务还本支出');
    const width = t.rows[0].length;
    for (let r = from; r < t.rows.length; r++)
      for (let c = nameCol; c < width; c++)
        t.rows[r][c] =
          r + 2 < t.rows.length && !/合计|总计|结转|结余/.test(t.rows[r + 2][nameCol]) && !/合计|总计|结转|结余/.test(t.rows[r][nameCol])
            ? t.rows[r + 2][c]
            : t.rows[r][c];
    setCell(t, '二十六、抗疫特别国债安排的支出', nameCol, '二十四、抗疫特别国债安排的支出');
    // The two rows now repeated below 二十四 are blanked on the expense side.
    for (const r of [rowIndex(t, '二十四、抗疫特别国债安排的支出') + 1, rowIndex(t, '二十四、抗疫特别国债安排的支出') + 2])
      for (let c = nameCol; c < width; c++) if (!/合计|总计|结转|结余/.test(t.rows[r][nameCol])) t.rows[r][c] = '';
  }
  const summary = tableOf(ts, '01');
  expect(summary.rows.map((r) => r[3]).filter((n) => /^[一二三四五六七八九十]+、/.test(n))).toHaveLength(24);
  const rec = recognise(snapshotOf([ts]));
  expect(
    rec.tables.find((t) => t.kind === 'income_expense_summary')!.rows.filter((r) => r.block === 'expense' && r.level === 'class'),
  ).toHaveLength(24);
  expect(facts(validate(rec).findings)).toEqual(BASE_000);
});

test('extra blank lines inside the bodies of 01, 03 and 06', () => {
  const ts = seedTables('000');
  insertBlankRow(tableOf(ts, '03'), rowIndex(tableOf(ts, '03'), '210'));
  insertBlankRow(tableOf(ts, '03'), 1);
  insertBlankRow(tableOf(ts, '06'), rowIndex(tableOf(ts, '06'), '人员经费合计'));
  insertBlankRow(tableOf(ts, '01'), rowIndex(tableOf(ts, '01'), '本年收入合计'));
  expect(facts(run(snapshotOf([ts])))).toEqual(BASE_000);
});

test('a 元 set printed with integer amounts (seed 001 × 100, no decimals)', () => {
  const ts = seedTables('001').filter((t) => !t.key.startsWith('perf'));
  for (const t of ts) {
    scaleAmounts(t, 100);
    for (const row of t.rows) row.forEach((v, c) => (row[c] = /^[\d,]+\.00$/.test(v) ? v.slice(0, -3) : v));
  }
  expect(getCell(tableOf(ts, '06'), '人员经费合计', 2)).toBe('405,025,600');
  expect(facts(run(snapshotOf([ts])))).toEqual(['code.parent error 30921 20921 ']);
});

test('a “三公” 表 of all zeros and `—` (a department without “三公” spending)', () => {
  const ts = seedTables('000');
  const tp = tableOf(ts, '09');
  for (const row of tp.rows) for (const c of [2, 3, 4]) row[c] = row[c] === '—' ? '—' : /（[个人辆]）/.test(row[0]) ? '0' : '0.00';
  // …and nothing paid under 30217 公务接待费 in 基本支出表 (302 still foots: the amount moves to 30299).
  const basic = tableOf(ts, '06');
  setCell(basic, '30217', 5, '');
  setCell(basic, '30299', 5, '15.42');
  expect(facts(run(snapshotOf([ts])))).toEqual(BASE_000);
  // All `—`, counts included.
  for (const row of tp.rows) for (const c of [2, 3, 4]) row[c] = '—';
  expect(facts(run(snapshotOf([ts])))).toEqual(BASE_000);
});

describe('performance tables', () => {
  const perf = (edit: (t: SeedTable) => void, snapEdit?: (s: WorkbookSnapshot) => void) => {
    const ts = seedTables('001');
    edit(tableOf(ts, 'perf-13'));
    const snap = snapshotOf([ts]);
    snapEdit?.(snap);
    return facts(run(snap));
  };

  test('分值 and 得分 printed as `10分` / `5.00分`', () => {
    const found = perf((t) => {
      const funds = rowIndex(t, '年度资金总额');
      t.rows[funds][5] = `${t.rows[funds][5]}分`;
      t.rows[funds][7] = `${t.rows[funds][7]}分`;
      for (let r = rowIndex(t, '戴尔台式电脑'); r <= rowIndex(t, '总分'); r++) {
        if (/^\d/.test(t.rows[r][7])) t.rows[r][7] += '分';
        if (/^\d/.test(t.rows[r][8])) t.rows[r][8] += '分';
      }
    });
    expect(found).toEqual(BASE_001);
  });

  test('执行率 as a percent-formatted fraction (0.471 shown 47.10%) and as 47.1% text', () => {
    const asFraction = (s: WorkbookSnapshot) => {
      for (const sh of s.sheets)
        for (const c of sh.cells)
          if (typeof c.value === 'string' && /^\d+\.\d+%$/.test(c.value)) {
            c.value = Number(c.value.slice(0, -1)) / 100;
            c.format = '0.00%';
          }
    };
    expect(perf(() => undefined, asFraction)).toEqual(BASE_001);
    expect(perf((t) => setCell(t, '年度资金总额', 6, '47.1%'))).toEqual(BASE_001);
    expect(perf((t) => setCell(t, '年度资金总额', 6, '47%'))).toEqual(BASE_001);
  });
});

test('only 01–03 in the workbook: their own findings, no missing-table warnings', () => {
  const ts = seedTables('000').filter((t) => ['01', '02', '03'].includes(t.key));
  expect(facts(run(snapshotOf([ts])))).toEqual([
    'cross.summary_expense_class rounding 1699.38 1699.37 -0.01',
    'expense.hierarchy.total rounding 1709.38 1709.37 -0.01',
    'expense.hierarchy.total rounding 374.09 374.08 -0.01',
    'income.hierarchy.section rounding 1699.38 1699.37 -0.01',
    'income.hierarchy.section rounding 1699.38 1699.37 -0.01',
  ]);
});

describe('two departments’ sets in one workbook', () => {
  test('000 (万元) and 001 (元), one table per sheet: each set checked on its own', () => {
    const snap = snapshotOf([seedTables('000'), seedTables('001')]);
    expect(kindsOf(snap).filter((k) => k === 'income_expense_summary')).toHaveLength(2);
    const found = run(snap);
    expect(facts(found)).toEqual([...BASE_000, ...BASE_001].sort());
    // Tables of the same name (both sets print a 支出决算表（公开03表）) are told apart by their department.
    const tail = found.find((f) => f.rule === 'cross.summary_expense_class')!;
    expect(tail.message).toMatch(
      /^收入支出决算总表（公开01表）“九、卫生健康支出”（210）支出\/决算数 1,699\.37 万元 ≠ 支出决算表（公开03表）［上饶市医疗保障局］“卫生健康支出”/,
    );
  });

  test('two sets stacked on one sheet each, no 编制单位 printed anywhere: split where a table repeats', () => {
    const strip = (ts: SeedTable[]) => ts.map((t) => ({ ...t, org: null }));
    const snap = snapshotOf([strip(seedTables('000')), strip(seedTables('001'))], { stack: true });
    // Without the 部门： lines, 001's 部门整体支出绩效自评表 (新平彝族自治州…) is the only table of its set printing a
    // department compared (项目支出绩效自评表 print their 实施单位): nothing to differ from, no meta.org_differs.
    expect(facts(run(snap))).toEqual([...BASE_000, ...BASE_001.filter((f) => !f.startsWith('meta.'))].sort());
  });

  test('two sets interleaved table by table (01, 01, 02, 02 …): split by the printed 编制单位', () => {
    const a = seedTables('000').filter((t) => !t.key.startsWith('perf'));
    const b = seedTables('001').filter((t) => !t.key.startsWith('perf'));
    const mixed: SeedTable[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) mixed.push(...(a[i] ? [a[i]] : []), ...(b[i] ? [b[i]] : []));
    const sets = disclosureSets(recognise(snapshotOf([mixed])).tables);
    expect(sets.map((s) => [s.org, s.tables.length])).toEqual([
      ['上饶市医疗保障局', a.length],
      ['新平彝族傣族自治县医疗保障局', b.length],
    ]);
    expect(facts(run(snapshotOf([mixed])))).toEqual([...BASE_000, 'code.parent error 30921 20921 '].sort());
  });

  test('a table missing from the second set only: one warning, naming that set', () => {
    const second = seedTables('000')
      .filter((t) => t.key !== '09')
      .map((t) => ({ ...t, org: t.org && '编制单位：上饶市医疗保障局医保中心' }));
    const found = run(snapshotOf([seedTables('000'), second]));
    expect(found.filter((f) => f.rule.startsWith('completeness')).map((f) => f.message)).toEqual([
      '上饶市医疗保障局医保中心：未找到财政拨款“三公”经费支出决算表（全国/江西表式公开09表）：部门决算公开应包含此表；如已有此表但未识别，请检查表标题',
    ]);
  });

  test('one table printed twice (a copy left on a last sheet) does not split the set', () => {
    const ts = seedTables('000');
    const copy = { ...tableOf(ts, '03'), label: null };
    const found = run(snapshotOf([[...ts, copy]]));
    expect(disclosureSets(recognise(snapshotOf([[...ts, copy]])).tables)).toHaveLength(1);
    // The copy's own two tails, nothing else: no table reported missing, the cross checks still run.
    expect(facts(found)).toEqual(
      [
        ...BASE_000,
        'expense.hierarchy.total rounding 1709.38 1709.37 -0.01',
        'expense.hierarchy.total rounding 374.09 374.08 -0.01',
      ].sort(),
    );
  });

  test('the same department in two templates (000 and the Shanghai form of the same figures)', () => {
    const shanghai = facts(run(snapshotOf([seedTables('shanghai')])));
    expect(facts(run(snapshotOf([seedTables('000'), seedTables('shanghai')])))).toEqual([...BASE_000, ...shanghai].sort());
  });
});

describe('万元 sets converted from 元 cell by cell (round half up): tails are rounding, never errors', () => {
  /** `4,050,256.00` 元 → `405.03` 万元. */
  const toWan = (v: string) => {
    const cents = BigInt(Math.round(Number(v.replace(/,/g, '')) * 100));
    const q = (cents * 2n + 10000n) / 20000n; // round half up of cents / 10000, in 万元 cents
    return formatWan(q);
  };
  const formatWan = (q: bigint) => `${(q / 100n).toLocaleString('en-US')}.${String(q % 100n).padStart(2, '0')}`;

  test('seed 001 in 万元: many 款 rows in 基本支出表 and 项目支出表, every identity within its tail bound', () => {
    const ts = seedTables('001').filter((t) => !t.key.startsWith('perf'));
    for (const t of ts) {
      t.unit = t.unit?.replace('元', '万元') ?? null;
      const codeCols = new Set(t.codes.flatMap((c) => (c.span === 3 ? [c.col, c.col + 1, c.col + 2] : [c.col])));
      for (const row of t.rows) row.forEach((v, c) => (row[c] = !codeCols.has(c) && /^[\d,]+\.\d\d$/.test(v) ? toWan(v) : v));
    }
    expect(getCell(tableOf(ts, '06'), '人员经费合计', 2)).toBe('405.03');
    const found = run(snapshotOf([ts]));
    expect(found.filter((f) => f.severity !== 'rounding').map(fact)).toEqual(['code.parent error 30921 20921 ']);
    const tails = found.filter((f) => f.severity === 'rounding');
    expect(tails.length).toBeGreaterThan(10);
    expect(tails.every((f) => /属尾数差$/.test(f.message))).toBe(true);
  });

  test('random 基本支出表 of 60 款 lines converted from 元: no error in 200 draws', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const basic = tableOf(seedTables('000'), '06');
    let errors = 0;
    let tails = 0;
    for (let draw = 0; draw < 200; draw++) {
      const t = JSON.parse(JSON.stringify(basic)) as SeedTable;
      // Fresh 元 amounts for every 款 (some tiny, under 50 元, that print as 0.00 万元), then totals from them.
      const yuan = new Map<number, Map<number, bigint>>();
      t.rows.forEach((row, r) => {
        for (const codeCol of [0, 3, 6]) {
          const code = row[codeCol];
          if (!/^\d{5}$/.test(code)) continue;
          const cents = rand() < 0.3 ? 0n : rand() < 0.2 ? BigInt(Math.floor(rand() * 5000)) : BigInt(Math.floor(rand() * 3e8));
          yuan.set(r, (yuan.get(r) ?? new Map<number, bigint>()).set(codeCol + 2, cents));
        }
      });
      const sumOf = (prefix: string) => {
        let s = 0n;
        t.rows.forEach((row, r) =>
          [0, 3, 6].forEach((cc) => (row[cc].length === 5 && row[cc].startsWith(prefix) ? (s += yuan.get(r)?.get(cc + 2) ?? 0n) : 0)),
        );
        return s;
      };
      const wan = (cents: bigint) => formatWan((cents * 2n + 10000n) / 20000n);
      t.rows.forEach((row, r) => {
        for (const cc of [0, 3, 6]) {
          const code = row[cc];
          if (/^\d{5}$/.test(code)) row[cc + 2] = wan(yuan.get(r)!.get(cc + 2)!);
          else if (/^\d{3}$/.test(code)) row[cc + 2] = wan(sumOf(code));
        }
      });
      const pub = ['302', '307', '310', '312', '399'].reduce((s, c) => s + sumOf(c), 0n);
      setCell(t, '人员经费合计', 2, wan(sumOf('301') + sumOf('303')));
      setCell(t, '公用经费合计', 8, wan(pub));
      const found = run(snapshotOf([[t]]));
      errors += found.filter((f) => f.severity !== 'rounding').length;
      tails += found.length;
    }
    expect(errors).toBe(0);
    expect(tails).toBeGreaterThan(50);
  });
});
