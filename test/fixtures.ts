/**
 * Fixture workbooks for tests: the transcribed seed tables written as .xlsx in several layouts
 * (scripts/fixtures), read back through the real xlsx adapter, plus where each printed value landed.
 *
 *   const snap = await buildSnapshot('000', 'per-sheet');
 *   locate('000', 'per-sheet', 1, 0, 4)  // → { sheet: '公开02表', address: 'E7', row: 6, col: 4 }
 *
 * `tableIndex` indexes `SEEDS[seed].tables`; `rowIndex`/`colIndex` index that table's `rows[r][c]`.
 * Use `tableIndexOf(seed, key)` to find a table by its key (`'01'`, `'06'`, `'perf-1'` …).
 *
 * Layouts: per-sheet (one table per sheet named by its label), stacked (all on Sheet1 at columns B, D, A …),
 * split-codes (`208 | 01 | 09`; economic codes of the 基本支出表 over 类 | 款: `302 | 01 | 办公费`), code-in-name (`2080109 社会保险经办机构`, code columns removed),
 * text-numbers (amounts as printed text, noisy titles/labels), no-labels (no 公开NN表, generic sheet names,
 * shuffled), shanghai (the Shanghai 2024 template filled with seed 000's figures; any seed gives that set).
 * Helpers: locate (body cell), locateHeader, locateMeta (title/label/org/year/unit), locateNote, tableBox
 * (whole block), writtenValue (what was written), writtenMeta (title/label/org/year/unit text as written),
 * plan/placement (everything).
 *
 * Layouts closer to other departments' files: jiuqi (久其 export: sheets `Z01 收入支出决算总表(财决01表)`, one
 * `编制单位：… | 2022年度 | 金额单位：万元` line, no 公开NN表), title-with-year (`上饶市医疗保障局2022年度收入决算表`,
 * label above the title at the left, unit alone below), wide-gaps (spacer column before name columns, blank
 * rows in the header block, no 栏次 numbers, `0.00`), two-per-sheet (02 | 03 and 07 | 08 side by side, the rest
 * stacked on two sheets).
 *
 * header-in-body (not in LAYOUTS: its own table set, scripts/fixtures/fund.ts): seed 000 with its project 2101504
 * financed from 政府性基金, so that 公开07表 has amounts; that table prints its 本年支出 sub-headers (`合计 | 基本支出 |
 * 项目支出`) inside its 合计 row, in the place of the row's 本年支出 amounts.
 *
 * pdf-converted (a workbook converted from the published PDF or the 久其 print-out; not in LAYOUTS, see
 * `pdfOptionsFor`): long tables broken into pages of 12 body rows, each break a footer (`第 1 页，共 3 页` or
 * `- 1 -`), blank rows, maybe `续表` or the title with `（续）`, then the header rows again; some titles with label
 * and unit on their row; some amounts as text `1 709.37`. `locate` follows the page breaks; `pageLines` lists
 * the rows of footers, continuation lines and repeated headers.
 */
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { readWorkbookBuffer } from '../src/adapters/xlsx/read';
import { buildWorkbook as build, workbookName, type Layout } from '../scripts/fixtures/workbook';
import { SEEDS, type SeedId, type SeedTable } from './data/seeds';

export { SEEDS, SEED_000, SEED_001, SEED_SHANGHAI } from './data/seeds';
export type { SeedId, SeedTable, SeedWorkbook, CodeColumn } from './data/seeds';
export { mergesOf, MERGE_LEFT, MERGE_UP } from './data/seeds';
export {
  LAYOUTS,
  locate,
  locateHeader,
  locateMeta,
  locateNote,
  writtenValue,
  writtenMeta,
  pageLines,
  pdfOptionsFor,
  tableBox,
  placement,
  plan,
  workbookName,
  type Layout,
  type Location,
  type MetaPart,
  type PlacedTable,
  type WorkbookPlan,
} from '../scripts/fixtures/workbook';
export { isNumberText, numberOf } from '../scripts/fixtures/render';

const buffers = new Map<string, Promise<Buffer>>();

/** The generated .xlsx (cached per seed/layout within a test file). */
export function buildWorkbook(seed: SeedId, layout: Layout): Promise<Buffer> {
  const key = `${seed}/${layout}`;
  let p = buffers.get(key);
  if (!p) {
    p = build(seed, layout);
    buffers.set(key, p);
  }
  return p;
}

/** The generated workbook as the xlsx adapter reads it (a fresh object each call: tests may mutate it). */
export async function buildSnapshot(seed: SeedId, layout: Layout): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(await buildWorkbook(seed, layout), workbookName(seed, layout));
}

/** Index of a table in `SEEDS[seed].tables` by key; throws when absent. */
export function tableIndexOf(seed: SeedId, key: string): number {
  const i = SEEDS[seed].tables.findIndex((t) => t.key === key);
  if (i < 0) throw new Error(`seed ${seed} has no table ${key}`);
  return i;
}

/** The transcribed table by key. */
export function seedTable(seed: SeedId, key: string): SeedTable {
  return SEEDS[seed].tables[tableIndexOf(seed, key)];
}
