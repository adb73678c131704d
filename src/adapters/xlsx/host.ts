/**
 * The file-backed EngineHost of the standalone page: the opened package stays in memory, plans are patched into
 * it, and the page's grid listens for changes and selections. No DOM here: the page subscribes to events.
 */
import type { WritePlan } from '../../core/model';
import { parseRange, splitQualified, type KindOverride, type RangeBox, type WorkbookSnapshot } from '../../core/snapshot';
import type { ApplyOutcome, EngineHost } from '../../core/host';
import type { ApplyReport } from '../../core/model';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from './read';
import { applyPlanToPackage, loadOverrides, saveOverrides } from './write/apply';

export interface SelectionEvent {
  type: 'select';
  sheet: string;
  /** Ranges on `sheet`, 0-based; addresses on other sheets are ignored (Excel selects on one sheet too). */
  ranges: RangeBox[];
  /** The addresses as given, for the page's name box. */
  addresses: string[];
}

export interface ChangeEvent {
  type: 'change';
  /** Bumped on every applied plan or saved override. */
  version: number;
  report?: ApplyReport;
}

export type HostEvent = SelectionEvent | ChangeEvent;

export class FileEngineHost implements EngineHost {
  readonly kind = 'file' as const;
  private listeners = new Set<(e: HostEvent) => void>();
  private _version = 0;
  private _snapshot: WorkbookSnapshot | null = null;

  constructor(
    readonly workbook: OpenedWorkbook,
    readonly name: string,
  ) {}

  /** Opens .xlsx bytes; throws WorkbookReadError (Chinese) on anything that is not a readable workbook. */
  static fromBuffer(data: ArrayBuffer | Uint8Array, name: string): Promise<FileEngineHost> {
    return new Promise((resolve) => resolve(new FileEngineHost(openWorkbook(data, name), name)));
  }

  get version(): number {
    return this._version;
  }

  /** The last snapshot read (the grid uses its display text), or null before the first read. */
  get lastSnapshot(): WorkbookSnapshot | null {
    return this._snapshot;
  }

  subscribe(fn: (e: HostEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: HostEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  readSnapshot(onProgress?: (p: number, text: string) => void): Promise<WorkbookSnapshot> {
    onProgress?.(0.1, `正在读取“${this.name}”…`);
    const snap = this.snapshotNow();
    onProgress?.(1, `已读取 ${snap.sheets.length} 个工作表`);
    return Promise.resolve(snap);
  }

  /** Synchronous snapshot of the workbook as it is now, without the add-in's record sheet. */
  snapshotNow(): WorkbookSnapshot {
    const snap = snapshotOf(this.workbook, this.name);
    this._snapshot = snap;
    return snap;
  }

  applyPlan(plan: WritePlan): Promise<ApplyOutcome> {
    const report = applyPlanToPackage(this.workbook, plan);
    this.changed(report);
    return Promise.resolve({ notices: [...report.notices] });
  }

  selectCells(qualifiedAddresses: string[]): Promise<void> {
    if (qualifiedAddresses.length === 0) return Promise.resolve();
    const first = splitQualified(qualifiedAddresses[0]);
    if (!this.workbook.book.sheets.some((s) => s.name === first.sheet)) {
      return Promise.reject(new Error(`工作簿中没有名为“${first.sheet}”的工作表`));
    }
    const ranges: RangeBox[] = [];
    for (const a of qualifiedAddresses) {
      const q = splitQualified(a);
      if (q.sheet === first.sheet) ranges.push(parseRange(q.range));
    }
    this.emit({ type: 'select', sheet: first.sheet, ranges, addresses: qualifiedAddresses });
    return Promise.resolve();
  }

  loadOverrides(): Promise<KindOverride[]> {
    return Promise.resolve(loadOverrides(this.workbook));
  }

  saveOverrides(o: KindOverride[]): Promise<void> {
    saveOverrides(this.workbook, o);
    this.changed();
    return Promise.resolve();
  }

  capabilities(): { notes: boolean; comments: boolean; [k: string]: boolean } {
    return { notes: true, comments: false, addSheet: true, download: true };
  }

  /** The workbook as .xlsx bytes: every part the plans did not touch exactly as it was read. */
  toBuffer(): Promise<ArrayBuffer> {
    const bytes = this.workbook.pkg.toBytes();
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  private changed(report?: ApplyReport): void {
    this._version++;
    this._snapshot = null;
    this.emit({ type: 'change', version: this._version, report });
  }
}
