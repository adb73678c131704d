/**
 * Mutation test: every printed amount that takes part in an identity, in every table of the seed workbooks,
 * moved by more than any rounding tail (+0.37 万元 / +7.00 元) in the snapshot, must produce an `error`
 * finding that lists that very cell. The cells come from the evaluator's own identities, so the test
 * cannot silently cover nothing.
 */
import type { CellSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { qualifiedAddress } from '../src/core/snapshot';
import { recognise } from '../src/core/recognise';
import { evaluateIdentities, validate } from '../src/core/validate';
import { Decimal } from '../src/core/amount';
import type { Recognition, RecognisedTable } from '../src/core/model';
import { buildSnapshot, type Layout } from './fixtures';

interface Target {
  /** Rules whose identities this cell takes part in. */
  rules: Set<string>;
  sheet: string;
  row: number;
  col: number;
  kind: string;
  unit: '元' | '万元' | null;
}

/**
 * Printed amount/score cells of identities that must hold exactly or up to rounding (errors when broken);
 * `others` counts printed cells that only take part in ≤ lines or warning-level identities (moving them up
 * need not break anything: a 其中 line may grow up to its parent).
 */
function targets(snapshot: WorkbookSnapshot): { list: Target[]; others: number } {
  const rec = recognise(snapshot);
  const seen = new Map<string, Target>();
  const all = new Set<string>();
  for (const o of evaluateIdentities(rec)) {
    for (const c of o.coords) {
      if (c.empty || (c.kind !== 'amount' && c.kind !== 'score')) continue;
      const key = qualifiedAddress(c.sheet, c.row, c.col);
      all.add(key);
      if (o.relation !== 'eq' || o.severity !== 'error') continue;
      const table = rec.tables.find((t) => t.sheet === c.sheet && c.row >= t.range.top && c.row <= t.range.bottom);
      const t = seen.get(key) ?? {
        rules: new Set<string>(),
        sheet: c.sheet,
        row: c.row,
        col: c.col,
        kind: c.kind,
        unit: table?.unit ?? null,
      };
      t.rules.add(o.ruleId);
      seen.set(key, t);
    }
  }
  return { list: [...seen.values()], others: all.size - seen.size };
}

/**
 * Recognition of the mutated workbook: the changed sheet is recognised afresh, the other sheets' tables are
 * reused from the unchanged workbook (recognition is per sheet, so this is the same result, only faster).
 */
function recogniseMutated(base: Recognition, snapshot: WorkbookSnapshot, sheet: string): Recognition {
  const fresh = recognise({ ...snapshot, sheets: snapshot.sheets.filter((s) => s.name === sheet) });
  const tables = snapshot.sheets.flatMap((s) => (s.name === sheet ? fresh.tables : base.tables.filter((t) => t.sheet === s.name)));
  return { ...base, tables };
}

function mutated(snapshot: WorkbookSnapshot, t: Target): WorkbookSnapshot {
  const delta = new Decimal(t.unit === '元' ? '7.00' : '0.37');
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      if (s.name !== t.sheet) return s;
      return {
        ...s,
        cells: s.cells.map((c): CellSnapshot => {
          if (c.row !== t.row || c.col !== t.col) return c;
          const was = typeof c.value === 'number' ? new Decimal(String(c.value)) : new Decimal(String(c.value).replace(/,/g, ''));
          const now = was.plus(delta);
          return { ...c, value: typeof c.value === 'number' ? now.toNumber() : now.toFixed(2), text: undefined };
        }),
      };
    }),
  };
}

/** The mutated cells of one workbook, and what caught them. */
function moveEach(snapshot: WorkbookSnapshot, list: Target[]): { missed: string[]; rules: Set<string>; caughtBy: Set<string> } {
  const base = recognise(snapshot);
  const missed: string[] = [];
  const rules = new Set<string>();
  const caughtBy = new Set<string>();
  for (const t of list) {
    const address = qualifiedAddress(t.sheet, t.row, t.col);
    t.rules.forEach((r) => rules.add(r));
    const { findings } = validate(recogniseMutated(base, mutated(snapshot, t), t.sheet));
    const hits = findings.filter((f) => f.severity === 'error' && f.cells.includes(address));
    if (hits.length === 0) missed.push(address);
    hits.forEach((f) => caughtBy.add(f.rule));
  }
  return { missed, rules, caughtBy };
}

describe.each(['000', '001', 'shanghai'] as const)('seed %s, one table per sheet', (seed) => {
  test('every identity cell moved beyond the tail bound is caught as an error listing that cell', async () => {
    const snapshot = await buildSnapshot(seed, 'per-sheet');
    const { list, others } = targets(snapshot);
    const { missed, rules, caughtBy } = moveEach(snapshot, list);
    const byKind = list.reduce<Record<string, number>>((m, t) => ({ ...m, [t.kind]: (m[t.kind] ?? 0) + 1 }), {});
    const sheets = new Set(list.map((t) => t.sheet)).size;
    console.log(
      `seed ${seed}: mutated ${list.length} cells (${JSON.stringify(byKind)}) on ${sheets} sheets, missed ${missed.length}; ` +
        `${rules.size} rules involved, ${[...rules].filter((r) => caughtBy.has(r)).length} of them raised an error; ` +
        `${others} printed cells only in ≤ / warning identities (not mutated)`,
    );
    expect(missed).toEqual([]);
    // Every rule whose identities took part failed at least once on a mutated copy.
    expect([...rules].filter((r) => !caughtBy.has(r))).toEqual([]);
    expect(list.length).toBeGreaterThan({ '000': 150, '001': 300, shanghai: 100 }[seed]);
  });
});

/**
 * The layouts of issue 8: a 基本支出表 with its economic codes split over 类 | 款 (`302 | 01 | 办公费 | 21.21`, in
 * the split-codes layout), and a 政府性基金 table whose 本年支出 sub-headers are printed in its 合计 row
 * (header-in-body). Every printed amount of the table must be among the mutated cells, and every one caught.
 */
const LAYOUT_CASES: { seed: '000' | 'shanghai'; layout: Layout; kind: string; cells: number }[] = [
  { seed: '000', layout: 'split-codes', kind: 'gpb_basic', cells: 35 },
  { seed: 'shanghai', layout: 'split-codes', kind: 'gpb_basic', cells: 35 },
  { seed: '000', layout: 'header-in-body', kind: 'gov_fund', cells: 10 },
];

/** Printed numbers of a table's amount columns. */
function printedAmounts(table: RecognisedTable): number {
  let n = 0;
  for (const r of table.rows)
    for (const [key, v] of Object.entries(r.values)) {
      const kind = r.valueKind ?? table.columns.find((c) => c.key === key && (!c.block || c.block === r.block))?.kind;
      if (v.status === 'number' && kind === 'amount') n++;
    }
  return n;
}

describe.each(LAYOUT_CASES)('seed $seed, $layout: $kind', ({ seed, layout, kind, cells }) => {
  test('every identity cell of the table moved beyond the tail bound is caught as an error listing that cell', async () => {
    const snapshot = await buildSnapshot(seed, layout);
    const table = recognise(snapshot).tables.find((t) => t.kind === kind)!;
    const { list } = targets(snapshot);
    const own = list.filter((t) => t.sheet === table.sheet);
    const { missed, rules, caughtBy } = moveEach(snapshot, list);
    console.log(
      `seed ${seed}, ${layout}: mutated ${list.length} cells, ${own.length} of them in the ${kind} table; missed ${missed.length}`,
    );
    expect(missed).toEqual([]);
    expect([...rules].filter((r) => !caughtBy.has(r))).toEqual([]);
    expect(own.length).toBe(printedAmounts(table));
    expect(own.length).toBe(cells);
  });

  test('every identity cell of the table holding more than any tail, emptied, is caught as an error listing that cell', async () => {
    const snapshot = await buildSnapshot(seed, layout);
    const table = recognise(snapshot).tables.find((t) => t.kind === kind)!;
    const { missed, tried } = emptyEach(
      snapshot,
      targets(snapshot).list.filter((t) => t.sheet === table.sheet),
    );
    console.log(`seed ${seed}, ${layout}: emptied ${tried} cells of the ${kind} table, missed ${missed.length}`);
    expect(missed).toEqual([]);
    expect(tried).toBeGreaterThan(cells / 2);
  });
});

/** The snapshot with the target's cell removed (an amount deleted), and the value it held. */
function emptied(snapshot: WorkbookSnapshot, t: Target): { snapshot: WorkbookSnapshot; was: Decimal | null } {
  let was: Decimal | null = null;
  const sheets = snapshot.sheets.map((s) => {
    if (s.name !== t.sheet) return s;
    return {
      ...s,
      cells: s.cells.filter((c) => {
        if (c.row !== t.row || c.col !== t.col) return true;
        const text = String(c.value).replace(/[,分%]/g, '');
        was = /^-?\d+(\.\d+)?$/.test(text) ? new Decimal(text) : null;
        return false;
      }),
    };
  });
  return { snapshot: { ...snapshot, sheets }, was };
}

/** Each target emptied in turn: the ones no error lists, and how many were tried. */
function emptyEach(snapshot: WorkbookSnapshot, list: Target[]): { missed: string[]; tried: number } {
  const base = recognise(snapshot);
  const missed: string[] = [];
  let tried = 0;
  for (const t of list) {
    const { snapshot: changed, was } = emptied(snapshot, t);
    // A 万元 amount under 1.00 can vanish inside a wide tail bound (Σ of 30 款 ± 0.155): not a defect to catch.
    if (!was || was.abs().lt(t.unit === '万元' ? 1 : 0.01)) continue;
    tried += 1;
    const address = qualifiedAddress(t.sheet, t.row, t.col);
    const { findings } = validate(recogniseMutated(base, changed, t.sheet));
    // An emptied total (公用经费合计 included) keeps the cell it was printed in: the error lists that very cell.
    if (!findings.some((f) => f.severity === 'error' && f.cells.includes(address))) missed.push(address);
  }
  return { missed, tried };
}

describe.each(['000', '001'] as const)('seed %s, amounts deleted', (seed) => {
  test('every identity cell holding more than any tail, emptied, is caught as an error listing that cell', async () => {
    const snapshot = await buildSnapshot(seed, 'per-sheet');
    const { missed, tried } = emptyEach(snapshot, targets(snapshot).list);
    console.log(`seed ${seed}: emptied ${tried} cells, missed ${missed.length}`);
    expect(missed).toEqual([]);
    expect(tried).toBeGreaterThan({ '000': 100, '001': 250 }[seed]);
  });
});

test('recognising the changed sheet alone gives the same tables as recognising the whole workbook', async () => {
  const snapshot = await buildSnapshot('001', 'per-sheet');
  const base = recognise(snapshot);
  const sheet = base.tables[1].sheet;
  const t = {
    rules: new Set<string>(),
    sheet,
    row: base.tables[1].rows[1].row,
    col: Object.values(base.tables[1].rows[1].values)[0].col,
    kind: 'amount',
    unit: '元' as const,
  };
  const changed = mutated(snapshot, t);
  expect(recogniseMutated(base, changed, sheet).tables).toEqual(recognise(changed).tables);
});
