/**
 * Templates through the office.js adapter, against the strict fake Excel: the insert is one write sync after the
 * probe; the sheets read back are recognised with organisation, year and unit and foot; looks, merges, widths and
 * page setup are as the template says; a clear of the tag deletes them; an existing kind is left out.
 */
import { OfficeHost } from '../src/adapters/office/host';
import { recognise } from '../src/core/recognise/index';
import { templatePlan, TEMPLATE_TAG, type TemplateSetId } from '../src/core/templates';
import { validate } from '../src/core/validate/index';
import { FakeWorkbook } from './fake-excel';

function blank(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.set('Sheet1', 'A1', [['说明']]);
  return wb;
}

describe.each(['jiangxi', 'yunnan', 'shanghai'] as TemplateSetId[])('%s', (set) => {
  it('inserted in one write: recognised, footing, with looks, merges and page setup; cleared by its tag', async () => {
    const wb = blank();
    const host = new OfficeHost(wb.env(), { name: '新.xlsx' });
    const before = await host.readSnapshot();
    const { plan, sheets } = templatePlan(
      { set, year: 2024, unit: '元', org: '某某局', existingSheets: before.sheets.map((s) => s.name) },
      recognise(before),
    );
    wb.syncLog.length = 0;
    const outcome = await host.applyPlan(plan);
    expect(outcome.notices).toEqual([]);
    // after a read, the whole insert (sheets, cells, looks, page setup, record sheet) is one round trip
    expect(wb.syncLog.length).toBe(1);

    const rec = recognise(await host.readSnapshot());
    expect(rec.unrecognised.map((u) => u.sheet)).toEqual(['Sheet1']);
    expect(rec.tables.map((t) => [t.sheet, t.specId, t.org, t.year])).toEqual(sheets.map((s) => [s.name, s.specId, '某某局', 2024]));
    const errors = validate(rec).findings.filter((f) => f.severity === 'error' && !f.rule.endsWith('.weight_sum'));
    expect(errors).toEqual([]);

    const first = sheets[0];
    const s = wb.sheet(first.name);
    expect(s.merges).toContainEqual({ top: 0, left: 0, bottom: 0, right: first.widths.length - 1 });
    expect(s.get(0, 0)!.look).toMatchObject({ size: 16, horizontal: 'Center' });
    expect(s.get(0, 0)!.bold).toBe(true);
    const header = first.cells.find((c) => c.look === 'header')!;
    expect(s.get(header.row, header.col)!.look!.borders).toEqual([
      'EdgeTop',
      'EdgeBottom',
      'EdgeLeft',
      'EdgeRight',
      'InsideVertical',
      'InsideHorizontal',
    ]);
    const total = first.cells.find((c) => c.formula !== undefined)!;
    expect(s.get(total.row, total.col)!.formula).toBe(`=${total.formula}`);
    expect(s.columnWidths.get(0)).toBe(first.widths[0] * 6);
    expect(s.pageLayout).toEqual({
      orientation: first.print.landscape ? 'Landscape' : 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: `$1:$${first.print.titleRows.to + 1}`,
    });
    // text stays text: the org line is a value, not a formula
    expect(s.get(2, 0)!.formula).toBeUndefined();

    await host.applyPlan({ title: '撤销', ops: [{ op: 'clearTag', tag: TEMPLATE_TAG }] });
    expect(wb.sheets.map((x) => x.name).filter((n) => !n.startsWith('_'))).toEqual(['Sheet1']);
  });
});

it('a kind the workbook holds is left out and reported; an inserted name is never over a sheet', async () => {
  const wb = blank();
  const host = new OfficeHost(wb.env());
  const first = templatePlan({ set: 'jiangxi', tables: ['09'], year: 2023, unit: '万元', org: '某局', existingSheets: ['Sheet1'] });
  await host.applyPlan(first.plan);
  const snap = await host.readSnapshot();
  const again = templatePlan(
    { set: 'jiangxi', tables: ['09', '10'], year: 2023, unit: '万元', org: '某局', existingSheets: snap.sheets.map((s) => s.name) },
    recognise(snap),
  );
  expect(again.skipped).toEqual(['工作表“公开09表”已有财政拨款“三公”经费支出决算表，未再插入']);
  expect(again.sheets.map((s) => s.name)).toEqual(['公开10表']);
  await expect(host.applyPlan(first.plan)).rejects.toThrow('工作簿中已有名为“公开09表”的工作表，模板未插入（不覆盖已有工作表）');
});
