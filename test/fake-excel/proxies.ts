/**
 * A strict fake of the office.js Excel API subset the adapter uses.
 *
 * Like the real thing: every call only queues; nothing happens until `context.sync()`, which runs the queue in
 * order (a load sees the state at its place in the queue) and stops at the first failing action, leaving the
 * earlier ones done. Properties throw `PropertyNotLoaded` until loaded and synced, `isNullObject` throws until a
 * sync, writes go through setters that only queue, and read-only properties cannot be set. Members the fake does
 * not model throw on access, so the adapter cannot silently rely on something untested. Requirement sets are
 * enforced (`ApiNotFound`), as are protection, name clashes and the 5 MB request/response limits.
 */
import type { RangeBox } from '../../src/core/snapshot';
import { columnIndex, parseRange, quoteSheet, rangeAddress } from '../../src/core/snapshot';
import { formatNumber } from '../../src/adapters/xlsx/read';
import { FakeSheet, MAX_COLS, MAX_ROWS, type FakeCell, type FakeComment, type FakePageLayout, type FakeWorkbook } from './model';

export class FakeError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export interface SyncRecord {
  actions: number;
  loads: number;
  writes: number;
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

interface Action {
  kind: 'resolve' | 'load' | 'write';
  requestBytes: number;
  /** Returns the response bytes it produced. */
  run: () => number;
}

const UNRESOLVED = Symbol('unresolved');

export class FakeContext {
  queue: Action[] = [];
  commits: (() => void)[] = [];
  closed = false;
  readonly workbook: WorkbookP;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = strict(new WorkbookP(this));
  }

  enqueue(a: Action): void {
    if (this.closed) throw new FakeError('InvalidObjectPath', 'The object is used outside the Excel.run batch that created it.');
    this.queue.push(a);
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.commits = [];
    const rec: SyncRecord = {
      actions: batch.length,
      loads: batch.filter((a) => a.kind === 'load').length,
      writes: batch.filter((a) => a.kind === 'write').length,
      requestBytes: batch.reduce((n, a) => n + a.requestBytes, 0),
      responseBytes: 0,
    };
    this.wb.syncLog.push(rec);
    await Promise.resolve();
    if (rec.requestBytes > this.wb.requestLimit) {
      rec.error = 'RequestPayloadSizeLimitExceeded';
      throw new FakeError('RequestPayloadSizeLimitExceeded');
    }
    for (const a of batch) {
      try {
        if (a.kind === 'write' && this.wb.failAtWrite !== null && --this.wb.failAtWrite === 0) {
          this.wb.failAtWrite = null;
          throw new FakeError('GeneralException', 'injected failure');
        }
        rec.responseBytes += a.run();
      } catch (e) {
        rec.error = e instanceof FakeError ? e.code : String(e);
        throw e;
      }
    }
    if (rec.responseBytes > this.wb.responseLimit) {
      rec.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeError('ResponsePayloadSizeLimitExceeded');
    }
    for (const c of this.commits) c();
  }
}

export async function runBatch<T>(wb: FakeWorkbook, batch: (ctx: FakeContext) => Promise<T>): Promise<T> {
  const ctx = new FakeContext(wb);
  try {
    const out = await batch(ctx);
    // Excel.run sends what is still queued when the batch returns.
    if (ctx.queue.length > 0) await ctx.sync();
    return out;
  } finally {
    ctx.closed = true;
  }
}

// ---------- strictness ----------

const ALLOWED = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  '$$typeof',
  'inspect',
  'toString',
  'valueOf',
]);

function strict<T extends object>(obj: T): T {
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !(prop in target) && !ALLOWED.has(prop) && !prop.startsWith('_') && !prop.startsWith('@@')) {
        throw new Error(`fake Excel: ${target.constructor.name}.${prop} is not modelled`);
      }
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'string' && !(prop in target) && !prop.startsWith('_')) {
        throw new Error(`fake Excel: cannot set ${target.constructor.name}.${prop} (not modelled)`);
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

function requireApi(wb: FakeWorkbook, version: string | undefined, what: string): void {
  if (version && !wb.supports(version)) throw new FakeError('ApiNotFound', `${what} needs ExcelApi ${version}`);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * A loadable property of a proxy over entity `E`. Methods, not function properties: a setter declares the value
 * type it takes (`(s: FakeSheet, v: string) => …`), which the fake checks no further than Excel's JSON would.
 */
interface PropDef<E> {
  get(e: E): unknown;
  set?(e: E, v: never): void;
  api?: string;
}

/** The worksheet an entity lives on, if any (a deleted one makes every proxy over it fail). */
function sheetOfEntity(m: unknown): FakeSheet | undefined {
  if (m instanceof FakeSheet) return m;
  if (m && typeof m === 'object' && 'sheet' in m && m.sheet instanceof FakeSheet) return m.sheet;
  return undefined;
}

function loadNames(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === 'string')
    return arg
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => loadNames(a));
  if (arg && typeof arg === 'object' && 'select' in arg) return loadNames((arg as { select: string }).select);
  throw new Error('fake Excel: unsupported load argument');
}

abstract class Base<E = unknown> {
  _memo: E | null | typeof UNRESOLVED = UNRESOLVED;
  _null: boolean | undefined;
  _loaded = new Map<string, unknown>();
  _defs: Record<string, PropDef<E>>;

  constructor(
    readonly _ctx: FakeContext,
    resolve: (() => E | null | undefined) | null,
    readonly _nullable = false,
    api?: string,
  ) {
    this._defs = this.props();
    for (const [name, def] of Object.entries(this._defs)) {
      Object.defineProperty(this, name, {
        get: () => this._get(name),
        set: (v) => {
          if (!def.set) throw new TypeError(`Cannot set read-only property ${name}`);
          this._set(name, v);
        },
        enumerable: true,
      });
    }
    if (resolve) {
      _ctx.enqueue({
        kind: 'resolve',
        requestBytes: 60,
        run: () => {
          requireApi(_ctx.wb, api, this.constructor.name);
          const e = resolve();
          if ((e === null || e === undefined) && !_nullable) throw new FakeError('ItemNotFound', `${this.constructor.name} not found`);
          this._memo = e ?? null;
          const isNull = this._memo === null;
          _ctx.commits.push(() => {
            this._null = isNull;
          });
          return 0;
        },
      });
    }
  }

  protected props(): Record<string, PropDef<E>> {
    return {};
  }

  get context(): FakeContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._null === undefined) throw new FakeError('PropertyNotLoaded', 'isNullObject is known only after context.sync()');
    return this._null;
  }

  /** The model object, at the point of the queue where the caller runs. */
  _e(): E {
    const m = this._memo;
    if (m === UNRESOLVED) throw new Error('fake Excel: used before resolution');
    if (m === null) throw new FakeError('InvalidArgument', `${this.constructor.name} is a null object`);
    if (sheetOfEntity(m)?.deleted) throw new FakeError('ItemNotFound', 'the worksheet was deleted');
    return m;
  }

  load(arg?: unknown): this {
    const names = loadNames(arg);
    for (const n of names) if (!(n in this._defs)) throw new Error(`fake Excel: ${this.constructor.name} has no loadable property ${n}`);
    this._ctx.enqueue({
      kind: 'load',
      requestBytes: 80,
      run: () => {
        const isNull = this._memo === null;
        const vals = names.map((n) => {
          if (isNull) return null;
          requireApi(this._ctx.wb, this._defs[n].api, `${this.constructor.name}.${n}`);
          return clone(this._defs[n].get(this._e()));
        });
        this._ctx.commits.push(() => names.forEach((n, i) => this._loaded.set(n, vals[i])));
        return JSON.stringify(vals).length;
      },
    });
    return this;
  }

  _get(name: string): unknown {
    if (!this._loaded.has(name)) {
      throw new FakeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this._loaded.get(name);
  }

  _set(name: string, v: unknown): void {
    const def = this._defs[name];
    const copy = clone(v);
    this._ctx.enqueue({
      kind: 'write',
      requestBytes: JSON.stringify(copy ?? null).length + 80,
      run: () => {
        requireApi(this._ctx.wb, def.api, `${this.constructor.name}.${name}`);
        def.set!(this._e(), copy as never);
        return 0;
      },
    });
  }

  _write(fn: (e: E) => void, bytes = 80): void {
    this._ctx.enqueue({
      kind: 'write',
      requestBytes: bytes,
      run: () => {
        fn(this._e());
        return 0;
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A collection whose `items` come from `load('items/…')`. */
abstract class Collection<T extends Base<I>, I, E> extends Base<E> {
  _items: T[] | undefined;

  protected abstract list(e: E): I[];
  protected abstract item(entity: I): T;

  override load(arg?: unknown): this {
    const names = loadNames(arg).map((n) => {
      if (n === 'items') return '';
      if (!n.startsWith('items/')) throw new Error(`fake Excel: ${this.constructor.name} loads only items/…, not ${n}`);
      return n.slice(6);
    });
    this._ctx.enqueue({
      kind: 'load',
      requestBytes: 80,
      run: () => {
        const entities = this.list(this._e());
        const items = entities.map((e) => {
          const it = this.item(e);
          it._memo = e;
          it._null = false;
          return { it, e };
        });
        let bytes = 2;
        const loads = items.map(({ it, e }) => {
          const props = names.filter(Boolean).length > 0 ? names.filter(Boolean) : Object.keys(it._defs).filter((k) => !it._defs[k].api);
          const vals = props.map((p) => {
            if (!(p in it._defs)) throw new Error(`fake Excel: ${it.constructor.name} has no loadable property ${p}`);
            requireApi(this._ctx.wb, it._defs[p].api, p);
            return clone(it._defs[p].get(e));
          });
          bytes += JSON.stringify(vals).length;
          return { it, props, vals };
        });
        this._ctx.commits.push(() => {
          for (const { it, props, vals } of loads) props.forEach((p, i) => it._loaded.set(p, vals[i]));
          this._items = items.map((x) => x.it);
        });
        return bytes;
      },
    });
    return this;
  }

  get items(): T[] {
    if (!this._items)
      throw new FakeError('PropertyNotLoaded', `The property 'items' is not available. Call load('items') and context.sync() first.`);
    return this._items;
  }
}

/** `OfficeExtension.ClientResult`: `value` only after the sync that ran the method. */
export class ClientResultP<T> {
  _value: T | typeof UNRESOLVED = UNRESOLVED;
  get value(): T {
    if (this._value === UNRESOLVED)
      throw new FakeError('PropertyNotLoaded', 'The value of the result object has not been loaded yet. Call context.sync() first.');
    return this._value;
  }
}

// ---------- helpers on the model ----------

interface RangeEntity {
  sheet: FakeSheet;
  box: RangeBox;
}

interface AreasEntity {
  sheet: FakeSheet;
  boxes: RangeBox[];
}

// A function, not a constant: model.ts and this file import each other.
const whole = (): RangeBox => ({ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 });

function parseAddress(a1: string): RangeBox {
  const s = a1.replace(/\$/g, '').trim().toUpperCase();
  const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(s);
  if (cols) {
    const l = columnIndex(cols[1]);
    const r = columnIndex(cols[2]);
    return { top: 0, left: Math.min(l, r), bottom: MAX_ROWS - 1, right: Math.max(l, r) };
  }
  const rows = /^(\d+):(\d+)$/.exec(s);
  if (rows) return { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: MAX_COLS - 1 };
  try {
    return parseRange(s);
  } catch {
    throw new FakeError('InvalidArgument', `bad address ${a1}`);
  }
}

function localAddress(a1: string): string {
  const bang = a1.lastIndexOf('!');
  return bang >= 0 ? a1.slice(bang + 1) : a1;
}

function area(b: RangeBox): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

function inBox(b: RangeBox, r: number, c: number): boolean {
  return r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;
}

/** Existing cells inside a box (iterating the map for big boxes). */
function cellsIn(sheet: FakeSheet, b: RangeBox): { r: number; c: number; cell: FakeCell }[] {
  const out: { r: number; c: number; cell: FakeCell }[] = [];
  if (area(b) <= 4096) {
    for (let r = b.top; r <= b.bottom; r++)
      for (let c = b.left; c <= b.right; c++) {
        const cell = sheet.get(r, c);
        if (cell) out.push({ r, c, cell });
      }
  } else {
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number);
      if (inBox(b, r, c)) out.push({ r, c, cell });
    }
  }
  return out;
}

function dense<T>(e: RangeEntity, fn: (cell: FakeCell | undefined) => T): T[][] {
  if (area(e.box) > 2_000_000) throw new FakeError('RangeExceedsLimit');
  const out: T[][] = [];
  for (let r = e.box.top; r <= e.box.bottom; r++) {
    const row: T[] = [];
    for (let c = e.box.left; c <= e.box.right; c++) row.push(fn(e.sheet.get(r, c)));
    out.push(row);
  }
  return out;
}

function guardWrite(wb: FakeWorkbook, sheet: FakeSheet): void {
  if (sheet.protected) throw new FakeError('AccessDenied', `worksheet ${sheet.name} is protected`);
}

function each2D(e: RangeEntity, v: unknown, fn: (r: number, c: number, x: unknown) => void): void {
  const rows = e.box.bottom - e.box.top + 1;
  const cols = e.box.right - e.box.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  v.forEach((row: unknown[], i) => row.forEach((x, j) => fn(e.box.top + i, e.box.left + j, x)));
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** What Excel does with a value typed into a cell: `=…` becomes a formula and `123` a number unless the cell is text (`@`). */
function enter(sheet: FakeSheet, r: number, c: number, x: unknown, asFormula: boolean): void {
  if (x === null || x === undefined) return;
  const cell = sheet.ensure(r, c);
  const text = cell.numberFormat === '@';
  delete cell.formula;
  if (x === '') cell.value = null;
  else if (typeof x === 'string' && !text && x.startsWith('=')) {
    cell.formula = x;
    cell.value = 0;
  } else if (typeof x === 'string' && !text && !asFormula && NUMERIC.test(x.trim())) cell.value = Number(x);
  else if (typeof x === 'string' && !text && asFormula && NUMERIC.test(x.trim())) cell.value = Number(x);
  else cell.value = x as string | number | boolean;
  sheet.tidy(r, c);
}

function displayText(c: FakeCell | undefined): string {
  if (!c || c.value === null) return '';
  if (typeof c.value === 'number') return formatNumber(c.value, c.numberFormat) ?? String(c.value);
  if (typeof c.value === 'boolean') return c.value ? 'TRUE' : 'FALSE';
  return c.value;
}

function fillOf(cell: FakeCell | undefined): { color: string; pattern: string } {
  return cell?.fill ? cell.fill : { color: '#FFFFFF', pattern: 'None' };
}

function uniform<T>(list: T[]): T | null {
  return list.every((x) => x === list[0]) ? list[0] : null;
}

function fillsOf(e: RangeEntity): { color: string; pattern: string }[] {
  const found = cellsIn(e.sheet, e.box);
  const out = found.map((x) => fillOf(x.cell));
  if (found.length < area(e.box)) out.push(fillOf(undefined));
  return out;
}

function runsToBoxes(cells: { r: number; c: number }[]): RangeBox[] {
  const sorted = [...cells].sort((a, b) => a.r - b.r || a.c - b.c);
  const out: RangeBox[] = [];
  for (const { r, c } of sorted) {
    const last = out[out.length - 1];
    if (last && last.top === r && last.right === c - 1) last.right = c;
    else out.push({ top: r, left: c, bottom: r, right: c });
  }
  return out;
}

function areasAddress(sheet: FakeSheet, boxes: RangeBox[]): string {
  return boxes.map((b) => `${quoteSheet(sheet.name)}!${rangeAddress(b)}`).join(', ');
}

function normColor(v: unknown): string {
  const s = String(v).trim();
  if (!/^#[0-9A-Fa-f]{6}$/.test(s)) throw new FakeError('InvalidArgument', `colour ${s}`);
  return s.toUpperCase();
}

// ---------- the proxies ----------

export class WorkbookP extends Base<FakeWorkbook> {
  _worksheets?: WorksheetsP;
  _protection?: WorkbookProtectionP;
  _notes?: NotesP;
  _comments?: CommentsP;
  constructor(ctx: FakeContext) {
    super(ctx, null);
    this._memo = ctx.wb;
    this._null = false;
  }
  override _e(): FakeWorkbook {
    return this._ctx.wb;
  }
  get worksheets(): WorksheetsP {
    return (this._worksheets ??= strict(new WorksheetsP(this._ctx, () => this._ctx.wb)));
  }
  get protection(): WorkbookProtectionP {
    return (this._protection ??= strict(new WorkbookProtectionP(this._ctx, () => this._ctx.wb, false, '1.7')));
  }
  get notes(): NotesP {
    return (this._notes ??= strict(new NotesP(this._ctx, () => ({ wb: this._ctx.wb, sheet: null }), false, '1.18')));
  }
  get comments(): CommentsP {
    return (this._comments ??= strict(new CommentsP(this._ctx, () => ({ wb: this._ctx.wb, sheet: null }), false, '1.10')));
  }
  /** The user's selection (`wb.selection`, its first area), else A1 of the active (or first) sheet. */
  getSelectedRange(): RangeP {
    return strict(
      new RangeP(this._ctx, () => {
        const wb = this._ctx.wb;
        const sel = wb.selection;
        const sheet = (sel && wb.sheets.find((x) => x.name === sel.sheet)) || wb.activeSheet || wb.sheets[0];
        return { sheet, box: parseAddress(sel && sheet.name === sel.sheet ? sel.address.split(',')[0] : 'A1') };
      }),
    );
  }
}

export class WorkbookProtectionP extends Base<FakeWorkbook> {
  protected override props(): Record<string, PropDef<FakeWorkbook>> {
    return { protected: { get: (wb: FakeWorkbook) => wb.structureProtected } };
  }
}

export class WorksheetsP extends Collection<WorksheetP, FakeSheet, FakeWorkbook> {
  protected list(wb: FakeWorkbook): FakeSheet[] {
    return wb.sheets;
  }
  protected item(): WorksheetP {
    return strict(new WorksheetP(this._ctx, null));
  }
  getItem(key: string): WorksheetP {
    return strict(new WorksheetP(this._ctx, () => this._ctx.wb.find(key) ?? null));
  }
  getItemOrNullObject(key: string): WorksheetP {
    return strict(new WorksheetP(this._ctx, () => this._ctx.wb.find(key) ?? null, true));
  }
  getActiveWorksheet(): WorksheetP {
    return strict(new WorksheetP(this._ctx, () => this._ctx.wb.activeSheet));
  }
  add(name?: string): WorksheetP {
    let created: FakeSheet | null = null;
    this._write((wb: FakeWorkbook) => {
      if (wb.structureProtected) throw new FakeError('AccessDenied', 'workbook structure is protected');
      const n = name ?? `Sheet${wb.sheets.length + 1}`;
      if (n.length > 31 || /[:\\/?*[\]]/.test(n) || n.startsWith("'") || n.endsWith("'") || n === '')
        throw new FakeError('InvalidArgument', `bad sheet name ${n}`);
      if (wb.find(n)) throw new FakeError('ItemAlreadyExists', `sheet ${n} exists`);
      created = wb.addSheet(n);
    });
    return strict(new WorksheetP(this._ctx, () => created));
  }
}

export class WorksheetP extends Base<FakeSheet> {
  _pageLayout?: PageLayoutP;
  _protection?: WorksheetProtectionP;
  _notes?: NotesP;
  _comments?: CommentsP;
  protected override props(): Record<string, PropDef<FakeSheet>> {
    return {
      name: {
        get: (s: FakeSheet) => s.name,
        set: (s: FakeSheet, v: string) => {
          s.name = v;
        },
      },
      id: { get: (s: FakeSheet) => s.id },
      visibility: {
        get: (s: FakeSheet) => s.visibility,
        set: (s: FakeSheet, v: FakeSheet['visibility']) => {
          if (this._ctx.wb.structureProtected) throw new FakeError('AccessDenied');
          if (v !== 'Visible' && this._ctx.wb.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0)
            throw new FakeError('InvalidOperation', 'last visible sheet');
          s.visibility = v;
        },
      },
    };
  }
  get protection(): WorksheetProtectionP {
    return (this._protection ??= strict(new WorksheetProtectionP(this._ctx, () => this._e())));
  }
  get notes(): NotesP {
    return (this._notes ??= strict(new NotesP(this._ctx, () => ({ wb: this._ctx.wb, sheet: this._e() }), false, '1.18')));
  }
  get comments(): CommentsP {
    return (this._comments ??= strict(new CommentsP(this._ctx, () => ({ wb: this._ctx.wb, sheet: this._e() }), false, '1.10')));
  }
  getRange(address?: string): RangeP {
    return strict(new RangeP(this._ctx, () => ({ sheet: this._e(), box: address === undefined ? whole() : parseAddress(address) })));
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeP {
    return strict(
      new RangeP(this._ctx, () => ({
        sheet: this._e(),
        box: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 },
      })),
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeP {
    return strict(
      new RangeP(
        this._ctx,
        () => {
          const s: FakeSheet = this._e();
          const box = s.usedBox(!!valuesOnly);
          return box ? { sheet: s, box } : null;
        },
        true,
      ),
    );
  }
  /** Never a null object: a blank sheet gives its top-left cell (as documented for Excel). */
  getUsedRange(valuesOnly?: boolean): RangeP {
    return strict(
      new RangeP(this._ctx, () => {
        const s: FakeSheet = this._e();
        return { sheet: s, box: s.usedBox(!!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }
  get pageLayout(): PageLayoutP {
    return (this._pageLayout ??= strict(new PageLayoutP(this._ctx, () => this._e(), false, '1.9')));
  }
  getRanges(address: string): RangeAreasP {
    return strict(
      new RangeAreasP(this._ctx, () => ({ sheet: this._e(), boxes: address.split(',').map((a) => parseAddress(a)) }), false, '1.9'),
    );
  }
  activate(): void {
    this._write((s: FakeSheet) => {
      this._ctx.wb.activeSheet = s;
    });
  }
  delete(): void {
    this._write((s: FakeSheet) => {
      const wb = this._ctx.wb;
      if (wb.structureProtected) throw new FakeError('AccessDenied', 'workbook structure is protected');
      if (s.visibility === 'Visible' && wb.sheets.filter((x) => x.visibility === 'Visible').length === 1)
        throw new FakeError('InvalidOperation', 'cannot delete the last visible sheet');
      wb.sheets = wb.sheets.filter((x) => x !== s);
      wb.comments = wb.comments.filter((c) => c.sheet !== s);
      s.deleted = true;
      if (wb.activeSheet === s) wb.activeSheet = wb.sheets.find((x) => x.visibility === 'Visible') ?? null;
    });
  }
}

export class PageLayoutP extends Base<FakeSheet> {
  protected override props(): Record<string, PropDef<FakeSheet>> {
    return {
      orientation: {
        get: (s: FakeSheet) => s.pageLayout.orientation,
        set: (s: FakeSheet, v: FakePageLayout['orientation']) => {
          if (v !== 'Portrait' && v !== 'Landscape') throw new FakeError('InvalidArgument', `orientation ${String(v)}`);
          s.pageLayout.orientation = v;
        },
      },
      zoom: {
        get: (s: FakeSheet) => s.pageLayout.zoom,
        set: (s: FakeSheet, v: FakePageLayout['zoom']) => {
          s.pageLayout.zoom = { ...v };
        },
      },
    };
  }
  setPrintTitleRows(rows: string): void {
    this._write((s: FakeSheet) => {
      if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeError('InvalidArgument', `print title rows ${rows}`);
      s.pageLayout.printTitleRows = rows;
    });
  }
}

export class WorksheetProtectionP extends Base<FakeSheet> {
  protected override props(): Record<string, PropDef<FakeSheet>> {
    return { protected: { get: (s: FakeSheet) => s.protected } };
  }
}

export class RangeP extends Base<RangeEntity> {
  _format?: RangeFormatP;
  protected override props(): Record<string, PropDef<RangeEntity>> {
    return {
      address: { get: (e: RangeEntity) => `${quoteSheet(e.sheet.name)}!${rangeAddress(e.box)}` },
      rowIndex: { get: (e: RangeEntity) => e.box.top },
      columnIndex: { get: (e: RangeEntity) => e.box.left },
      rowCount: { get: (e: RangeEntity) => e.box.bottom - e.box.top + 1 },
      columnCount: { get: (e: RangeEntity) => e.box.right - e.box.left + 1 },
      values: {
        get: (e: RangeEntity) => dense(e, (c) => (c ? (c.value ?? '') : '')),
        set: (e: RangeEntity, v: unknown) => {
          guardWrite(this._ctx.wb, e.sheet);
          each2D(e, v, (r, c, x) => enter(e.sheet, r, c, x, false));
        },
      },
      formulas: {
        get: (e: RangeEntity) => dense(e, (c) => (c ? (c.formula ?? c.value ?? '') : '')),
        set: (e: RangeEntity, v: unknown) => {
          guardWrite(this._ctx.wb, e.sheet);
          each2D(e, v, (r, c, x) => enter(e.sheet, r, c, x, true));
        },
      },
      numberFormat: {
        get: (e: RangeEntity) => dense(e, (c) => c?.numberFormat ?? 'General'),
        set: (e: RangeEntity, v: unknown) => {
          guardWrite(this._ctx.wb, e.sheet);
          each2D(e, v, (r, c, x) => {
            if (x === null || x === undefined) return;
            const cell = e.sheet.ensure(r, c);
            if (typeof x !== 'string') throw new FakeError('InvalidArgument', `number format ${JSON.stringify(x)}`);
            if (x === '' || x === 'General') delete cell.numberFormat;
            else cell.numberFormat = x;
            e.sheet.tidy(r, c);
          });
        },
      },
      // What Excel shows; the xlsx reader's renderer stands in for Excel's (column widths are not modelled).
      text: { get: (e: RangeEntity) => dense(e, (c) => displayText(c)) },
    };
  }
  get format(): RangeFormatP {
    return (this._format ??= strict(new RangeFormatP(this._ctx, () => this._e())));
  }
  getMergedAreasOrNullObject(): RangeAreasP {
    return strict(
      new RangeAreasP(
        this._ctx,
        () => {
          const e: RangeEntity = this._e();
          const boxes = e.sheet.merges.filter(
            (m) => m.top <= e.box.bottom && m.bottom >= e.box.top && m.left <= e.box.right && m.right >= e.box.left,
          );
          return boxes.length ? { sheet: e.sheet, boxes } : null;
        },
        true,
        '1.13',
      ),
    );
  }
  getSpecialCellsOrNullObject(cellType: string): RangeAreasP {
    if (cellType !== 'Formulas') throw new Error(`fake Excel: special cells ${cellType} not modelled`);
    return strict(
      new RangeAreasP(
        this._ctx,
        () => {
          const e: RangeEntity = this._e();
          const cells = cellsIn(e.sheet, e.box).filter((x) => x.cell.formula);
          return cells.length ? { sheet: e.sheet, boxes: runsToBoxes(cells) } : null;
        },
        true,
        '1.9',
      ),
    );
  }
  /** ExcelApi 1.9; only `format.fill` (`color`, `pattern`) is modelled. The 2-D array arrives with the sync. */
  getCellProperties(options: unknown): ClientResultP<unknown[][]> {
    const fill = (options as { format?: { fill?: Record<string, unknown> } } | null)?.format?.fill;
    const keys = fill ? Object.keys(fill) : [];
    if (
      !fill ||
      JSON.stringify(Object.keys(options as object)) !== '["format"]' ||
      JSON.stringify(Object.keys((options as { format: object }).format)) !== '["fill"]' ||
      keys.some((k) => k !== 'color' && k !== 'pattern') ||
      keys.some((k) => fill[k] !== true)
    ) {
      throw new Error(`fake Excel: getCellProperties(${JSON.stringify(options)}) is not modelled (only format.fill color/pattern)`);
    }
    const result = strict(new ClientResultP<unknown[][]>());
    this._ctx.enqueue({
      kind: 'load',
      requestBytes: 80 + JSON.stringify(options).length,
      run: () => {
        requireApi(this._ctx.wb, '1.9', 'Range.getCellProperties');
        const e: RangeEntity = this._e();
        const value = dense(e, (c) => {
          const f = fillOf(c);
          const out: Record<string, string> = {};
          for (const k of keys) out[k] = k === 'color' ? f.color : f.pattern;
          return { format: { fill: out } };
        });
        this._ctx.commits.push(() => {
          result._value = value;
        });
        return JSON.stringify(value).length;
      },
    });
    return result;
  }
  merge(across?: boolean): void {
    this._write((e: RangeEntity) => {
      guardWrite(this._ctx.wb, e.sheet);
      if (across) throw new Error('fake Excel: merge(across) not modelled');
      const b = e.box;
      if (e.sheet.merges.some((m) => m.top <= b.bottom && m.bottom >= b.top && m.left <= b.right && m.right >= b.left))
        throw new FakeError('InvalidOperation', 'merge over a merged area');
      if (b.bottom > b.top || b.right > b.left) e.sheet.merges.push({ ...b });
    });
  }
  select(): void {
    this._write((e: RangeEntity) => {
      this._ctx.wb.activeSheet = e.sheet;
      this._ctx.wb.selection = { sheet: e.sheet.name, address: rangeAddress(e.box) };
    });
  }
  clear(): void {
    this._write((e: RangeEntity) => {
      guardWrite(this._ctx.wb, e.sheet);
      for (const { r, c } of cellsIn(e.sheet, e.box)) e.sheet.cells.delete(FakeSheet.key(r, c));
    });
  }
}

/** Sets a look property on every cell of the range. */
function setLook(ctx: { wb: FakeWorkbook }, e: RangeEntity, set: (look: NonNullable<FakeCell['look']>) => void): void {
  guardWrite(ctx.wb, e.sheet);
  for (let r = e.box.top; r <= e.box.bottom; r++)
    for (let c = e.box.left; c <= e.box.right; c++) {
      const cell = e.sheet.ensure(r, c);
      cell.look ??= {};
      set(cell.look);
    }
}

const lookOf = (e: RangeEntity, key: keyof NonNullable<FakeCell['look']>) =>
  uniform(cellsIn(e.sheet, e.box).map((x) => x.cell.look?.[key]));

export class RangeFormatP extends Base<RangeEntity> {
  _fill?: RangeFillP;
  _font?: RangeFontP;
  _borders?: RangeBordersP;
  protected override props(): Record<string, PropDef<RangeEntity>> {
    return {
      rowHeight: {
        get: (e: RangeEntity) => e.sheet.rowHeights.get(e.box.top) ?? 15,
        set: (e: RangeEntity, v: number) => {
          guardWrite(this._ctx.wb, e.sheet);
          for (let r = e.box.top; r <= e.box.bottom; r++) e.sheet.rowHeights.set(r, v);
        },
      },
      horizontalAlignment: {
        get: (e: RangeEntity) => lookOf(e, 'horizontal') ?? 'General',
        set: (e: RangeEntity, v: string) => setLook(this._ctx, e, (l) => (l.horizontal = v)),
      },
      verticalAlignment: {
        get: (e: RangeEntity) => lookOf(e, 'vertical') ?? 'Bottom',
        set: (e: RangeEntity, v: string) => setLook(this._ctx, e, (l) => (l.vertical = v)),
      },
      wrapText: {
        get: (e: RangeEntity) => lookOf(e, 'wrap') ?? false,
        set: (e: RangeEntity, v: boolean) => setLook(this._ctx, e, (l) => (l.wrap = v)),
      },
      columnWidth: {
        get: (e: RangeEntity) => e.sheet.columnWidths.get(e.box.left) ?? 48,
        set: (e: RangeEntity, v: number) => {
          guardWrite(this._ctx.wb, e.sheet);
          for (let c = e.box.left; c <= e.box.right; c++) e.sheet.columnWidths.set(c, v);
        },
      },
    };
  }
  get fill(): RangeFillP {
    return (this._fill ??= strict(new RangeFillP(this._ctx, () => this._e())));
  }
  get font(): RangeFontP {
    return (this._font ??= strict(new RangeFontP(this._ctx, () => this._e())));
  }
  get borders(): RangeBordersP {
    return (this._borders ??= strict(new RangeBordersP(this._ctx, () => this._e())));
  }
}

/** Borders: `getItem(edge).style` only; an edge set on a range is recorded on each of its cells. */
export class RangeBordersP extends Base<RangeEntity> {
  getItem(edge: string): RangeBorderP {
    const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
    if (!edges.includes(edge)) throw new Error(`fake Excel: no border ${edge}`);
    return strict(new RangeBorderP(this._ctx, () => ({ ...this._e(), edge })));
  }
}

export class RangeBorderP extends Base<RangeEntity & { edge: string }> {
  protected override props(): Record<string, PropDef<RangeEntity & { edge: string }>> {
    return {
      style: {
        get: (e: RangeEntity & { edge: string }) =>
          cellsIn(e.sheet, e.box).every((x) => x.cell.look?.borders?.includes(e.edge)) ? 'Continuous' : 'None',
        set: (e: RangeEntity & { edge: string }, v: string) => {
          if (v !== 'Continuous' && v !== 'None') throw new Error(`fake Excel: border style ${v} not modelled`);
          setLook(this._ctx, e, (l) => {
            const rest = (l.borders ?? []).filter((x) => x !== e.edge);
            l.borders = v === 'None' ? rest : [...rest, e.edge];
          });
        },
      },
    };
  }
}

export class RangeFillP extends Base<RangeEntity> {
  protected override props(): Record<string, PropDef<RangeEntity>> {
    return {
      color: {
        get: (e: RangeEntity) => uniform(fillsOf(e).map((f) => f.color)),
        set: (e: RangeEntity, v: unknown) => {
          guardWrite(this._ctx.wb, e.sheet);
          const color = normColor(v);
          if (area(e.box) > 1_000_000) throw new FakeError('RangeExceedsLimit');
          for (let r = e.box.top; r <= e.box.bottom; r++)
            for (let c = e.box.left; c <= e.box.right; c++) e.sheet.ensure(r, c).fill = { color, pattern: 'Solid' };
        },
      },
      pattern: {
        api: '1.9',
        get: (e: RangeEntity) => uniform(fillsOf(e).map((f) => f.pattern)),
        set: (e: RangeEntity, v: string) => {
          guardWrite(this._ctx.wb, e.sheet);
          for (let r = e.box.top; r <= e.box.bottom; r++)
            for (let c = e.box.left; c <= e.box.right; c++) {
              const cell = e.sheet.ensure(r, c);
              if (v === 'None') delete cell.fill;
              else cell.fill = { color: cell.fill?.color ?? '#000000', pattern: v };
              e.sheet.tidy(r, c);
            }
        },
      },
    };
  }
  clear(): void {
    this._write((e: RangeEntity) => {
      guardWrite(this._ctx.wb, e.sheet);
      for (const { r, c, cell } of cellsIn(e.sheet, e.box)) {
        delete cell.fill;
        e.sheet.tidy(r, c);
      }
    });
  }
}

export class RangeFontP extends Base<RangeEntity> {
  protected override props(): Record<string, PropDef<RangeEntity>> {
    return {
      size: {
        get: (e: RangeEntity) => lookOf(e, 'size') ?? 11,
        set: (e: RangeEntity, v: number) => setLook(this._ctx, e, (l) => (l.size = v)),
      },
      name: {
        get: (e: RangeEntity) => lookOf(e, 'font') ?? 'Calibri',
        set: (e: RangeEntity, v: string) => setLook(this._ctx, e, (l) => (l.font = v)),
      },
      bold: {
        get: (e: RangeEntity) => uniform(cellsIn(e.sheet, e.box).map((x) => !!x.cell.bold)) ?? false,
        set: (e: RangeEntity, v: boolean) => {
          guardWrite(this._ctx.wb, e.sheet);
          for (let r = e.box.top; r <= e.box.bottom; r++) for (let c = e.box.left; c <= e.box.right; c++) e.sheet.ensure(r, c).bold = v;
        },
      },
    };
  }
}

export class RangeAreasP extends Base<AreasEntity> {
  protected override props(): Record<string, PropDef<AreasEntity>> {
    return {
      address: { get: (e: AreasEntity) => areasAddress(e.sheet, e.boxes) },
      areaCount: { get: (e: AreasEntity) => e.boxes.length },
    };
  }
  select(): void {
    this._write((e: AreasEntity) => {
      this._ctx.wb.activeSheet = e.sheet;
      this._ctx.wb.selection = { sheet: e.sheet.name, address: e.boxes.map((b) => rangeAddress(b)).join(',') };
    });
  }
}

interface NotesEntity {
  wb: FakeWorkbook;
  sheet: FakeSheet | null;
}

interface NoteEntity {
  sheet: FakeSheet;
  cell: string;
}

/** Resolves a note key / cell argument to sheet + A1 (workbook-level collections need `Sheet!A1`). */
function noteCell(e: NotesEntity, where: string | RangeP): NoteEntity {
  if (typeof where !== 'string') {
    const r: RangeEntity = where._e();
    if (area(r.box) !== 1) throw new FakeError('InvalidCellAddress', 'a note needs a single cell');
    return { sheet: r.sheet, cell: rangeAddress(r.box) };
  }
  let sheet = e.sheet;
  let a1 = where;
  if (where.includes('!')) {
    const name = where.slice(0, where.lastIndexOf('!')).replace(/^'|'$/g, '').replace(/''/g, "'");
    sheet = e.wb.find(name) ?? null;
    a1 = localAddress(where);
  }
  if (!sheet) throw new FakeError('InvalidCellAddress', `no sheet in ${where}`);
  const box = parseAddress(a1);
  if (area(box) !== 1) throw new FakeError('InvalidCellAddress', 'a note needs a single cell');
  return { sheet, cell: rangeAddress(box) };
}

export class NotesP extends Collection<NoteP, NoteEntity, NotesEntity> {
  protected list(e: NotesEntity): NoteEntity[] {
    const sheets = e.sheet ? [e.sheet] : e.wb.sheets;
    // Sheet by sheet, row by row (Excel's order for notes is not documented; the adapter does not depend on it).
    return sheets.flatMap((sheet) =>
      [...sheet.notes.keys()]
        .map((cell) => ({ sheet, cell, box: parseAddress(cell) }))
        .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left)
        .map(({ sheet: s, cell }) => ({ sheet: s, cell })),
    );
  }
  protected item(): NoteP {
    return strict(new NoteP(this._ctx, null));
  }
  add(cellAddress: string | RangeP, content: string): NoteP {
    let made: NoteEntity | null = null;
    this._write(
      (e: NotesEntity) => {
        const at = noteCell(e, cellAddress);
        guardWrite(e.wb, at.sheet);
        if (at.sheet.notes.has(at.cell)) throw new FakeError('InvalidArgument', `cell ${at.cell} already has a note`);
        at.sheet.notes.set(at.cell, String(content));
        made = at;
      },
      80 + String(content).length,
    );
    return strict(new NoteP(this._ctx, () => made));
  }
  getItem(key: string): NoteP {
    return strict(
      new NoteP(this._ctx, () => {
        const at = noteCell(this._e(), key);
        return at.sheet.notes.has(at.cell) ? at : null;
      }),
    );
  }
  getItemOrNullObject(key: string): NoteP {
    return strict(
      new NoteP(
        this._ctx,
        () => {
          const at = noteCell(this._e(), key);
          return at.sheet.notes.has(at.cell) ? at : null;
        },
        true,
      ),
    );
  }
}

export class NoteP extends Base<NoteEntity> {
  protected override props(): Record<string, PropDef<NoteEntity>> {
    return {
      content: {
        get: (e: NoteEntity) => e.sheet.notes.get(e.cell) ?? '',
        set: (e: NoteEntity, v: string) => {
          guardWrite(this._ctx.wb, e.sheet);
          if (!e.sheet.notes.has(e.cell)) throw new FakeError('ItemNotFound', 'note deleted');
          e.sheet.notes.set(e.cell, String(v));
        },
      },
    };
  }
  delete(): void {
    this._write((e: NoteEntity) => {
      guardWrite(this._ctx.wb, e.sheet);
      if (!e.sheet.notes.delete(e.cell)) throw new FakeError('ItemNotFound', 'note deleted');
    });
  }
}

export class CommentsP extends Collection<CommentP, FakeComment, NotesEntity> {
  protected list(e: NotesEntity): FakeComment[] {
    return e.wb.comments.filter((c) => e.sheet === null || c.sheet === e.sheet);
  }
  protected item(): CommentP {
    return strict(new CommentP(this._ctx, null));
  }
  add(cellAddress: string | RangeP, content: string): CommentP {
    let made: FakeComment | null = null;
    this._write(
      (e: NotesEntity) => {
        const at = noteCell(e, cellAddress);
        guardWrite(e.wb, at.sheet);
        if (e.wb.comments.some((c) => c.sheet === at.sheet && c.cell === at.cell))
          throw new FakeError('InvalidArgument', `cell ${at.cell} already has a comment`);
        made = e.wb.addComment(at.sheet, at.cell, String(content));
      },
      80 + String(content).length,
    );
    return strict(new CommentP(this._ctx, () => made));
  }
  getItem(id: string): CommentP {
    return strict(new CommentP(this._ctx, () => this._ctx.wb.comments.find((c) => c.id === id) ?? null));
  }
  getItemOrNullObject(id: string): CommentP {
    return strict(new CommentP(this._ctx, () => this._ctx.wb.comments.find((c) => c.id === id) ?? null, true));
  }
}

export class CommentP extends Base<FakeComment> {
  protected override props(): Record<string, PropDef<FakeComment>> {
    return {
      id: { get: (c: FakeComment) => c.id },
      content: {
        get: (c: FakeComment) => c.content,
        set: (c: FakeComment, v: string) => {
          c.content = String(v);
        },
      },
    };
  }
  getLocation(): RangeP {
    return strict(new RangeP(this._ctx, () => ({ sheet: this._e().sheet, box: parseAddress(this._e().cell) })));
  }
  delete(): void {
    this._write((c: FakeComment) => {
      guardWrite(this._ctx.wb, c.sheet);
      const wb = this._ctx.wb;
      if (!wb.comments.includes(c)) throw new FakeError('ItemNotFound', 'comment deleted');
      wb.comments = wb.comments.filter((x) => x !== c);
    });
  }
}
