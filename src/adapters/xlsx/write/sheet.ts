/**
 * A worksheet part opened for editing: `<sheetData>` indexed by row and cell with their offsets, edits kept per
 * cell, and the part written back with only the edited rows rebuilt. Inside a rebuilt row every untouched
 * cell and every byte between cells is copied; everything outside `<sheetData>` is copied as it was, except
 * the few elements the writer adds explicitly (a `<legacyDrawing>` for notes).
 */
import { cellAddress } from '../../../core/snapshot';
import { parseCellRef } from '../read/sheet';
import { applySplices, attrByLocalName, mainPrefix, scanXml, withPrefix, type Splice } from '../package/xml';

export interface CellSlot {
  col: number;
  /** The `<c>` element as it stands now (edited or not). */
  text: string;
  /** Offsets in the part; -1 for a cell this writer created. */
  start: number;
  end: number;
  removed: boolean;
}

interface RowSlot {
  row: number;
  /** The `<row>` start tag as written. */
  openTag: string;
  selfClosing: boolean;
  start: number;
  end: number;
  /** Offset just after the start tag, and of `</row>`. */
  innerStart: number;
  innerEnd: number;
  cells: CellSlot[];
  created: boolean;
  dirty: boolean;
  /** An existing row taken out again (it was created by an earlier write of this writer). */
  dropped?: boolean;
}

/** Top-level elements of a worksheet that come after `<legacyDrawing>` in the schema's order. */
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

export class SheetDoc {
  private readonly rows = new Map<number, RowSlot>();
  /** Existing rows in document order. */
  private readonly rowList: RowSlot[] = [];
  private sheetData = { start: -1, end: -1, innerStart: -1, innerEnd: -1, selfClosing: false };
  /** `<sheetData/>` as it was before this writer's first row, to put back when its rows are gone again. */
  private emptySheetData: string | null = null;
  /** Where a new `<legacyDrawing>` goes, and whether the sheet has one already (its relationship id). */
  private legacyAt = -1;
  legacyDrawingId: string | null = null;
  /** Column formats (`<col style>`), for cells this writer creates. */
  private readonly colStyles: { min: number; max: number; style: number }[] = [];
  private readonly rowStyles = new Map<number, number>();
  private legacyInsert: string | null = null;
  private legacySpan: { start: number; end: number } | null = null;
  private legacyRemove = false;

  /** The part's main namespace prefix (`x:` in .NET-written parts), used for every element this writer adds. */
  readonly prefix: string;

  constructor(readonly xml: string) {
    this.prefix = mainPrefix(xml);
    this.index();
  }

  /** A snippet of ours in the part's prefix. */
  own(snippet: string): string {
    return withPrefix(snippet, this.prefix);
  }

  private index(): void {
    let depth = 0;
    let row: RowSlot | null = null;
    let cellStart = -1;
    let cellCol = -1;
    let nextRow = 0;
    let nextCol = 0;
    scanXml(this.xml, {
      open: (name, tag) => {
        depth++;
        if (depth === 2) {
          if (name === 'sheetData') {
            this.sheetData = { start: tag.start, end: tag.end, innerStart: tag.end, innerEnd: tag.end, selfClosing: tag.selfClosing };
          } else if (name === 'legacyDrawing') {
            this.legacyDrawingId = attrByLocalName(tag, 'id') ?? null;
            this.legacySpan = { start: tag.start, end: tag.end };
          } else if (this.legacyAt < 0 && (AFTER_LEGACY_DRAWING.has(name) || name === 'mc:AlternateContent') && this.sheetData.start >= 0) {
            this.legacyAt = tag.start;
          }
        } else if (depth === 3 && name === 'col') {
          const style = tag.attr('style');
          if (style !== undefined)
            this.colStyles.push({ min: Number(tag.attr('min')) - 1, max: Number(tag.attr('max')) - 1, style: Number(style) });
        } else if (depth === 3 && name === 'row') {
          const r = tag.attr('r');
          const index = r !== undefined ? Number(r) - 1 : nextRow;
          const rowStyle = tag.attr('s');
          if (rowStyle !== undefined && (tag.attr('customFormat') === '1' || tag.attr('customFormat') === 'true'))
            this.rowStyles.set(index, Number(rowStyle));
          nextRow = index + 1;
          nextCol = 0;
          row = {
            row: index,
            openTag: this.xml.slice(tag.start, tag.end),
            selfClosing: tag.selfClosing,
            start: tag.start,
            end: tag.end,
            innerStart: tag.end,
            innerEnd: tag.end,
            cells: [],
            created: false,
            dirty: false,
          };
          this.rows.set(index, row);
          this.rowList.push(row);
        } else if (depth === 4 && name === 'c' && row !== null) {
          const r = tag.attr('r');
          const ref = r !== undefined ? parseCellRef(r) : null;
          cellCol = ref ? ref.col : nextCol;
          nextCol = cellCol + 1;
          cellStart = tag.start;
        }
      },
      close: (name, start, end) => {
        if (depth === 4 && name === 'c' && row !== null && cellStart >= 0) {
          row.cells.push({ col: cellCol, text: this.xml.slice(cellStart, end), start: cellStart, end, removed: false });
          cellStart = -1;
        } else if (depth === 3 && name === 'row' && row !== null) {
          if (!row.selfClosing) row.innerEnd = start;
          row.end = end;
          row = null;
        } else if (depth === 2 && name === 'sheetData') {
          if (!this.sheetData.selfClosing) this.sheetData.innerEnd = start;
          this.sheetData.end = end;
        } else if (depth === 1 && this.legacyAt < 0) {
          this.legacyAt = start;
        }
        depth--;
      },
    });
    if (this.sheetData.start < 0) throw new Error('工作表部件中没有 sheetData');
    for (const r of this.rowList) r.cells.sort((a, b) => a.col - b.col);
  }

  /** The format an empty cell shows: its row's, else its column's, else the default. */
  inheritedStyle(row: number, col: number): number {
    return this.rowStyles.get(row) ?? this.colStyles.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
  }

  /** The cell at (row, col), or null when the part has no element for it. */
  cell(row: number, col: number): CellSlot | null {
    const c = this.rows.get(row)?.cells.find((x) => x.col === col && !x.removed);
    return c ?? null;
  }

  /** The cell's element, created empty (`<c r="B5"/>`) when missing. */
  ensureCell(row: number, col: number): CellSlot {
    const found = this.cell(row, col);
    if (found) return found;
    let r = this.rows.get(row);
    if (!r) {
      r = {
        row,
        openTag: `<row r="${row + 1}">`,
        selfClosing: false,
        start: -1,
        end: -1,
        innerStart: -1,
        innerEnd: -1,
        cells: [],
        created: true,
        dirty: true,
      };
      this.rows.set(row, r);
    }
    r.dropped = false;
    const slot: CellSlot = { col, text: this.own(`<c r="${cellAddress(row, col)}"/>`), start: -1, end: -1, removed: false };
    const at = r.cells.findIndex((x) => x.col > col);
    if (at < 0) r.cells.push(slot);
    else r.cells.splice(at, 0, slot);
    r.dirty = true;
    return slot;
  }

  /** Replaces the cell's element text (null removes the element: only for cells this writer created). */
  setCell(row: number, col: number, text: string | null): void {
    const r = this.rows.get(row);
    const slot = r?.cells.find((x) => x.col === col && !x.removed);
    if (!r || !slot) {
      if (text === null) return;
      this.ensureCell(row, col).text = this.own(text);
      return;
    }
    if (text === null) slot.removed = true;
    else slot.text = this.own(text);
    r.dirty = true;
  }

  /** The `<row>` start tag of an existing row (null for a row this writer created or one that does not exist). */
  rowTag(row: number): string | null {
    const r = this.rows.get(row);
    return r && !r.created && !r.dropped ? r.openTag : null;
  }

  /** The `<sheetData/>` element when the sheet has no row at all (what a first write will open up). */
  emptySheetDataTag(): string | null {
    if (this.emptySheetData !== null) return this.emptySheetData;
    return this.sheetData.selfClosing ? this.xml.slice(this.sheetData.start, this.sheetData.end) : null;
  }

  /** Takes out a row that has no cell left (one an earlier write created). */
  dropRowIfEmpty(row: number): void {
    const r = this.rows.get(row);
    if (r && r.cells.every((c) => c.removed)) {
      r.dropped = true;
      r.dirty = true;
    }
  }

  /** Gives `<sheetData>` back its empty form `tag` once it has no row left. */
  restoreEmptySheetData(tag: string): void {
    this.emptySheetData = tag;
  }

  /** Restores a row's original form: `tag` becomes its start tag when it has no cell left. */
  restoreEmptyRow(row: number, tag: string): void {
    const r = this.rows.get(row);
    if (r && r.cells.every((c) => c.removed)) {
      r.openTag = tag;
      r.selfClosing = /\/>$/.test(tag);
      r.dirty = true;
    }
  }

  /** Adds `<legacyDrawing r:id="…"/>` where the schema puts it. */
  addLegacyDrawing(relId: string): void {
    this.legacyDrawingId = relId;
    // The relationships prefix declared on the element itself: the part may not declare it at its root.
    const relNs = this.xml.includes('http://purl.oclc.org/ooxml/officeDocument/relationships')
      ? 'http://purl.oclc.org/ooxml/officeDocument/relationships'
      : 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    this.legacyInsert = this.own(`<legacyDrawing xmlns:r="${relNs}" r:id="${relId}"/>`);
  }

  /** The part with every edit. */
  toXml(): string {
    const splices: Splice[] = [];
    for (const r of this.rowList) if (r.dirty) splices.push({ start: r.start, end: r.end, text: this.rowText(r) });
    const created = [...this.rows.values()].filter((r) => r.created && r.cells.some((c) => !c.removed)).sort((a, b) => a.row - b.row);
    for (const r of created) {
      const next = this.rowList.find((x) => x.row > r.row);
      splices.push({
        start: next ? next.start : this.sheetData.innerEnd,
        end: next ? next.start : this.sheetData.innerEnd,
        text: this.rowText(r),
      });
    }
    const sd = this.sheetData;
    if (sd.selfClosing && created.length > 0) {
      // `<sheetData/>` becomes `<sheetData>…</sheetData>`: one splice for the whole element.
      const inner = created.map((r) => this.rowText(r)).join('');
      const tag = this.xml.slice(sd.start, sd.end).replace(/\s*\/>$/, '>');
      const rest = splices.filter((s) => s.start !== sd.innerEnd);
      rest.push({ start: sd.start, end: sd.end, text: `${tag}${inner}</${this.prefix}sheetData>` });
      splices.length = 0;
      splices.push(...rest);
    }
    const liveRows = this.rowList.some((r) => !r.dropped) || created.length > 0;
    if (this.emptySheetData !== null && !liveRows && !sd.selfClosing) {
      splices.length = 0;
      splices.push({ start: sd.start, end: sd.end, text: this.emptySheetData });
    }
    if (this.legacyRemove && this.legacySpan !== null) splices.push({ ...this.legacySpan, text: '' });
    if (this.legacyInsert !== null) {
      const at = this.legacyAt >= 0 ? this.legacyAt : this.xml.length;
      splices.push({ start: at, end: at, text: this.legacyInsert });
    }
    return applySplices(this.xml, splices);
  }

  /** Removes the `<legacyDrawing>` element (its notes are gone). */
  removeLegacyDrawing(): void {
    this.legacyDrawingId = null;
    this.legacyInsert = null;
    this.legacyRemove = true;
  }

  private rowText(r: RowSlot): string {
    if (r.dropped) return '';
    const live = r.cells.filter((c) => !c.removed);
    const close = `</${this.prefix}row>`;
    if (r.created) return live.length === 0 ? '' : `${r.openTag}${live.map((c) => c.text).join('')}${close}`;
    if (live.length === 0 && r.selfClosing) return r.openTag;
    // Existing row: untouched cells and the text between cells kept; created cells go in column order.
    let out = r.selfClosing ? r.openTag.replace(/\s*\/>$/, '>') : r.openTag;
    let at = r.innerStart;
    for (const c of r.cells) {
      if (c.start >= 0) {
        out += this.xml.slice(at, c.start);
        at = c.end;
      }
      if (!c.removed) out += c.text;
    }
    out += r.selfClosing ? '' : this.xml.slice(at, r.innerEnd);
    return `${out}${close}`;
  }
}
