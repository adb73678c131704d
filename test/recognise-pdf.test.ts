/**
 * Workbooks converted from the published PDF (or the 久其 print-out) to Excel: the `pdf-converted` fixture
 * layout (scripts/fixtures, `pdfOptionsFor`). Long tables are broken into pages of 12 body rows — a footer
 * (`第 1 页，共 3 页` / `- 1 -`), one or two blank rows, maybe `续表` or the title with `（续）`, the header rows
 * again —, some titles carry label and unit on their row, some amounts are text with a space or a no-break
 * space as thousands separator (`1 709.37`), notes are merged across the row, a footer closes the last page.
 *
 * The reference is the recognition of the plain `per-sheet` workbook: every table must be recognised once,
 * at its title, with the same rows, columns and decimal values, each read from the cell `locate()` names
 * for the same printed figure; page lines are neither rows nor unrecognised regions nor problems; and
 * `validate` must find the same things, at the translated cells.
 */
import type { Finding, Recognition, RecognisedTable } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { parseAmount as readAmount } from '../src/core/amount';
import { cellAddress, parseRange, splitQualified, type WorkbookSnapshot } from '../src/core/snapshot';
import { normalizeLabel } from '../src/core/text';
import { validate } from '../src/core/validate';
import {
  buildSnapshot,
  locate,
  locateMeta,
  pageLines,
  placement,
  SEEDS,
  tableIndexOf,
  type Layout,
  type PlacedTable,
  type SeedId,
} from './fixtures';
import { rowLines } from './model-lines';

const PDF: Layout = 'pdf-converted';
const SEED_IDS: SeedId[] = ['000', '001'];

const cache = new Map<string, Promise<Recognition>>();
function rec(seed: SeedId, layout: Layout): Promise<Recognition> {
  const k = `${seed}/${layout}`;
  if (!cache.has(k))
    cache.set(
      k,
      buildSnapshot(seed, layout).then((s) => recognise(s)),
    );
  return cache.get(k)!;
}

function tableAt(r: Recognition, seed: SeedId, layout: Layout, key: string): RecognisedTable | null {
  const at = locateMeta(seed, layout, tableIndexOf(seed, key), 'title')!;
  return r.tables.find((x) => x.sheet === at.sheet && x.anchor.row === at.row && x.anchor.col === at.col) ?? null;
}

/** A per-sheet body cell (sheet row/col) → the same printed cell in pdf-converted, or null when not a body cell. */
function translateCell(seed: SeedId, i: number, row: number, col: number): string | null {
  const base = placement(seed, 'per-sheet', i);
  const ri = row - base.top - base.block.bodyTop;
  const ci = base.block.colMap.indexOf(col - base.left);
  if (ri < 0 || ri >= base.table.rows.length || ci < 0) return null;
  const l = locate(seed, PDF, i, ri, ci);
  return `${l.sheet}!${l.address}`;
}

/** `row12` / `row12.2` / `20801@12` keys name a sheet row: move it to the same body row of `to`. */
function translateKey(seed: SeedId, i: number, key: string, from: PlacedTable): string {
  const move = (n: string) => {
    const ri = Number(n) - 1 - from.top - from.block.bodyTop;
    return String(locate(seed, PDF, i, ri, 0).row + 1);
  };
  return key.replace(/^row(\d+)/, (_, n: string) => `row${move(n)}`).replace(/@(\d+)$/, (_, n: string) => `@${move(n)}`);
}

describe('the pdf-converted fixture, concretely', () => {
  test('000 公开01表: pages of 12 rows, `第 n 页，共 3 页` merged across, blank rows, `续表`, the header again', async () => {
    const s = await buildSnapshot('000', PDF);
    const sh = s.sheets.find((x) => x.name === '公开01表')!;
    const rowOf = (r: number) => sh.cells.filter((c) => c.row === r).map((c) => `${cellAddress(c.row, c.col)} ${c.value}`);
    expect(rowOf(17)).toEqual(['B18 12', 'D18 十二、农林水支出', 'E18 43']);
    expect(rowOf(18)).toEqual(['A19 第 1 页，共 3 页']);
    expect(rowOf(19)).toEqual([]);
    expect(rowOf(20)).toEqual(['A21 收入', 'D21 支出']);
    expect(rowOf(35)).toEqual(['A36 第 2 页，共 3 页']);
    expect([36, 37].map(rowOf)).toEqual([[], []]);
    expect(rowOf(38)).toEqual(['A39 续表']);
    expect(rowOf(52)).toEqual(['A53 第 3 页，共 3 页']);
    expect(sh.merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`)).toEqual(
      expect.arrayContaining(['A19:F19', 'A36:F36', 'A53:F53', 'A50:F50', 'A51:F51', 'A21:C21', 'A40:C40']),
    );
    // amounts of 1,000 and more as text with a space or a no-break space
    expect(rowOf(6)).toContain('C7 1 709.37');
    expect(rowOf(14)).toContain('F15 1\u00a0699.37');
    // locate follows the breaks: body row 12 is on the second page
    expect(locate('000', PDF, 0, 11, 3).address).toBe('D18');
    expect(locate('000', PDF, 0, 12, 3).address).toBe('D24');
    expect(locate('000', PDF, 0, 24, 3).address).toBe('D43');
    expect(pageLines('000', PDF, 0).map((l) => l.row + 1)).toEqual([19, 21, 22, 23, 36, 39, 40, 41, 42, 53]);
  });

  test('000 公开06表: title, label and unit in three cells of one row; the title again with （续）; `- n -` in 04表', async () => {
    const s = await buildSnapshot('000', PDF);
    const sh = s.sheets.find((x) => x.name === '公开06表')!;
    const rowOf = (r: number) => sh.cells.filter((c) => c.row === r).map((c) => `${cellAddress(c.row, c.col)} ${c.value}`);
    expect(rowOf(0)).toEqual(['A1 一般公共预算财政拨款基本支出决算表', 'H1 公开 06 表', 'I1 金额单位：万元']);
    expect(rowOf(19)).toEqual(['A20 一般公共预算财政拨款基本支出决算表（续）', 'H20 公开 06 表', 'I20 金额单位：万元']);
    const s04 = s.sheets.find((x) => x.name === '公开04表')!;
    expect(
      s04.cells
        .filter((c) => typeof c.value === 'string' && /^- \d -$/.test(c.value))
        .map((c) => `${cellAddress(c.row, c.col)} ${c.value}`),
    ).toEqual(['E18 - 1 -', 'E36 - 2 -', 'E52 - 3 -']);
  });
});

describe.each(SEED_IDS)('seed %s, pdf-converted', (seed) => {
  const keys = SEEDS[seed].tables.map((t) => t.key);

  test('every table once, at its title, with the per-sheet kind, spec, label, org, year, unit; range from title to last row', async () => {
    const base = await rec(seed, 'per-sheet');
    const r = await rec(seed, PDF);
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const key of keys) {
      const i = tableIndexOf(seed, key);
      const b = tableAt(base, seed, 'per-sheet', key)!;
      const t = tableAt(r, seed, PDF, key);
      const p = placement(seed, PDF, i);
      const title = locateMeta(seed, PDF, i, 'title')!;
      const lastRow = p.block.bodyRowMap ? p.block.bodyRowMap[p.table.rows.length - 1] : p.block.bodyTop + p.table.rows.length - 1;
      want.push({
        key,
        at: `${title.sheet}!${title.address}`,
        kind: b.kind,
        specId: b.specId,
        label: b.label,
        org: b.org,
        year: b.year,
        unit: b.unit,
        unitText: normalizeLabel(b.unitText ?? ''),
        notes: b.notes,
        confidence: b.confidence,
        range: `${cellAddress(p.top + p.block.title.row, p.left)}:${cellAddress(p.top + lastRow, p.left + p.block.width - 1)}`,
      });
      got.push(
        t
          ? {
              key,
              at: `${t.sheet}!${cellAddress(t.anchor.row, t.anchor.col)}`,
              kind: t.kind,
              specId: t.specId,
              label: t.label,
              org: t.org,
              year: t.year,
              unit: t.unit,
              unitText: normalizeLabel(t.unitText ?? ''),
              notes: t.notes,
              confidence: t.confidence,
              range: `${cellAddress(t.range.top, t.range.left)}:${cellAddress(t.range.bottom, t.range.right)}`,
            }
          : { key, at: 'not recognised' },
      );
    }
    expect(got).toEqual(want);
    expect(r.tables.map((t) => t.id)).toHaveLength(keys.length);
  });

  test('the same rows, columns and decimal values as per-sheet, each read from its locate() cell', async () => {
    const base = await rec(seed, 'per-sheet');
    const r = await rec(seed, PDF);
    const mismatches: string[] = [];
    for (const key of keys) {
      const i = tableIndexOf(seed, key);
      const b = tableAt(base, seed, 'per-sheet', key)!;
      const t = tableAt(r, seed, PDF, key);
      if (!t) {
        mismatches.push(`${key}: not recognised`);
        continue;
      }
      const from = placement(seed, 'per-sheet', i);
      const to = placement(seed, PDF, i);
      const want = rowLines(
        b,
        (row, col) => translateCell(seed, i, row, col) ?? `?${cellAddress(row, col)}`,
        (k) => translateKey(seed, i, k, from),
      );
      const got = rowLines(
        t,
        (row, col) => `${t.sheet}!${cellAddress(row, col)}`,
        (k) => k,
      );
      for (const line of want) if (!got.includes(line)) mismatches.push(`${key} missing: ${line}`);
      for (const line of got) if (!want.includes(line)) mismatches.push(`${key} extra:   ${line}`);
      if (!mismatches.some((m) => m.startsWith(`${key} `)) && got.join('\n') !== want.join('\n'))
        mismatches.push(`${key}: rows in another order`);
      const colOf = (c: number, p: PlacedTable) => `${c - p.left}`;
      const cols = (x: RecognisedTable, p: PlacedTable) =>
        x.columns.map((c) => `${c.block ?? 'main'}/${c.key} ${c.kind} @${colOf(c.col, p)}`);
      expect({ key, columns: cols(t, to) }).toEqual({ key, columns: cols(b, from) });
    }
    expect(mismatches).toEqual([]);
  });

  test('page footers, continuation lines and repeated headers: no rows, no unrecognised regions, no problems, no notices', async () => {
    const r = await rec(seed, PDF);
    expect(r.unrecognised.map((u) => u.reason)).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.tables.flatMap((t) => t.problems)).toEqual([]);
    const pageRows = new Set(keys.flatMap((key) => pageLines(seed, PDF, tableIndexOf(seed, key)).map((l) => `${l.sheet}!${l.row}`)));
    expect(pageRows.size).toBeGreaterThan(20);
    expect(
      r.tables.flatMap((t) => t.rows.filter((x) => pageRows.has(`${t.sheet}!${x.row}`)).map((x) => `${t.sheet}!${x.row + 1} ${x.name}`)),
    ).toEqual([]);
    // every page line lies inside its table's range or (the last footer) is covered as a line of the table
    const covered = (sheet: string, row: number) => r.tables.some((t) => t.sheet === sheet && row >= t.range.top && row <= t.range.bottom);
    const outside = keys.flatMap((key) =>
      pageLines(seed, PDF, tableIndexOf(seed, key))
        .filter((l) => !covered(l.sheet, l.row))
        .map((l) => `${l.sheet}!${l.row + 1}`),
    );
    // only each paginated table's last footer lies under its range
    const paginated = keys.filter((key) => pageLines(seed, PDF, tableIndexOf(seed, key)).length > 0);
    expect(outside).toHaveLength(paginated.length);
  });

  test('validate: the same findings (rule, severity, expected, actual, tail), at the same printed cells', async () => {
    const base = validate(await rec(seed, 'per-sheet')).findings;
    const got = validate(await rec(seed, PDF)).findings;
    const brief = (f: Finding, cells: string[]) => `${f.rule} ${f.severity} ${f.expected} ${f.actual} ${f.tail ?? ''} [${cells.join(' ')}]`;
    /** A per-sheet finding cell on a table body → its pdf-converted cell; other cells (org, title) as they are. */
    const move = (ref: string) => {
      const { sheet, range } = splitQualified(ref);
      const box = parseRange(range);
      for (const key of keys) {
        const i = tableIndexOf(seed, key);
        if (placement(seed, 'per-sheet', i).sheet !== sheet.replace(/^'|'$/g, '')) continue;
        return translateCell(seed, i, box.top, box.left) ?? ref;
      }
      return ref;
    };
    expect(got.map((f) => brief(f, f.cells)).sort()).toEqual(base.map((f) => brief(f, f.cells.map(move))).sort());
  });
});

describe('spaces inside amounts (text copied from a PDF)', () => {
  test('a space or no-break space between groups of three digits is a thousands separator', () => {
    const read = (s: string) => {
      const p = readAmount(s);
      return p.status === 'number' ? p.value!.toString() : p.status;
    };
    expect(
      [
        '1 709.37',
        '1\u00a0709.37',
        '12 345 678.90',
        '1\u202f709',
        ' 1 709.37\u00a0',
        '-1 709.37',
        '- 1 709.37',
        '(1 709.37)',
        '¥ 1 709.37',
        '１ ７０９．３７',
        '709.37',
        '10.00\u00a0',
      ].map(read),
    ).toEqual([
      '1709.37',
      '1709.37',
      '12345678.9',
      '1709',
      '1709.37',
      '-1709.37',
      '-1709.37',
      '-1709.37',
      '1709.37',
      '1709.37',
      '709.37',
      '10',
    ]);
  });

  test('a space anywhere else is no separator: the text is not read as a number', () => {
    for (const s of ['17 09.37', '1709 .37', '1709. 37', '1 70.00', '1 7093.00', '1,709 37', '1 709,000.00', '1234 567.00', '1 709.3 7']) {
      expect({ s, p: readAmount(s) }).toEqual({ s, p: { status: 'text', value: null, fromText: false, badSpaces: true } });
    }
  });

  test('end to end: `17 09.37` in a body cell is a cell.text finding and a recognition problem, not 1709.37', async () => {
    const snap = await buildSnapshot('000', PDF);
    const i = tableIndexOf('000', '01');
    const ri = SEEDS['000'].tables[i].rows.findIndex((row) => row[0].includes('本年收入合计'));
    const at = locate('000', PDF, i, ri, 2);
    const cell = snap.sheets.find((s) => s.name === at.sheet)!.cells.find((c) => c.row === at.row && c.col === at.col)!;
    expect(cell.value).toBe('1 709.37');
    cell.value = '17 09.37';
    const r = recognise(snap);
    const t = r.tables.find((x) => x.sheet === at.sheet)!;
    const row = t.rows.find((x) => x.row === at.row && x.block === 'income')!;
    expect(Object.values(row.values).map((v) => `${v.status} ${v.raw}`)).toEqual(['text 17 09.37']);
    expect(t.problems).toEqual([`公开01表!${at.address} 数字「17 09.37」中间的空格不是千分位，看不出是哪个数，未当作数值`]);
    const f = validate(r).findings.filter((x) => x.rule === 'cell.text');
    expect(f.map((x) => `${x.cells.join(' ')} ${x.actual}`)).toEqual([`公开01表!${at.address} 17 09.37`]);
  });
});

describe('page breaks, generically', () => {
  /** A copy of the snapshot with the cells of `sheet` changed by `fn`. */
  function withSheet(
    snap: WorkbookSnapshot,
    sheet: string,
    fn: (cells: WorkbookSnapshot['sheets'][number]['cells']) => void,
  ): WorkbookSnapshot {
    const s = snap.sheets.find((x) => x.name === sheet)!;
    fn(s.cells);
    return snap;
  }

  test('the title printed again without （续） under a footer is the same table, not a second one', async () => {
    const snap = await buildSnapshot('000', PDF);
    withSheet(snap, '公开06表', (cells) => {
      const c = cells.find((x) => x.value === '一般公共预算财政拨款基本支出决算表（续）')!;
      c.value = '一般公共预算财政拨款基本支出决算表';
    });
    const r = recognise(snap);
    const plain = (await rec('000', PDF)).tables.find((t) => t.sheet === '公开06表')!;
    const got = r.tables.filter((t) => t.sheet === '公开06表');
    expect(got.map((t) => `${t.id} ${t.rows.length}`)).toEqual([`公开06表!A1 ${plain.rows.length}`]);
    expect(
      rowLines(
        got[0],
        (a, b) => cellAddress(a, b),
        (k) => k,
      ),
    ).toEqual(
      rowLines(
        plain,
        (a, b) => cellAddress(a, b),
        (k) => k,
      ),
    );
    expect(r.unrecognised).toEqual([]);
  });

  test('the same title far from a footer is still a new table (a second copy of the table on the sheet)', async () => {
    const snap = await buildSnapshot('000', PDF);
    withSheet(snap, '公开02表', (cells) => {
      const rows = cells.filter((c) => c.row <= 15).map((c) => ({ ...c, row: c.row + 30 }));
      cells.push(...rows);
    });
    const r = recognise(snap);
    expect(r.tables.filter((t) => t.sheet === '公开02表').map((t) => `${t.id} ${t.rows.length}`)).toEqual([
      '公开02表!A1 11',
      '公开02表!A31 11',
    ]);
  });

  test('after a footer, content that does not go on with the table (three blank rows, then anything) is not swallowed', async () => {
    const snap = await buildSnapshot('000', PDF);
    withSheet(snap, '公开02表', (cells) => {
      // the last footer (A19) and, three blank rows under it, a line of someone's own
      cells.push({ row: 22, col: 0, value: '以下为本单位自行补充的说明材料' }, { row: 22, col: 4, value: 12.5 });
    });
    const r = recognise(snap);
    const t = r.tables.find((x) => x.sheet === '公开02表')!;
    expect(t.rows).toHaveLength(11);
    expect(r.unrecognised.map((u) => `${u.sheet} ${u.range.top + 1}`)).toEqual(['公开02表 23']);
  });

  test('a footer inside the body with only one blank row and no header again: the body goes on', async () => {
    const snap = await buildSnapshot('000', 'per-sheet');
    const i = tableIndexOf('000', '06');
    const at = locate('000', 'per-sheet', i, 11, 0);
    // move every row below body row 11 two rows down, put `- 1 -` in the first freed row
    withSheet(snap, at.sheet, (cells) => {
      for (const c of cells) if (c.row > at.row) c.row += 2;
      cells.push({ row: at.row + 1, col: 4, value: '- 1 -' });
    });
    for (const s of snap.sheets)
      if (s.name === at.sheet) s.merges = s.merges.map((m) => (m.top > at.row ? { ...m, top: m.top + 2, bottom: m.bottom + 2 } : m));
    const r = recognise(snap);
    const base = (await rec('000', 'per-sheet')).tables.find((t) => t.sheet === at.sheet)!;
    const t = r.tables.find((x) => x.sheet === at.sheet)!;
    expect(t.rows.map((x) => `${x.block}/${x.key.replace(/@\d+$/, '')} ${x.values.amount?.value?.toString()}`)).toEqual(
      base.rows.map((x) => `${x.block}/${x.key.replace(/@\d+$/, '')} ${x.values.amount?.value?.toString()}`),
    );
    expect(r.unrecognised).toEqual([]);
  });

  test('titles deleted (found by the header alone): the pages still make one table each, as in per-sheet', async () => {
    const untitled = async (seed: SeedId, layout: Layout) => {
      const snap = await buildSnapshot(seed, layout);
      SEEDS[seed].tables.forEach((t, i) => {
        const at = locateMeta(seed, layout, i, 'title')!;
        const sh = snap.sheets.find((x) => x.name === at.sheet)!;
        // the title and its reprint（续）on later pages
        sh.cells = sh.cells.filter((c) => !(typeof c.value === 'string' && c.col === at.col && c.value.startsWith(t.title)));
      });
      return recognise(snap);
    };
    for (const seed of SEED_IDS) {
      const base = await untitled(seed, 'per-sheet');
      const r = await untitled(seed, PDF);
      const lines = (x: Recognition, layout: Layout) =>
        x.tables.map((t) => {
          const i = SEEDS[seed].tables.findIndex((_, k) => placement(seed, layout, k).sheet === t.sheet);
          const from = placement(seed, 'per-sheet', i);
          const rows =
            layout === PDF
              ? rowLines(
                  t,
                  (row, col) => `${t.sheet}!${cellAddress(row, col)}`,
                  (k) => k,
                )
              : rowLines(
                  t,
                  (row, col) => translateCell(seed, i, row, col) ?? `?${cellAddress(row, col)}`,
                  (k) => translateKey(seed, i, k, from),
                );
          return { sheet: t.sheet, specId: t.specId, confidence: t.confidence <= 0.7, rows };
        });
      expect({ seed, tables: lines(r, PDF) }).toEqual({ seed, tables: lines(base, 'per-sheet') });
      // what per-sheet leaves unrecognised without titles (001 公开01表), and nothing more: no page line on its own
      const pageRows = (x: Recognition) =>
        x.unrecognised.filter((u) => u.range.bottom === u.range.top).map((u) => `${u.sheet}!${u.range.top + 1}`);
      expect({ seed, lone: pageRows(r).filter((a) => !a.startsWith('公开01表')) }).toEqual({ seed, lone: [] });
      expect(new Set(r.unrecognised.map((u) => u.sheet))).toEqual(new Set(base.unrecognised.map((u) => u.sheet)));
    }
  });

  test('a 400-page table stays one table with every row (speed is measured by npm run bench, not here)', () => {
    const sheetOf = (pages: number) => {
      const cells: WorkbookSnapshot['sheets'][number]['cells'] = [
        { row: 0, col: 0, value: '收入决算表' },
        { row: 1, col: 10, value: '金额单位：万元' },
      ];
      let row = 2;
      const header = () => {
        for (const [c, v] of [
          [0, '项目'],
          [4, '本年收入合计'],
          [5, '财政拨款收入'],
          [6, '上级补助收入'],
          [7, '事业收入'],
          [8, '经营收入'],
          [9, '附属单位上缴收入'],
          [10, '其他收入'],
        ] as const)
          cells.push({ row, col: c, value: v });
        row++;
        for (const [c, v] of [
          [0, '支出功能分类科目编码'],
          [3, '科目名称'],
        ] as const)
          cells.push({ row, col: c, value: v });
        row++;
        for (const [c, v] of [
          [0, '类'],
          [1, '款'],
          [2, '项'],
        ] as const)
          cells.push({ row, col: c, value: v });
        row++;
      };
      header();
      for (let p = 1; p <= pages; p++) {
        for (let k = 0; k < 12; k++) {
          cells.push(
            { row, col: 0, value: '2080109' },
            { row, col: 3, value: '社会保险经办机构' },
            { row, col: 4, value: '1 000.00' },
            { row, col: 5, value: 1000 },
          );
          row++;
        }
        cells.push({ row, col: 0, value: `第 ${p} 页，共 ${pages} 页` });
        row += 3;
        header();
      }
      return { sheets: [{ name: 'S', cells, merges: [] }] } as WorkbookSnapshot;
    };
    for (const pages of [40, 400]) {
      const tables = recognise(sheetOf(pages)).tables;
      expect({ pages, tables: tables.length, rows: tables[0].rows.length }).toEqual({ pages, tables: 1, rows: pages * 12 });
    }
  });
});
