/**
 * Applies a WritePlan to an opened package. Every decision about what a write replaces and what a clear
 * restores is the ledger's (src/core/ledger); this module observes cells and carries the decisions out by
 * patching: the parts a plan touches are edited element by element, every other part keeps its bytes.
 *
 * Exactness: each cell record also keeps the element text it replaced and the one written (`exact`). A clear
 * that finds the cell as written puts the old text back verbatim; one that finds it re-saved by another program
 * (same look, other text) restores by meaning; one that finds it changed by the user leaves it.
 */
import {
  clearAction,
  entriesToClear,
  LEDGER_SHEET,
  ledgerRows,
  noteToWrite,
  parseLedger,
  priorOf,
  withOverrides,
  type CellEntry,
  type LedgerEntry,
  type PackageEntry,
  type StoredFill,
  type StoredValue,
} from '../../../core/ledger';
import type { ApplyReport, WriteOp, WritePlan } from '../../../core/model';
import { cellAddress, parseRange, type KindOverride, type RangeBox } from '../../../core/snapshot';
import { readBook, type Book } from '../package/book';
import { addRelationship, declarePart } from '../package/opc';
import type { ZipPackage } from '../package/zip';
import { ledgerRowsOf, type OpenedWorkbook } from '../read';
import { readSharedStrings } from '../read/strings';
import { readCellFormats } from '../read/styles';
import { addSheet, removeSheet, replaceSheet, type CellInput } from './book';
import { noteRun, SheetNotes, type NotesBookkeeping } from './notes';
import { SheetDoc } from './sheet';
import { EMPTY_STYLESHEET, sameFill, StyleSheet, type StyleCounts } from './styles';
import { getAttr, setAttr } from './tags';
import { addPrintTitles, lookXf, removeLocalNames, templateWorksheetXml } from './template';
import { TEMPLATE_LOOKS } from '../../../core/templates/looks';
import type { LookName, TemplateSheet } from '../../../core/templates/types';
import { hasFormula, inputOf, sameStored, storedOf, withFormula, withFormulaResult, withValue } from './values';

export const RECORD_SHEET = LEDGER_SHEET;
const ADAPTER = 'xlsx';
/** Cells one fill or setValues op may cover (marks are single cells; this guards against a runaway range). */
export const MAX_OP_CELLS = 200_000;

interface CellExact {
  /** The `<c>` element before the write (null: there was none), and as written. */
  cell: string | null;
  applied: string;
  /** For a cell the write created: the `<row>` start tag as it was (null: the row did not exist either). */
  row?: string | null;
  /** For a cell the write created on a sheet without rows: `<sheetData/>` as it was. */
  sheetData?: string;
}
interface NoteExact {
  comment: string | null;
  applied: string;
}

/** One plan application: the parts it opened, the ledger as it goes, the report. */
class Session {
  readonly sheets = new Map<string, { part: string; doc: SheetDoc; notes: SheetNotes | null }>();
  styles: StyleSheet | null = null;
  private strings: string[] | null = null;
  readonly report: ApplyReport = {
    cellsFilled: 0,
    notesWritten: 0,
    valuesWritten: 0,
    sheetsAdded: [],
    restored: 0,
    keptUserChanges: 0,
    notices: [],
  };
  skippedFormulas: string[] = [];
  skippedThreaded: string[] = [];
  /**
   * Whether the element texts recorded by earlier writes still mean what they meant: true unless another
   * program re-saved the file since (its style sheet or shared strings are then no longer ours, and a recorded
   * `s="5"` or `t="s"` index would point elsewhere).
   */
  private readonly stale = new Set<LedgerEntry>();

  constructor(
    readonly pkg: ZipPackage,
    public book: Book,
    entries: LedgerEntry[],
  ) {
    this.list = entries;
    const seen = this.packageEntry()?.data.fingerprint as string | undefined;
    if (seen !== undefined && seen !== fingerprint(pkg, book)) for (const e of entries) this.stale.add(e);
  }

  /**
   * The ledger in write order. A plan may write or clear tens of thousands of cells (a conversion): cell entries
   * are found through an index and replaced or dropped lazily (`replaceCell`, `drop`), never by copying the list
   * once per cell.
   */
  private list: LedgerEntry[];
  private readonly dropped = new Set<LedgerEntry>();
  private index: Map<string, CellEntry> | null = null;

  get entries(): LedgerEntry[] {
    if (this.dropped.size > 0) {
      this.list = this.list.filter((e) => !this.dropped.has(e));
      this.dropped.clear();
    }
    return this.list;
  }

  set entries(list: LedgerEntry[]) {
    this.list = list;
    this.dropped.clear();
    this.index = null;
  }

  /** The entry of one cell's write (what `findCellEntry` finds), through the index. */
  findCell<K extends CellEntry['kind']>(kind: K, tag: string, sheet: string, cell: string): Extract<CellEntry, { kind: K }> | undefined {
    if (this.index === null) {
      this.index = new Map();
      for (const e of this.entries) {
        if (e.kind !== 'fill' && e.kind !== 'note' && e.kind !== 'values') continue;
        const k = cellEntryKey(e.kind, e.tag, e.sheet, e.cell);
        if (!this.index.has(k)) this.index.set(k, e);
      }
    }
    return this.index.get(cellEntryKey(kind, tag, sheet, cell)) as Extract<CellEntry, { kind: K }> | undefined;
  }

  /** `replaceEntry` for a cell entry: the old one goes, the new one comes last. */
  replaceCell(old: CellEntry | undefined, entry: CellEntry): void {
    if (old !== undefined) this.drop(old);
    this.list.push(entry);
    this.index?.set(cellEntryKey(entry.kind, entry.tag, entry.sheet, entry.cell), entry);
  }

  drop(e: LedgerEntry): void {
    this.dropped.add(e);
    if (this.index !== null && (e.kind === 'fill' || e.kind === 'note' || e.kind === 'values')) {
      const k = cellEntryKey(e.kind, e.tag, e.sheet, e.cell);
      if (this.index.get(k) === e) this.index.delete(k);
    }
  }

  isDropped(e: LedgerEntry): boolean {
    return this.dropped.has(e);
  }

  /** A record's exact data, when it can still be trusted (always, for records written in this session). */
  exact<T>(e: LedgerEntry | undefined, is: (x: unknown) => x is T): T | null {
    if (e === undefined || this.stale.has(e) || !('exact' in e)) return null;
    return is(e.exact) ? e.exact : null;
  }

  sheet(name: string): { part: string; doc: SheetDoc } {
    let s = this.sheets.get(name);
    if (!s) {
      const entry = this.book.sheets.find((x) => x.name === name && x.type === 'worksheet' && x.part !== null);
      if (!entry || name === LEDGER_SHEET) throw new Error(`工作簿中没有名为“${name}”的工作表`);
      s = { part: entry.part!, doc: new SheetDoc(this.pkg.text(entry.part!) ?? ''), notes: null };
      this.sheets.set(name, s);
    }
    return s;
  }

  notes(name: string): SheetNotes {
    const s = this.sheet(name) as { part: string; doc: SheetDoc; notes: SheetNotes | null };
    s.notes ??= new SheetNotes(this.pkg, s.part, s.doc, this.notesBookkeeping);
    return s.notes;
  }

  styleSheet(): StyleSheet {
    if (this.styles === null) {
      const xml = this.book.styles ? this.pkg.text(this.book.styles) : undefined;
      this.styles = new StyleSheet(xml ?? EMPTY_STYLESHEET);
      if (this.packageEntry()?.data.styles === undefined) this.setPackageData('styles', this.styles.counts());
    }
    return this.styles;
  }

  packageEntry(): PackageEntry | undefined {
    return this.entries.find((e): e is PackageEntry => e.kind === 'package' && e.adapter === ADAPTER);
  }

  private readonly notesBookkeeping: NotesBookkeeping = {
    newDrawingNumber: () => this.drawingNumber(),
    defaultAdded: (ext) => this.setPackageData('defaults', [...this.ownDefaults(), ext]),
    ownsDefault: (ext) => this.ownDefaults().includes(ext),
    defaultRemoved: (ext) =>
      this.setPackageData(
        'defaults',
        this.ownDefaults().filter((x) => x !== ext),
      ),
  };

  private ownDefaults(): string[] {
    return (this.packageEntry()?.data.defaults as string[] | undefined) ?? [];
  }

  /** The adapter's bookkeeping entry of the ledger, created on first use. */
  setPackageData(key: string, value: unknown): void {
    const entry = this.packageEntry();
    if (entry === undefined && value === undefined) return;
    const data: Record<string, unknown> = { ...(entry?.data ?? {}), [key]: value };
    if (value === undefined) delete data[key];
    this.entries = [...this.entries.filter((e) => e !== entry), { kind: 'package', adapter: ADAPTER, data }];
  }

  private drawings = 0;
  /** VML drawings are numbered per package: `vmlDrawingN.vml`, shapes in block N. */
  drawingNumber(): number {
    const taken = (n: number) => this.pkg.has(`xl/drawings/vmlDrawing${n}.vml`);
    let n = this.drawings + 1;
    while (taken(n)) n++;
    this.drawings = n;
    return n;
  }

  sharedStrings(): string[] {
    this.strings ??= readSharedStrings(this.book.sharedStrings ? this.pkg.text(this.book.sharedStrings) : undefined);
    return this.strings;
  }
}

/**
 * Applies every op in order; the package is changed in memory (write it with `pkg.toBytes()`). Throws (Chinese
 * message) before changing anything when an op names a sheet that does not exist.
 */
export function applyPlanToPackage(opened: OpenedWorkbook, plan: WritePlan): ApplyReport {
  for (const op of plan.ops) {
    if ((op.op === 'fill' || op.op === 'note' || op.op === 'setValues' || op.op === 'setFormulas') && !isWorksheet(opened.book, op.sheet)) {
      throw new Error(`“${plan.title}”无法执行：工作簿中没有名为“${op.sheet}”的工作表`);
    }
  }
  const session = new Session(opened.pkg, opened.book, readLedger(opened));
  for (const op of plan.ops) applyOp(session, op);
  finish(session);
  opened.book = session.book;
  const r = session.report;
  if (r.keptUserChanges > 0) r.notices.push(`${r.keptUserChanges} 处单元格在加载项写入后又被修改过，已保留这些修改，未恢复原样。`);
  if (session.skippedFormulas.length > 0) {
    r.notices.push(
      `${session.skippedFormulas.length} 个单元格含公式，未写入数值（${session.skippedFormulas.slice(0, 5).join('、')}${session.skippedFormulas.length > 5 ? ' 等' : ''}）。`,
    );
  }
  if (session.skippedThreaded.length > 0) {
    r.notices.push(
      `${session.skippedThreaded.join('、')} 已有会话批注（Excel 365 的批注），审核说明未写入这些单元格，请在“审核结果”表或任务窗格中查看。`,
    );
  }
  return r;
}

const cellEntryKey = (kind: string, tag: string, sheet: string, cell: string): string => `${kind}\u0000${tag}\u0000${sheet}\u0000${cell}`;

function isWorksheet(book: Book, name: string): boolean {
  return name !== LEDGER_SHEET && book.sheets.some((s) => s.name === name && s.type === 'worksheet' && s.part !== null);
}

export function readLedger(opened: OpenedWorkbook): LedgerEntry[] {
  const entry = opened.book.sheets.find((s) => s.name === LEDGER_SHEET && s.part !== null);
  const xml = entry ? opened.pkg.text(entry.part!) : undefined;
  if (xml === undefined) return [];
  const ctx = {
    strings: readSharedStrings(opened.book.sharedStrings ? opened.pkg.text(opened.book.sharedStrings) : undefined),
    formats: readCellFormats(undefined),
    date1904: false,
  };
  return parseLedger(ledgerRowsOf(xml, ctx));
}

function applyOp(s: Session, op: WriteOp): void {
  switch (op.op) {
    case 'fill':
      return eachCell(op.range, (row, col) => fill(s, op.sheet, row, col, op.color, op.tag));
    case 'note':
      return note(s, op.sheet, op.cell, op.text, op.tag);
    case 'setValues': {
      const box = parseRange(op.range);
      op.values.forEach((cells, i) =>
        cells.forEach((v, j) =>
          setValue(s, op.sheet, box.top + i, box.left + j, v, op.tag, {
            format: op.formats?.[i]?.[j] ?? null,
            overFormula: op.replaceFormulas === true,
          }),
        ),
      );
      return;
    }
    case 'setFormulas':
      return op.cells.forEach((c) => setFormula(s, op.sheet, c, op.tag));
    case 'addSheet':
      return addOwnSheet(s, op.name, op.rows, op.tag);
    case 'clearTag':
      return clearTag(s, op.tag);
    case 'addTemplateSheet':
      return addTemplate(s, op.sheet, op.tag);
  }
}

/** A template sheet at the end of the workbook, recorded as the add-in's sheet (a clear of its tag removes it). */
function addTemplate(s: Session, sheet: TemplateSheet, tag: string): void {
  if (s.book.sheets.some((x) => x.name.toLowerCase() === sheet.name.toLowerCase())) {
    throw new Error(`工作簿中已有名为“${sheet.name}”的工作表，模板未插入（不覆盖已有工作表）`);
  }
  const styles = s.styleSheet();
  const xfs = new Map<LookName, number>();
  const xfOf = (look: LookName) => xfs.get(look) ?? xfs.set(look, lookXf(styles, TEMPLATE_LOOKS[look])).get(look)!;
  s.book = addSheet(s.pkg, s.book, { name: sheet.name, rows: [] }, (strict) => templateWorksheetXml(sheet, xfOf, strict));
  addPrintTitles(
    s.pkg,
    s.book,
    s.book.sheets.findIndex((x) => x.name === sheet.name),
    sheet,
  );
  s.book = readBook(s.pkg);
  s.entries = [...s.entries, { kind: 'sheet', tag, sheet: sheet.name }];
  s.report.sheetsAdded.push(sheet.name);
}

function eachCell(range: string, fn: (row: number, col: number) => void): void {
  const box: RangeBox = parseRange(range);
  const n = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  if (n > MAX_OP_CELLS) throw new Error(`一次写入的单元格过多（${n} 个，上限 ${MAX_OP_CELLS}）：${range}`);
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) fn(r, c);
}

// ---------- fills ----------

function solid(color: string): StoredFill {
  const hex = color.trim().replace(/^#/, '').toUpperCase();
  const argb = /^[0-9A-F]{8}$/.test(hex) ? hex : /^[0-9A-F]{6}$/.test(hex) ? `FF${hex}` : null;
  if (argb === null) throw new Error(`无法识别的颜色：${color}`);
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function styleOf(doc: SheetDoc, row: number, col: number): number {
  const slot = doc.cell(row, col);
  const s = slot ? getAttr(slot.text, 's') : undefined;
  return s !== undefined ? Number(s) : slot ? 0 : doc.inheritedStyle(row, col);
}

function fill(s: Session, sheet: string, row: number, col: number, color: string, tag: string): void {
  const { doc } = s.sheet(sheet);
  const styles = s.styleSheet();
  const a1 = cellAddress(row, col);
  const applied = solid(color);
  const slot = doc.cell(row, col);
  const current = styles.fillOf(styleOf(doc, row, col));
  const earlier = s.findCell('fill', tag, sheet, a1);
  const stillOurs = earlier !== undefined && sameFill(current, earlier.applied);
  const prior = priorOf(earlier, current, stillOurs);
  const before = (stillOurs ? s.exact(earlier, isCellExact) : null) ?? priorElement(doc, row, col);
  const xf = styles.derive(styleOf(doc, row, col), { fill: applied });
  const text = setAttr(slot?.text ?? doc.ensureCell(row, col).text, 's', String(xf));
  doc.setCell(row, col, text);
  const exact: CellExact = { ...before, applied: text };
  s.replaceCell(earlier, { kind: 'fill', tag, sheet, cell: a1, prior, applied, exact: { ...exact } });
  s.report.cellsFilled++;
}

/** What a write on this cell replaces, verbatim: the element, or for a missing cell the row and sheet data it opens. */
function priorElement(doc: SheetDoc, row: number, col: number): Omit<CellExact, 'applied'> {
  const slot = doc.cell(row, col);
  if (slot) return { cell: slot.text };
  const empty = doc.emptySheetDataTag();
  return { cell: null, row: doc.rowTag(row), ...(empty !== null ? { sheetData: empty } : {}) };
}

function isCellExact(x: unknown): x is CellExact {
  return typeof x === 'object' && x !== null && 'applied' in x && 'cell' in x;
}

function isNoteExact(x: unknown): x is NoteExact {
  return typeof x === 'object' && x !== null && 'applied' in x && 'comment' in x;
}

// ---------- notes ----------

function note(s: Session, sheet: string, cellRef: string, text: string, tag: string): void {
  const box = parseRange(cellRef);
  const a1 = cellAddress(box.top, box.left);
  const notes = s.notes(sheet);
  if (notes.isThreaded(a1)) {
    s.skippedThreaded.push(`${sheet}!${a1}`);
    return;
  }
  const current = notes.noteAt(a1);
  const earlier = s.findCell('note', tag, sheet, a1);
  const { prior, applied } = noteToWrite(earlier, current?.text ?? null, text);
  // A recorded note element refers to nothing by index: it stays good even after another program re-saved.
  const earlierExact = earlier !== undefined && isNoteExact(earlier.exact) ? earlier.exact : null;
  // The element ours is built on: the one recorded before our first note, else the user's note as it is now.
  let base: string | null = null;
  if (prior !== null) base = earlier !== undefined && current !== null && earlierExact ? earlierExact.comment : (current?.xml ?? null);
  if (prior !== null && base === null) base = plainComment(a1, prior);
  const written = notes.write(a1, text, base);
  const exact: NoteExact = { comment: base, applied: written };
  s.replaceCell(earlier, { kind: 'note', tag, sheet, cell: a1, prior, applied, exact: { ...exact } });
  s.report.notesWritten++;
}

function plainComment(a1: string, text: string): string {
  return `<comment ref="${a1}" authorId="0"><text>${noteRun(text)}</text></comment>`;
}

// ---------- values ----------

/** `format`: a number format code the cell takes with the value (null: its own); `overFormula`: replace a formula too. */
function setValue(
  s: Session,
  sheet: string,
  row: number,
  col: number,
  v: CellInput,
  tag: string,
  how: { format: string | null; overFormula: boolean } = { format: null, overFormula: false },
): void {
  const { doc } = s.sheet(sheet);
  if (!how.overFormula && hasFormula(doc.cell(row, col)?.text ?? null)) {
    s.skippedFormulas.push(`${sheet}!${cellAddress(row, col)}`);
    return;
  }
  writeCell(s, { sheet, row, col, tag }, (element) => withValue(element, row, col, v), how.format);
}

/** A formula with its cached result (更新公式); a cell already holding exactly that formula is left alone. */
function setFormula(s: Session, sheet: string, cell: { cell: string; formula: string; value: number | string | null }, tag: string): void {
  const { top: row, left: col } = parseRange(cell.cell);
  const slot = s.sheet(sheet).doc.cell(row, col);
  // Left alone only when it holds the formula and its cached result already (a stale result is refreshed).
  if (
    slot &&
    sameStored(
      storedOf(slot.text, () => s.sharedStrings()),
      storedOf(withFormulaResult(slot.text, cell.formula, cell.value), () => []),
    )
  )
    return;
  writeCell(s, { sheet, row, col, tag }, (element) => withFormulaResult(element, cell.formula, cell.value), null);
}

/** Writes one cell (`make` turns its element into the new one) and records it as a 'values' entry of `tag`. */
function writeCell(
  s: Session,
  at: { sheet: string; row: number; col: number; tag: string },
  make: (element: string) => string,
  format: string | null,
): void {
  const { sheet, row, col, tag } = at;
  const { doc } = s.sheet(sheet);
  const a1 = cellAddress(row, col);
  const slot = doc.cell(row, col);
  const current = storedOf(slot?.text ?? null, () => s.sharedStrings());
  const earlier = s.findCell('values', tag, sheet, a1);
  const stillOurs = earlier !== undefined && sameStored(current, earlier.applied);
  const prior = priorOf(earlier, current, stillOurs);
  const before = (stillOurs ? s.exact(earlier, isCellExact) : null) ?? priorElement(doc, row, col);
  let text = make(slot?.text ?? doc.ensureCell(row, col).text);
  if (format !== null) text = setAttr(text, 's', String(s.styleSheet().derive(styleOf(doc, row, col), { numFmt: format })));
  doc.setCell(row, col, text);
  const applied: StoredValue = storedOf(text, () => s.sharedStrings());
  s.replaceCell(earlier, {
    kind: 'values',
    tag,
    sheet,
    cell: a1,
    prior,
    applied,
    exact: { ...before, applied: text },
  });
  s.report.valuesWritten++;
}

// ---------- sheets ----------

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function cleanSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return s || '审核结果';
}

function addOwnSheet(s: Session, name: string, rows: CellInput[][], tag: string): void {
  const ours = (n: string) => s.entries.some((e) => e.kind === 'sheet' && e.sheet === n);
  const exists = (n: string) => s.book.sheets.some((x) => x.name.toLowerCase() === n.toLowerCase());
  // A user's sheet of that name is never touched: the first name that is free or the add-in's own is taken
  // (its earlier 审核结果 is replaced rather than duplicated).
  const wanted = cleanSheetName(name);
  let final = wanted;
  for (let i = 2; exists(final) && !ours(final); i++) final = cleanSheetName(`${name.slice(0, 26)} (${i})`);
  if (final !== wanted) s.report.notices.push(`工作簿中已有名为“${wanted}”的工作表（未改动），内容已写入新工作表“${final}”。`);
  if (exists(final)) {
    s.sheets.delete(final);
    s.book = removeSheet(s.pkg, s.book, final);
    s.entries = s.entries.filter(
      (e) => !((e.kind === 'fill' || e.kind === 'note' || e.kind === 'values' || e.kind === 'sheet') && e.sheet === final),
    );
  }
  const styles = s.styleSheet();
  const headerStyle = rows.length > 0 ? styles.derive(0, { bold: true }) : undefined;
  s.book = addSheet(s.pkg, s.book, { name: final, rows, widths: columnWidths(rows), headerStyle });
  s.entries = [...s.entries, { kind: 'sheet', tag, sheet: final }];
  s.report.sheetsAdded.push(final);
}

/** Widths from the longest text of each column (CJK characters count double), between 8 and 60. */
function columnWidths(rows: CellInput[][]): number[] {
  const widest: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v === null) return;
      const w = Math.min(60, [...String(v)].reduce((n, ch) => n + (ch.charCodeAt(0) > 255 ? 2 : 1), 0) + 2);
      widest[j] = Math.max(widest[j] ?? 8, w);
    });
  }
  return Array.from(widest, (w) => w ?? 8);
}

// ---------- clearing ----------

function clearTag(s: Session, tag: string): void {
  const later = new LaterWrites(s, s.entries);
  for (const e of entriesToClear(s.entries, tag)) {
    if (e.kind === 'sheet') {
      if (s.book.sheets.some((x) => x.name === e.sheet)) {
        s.sheets.delete(e.sheet);
        removeLocalNames(
          s.pkg,
          s.book,
          s.book.sheets.findIndex((x) => x.name === e.sheet),
        );
        s.book = readBook(s.pkg);
        s.book = removeSheet(s.pkg, s.book, e.sheet);
      }
    } else if (isWorksheet(s.book, e.sheet)) {
      const restored = clearCell(s, e);
      if (restored === 'restore') s.report.restored++;
      else if (restored === 'keep') s.report.keptUserChanges++;
      if (e.kind !== 'note') rebaseNewer(s, e, later.after(e));
    }
    s.drop(e);
  }
}

/**
 * The fill and value entries written after a given one on its sheet and still in the ledger, without a scan of
 * the whole ledger per cleared cell: entries by sheet in ledger order, the dropped ones trimmed off the end (a
 * clear goes newest first, so what it dropped sits at the end).
 */
class LaterWrites {
  private readonly bySheet = new Map<string, CellEntry[]>();
  private readonly at = new Map<LedgerEntry, number>();
  constructor(
    private readonly s: Session,
    list: readonly LedgerEntry[],
  ) {
    list.forEach((e, i) => {
      this.at.set(e, i);
      if (e.kind !== 'fill' && e.kind !== 'values') return;
      let l = this.bySheet.get(e.sheet);
      if (!l) this.bySheet.set(e.sheet, (l = []));
      l.push(e);
    });
  }

  after(e: CellEntry): CellEntry[] {
    const l = this.bySheet.get(e.sheet) ?? [];
    while (l.length > 0 && this.s.isDropped(l[l.length - 1])) l.pop();
    const p = this.at.get(e) ?? -1;
    const out: CellEntry[] = [];
    for (let i = l.length - 1; i >= 0 && this.at.get(l[i])! > p; i--) if (!this.s.isDropped(l[i])) out.push(l[i]);
    return out.reverse();
  }
}

function clearCell(s: Session, e: CellEntry): 'restore' | 'keep' {
  const box = parseRange(e.cell);
  const { row, col } = { row: box.top, col: box.left };
  if (e.kind === 'note') return clearNote(s, e.sheet, e.cell, e.prior, e.applied, isNoteExact(e.exact) ? e.exact : null);
  const { doc } = s.sheet(e.sheet);
  const slot = doc.cell(row, col);
  const exact = s.exact(e, isCellExact);
  if (exact !== null && slot !== null && slot.text === exact.applied) {
    // As we wrote it: the element we replaced comes back as it was.
    doc.setCell(row, col, exact.cell);
    if (exact.cell === null) {
      if (exact.row) doc.restoreEmptyRow(row, exact.row);
      else doc.dropRowIfEmpty(row);
      if (exact.sheetData) doc.restoreEmptySheetData(exact.sheetData);
    }
    return 'restore';
  }
  if (e.kind === 'fill') {
    const styles = s.styleSheet();
    const base = styleOf(doc, row, col);
    // Already as before (an older write on the cell was undone first): nothing to put back.
    if (sameFill(styles.fillOf(base), e.prior)) return 'restore';
    const action = clearAction(slot !== null && sameFill(styles.fillOf(base), e.applied));
    if (action === 'restore') doc.setCell(row, col, setAttr(slot!.text, 's', String(styles.derive(base, { fill: e.prior }))));
    return action;
  }
  const current = storedOf(slot?.text ?? null, () => s.sharedStrings());
  // Already as before (an older write on the cell was undone first): nothing to put back.
  if (sameStored(current, e.prior)) return 'restore';
  const action = clearAction(sameStored(current, e.applied));
  if (action === 'restore') {
    const input = inputOf(e.prior);
    if (input === null) return 'keep';
    const element = slot?.text ?? doc.ensureCell(row, col).text;
    doc.setCell(row, col, 'formula' in input ? withFormula(element, input.formula) : withValue(element, row, col, input.value));
  }
  return action;
}

/**
 * A write undone while later writes (other tags) still stand on what it made: their records are moved onto the
 * ground the undone write stood on, so that clearing all of them, in any order, gives back the original.
 *  - a later write on the same cell now replaced what the undone one had replaced;
 *  - a later cell created in a row the undone write created or opened up: that row was as the undone write found it;
 *  - a later cell created on a sheet the undone write found without rows: nor did any row.
 */
function rebaseNewer(s: Session, e: CellEntry, later: readonly CellEntry[]): void {
  const exact = s.exact(e, isCellExact);
  if (exact === null) return;
  const box = parseRange(e.cell);
  const { doc } = s.sheet(e.sheet);
  const now = doc.cell(box.top, box.left)?.text;
  // The row's start tag as the undone write left it (created, or opened up from `<row …/>`), and as it was.
  const rowAsLeft = exact.cell === null ? (exact.row ? exact.row.replace(/\s*\/>$/, '>') : doc.own(`<row r="${box.top + 1}">`)) : null;
  for (const n of later) {
    const theirs = s.exact(n, isCellExact);
    if (theirs === null) continue;
    if (n.cell === e.cell && theirs.cell === exact.applied) {
      const { applied: _a, ...before } = exact;
      n.exact = { ...before, applied: now ?? theirs.applied };
      continue;
    }
    if (theirs.cell !== null) continue;
    const next = { ...theirs };
    if (rowAsLeft !== null && parseRange(n.cell).top === box.top && theirs.row === rowAsLeft) next.row = exact.row ?? null;
    if (exact.sheetData !== undefined && theirs.sheetData === undefined) next.sheetData = exact.sheetData;
    n.exact = next;
  }
}

function clearNote(
  s: Session,
  sheet: string,
  a1: string,
  prior: string | null,
  applied: string,
  exact: NoteExact | null,
): 'restore' | 'keep' {
  const notes = s.notes(sheet);
  const current = notes.noteAt(a1);
  if (current !== null && exact && current.xml === exact.applied) {
    notes.restore(a1, exact.comment);
    return 'restore';
  }
  const action = clearAction(current !== null && current.text === applied);
  if (action === 'restore') notes.restore(a1, prior === null ? null : (exact?.comment ?? plainComment(a1, prior)));
  return action;
}

// ---------- writing the parts back ----------

function finish(s: Session): void {
  for (const { notes } of s.sheets.values()) notes?.save();
  for (const { part, doc } of s.sheets.values()) {
    const xml = doc.toXml();
    if (xml !== doc.xml) s.pkg.set(part, xml);
  }
  trimStyles(s);
  if (s.styles !== null) {
    const xml = s.styles.toXml();
    if (xml !== null) {
      if (s.book.styles) s.pkg.set(s.book.styles, xml);
      else {
        s.pkg.set('xl/styles.xml', xml);
        declarePart(s.pkg, 'xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
        addRelationship(s.pkg, s.book.part, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles', 'xl/styles.xml');
      }
    }
  }
  s.book = readBook(s.pkg);
  writeLedger(s);
  s.book = readBook(s.pkg);
}

/**
 * A checksum of the parts that recorded element texts refer to by index (style sheet, shared strings), as this
 * writer left them. FNV-1a over the text: a change by another program is what it has to notice.
 */
function fingerprint(pkg: ZipPackage, book: Book): string {
  let h = 0x811c9dc5;
  for (const part of [book.styles, book.sharedStrings]) {
    const text = part ? (pkg.text(part) ?? '') : '';
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x7c, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Cell formats this writer appended go again once no cell uses them, so that clearing everything gives back
 * the style sheet exactly. Which cells use which format is read from every worksheet's `s` and `style`
 * attributes (a conservative scan: a match anywhere keeps a format).
 */
function trimStyles(s: Session): void {
  const entry = s.packageEntry();
  const base = entry?.data.styles as StyleCounts | undefined;
  if (!entry || !base) return;
  const styles = s.styleSheet();
  if (styles.xfCount > base.cellXfs) {
    const used = new Set<number>();
    for (const sh of s.book.sheets) {
      if (!sh.part) continue;
      const xml = s.sheets.get(sh.name)?.doc.toXml() ?? s.pkg.text(sh.part) ?? '';
      for (const m of xml.matchAll(/<(?:\w+:)?(?:c|row)\b[^>]*?\ss="(\d+)"|<(?:\w+:)?col\b[^>]*?\sstyle="(\d+)"/g))
        used.add(Number(m[1] ?? m[2]));
    }
    styles.trimTo(base, used);
  }
  const now = styles.counts();
  const bordersBack = now.borders === (base.borders ?? now.borders);
  if (now.cellXfs === base.cellXfs && now.fills === base.fills && now.fonts === base.fonts && now.numFmts === base.numFmts && bordersBack) {
    const { styles: _done, ...rest } = entry.data;
    s.entries = s.entries.filter((e) => e !== entry);
    if (Object.keys(rest).length > 0) s.entries.push({ kind: 'package', adapter: ADAPTER, data: rest });
  }
}

function writeLedger(s: Session): void {
  if (s.entries.some((e) => e.kind === 'fill' || e.kind === 'values' || e.kind === 'note'))
    s.setPackageData('fingerprint', fingerprint(s.pkg, s.book));
  const rows = ledgerRows(s.entries);
  const exists = s.book.sheets.some((x) => x.name === LEDGER_SHEET);
  if (rows.length === 0) {
    if (exists) s.book = removeSheet(s.pkg, s.book, LEDGER_SHEET);
    return;
  }
  const sheet = { name: LEDGER_SHEET, rows, veryHidden: true };
  if (exists) replaceSheet(s.pkg, s.book, LEDGER_SHEET, sheet);
  else s.book = addSheet(s.pkg, s.book, sheet);
}

// ---------- overrides ----------

export function loadOverrides(opened: OpenedWorkbook): KindOverride[] {
  return readLedger(opened).flatMap((e) => (e.kind === 'override' ? [{ sheet: e.sheet, anchor: e.anchor, specId: e.specId }] : []));
}

export function saveOverrides(opened: OpenedWorkbook, list: KindOverride[]): void {
  const s = new Session(opened.pkg, opened.book, withOverrides(readLedger(opened), list));
  finish(s);
  opened.book = s.book;
}
