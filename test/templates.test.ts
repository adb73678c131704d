/**
 * Templates, core round trip: every table of every set is recognised as its kind with the organisation, year and
 * unit it was built for; filled with the seed figures of its set (the leaf cells only: every total is the
 * template's formula), the whole set validates with no finding.
 */
import type { TableKind } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import { specById } from '../src/core/specs';
import {
  buildTemplates,
  templateInputsOf,
  TEMPLATE_SETS,
  type CodeLine,
  type TemplateSetId,
  type TemplateValues,
} from '../src/core/templates';
import { validate } from '../src/core/validate';
import { buildSnapshot, SEEDS, type SeedId } from './fixtures';
import { snapshotOf } from './templates-kit';

const SETS: { set: TemplateSetId; seed: SeedId; year: number }[] = [
  { set: 'jiangxi', seed: '000', year: 2022 },
  { set: 'yunnan', seed: '001', year: 2022 },
  { set: 'shanghai', seed: 'shanghai', year: 2024 },
];

/** What the seed prints, as template inputs (coded rows, every value by `rowKey|colKey`). */
async function seedFigures(seed: SeedId): Promise<{ values: TemplateValues; lines: Partial<Record<TableKind, CodeLine[]>> }> {
  const { values, codeLines } = templateInputsOf(recognise(await buildSnapshot(seed, 'per-sheet')).tables);
  return { values, lines: codeLines };
}

describe.each(SETS)('$set', ({ set, seed, year }) => {
  const { org, unit } = SEEDS[seed];

  test('blank: every table recognised as its kind, with organisation, year and unit', () => {
    const sheets = buildTemplates({ set, year, unit, org });
    const rec = recognise(snapshotOf(sheets));
    expect(rec.unrecognised).toEqual([]);
    expect(rec.tables.map((t) => [t.sheet, t.specId, t.org, t.year, t.kind === 'asset_occupancy' ? unit : t.unit])).toEqual(
      sheets.map((s) => [s.name, s.specId, org, year, unit]),
    );
    expect(sheets.map((s) => s.kind)).toEqual(TEMPLATE_SETS[set].tables.map((t) => specById(t.specId)!.kind));
    const names = {
      jiangxi: ['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表', '公开10表'],
      yunnan: [
        '公开01表',
        '公开02表',
        '公开03表',
        '公开04表',
        '公开05表',
        '公开06表',
        '公开07表',
        '公开10表',
        '公开11表',
        '公开12表',
        '公开13表',
      ],
      shanghai: [
        '1收入支出决算总表',
        '2收入决算表',
        '3支出决算表',
        '4财政拨款收入支出决算总表',
        '5一般公共预算财政拨款支出决算表',
        '6一般公共预算财政拨款基本支出决算表',
        '7财政拨款“三公”经费支出决算表',
        '8政府性基金预算财政拨款收入支出决算表',
        '9国有资本经营预算财政拨款收入支出决算表',
      ],
    }[set];
    const attachments = set === 'yunnan' ? [] : ['部门整体支出绩效自评表', '项目支出绩效自评表'];
    expect(sheets.map((s) => s.name)).toEqual([...names, ...attachments]);
    expect(sheets.map((s) => s.title)).toEqual(sheets.map((s) => s.cells[0].value));
  });

  test('filled with the seed figures: no finding', async () => {
    const own = await seedFigures(seed);
    const perf = seed === '000' ? own : await seedFigures('001');
    const values = { ...own.values, perf_project: perf.values.perf_project, perf_department: perf.values.perf_project };
    const codeLines = { ...own.lines, perf_project: perf.lines.perf_project, perf_department: perf.lines.perf_project };
    const sheets = buildTemplates({ set, year, unit, org, codeLines }, values);
    const rec = recognise(snapshotOf(sheets));
    expect(rec.unrecognised).toEqual([]);
    const { findings } = validate(rec);
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.message}`)).toEqual([]);
    // the totals were computed from the leaves: 项目 rows of 支出决算表 give 本年支出合计 in both 总表
    const value = (kind: TableKind, key: string, col: string) =>
      rec.tables
        .find((t) => t.kind === kind)!
        .rows.find((r) => r.key === key)!
        .values[col].value!.toString();
    const expected = { jiangxi: '1709.38', yunnan: '4593144.3', shanghai: '1709.38' }[set];
    expect(value('income_expense_summary', 'expense.total', 'amount')).toBe(expected);
    expect(value('income_expense_summary', 'income.grand_total', 'amount')).toBe(expected);
    expect(value('fiscal_summary', 'expense.grand_total', 'total')).toBe(expected);
  });
});
