/**
 * The file-backed EngineHost of the standalone page: the exceljs Workbook stays in memory, plans are applied to
 * it, and the page's grid listens for changes and selections. No DOM here: the page subscribes to events.
 */
import type ExcelJS from 'exceljs';
import type { WritePlan } from '../../core/model';
import { parseRange, splitQualified, type KindOverride, type RangeBox, type WorkbookSnapshot } from '../../core/snapshot';
import type { ApplyOutcome, EngineHost } from '../../ui/host';
import { applyPlanToWorkbook, loadOverridesFromWorkbook, saveOverridesToWorkbook, type ApplyReport } from './apply';
import { loadWorkbook, snapshotFromWorkbook } from './read';

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
    readonly workbook: ExcelJS.Workbook,
    readonly name: string,
  ) {}

  /** Loads .xlsx bytes; throws WorkbookReadError (Chinese) on anything that is not a readable workbook. */
  static async fromBuffer(data: ArrayBuffer | Uint8Array, name: string): Promise<FileEngineHost> {
    return new FileEngineHost(await loadWorkbook(data, name), name);
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

  async readSnapshot(onProgress?: (p: number, text: string) => void): Promise<WorkbookSnapshot> {
    onProgress?.(0.1, `正在读取“${this.name}”…`);
    const snap = this.snapshotNow();
    onProgress?.(1, `已读取 ${snap.sheets.length} 个工作表`);
    return snap;
  }

  /** Synchronous snapshot of the workbook as it is now, without the add-in's record sheet. */
  snapshotNow(): WorkbookSnapshot {
    const snap = snapshotFromWorkbook(this.workbook, this.name);
    this._snapshot = snap;
    return snap;
  }

  async applyPlan(plan: WritePlan): Promise<ApplyOutcome> {
    const report = applyPlanToWorkbook(this.workbook, plan);
    this.changed(report);
    return { notices: [...report.notices] };
  }

  async selectCells(qualifiedAddresses: string[]): Promise<void> {
    if (qualifiedAddresses.length === 0) return;
    const first = splitQualified(qualifiedAddresses[0]);
    if (!this.workbook.getWorksheet(first.sheet)) throw new Error(`工作簿中没有名为“${first.sheet}”的工作表`);
    const ranges: RangeBox[] = [];
    for (const a of qualifiedAddresses) {
      const q = splitQualified(a);
      if (q.sheet === first.sheet) ranges.push(parseRange(q.range));
    }
    this.emit({ type: 'select', sheet: first.sheet, ranges, addresses: qualifiedAddresses });
  }

  async loadOverrides(): Promise<KindOverride[]> {
    return loadOverridesFromWorkbook(this.workbook);
  }

  async saveOverrides(o: KindOverride[]): Promise<void> {
    saveOverridesToWorkbook(this.workbook, o);
    this.changed();
  }

  capabilities(): { notes: boolean; comments: boolean; [k: string]: boolean } {
    return { notes: true, comments: false, addSheet: true, download: true };
  }

  /** The workbook as .xlsx bytes, with every applied plan and the record sheet. */
  async toBuffer(): Promise<ArrayBuffer> {
    const buf = (await this.workbook.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
    if (buf instanceof ArrayBuffer) return buf;
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }

  private changed(report?: ApplyReport): void {
    this._version++;
    this._snapshot = null;
    this.emit({ type: 'change', version: this._version, report });
  }
}
