/**
 * The plain in-memory workbook behind the fake Excel API: sheets of cells, merges, fills, notes, comments.
 * Tests build it (often from a WorkbookSnapshot), hand `wb.env()` to the adapter, then inspect it.
 */
import type { CellValue, RangeBox, WorkbookSnapshot } from '../../src/core/snapshot';
import { cellAddress, parseRange } from '../../src/core/snapshot';
import type { OfficeEnv } from '../../src/adapters/office/env';
import { runBatch, type SyncRecord } from './proxies';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface FakeFill {
  color: string;
  pattern: string;
}

export interface FakeCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat?: string;
  fill?: FakeFill;
  bold?: boolean;
  /** Font, alignment and borders (only what the template writes is modelled): `size`, `horizontal`, `wrap`, `borders`. */
  look?: { size?: number; font?: string; horizontal?: string; vertical?: string; wrap?: boolean; borders?: string[] };
}

/** A sheet's page setup (ExcelApi 1.9), as far as the template writes it. */
export interface FakePageLayout {
  orientation: 'Portrait' | 'Landscape';
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows: string | null;
}

export interface FakeComment {
  id: string;
  sheet: FakeSheet;
  cell: string;
  content: string;
}

let nextId = 1;

export class FakeSheet {
  readonly id = `{00000000-0001-0000-0000-${String(nextId++).padStart(12, '0')}}`;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  deleted = false;
  readonly cells = new Map<string, FakeCell>();
  merges: RangeBox[] = [];
  /** A1 → note text. */
  readonly notes = new Map<string, string>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  pageLayout: FakePageLayout = { orientation: 'Portrait', zoom: { scale: 100 }, printTitleRows: null };
  constructor(public name: string) {}

  static key(row: number, col: number): string {
    return `${row},${col}`;
  }

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(FakeSheet.key(row, col));
  }

  ensure(row: number, col: number): FakeCell {
    const k = FakeSheet.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { value: null };
      this.cells.set(k, c);
    }
    return c;
  }

  /** Drops a cell that no longer holds anything. */
  tidy(row: number, col: number): void {
    const k = FakeSheet.key(row, col);
    const c = this.cells.get(k);
    if (c && (c.value === null || c.value === '') && !c.formula && !c.numberFormat && !c.fill && !c.bold) this.cells.delete(k);
  }

  /** Bounding box of cells with a value (valuesOnly) or with anything at all. */
  usedBox(valuesOnly: boolean): RangeBox | null {
    let box: RangeBox | null = null;
    for (const [k, c] of this.cells) {
      const has = (c.value !== null && c.value !== '') || !!c.formula;
      if (valuesOnly ? !has : !has && !c.fill && !c.numberFormat && !c.bold) continue;
      const [r, col] = k.split(',').map(Number);
      if (!box) box = { top: r, left: col, bottom: r, right: col };
      else {
        box.top = Math.min(box.top, r);
        box.left = Math.min(box.left, col);
        box.bottom = Math.max(box.bottom, r);
        box.right = Math.max(box.right, col);
      }
    }
    return box;
  }
}

export interface FakeOptions {
  /** Highest ExcelApi requirement set the fake host supports (`1.18` by default). */
  excelApi?: string;
  /** Excel on the web's limits: 5 MB per request and per response. */
  requestLimit?: number;
  responseLimit?: number;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  comments: FakeComment[] = [];
  structureProtected = false;
  selection: { sheet: string; address: string } | null = null;
  activeSheet: FakeSheet | null = null;
  excelApi: string;
  requestLimit: number;
  responseLimit: number;
  /** One entry per `context.sync()`. */
  readonly syncLog: SyncRecord[] = [];
  /** Test hook: the n-th write action (1-based, counted over the next syncs) fails with GeneralException. */
  failAtWrite: number | null = null;
  private commentSeq = 1;

  constructor(options: FakeOptions = {}) {
    this.excelApi = options.excelApi ?? '1.18';
    this.requestLimit = options.requestLimit ?? 5 * 1024 * 1024;
    this.responseLimit = options.responseLimit ?? 5 * 1024 * 1024;
  }

  get syncs(): number {
    return this.syncLog.length;
  }

  static fromSnapshot(snapshot: WorkbookSnapshot, options: FakeOptions = {}): FakeWorkbook {
    const wb = new FakeWorkbook(options);
    for (const s of snapshot.sheets) {
      const sheet = wb.addSheet(s.name);
      for (const c of s.cells) {
        const cell = sheet.ensure(c.row, c.col);
        cell.value = c.value;
        if (c.format) cell.numberFormat = c.format;
        if (c.formula) cell.formula = '=N(0)';
      }
      sheet.merges = s.merges.map((m) => ({ ...m }));
      if (s.protected) sheet.protected = true;
      if (s.hidden) sheet.visibility = 'Hidden';
    }
    return wb;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = s;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  find(nameOrId: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase() || s.id === nameOrId);
  }

  /** Sets cells from A1 with a 2-D array (test setup). */
  set(sheet: string, a1: string, rows: CellValue[][]): void {
    const s = this.find(sheet) ?? this.addSheet(sheet);
    const b = parseRange(a1);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        s.ensure(b.top + i, b.left + j).value = v;
      }),
    );
  }

  // ---------- inspection ----------

  cell(sheet: string, a1: string): FakeCell | undefined {
    const b = parseRange(a1);
    return this.sheet(sheet).get(b.top, b.left);
  }

  value(sheet: string, a1: string): string | number | boolean | null {
    return this.cell(sheet, a1)?.value ?? null;
  }

  /** `#RRGGBB` of a solid fill, or null for none. */
  fill(sheet: string, a1: string): string | null {
    return this.cell(sheet, a1)?.fill?.color ?? null;
  }

  setFill(sheet: string, a1: string, color: string | null): void {
    const b = parseRange(a1);
    const s = this.sheet(sheet);
    for (let r = b.top; r <= b.bottom; r++)
      for (let c = b.left; c <= b.right; c++) {
        if (color === null) {
          const cell = s.get(r, c);
          if (cell) delete cell.fill;
          s.tidy(r, c);
        } else s.ensure(r, c).fill = { color: color.toUpperCase(), pattern: 'Solid' };
      }
  }

  note(sheet: string, a1: string): string | null {
    return this.sheet(sheet).notes.get(a1) ?? null;
  }

  commentAt(sheet: string, a1: string): FakeComment | undefined {
    const s = this.sheet(sheet);
    return this.comments.find((c) => c.sheet === s && c.cell === a1);
  }

  addComment(sheet: FakeSheet, cell: string, content: string): FakeComment {
    const c = { id: `comment-${this.commentSeq++}`, sheet, cell, content };
    this.comments.push(c);
    return c;
  }

  /** Non-empty cells of a sheet as `A1 → value`, for compact assertions. */
  dump(sheet: string): Record<string, string | number | boolean> {
    const out: Record<string, string | number | boolean> = {};
    for (const [k, c] of this.sheet(sheet).cells) {
      if (c.value === null || c.value === '') continue;
      const [r, col] = k.split(',').map(Number);
      out[cellAddress(r, col)] = c.value;
    }
    return out;
  }

  supports(version: string): boolean {
    const [a, b] = version.split('.').map(Number);
    const [x, y] = this.excelApi.split('.').map(Number);
    return a < x || (a === x && b <= y);
  }

  /** What the adapter gets instead of the real `Excel.run` and requirement check. */
  env(): OfficeEnv {
    return {
      run: (batch) => runBatch(this, batch as never) as never,
      isSetSupported: (name, v) => name === 'ExcelApi' && this.supports(v),
    };
  }
}
