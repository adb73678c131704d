/**
 * The fast worksheet and shared-string scanner (src/adapters/xlsx/read/scan.ts) on the XML that real generators
 * write and on the rare forms it must still read exactly: entities in values and attributes (the tokenizer runs
 * without decoding them), prefixed main elements, rows and cells without `r`, CDATA, phonetic guides, empty and
 * odd `<v>` texts. Each expectation is what the generic scanner gave before the fast path replaced it.
 */
import { readSheetCells, type SheetContext } from '../src/adapters/xlsx/read/sheet';
import { readSharedStrings } from '../src/adapters/xlsx/read/strings';

const ctx: SheetContext = {
  strings: ['zero', 'one', 'two'],
  formats: { codes: [undefined, '0.00', 'yyyy-mm-dd', '#,##0'], dates: [false, false, true, false] },
  date1904: false,
};

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheetXml(body: string, after = '', prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  return `<?xml version="1.0"?><${p}worksheet ${ns}="${NS}"><${p}sheetData>${body}</${p}sheetData>${after}</${p}worksheet>`;
}

const read = (xml: string) => readSheetCells(xml, ctx, Number.MAX_SAFE_INTEGER);

describe('worksheet scanner', () => {
  test('types, formats and the shown text of plain decimals', () => {
    const xml = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>1.5</v></c><c r="C1" s="1"><v>-0.125</v></c>' +
        '<c r="D1" s="2"><v>45000</v></c><c r="E1" s="3"><v>1234567.891</v></c><c r="F1" s="1"><v>7</v></c></row>',
    );
    expect(read(xml).cells).toEqual([
      { row: 0, col: 0, value: 'one' },
      { row: 0, col: 1, value: 1.5, text: '1.5' },
      { row: 0, col: 2, value: -0.125, format: '0.00', text: '-0.13' },
      { row: 0, col: 3, value: '2023-03-15', format: 'yyyy-mm-dd', text: '2023-03-15' },
      { row: 0, col: 4, value: 1234567.891, format: '#,##0', text: '1,234,568' },
      { row: 0, col: 5, value: 7, format: '0.00', text: '7.00' },
    ]);
  });

  test('entities in values, inline strings and attributes are decoded; rows and cells without r follow the previous one', () => {
    const xml = sheetXml(
      '<row><c><v>1</v></c><c><v>2</v></c></row>' +
        '<row><c t="str"><v>a&amp;b&#10;c</v></c><c t="inlineStr"><is><t>x&lt;</t><r><t>y</t></r><rPh><t>ph</t></rPh></is></c></row>' +
        '<row r="5"><c r="A&#53;" s="&#49;"><v>3</v></c><c t="&#115;"><v>&#50;</v></c></row>',
    );
    expect(read(xml).cells).toEqual([
      { row: 0, col: 0, value: 1, text: '1' },
      { row: 0, col: 1, value: 2, text: '2' },
      { row: 1, col: 0, value: 'a&b\nc' },
      { row: 1, col: 1, value: 'x<y' },
      { row: 4, col: 0, value: 3, format: '0.00', text: '3.00' },
      { row: 4, col: 1, value: 'two' },
    ]);
  });

  test('main elements in the root prefix (x:c) count, other prefixes do not; merges and protection', () => {
    const xml = sheetXml(
      '<x:row r="3"><x:c r="B3" t="s"><x:v>2</x:v></x:c><c r="C3"><v>7</v></c><y:c r="D3"><y:v>9</y:v></y:c></x:row>',
      '<x:mergeCells><x:mergeCell ref="B3:C3"/></x:mergeCells><x:sheetProtection sheet="1"/>',
      'x',
    );
    const out = read(xml);
    expect(out.cells).toEqual([{ row: 2, col: 1, value: 'two' }]); // C3 is covered by the merge
    expect(out.merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 2 }]);
    expect(out.protected).toBe(true);
  });

  test('odd <v> texts read as Number() reads them; CDATA; formulas without a value', () => {
    const xml = sheetXml(
      '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#REF!</v></c><c r="C2" t="d"><v>2023-01-01T00:00:00Z</v></c>' +
        '<c r="D2"><f>A1</f><v></v></c><c r="E2"><v> 12 </v></c><c r="F2"><v>1e5</v></c><c r="G2"><v><![CDATA[42]]></v></c>' +
        '<c r="H2"><v>0.1234567890123456789</v></c><c r="I2"><v>.5</v></c><c r="J2"><v>5.</v></c><c r="K2"><v>-</v></c>' +
        '<c r="L2" t="s"><v></v></c><c r="M2" t="zz"><v>5</v></c><c r="N2" s="2" t=""><v>45000</v></c><c r="O2" s="2"/></row>',
    );
    expect(read(xml).cells).toEqual([
      { row: 1, col: 0, value: true, text: 'TRUE' },
      { row: 1, col: 1, value: '#REF!' },
      { row: 1, col: 2, value: '2023-01-01', text: '2023-01-01' },
      { row: 1, col: 3, value: null, formula: true },
      { row: 1, col: 4, value: 12, text: '12' },
      { row: 1, col: 5, value: 100000, text: '100000' },
      { row: 1, col: 6, value: 42, text: '42' },
      { row: 1, col: 7, value: 0.12345678901234568, text: '0.123456789' },
      { row: 1, col: 8, value: 0.5, text: '0.5' },
      { row: 1, col: 9, value: 5, text: '5' },
      { row: 1, col: 11, value: 'zero' }, // Number('') is 0: the first shared string, as before
      { row: 1, col: 12, value: 5, text: '5' },
      { row: 1, col: 13, value: '2023-03-15', format: 'yyyy-mm-dd', text: '2023-03-15' },
    ]);
  });
});

describe('shared strings scanner', () => {
  test('runs joined, phonetic guides left out, entities, CDATA and _xHHHH_ escapes decoded', () => {
    const xml =
      '<?xml version="1.0"?><sst xmlns="x" count="3"><si><t>a&amp;b</t></si>' +
      '<si><r><rPr><b/></rPr><t xml:space="preserve"> x </t></r><r><t>y&#x4E2D;</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></si>' +
      '<si><t/></si><si><t>_x000D_q</t></si><si><t><![CDATA[<c>]]></t></si><si></si><si><t>&lt;&gt;&quot;&apos;&nbsp;&amp</t></si></sst>';
    expect(readSharedStrings(xml)).toEqual(['a&b', ' x y中', '', '\rq', '<c>', '', '<>"\'&nbsp;&amp']);
  });

  test('prefixed tables', () => {
    expect(readSharedStrings('<x:sst xmlns:x="x"><x:si><x:t>p</x:t></x:si><si><t>q</t></si><y:si><y:t>r</y:t></y:si></x:sst>')).toEqual([
      'p',
      'q',
    ]);
  });
});
