/**
 * Property: any sequence of write plans (fills, notes, values, sheets), applied to any workbook, with saves
 * and reloads in between, then cleared tag by tag, leaves every original part of the package as it was —
 * same entries, same bytes. And while the plans are applied, the parts no plan touches keep their bytes.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import type { WriteOp, WritePlan } from '../src/core/model';
import { cellAddress } from '../src/core/snapshot';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { bytesOf, excelOf } from './xlsx-oracle';

/** 60 in `npm test`; PROPERTY_RUNS=3000 for a long search (about 4 minutes). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const SHEETS = ['公开01表', 'Sheet 2', '三'];
const TAGS = ['juesuan:marks', 'juesuan:findings-sheet', 'juesuan:convert'];

interface CellSpec {
  sheet: number;
  row: number;
  col: number;
  value: string | number | null;
  fill: string | null;
  note: string | null;
}

const cellSpec = fc.record({
  sheet: fc.integer({ min: 0, max: SHEETS.length - 1 }),
  row: fc.integer({ min: 0, max: 12 }),
  col: fc.integer({ min: 0, max: 6 }),
  value: fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
    fc.constantFrom('合计', '=SUM(A1)', ' 项 目 ', 'a&b<c>', ''),
  ),
  fill: fc.constantFrom(null, 'FF00FF00', 'FFFFFF00'),
  note: fc.constantFrom(null, '用户批注', '第二条\n多行'),
});

async function workbook(cells: CellSpec[], merge: boolean, formula: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const name of SHEETS) wb.addWorksheet(name);
  for (const c of cells) {
    const cell = wb.getWorksheet(SHEETS[c.sheet])!.getCell(c.row + 1, c.col + 1);
    if (c.value !== null) cell.value = c.value;
    if (c.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } };
    if (c.note) cell.note = c.note;
  }
  if (merge) wb.getWorksheet(SHEETS[0])!.mergeCells('A1:C1');
  if (formula) wb.getWorksheet(SHEETS[1])!.getCell('H20').value = { formula: 'SUM(A1:A3)', result: 6 };
  wb.getWorksheet(SHEETS[2])!.getColumn(2).width = 30;
  return bytesOf(wb);
}

const target = fc.record({
  sheet: fc.integer({ min: 0, max: SHEETS.length - 1 }),
  row: fc.integer({ min: 0, max: 14 }),
  col: fc.integer({ min: 0, max: 8 }),
  tag: fc.constantFrom(...TAGS),
});

const op: fc.Arbitrary<WriteOp> = fc.oneof(
  fc.tuple(target, fc.constantFrom('#FFC7CE', '#FFEB9C', '#DDEBF7')).map(([t, color]) => ({
    op: 'fill' as const,
    sheet: SHEETS[t.sheet],
    range: cellAddress(t.row, t.col),
    color,
    tag: t.tag,
  })),
  // Notes are written under the marks tag only, as the product does (one add-in note per cell).
  fc.tuple(target, fc.constantFrom('合计不等于各项之和', '尾差 0.01', '=不是公式')).map(([t, text]) => ({
    op: 'note' as const,
    sheet: SHEETS[t.sheet],
    cell: cellAddress(t.row, t.col),
    text,
    tag: 'juesuan:marks',
  })),
  fc
    .tuple(
      target,
      fc.oneof(
        fc.constant(null),
        fc.integer({ min: 0, max: 99999 }).map((n) => n / 100),
        fc.constantFrom('万元', '=1+1'),
      ),
    )
    .map(([t, v]) => ({
      op: 'setValues' as const,
      sheet: SHEETS[t.sheet],
      range: cellAddress(t.row, t.col),
      values: [[v]],
      tag: t.tag,
    })),
  fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom('审核结果', 'Sheet 2')).map(([tag, name]) => ({
    op: 'addSheet' as const,
    name,
    rows: [
      ['序号', '说明'],
      [1, '=说明'],
    ],
    tag,
  })),
  fc.constantFrom(...TAGS).map((tag) => ({ op: 'clearTag' as const, tag })),
);

const plans = fc.array(fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 6 }), reload: fc.boolean() }), {
  minLength: 1,
  maxLength: 4,
});

function entries(bytes: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, Buffer.from(v).toString('latin1')]));
}

describe('random plans on random workbooks', () => {
  test(
    'cleared tag by tag, every original part is as it was; untouched parts never change',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(cellSpec, { maxLength: 25 }), fc.boolean(), fc.boolean(), plans, async (cells, merge, formula, steps) => {
          const original = await workbook(cells, merge, formula);
          const before = entries(original);
          let o: OpenedWorkbook = openWorkbook(original, 'p.xlsx');
          for (const step of steps) {
            const plan: WritePlan = { title: '随机', ops: step.ops };
            const touched = new Set<string>();
            const ahead = entries(o.pkg.toBytes());
            applyPlanToPackage(o, plan);
            const after = entries(o.pkg.toBytes());
            for (const [name, text] of after) if (ahead.get(name) !== text) touched.add(name);
            // Only the parts a plan may touch change.
            for (const name of touched) {
              expect(name).toMatch(
                /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|xl\/comments\d+\.xml|xl\/drawings\/vmlDrawing\d+\.vml)$/,
              );
            }
            // The result is a workbook another program reads, and ours does.
            await excelOf(o.pkg.toBytes());
            snapshotOf(o);
            if (step.reload) o = openWorkbook(o.pkg.toBytes(), 'p.xlsx');
          }
          applyPlanToPackage(o, { title: '全部撤销', ops: TAGS.map((tag) => ({ op: 'clearTag' as const, tag })) });
          expect(entries(o.pkg.toBytes())).toEqual(before);
        }),
        { numRuns: RUNS, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
      );
    },
    RUNS * 1000,
  );
});
