/** 更新公式 on a 支出决算表 template with 类/款/项 rows the user typed in (no formula of their own). */
import { recognise } from '../src/core/recognise';
import { FORMULAS_TAG, templatePlan, updateFormulasPlan } from '../src/core/templates';
import { validate } from '../src/core/validate';
import { openWorkbook, readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { applyPlanToPackage, readLedger } from '../src/adapters/xlsx/write/apply';
import { LEDGER_SHEET } from '../src/core/ledger';
import { blankWorkbook } from '../src/adapters/xlsx/write/blank';
test('更新公式: typed-in 类/款/项 rows get their subtotals, the table foots; a typed total is reported; clear restores', async () => {
  const o = openWorkbook(blankWorkbook(), 'n.xlsx');
  applyPlanToPackage(o, templatePlan({ set: 'jiangxi', year: 2023, unit: '万元', org: 'x', tables: ['03'], blankRows: 5 }).plan);
  const rec0 = recognise(await readWorkbookBuffer(o.pkg.toBytes(), 'n.xlsx'));
  const t = rec0.tables[0];
  const total = t.rows.find((r) => r.key === 'total')!;
  const r = total.row + 1;
  const c = t.columns.find((x) => x.key === 'basic')!.col;
  const rows: [string, string, number | null][] = [
    ['208', '社保', null],
    ['20805', '养老', null],
    ['2080501', 'a', 10.5],
    ['2080502', 'b', 2.25],
  ];
  const ops = rows.flatMap(([code, name, v], i) => [
    { op: 'setValues' as const, sheet: t.sheet, range: `A${r + i + 1}`, values: [[code]], tag: 'user' },
    { op: 'setValues' as const, sheet: t.sheet, range: `D${r + i + 1}`, values: [[name]], tag: 'user' },
    ...(v === null
      ? []
      : [{ op: 'setValues' as const, sheet: t.sheet, range: `${String.fromCharCode(65 + c)}${r + i + 1}`, values: [[v]], tag: 'user' }]),
  ]);
  applyPlanToPackage(o, { title: 'u', ops });
  const snap = await readWorkbookBuffer(o.pkg.toBytes(), 'n.xlsx');
  const rec = recognise(snap);
  const up = updateFormulasPlan(rec, snap);
  expect(up.typed).toEqual([]);
  const entries = (pkg: typeof o.pkg) => Object.fromEntries(pkg.names().map((n) => [n, pkg.text(n)]));
  const beforeBook = openWorkbook(o.pkg.toBytes(), 'x.xlsx');
  const ledgerPart = (b: typeof beforeBook) => b.book.sheets.find((x) => x.name === LEDGER_SHEET)!.part!;
  const withoutLedger = (b: typeof beforeBook) => {
    const e = entries(b.pkg);
    delete e[ledgerPart(b)];
    return e;
  };
  const before = withoutLedger(beforeBook);
  // without the update the added 类/款 rows have no subtotal: the table does not foot
  expect(validate(rec).findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  applyPlanToPackage(o, up.plan);
  const after = await readWorkbookBuffer(o.pkg.toBytes(), 'n.xlsx');
  expect(validate(recognise(after)).findings.filter((f) => f.severity === 'error')).toEqual([]);
  // clearing the update's tag gives back the package as before it, entry for entry
  const back = openWorkbook(o.pkg.toBytes(), 'x.xlsx');
  applyPlanToPackage(back, { title: 'c', ops: [{ op: 'clearTag', tag: FORMULAS_TAG }] });
  // every part as before; the ledger's other records the same (re-serialised, so compared as records)
  const cleared = openWorkbook(back.pkg.toBytes(), 'x.xlsx');
  expect(withoutLedger(cleared)).toEqual(before);
  expect(readLedger(cleared)).toEqual(readLedger(beforeBook));
  // a number typed into a total is reported, not replaced
  const cls = rec.tables[0].rows.find((x) => x.key === '208')!;
  applyPlanToPackage(o, {
    title: 't',
    ops: [{ op: 'setValues', sheet: t.sheet, range: `E${cls.row + 1}`, values: [[99]], tag: 'user2', replaceFormulas: true }],
  });
  const typedSnap = await readWorkbookBuffer(o.pkg.toBytes(), 'n.xlsx');
  const again = updateFormulasPlan(recognise(typedSnap), typedSnap);
  expect(again.typed).toHaveLength(1);
  expect(again.typed[0]).toMatch(new RegExp(`^公开03表!E${cls.row + 1} 填的是 99\\.00，按公式 =.+ 应为 12\\.75$`));
  expect(JSON.stringify(again.plan.ops)).not.toContain(`"E${cls.row + 1}"`);
});
