/** What the snapshot needs of the style sheet: each cell format's number format code, and whether it shows dates. */
import { BUILTIN_FORMATS, isDateFormat } from '../numfmt';
import { scanXml } from '../package/xml';

export interface CellFormats {
  /** Number format code per cellXfs index; undefined for General. */
  codes: (string | undefined)[];
  /** True per cellXfs index when the format shows a date or time. */
  dates: boolean[];
}

export function readCellFormats(xml: string | undefined): CellFormats {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  if (xml !== undefined) {
    let inCellXfs = false;
    scanXml(xml, {
      open(name, tag) {
        const id = tag.attr('numFmtId');
        if (name === 'numFmt' && id !== undefined) custom.set(Number(id), tag.attr('formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) ids.push(Number(id ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
  }
  const codes = ids.map((id) => {
    const code = custom.get(id) ?? BUILTIN_FORMATS[id];
    return code === undefined || code === 'General' ? undefined : code;
  });
  return { codes, dates: codes.map((c) => c !== undefined && isDateFormat(c)) };
}
