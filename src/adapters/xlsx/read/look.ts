/**
 * How a sheet looks, for the standalone page's grid: each styled cell's solid fill, bold, alignment and
 * wrapping, the notes, column widths and row heights. Presentation only; the snapshot holds the values.
 */
import { isRelType, readRelationships } from '../package/opc';
import { scanXml } from '../package/xml';
import type { OpenedWorkbook } from '../read';
import { commentText } from '../write/notes';
import { parseCellRef } from './sheet';

export interface CellLook {
  /** `AARRGGBB` of a solid fill. */
  fill?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface SheetLook {
  /** By row, then column: cells that have a style (values or not). */
  cells: Map<number, Map<number, CellLook>>;
  notes: Map<string, string>;
  /** Column widths in characters, by column index. */
  widths: Map<number, number>;
  defaultWidth?: number;
  /** Row heights in points, for rows sized explicitly. */
  heights: Map<number, number>;
}

interface XfLook {
  look: CellLook;
  empty: boolean;
}

function styleLooks(xml: string | undefined): XfLook[] {
  if (xml === undefined) return [];
  const fills: (string | undefined)[] = [];
  const bold: boolean[] = [];
  const out: XfLook[] = [];
  let list = '';
  let inFill = false;
  let fillType = '';
  let fillColor: string | undefined;
  let inFont = false;
  let fontBold = false;
  let xf: CellLook | null = null;
  scanXml(xml, {
    open(name, tag) {
      if (name === 'fills' || name === 'fonts' || name === 'cellXfs' || name === 'cellStyleXfs' || name === 'dxfs') list = name;
      else if (list === 'fills' && name === 'fill') {
        inFill = true;
        fillType = '';
        fillColor = undefined;
      } else if (inFill && name === 'patternFill') fillType = tag.attr('patternType') ?? '';
      else if (inFill && name === 'fgColor') fillColor = tag.attr('rgb');
      else if (list === 'fonts' && name === 'font') {
        inFont = true;
        fontBold = false;
      } else if (inFont && name === 'b') fontBold = tag.attr('val') !== '0' && tag.attr('val') !== 'false';
      else if (list === 'cellXfs' && name === 'xf') {
        xf = {};
        const fill = fills[Number(tag.attr('fillId') ?? 0)];
        if (fill) xf.fill = fill;
        if (bold[Number(tag.attr('fontId') ?? 0)]) xf.bold = true;
      } else if (xf !== null && name === 'alignment') {
        const h = tag.attr('horizontal');
        if (h === 'left' || h === 'center' || h === 'right') xf.align = h;
        else if (h === 'centerContinuous') xf.align = 'center';
        if (tag.attr('wrapText') === '1' || tag.attr('wrapText') === 'true') xf.wrap = true;
      }
    },
    close(name) {
      if (name === 'fill' && inFill) {
        fills.push(fillType === 'solid' && fillColor ? (fillColor.length === 6 ? `FF${fillColor}` : fillColor).toUpperCase() : undefined);
        inFill = false;
      } else if (name === 'font' && inFont) {
        bold.push(fontBold);
        inFont = false;
      } else if (name === 'xf' && xf !== null) {
        out.push({ look: xf, empty: Object.keys(xf).length === 0 });
        xf = null;
      } else if (name === list) list = '';
    },
  });
  return out;
}

export function readSheetLook(opened: OpenedWorkbook, sheetName: string): SheetLook | null {
  const { pkg, book } = opened;
  const entry = book.sheets.find((s) => s.name === sheetName && s.part !== null);
  const xml = entry ? pkg.text(entry.part!) : undefined;
  if (!entry || xml === undefined) return null;
  const xfs = styleLooks(book.styles ? pkg.text(book.styles) : undefined);
  const look: SheetLook = { cells: new Map(), notes: new Map(), widths: new Map(), heights: new Map() };
  let row = -1;
  let nextCol = 0;
  scanXml(xml, {
    open(name, tag) {
      if (name === 'row') {
        const r = tag.attr('r');
        row = r !== undefined ? Number(r) - 1 : row + 1;
        nextCol = 0;
        const ht = tag.attr('ht');
        if (ht !== undefined && (tag.attr('customHeight') === '1' || tag.attr('customHeight') === 'true'))
          look.heights.set(row, Number(ht));
      } else if (name === 'c') {
        const ref = parseCellRef(tag.attr('r') ?? '');
        const col = ref ? ref.col : nextCol;
        if (ref) row = ref.row;
        nextCol = col + 1;
        const x = xfs[Number(tag.attr('s') ?? 0)];
        if (x && !x.empty) {
          let m = look.cells.get(row);
          if (!m) look.cells.set(row, (m = new Map<number, CellLook>()));
          m.set(col, x.look);
        }
      } else if (name === 'col') {
        const w = tag.attr('width');
        if (w === undefined) return;
        for (let c = Number(tag.attr('min')) - 1; c <= Math.min(Number(tag.attr('max')) - 1, 16383) && c < 1024; c++)
          look.widths.set(c, Number(w));
      } else if (name === 'sheetFormatPr') {
        const w = tag.attr('defaultColWidth');
        if (w !== undefined) look.defaultWidth = Number(w);
      }
    },
  });
  const comments = readRelationships(pkg, entry.part!).find((r) => isRelType(r, 'comments') && r.part !== null);
  const cxml = comments ? pkg.text(comments.part!) : undefined;
  if (cxml !== undefined) {
    let start = -1;
    let ref = '';
    scanXml(cxml, {
      open(name, tag) {
        if (name === 'comment') {
          start = tag.start;
          ref = (tag.attr('ref') ?? '').toUpperCase();
        }
      },
      close(name, _s, end) {
        if (name === 'comment' && start >= 0) {
          const t = commentText(cxml.slice(start, end));
          if (t !== '') look.notes.set(ref, t);
          start = -1;
        }
      },
    });
  }
  return look;
}
