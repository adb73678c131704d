/**
 * The fake must fail where Excel fails, or the adapter tests prove nothing. These pin its strictness.
 */
import { FakeError, FakeWorkbook } from './fake-excel';

/** An error with this office.js code (typed for `toThrow`, which takes an Error-like pattern). */
const withCode = (code: string): Error => expect.objectContaining({ code }) as Error;

function wb(): FakeWorkbook {
  const w = new FakeWorkbook();
  w.set('表', 'A1', [[1, 'x']]);
  return w;
}

describe('fake Excel strictness', () => {
  it('throws PropertyNotLoaded before load + sync, and isNullObject before a sync', async () => {
    const w = wb();
    await w.env().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表').getRange('A1');
      expect(() => r.values).toThrow(withCode('PropertyNotLoaded'));
      r.load('values');
      expect(() => r.values).toThrow(withCode('PropertyNotLoaded'));
      const none = ctx.workbook.worksheets.getItemOrNullObject('无');
      expect(() => none.isNullObject).toThrow(withCode('PropertyNotLoaded'));
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(none.isNullObject).toBe(true);
      // A property set is queued, not readable back.
      r.values = [[2]];
      expect(w.value('表', 'A1')).toBe(1);
      await ctx.sync();
      expect(w.value('表', 'A1')).toBe(2);
    });
    expect(w.syncs).toBe(2);
  });

  it('runs the queue in order: a load placed before a write sees the old value', async () => {
    const w = wb();
    await w.env().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表').getRange('A1');
      r.format.fill.load('color,pattern');
      r.format.fill.color = '#FFC7CE';
      await ctx.sync();
      expect([r.format.fill.color, r.format.fill.pattern]).toEqual(['#FFFFFF', 'None']);
    });
    expect(w.fill('表', 'A1')).toBe('#FFC7CE');
  });

  it('stops at the first failing action and keeps what ran before it', async () => {
    const w = wb();
    await expect(
      w.env().run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('表');
        ws.getRange('A1').format.fill.color = '#FFC7CE';
        ws.notes.add('B1', '一');
        ws.notes.add('B1', '二');
        ws.getRange('A2').values = [['not reached']];
        await ctx.sync();
      }),
    ).rejects.toThrow(withCode('InvalidArgument'));
    expect([w.fill('表', 'A1'), w.note('表', 'B1'), w.value('表', 'A2')]).toEqual(['#FFC7CE', '一', null]);
  });

  it('types like Excel: `=…` becomes a formula and `001` a number, unless the cell is text', async () => {
    const w = wb();
    await w.env().run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表');
      ws.getRange('A3:B3').values = [['=SUM(A1)', '001']];
      const t = ws.getRange('A4:B4');
      t.numberFormat = [['@', '@']];
      t.values = [['=SUM(A1)', '001']];
      await ctx.sync();
    });
    expect(w.cell('表', 'A3')).toMatchObject({ formula: '=SUM(A1)' });
    expect(w.value('表', 'B3')).toBe(1);
    expect(w.cell('表', 'A4')).toEqual({ value: '=SUM(A1)', numberFormat: '@' });
    expect(w.value('表', 'B4')).toBe('001');
  });

  it('enforces requirement sets, protection, name clashes and array shapes', async () => {
    const w = wb();
    w.excelApi = '1.17';
    const run = (fn: (ctx: Excel.RequestContext) => void) =>
      w.env().run(async (ctx) => {
        fn(ctx);
        await ctx.sync();
      });
    await expect(run((ctx) => ctx.workbook.worksheets.getItem('表').notes.add('A1', 'n'))).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(run((ctx) => void ctx.workbook.worksheets.add('表'))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(run((ctx) => (ctx.workbook.worksheets.getItem('表').getRange('A1:B1').values = [[1]]))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    w.sheet('表').protected = true;
    await expect(run((ctx) => (ctx.workbook.worksheets.getItem('表').getRange('A1').format.fill.color = '#FFC7CE'))).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    await expect(run((ctx) => ctx.workbook.worksheets.getItem('无此表').activate())).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('refuses members it does not model, read-only writes, and proxies used after their run', async () => {
    const w = wb();
    let kept: Excel.Range | null = null;
    await w.env().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表').getRange('A1');
      expect(() => (r as unknown as { hyperlink: unknown }).hyperlink).toThrow('fake Excel: RangeP.hyperlink is not modelled');
      expect(() => {
        (r as unknown as { rowCount: number }).rowCount = 3;
      }).toThrow(TypeError);
      kept = r;
      await ctx.sync();
    });
    expect(() => kept!.load('values')).toThrow(FakeError);
  });

  it('enforces the response payload limit', async () => {
    const w = wb();
    w.responseLimit = 10;
    await expect(
      w.env().run(async (ctx) => {
        ctx.workbook.worksheets.getItem('表').getRange('A1:B1').load('values,numberFormat');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('getCellProperties: format.fill only, value after the sync, ExcelApi 1.9', async () => {
    const w = wb();
    w.setFill('表', 'B1', '#00B050');
    await w.env().run(async (ctx) => {
      const props = ctx.workbook.worksheets
        .getItem('表')
        .getRange('A1:B2')
        .getCellProperties({ format: { fill: { color: true, pattern: true } } });
      expect(() => props.value).toThrow(withCode('PropertyNotLoaded'));
      await ctx.sync();
      expect(props.value).toEqual([
        [{ format: { fill: { color: '#FFFFFF', pattern: 'None' } } }, { format: { fill: { color: '#00B050', pattern: 'Solid' } } }],
        [{ format: { fill: { color: '#FFFFFF', pattern: 'None' } } }, { format: { fill: { color: '#FFFFFF', pattern: 'None' } } }],
      ]);
      const colourOnly = ctx.workbook.worksheets
        .getItem('表')
        .getRange('B1')
        .getCellProperties({ format: { fill: { color: true } } });
      await ctx.sync();
      expect(colourOnly.value).toEqual([[{ format: { fill: { color: '#00B050' } } }]]);
      const r = ctx.workbook.worksheets.getItem('表').getRange('A1');
      expect(() => r.getCellProperties({ format: { font: { bold: true } } })).toThrow('is not modelled');
      expect(() => r.getCellProperties({ address: true, format: { fill: { color: true } } })).toThrow('is not modelled');
    });
    w.excelApi = '1.8';
    await expect(
      w.env().run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem('表')
          .getRange('A1')
          .getCellProperties({ format: { fill: { color: true } } });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it("a sheet's notes load as items (content only: a note has no address, only getLocation)", async () => {
    const w = wb();
    w.sheet('表').notes.set('C3', '三');
    w.sheet('表').notes.set('A2', '二');
    w.set('乙', 'A1', [[1]]);
    w.sheet('乙').notes.set('A1', '乙一');
    await w.env().run(async (ctx) => {
      const notes = ctx.workbook.worksheets.getItem('表').notes;
      notes.load('items/content');
      expect(() => notes.items).toThrow(withCode('PropertyNotLoaded'));
      const all = ctx.workbook.notes;
      all.load('items/content');
      await ctx.sync();
      expect(notes.items.map((n) => n.content)).toEqual(['二', '三']);
      expect(all.items.map((n) => n.content)).toEqual(['二', '三', '乙一']);
      expect(() => (notes.items[0] as unknown as { address: string }).address).toThrow('is not modelled');
    });
  });

  it('getUsedRange never gives a null object: a blank sheet gives A1 (getUsedRangeOrNullObject gives null)', async () => {
    const w = wb();
    w.addSheet('空');
    await w.env().run(async (ctx) => {
      const blank = ctx.workbook.worksheets.getItem('空');
      const used = blank.getUsedRange(true);
      used.load('address');
      const orNull = blank.getUsedRangeOrNullObject(true);
      const full = ctx.workbook.worksheets.getItem('表').getUsedRange(true);
      full.load('address');
      await ctx.sync();
      expect([used.address, orNull.isNullObject, full.address]).toEqual(['空!A1', true, '表!A1:B1']);
    });
  });
});
