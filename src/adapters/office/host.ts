/**
 * The task pane's EngineHost for Excel: reads, writes and selects through office.js. Stateful only to save
 * round trips: the sheet list, the records, and what the latest read saw of fills and notes (`WorkbookState`,
 * kept here rather than in the snapshot). A write uses the latter only right after the read and only to put
 * marks down; anything that restores re-checks the workbook first (apply.ts).
 *
 * Round trips as the user meets them (pane open: sheet names and sizes, 2 syncs in the background):
 * 审核 = 1 sync; 标记 right after = 1 sync; 清除标记 = 2 (probe + write); 标记 again after a new 审核 while
 * marks are on = 2 (the old marks are restored from a probe, then the new ones written).
 */
import type { WritePlan } from '../../core/model';
import type { KindOverride, WorkbookSnapshot } from '../../core/snapshot';
import { splitQualified } from '../../core/snapshot';
import { selectionAreas } from '../../core/cells';
import type { ApplyOutcome, EngineHost } from '../../core/host';
import { overridesOf, withOverrides, type LedgerEntry } from '../../core/ledger';
import { applyPlanOffice, BYTES_PER_SYNC, noteMode, type ApplyOptions, type OfficeApplyReport, type OfficeState } from './apply';
import { API, errorCode, failure, isItemNotFound, type OfficeEnv } from './env';
import { emptyCache, listSheets, prepareCache, readWorkbook, type ReadOptions } from './read';
import { keepsSheet, ledgerFromValues, RECORD_SHEET, recordSheetWrites } from './records';
import { chunks, sendBatch } from './write/batch';

/** At most this much of a finding is selected: 30 areas, an address of at most 2,000 characters. */
export const SELECT_LIMITS = { maxAreas: 30, maxLength: 2000 };

export interface OfficeHostOptions extends Pick<ReadOptions, 'cellsPerSync' | 'maxCells'>, ApplyOptions {
  /** Workbook name for messages (the pane may pass `Office.context.document.url`'s file name). */
  name?: string;
  /** Called with each Chinese notice of a plan application (degraded notes, protected sheets…). */
  onNotice?: (text: string) => void;
}

export class OfficeHost implements EngineHost {
  readonly kind = 'excel' as const;
  private readonly state: OfficeState = { cache: emptyCache(), records: null, readId: 0, seen: null };
  /** What the last plan application did (notices: what degraded, in Chinese). */
  lastReport: OfficeApplyReport | null = null;

  constructor(
    private readonly env: OfficeEnv,
    private readonly options: OfficeHostOptions = {},
  ) {}

  private preparing: Promise<void> | null = null;

  /** Lists the sheets and their sizes ahead of the first check (two small syncs), so the check reads in one. */
  async prepare(): Promise<void> {
    await prepareCache(this.env, this.state.cache);
  }

  /** `prepare` without waiting; a read started meanwhile waits for it instead of listing the sheets twice. */
  prepareInBackground(): void {
    this.preparing = this.prepare()
      .catch(() => {
        // The read lists the sheets itself if this failed.
        this.state.cache.names = null;
      })
      .finally(() => {
        this.preparing = null;
      });
  }

  /** Resolves once a background `prepareInBackground` has finished (at once when none is running). */
  async whenPrepared(): Promise<void> {
    if (this.preparing) await this.preparing;
  }

  async readSnapshot(onProgress?: (p: number, text: string) => void): Promise<WorkbookSnapshot> {
    if (this.preparing) await this.preparing;
    const readId = ++this.state.readId;
    this.state.seen = null;
    const r = await readWorkbook(this.env, this.state.cache, {
      cellsPerSync: this.options.cellsPerSync,
      maxCells: this.options.maxCells,
      onProgress,
      knownRecords: this.state.records,
    });
    this.state.records = r.records;
    // A read finished later than another one started after it is not the latest.
    if (readId === this.state.readId) this.state.seen = { readId, state: r.state };
    if (this.options.name !== undefined) r.snapshot.name = this.options.name;
    return r.snapshot;
  }

  /**
   * EngineHost's applyPlan: the notices (what degraded) go back to the pane; the full report stays in
   * `lastReport` (notices also go to `onNotice`).
   */
  async applyPlan(plan: WritePlan): Promise<ApplyOutcome> {
    const report = await this.applyPlanWithReport(plan);
    return { notices: [...report.notices] };
  }

  /** Applies a plan and says what was done and what degraded. */
  async applyPlanWithReport(plan: WritePlan): Promise<OfficeApplyReport> {
    const report = await applyPlanOffice(this.env, this.state, plan, this.options);
    this.lastReport = report;
    for (const n of report.notices) this.options.onNotice?.(n);
    return report;
  }

  async selectedRange(): Promise<{ sheet: string; range: string } | null> {
    return this.env.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange();
      r.load('address');
      await ctx.sync();
      return r.address ? splitQualified(r.address) : null;
    });
  }

  async selectCells(qualifiedAddresses: string[]): Promise<void> {
    if (qualifiedAddresses.length === 0) return;
    // A selection lives on one sheet: the first address's sheet, the first cell first, and the other cells on
    // it as areas (adjacent cells merged), bounded — a finding may name thousands of cells, and one address
    // of thousands of areas is more than Excel takes.
    // An unreadable first address is passed on as it is, for Excel to refuse.
    const first = splitQualified(qualifiedAddresses[0]);
    const { sheet, ranges: here } = selectionAreas(qualifiedAddresses, SELECT_LIMITS) ?? { sheet: first.sheet, ranges: [first.range] };
    const multi = here.length > 1 && this.env.isSetSupported('ExcelApi', API.rangeAreas);
    try {
      await this.env.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        if (multi) ws.getRanges(here.join(',')).select();
        else ws.getRange(here[0]).select();
        await ctx.sync();
      });
    } catch (e) {
      if (isItemNotFound(e)) {
        this.state.cache.names = null;
        throw failure(`找不到工作表“${sheet}”，可能已被重命名或删除。请重新审核。`, e);
      }
      // A hidden sheet cannot be activated; other failures are reported as they come.
      throw failure(`无法选中工作表“${sheet}”中的单元格（${errorCode(e) || (e as Error).message}）。如果该工作表已隐藏，请先取消隐藏。`, e);
    }
  }

  async loadOverrides(): Promise<KindOverride[]> {
    const records = await this.fetchRecords();
    return overridesOf(records);
  }

  async saveOverrides(o: KindOverride[]): Promise<void> {
    // The record sheet is rewritten whole with the new overrides (every other entry kept as it is).
    const records = await this.fetchRecords();
    const next = withOverrides(records, o);
    // The records change: the latest read's picture of them is out of date.
    this.state.seen = null;
    try {
      await this.writeRecords(next);
    } catch (e) {
      this.state.records = null;
      this.state.cache.names = null;
      throw failure(`保存表类型更正失败（${errorCode(e) || (e as Error).message}）。如果工作簿结构受保护，请先取消“保护工作簿”。`, e);
    }
    const kept = keepsSheet(next);
    this.state.records = kept ? next : [];
    const names = (this.state.cache.names ?? []).filter((n) => n !== RECORD_SHEET);
    this.state.cache.names = kept ? [...names, RECORD_SHEET] : names;
  }

  /** Rewrites `_juesuan` with `next`, or deletes it when nothing is left (one sync at normal sizes). */
  private async writeRecords(next: LedgerEntry[]): Promise<void> {
    const perSync = this.options.bytesPerSync ?? BYTES_PER_SYNC;
    const exists = (this.state.cache.names ?? []).includes(RECORD_SHEET);
    for (const batch of chunks(recordSheetWrites(next, exists, perSync), perSync)) await sendBatch(this.env, batch);
  }

  capabilities(): { notes: boolean; comments: boolean; [k: string]: boolean } {
    const mode = noteMode(this.env);
    return {
      notes: mode === 'notes',
      comments: mode === 'comments' || this.env.isSetSupported('ExcelApi', API.comments),
      multiSelect: this.env.isSetSupported('ExcelApi', API.rangeAreas),
      // The pane can always write a findings sheet and fills.
      findingsSheet: true,
      fills: true,
    };
  }

  /** Reads `_juesuan` (one sync; one more when the sheet list is not known yet). */
  private async fetchRecords(): Promise<LedgerEntry[]> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.state.cache.names === null) await listSheets(this.env, this.state.cache);
      const names = this.state.cache.names ?? [];
      if (!names.includes(RECORD_SHEET)) {
        // The cached list says there is none: confirm with a cheap lookup before trusting it.
        const found = await this.env.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItemOrNullObject(RECORD_SHEET);
          ws.load('name');
          await ctx.sync();
          return !ws.isNullObject;
        });
        if (!found) {
          this.state.records = [];
          return [];
        }
        this.state.cache.names = null;
        continue;
      }
      try {
        const values = await this.env.run(async (ctx) => {
          const used = ctx.workbook.worksheets.getItem(RECORD_SHEET).getUsedRangeOrNullObject(true);
          used.load('values');
          await ctx.sync();
          return used.isNullObject ? null : used.values;
        });
        this.state.records = ledgerFromValues(values);
        return this.state.records;
      } catch (e) {
        if (!isItemNotFound(e)) throw e;
        this.state.cache.names = null;
      }
    }
    throw new Error('读取加载项记录失败，请稍后重试。');
  }
}
