/**
 * One plan being built into writes: what the ops replace (the probe's maps, updated as each op is queued, so a
 * later op sees what an earlier one will have done), the ledger as it goes, the queued writes, the report.
 */
import type { LedgerEntry } from '../../../core/ledger';
import type { OfficeFill } from '../translate';
import { ACTION, type Write, type WriteCtx } from './batch';
import { LedgerWork } from './entries';
import type { CommentState, Probe, ValueState } from './probe';
import type { Caps, OfficeApplyReport } from './types';

export class Build {
  readonly report: OfficeApplyReport;
  readonly writes: Write[] = [];
  readonly ledger: LedgerWork;
  /** Sheet names as they will be after the writes queued so far. */
  readonly names: string[];
  readonly fills: Map<string, OfficeFill>;
  readonly notes: Map<string, string | null>;
  readonly values: Map<string, ValueState>;
  readonly comments: Map<string, CommentState>;
  readonly protectedSheets: Set<string>;
  /** Changes not made (or not undone) per protected sheet, for the notice. */
  readonly skipped = new Map<string, number>();
  /** Notes for the sheet `审核说明` (neither notes nor comments API), and the tag of the first. */
  readonly noteRows: (string | number | null)[][] = [];
  noteRowsTag: string | null = null;
  /** Cells where a user's comment kept ours out (comment mode). */
  userComments = 0;

  constructor(
    readonly probe: Probe,
    readonly caps: Caps,
    readonly perSync: number,
  ) {
    this.report = {
      cellsFilled: 0,
      notesWritten: 0,
      valuesWritten: 0,
      sheetsAdded: [],
      restored: 0,
      keptUserChanges: 0,
      noteMode: caps.mode,
      notices: [],
      syncs: 0,
    };
    this.ledger = new LedgerWork(probe.records);
    this.names = [...probe.names];
    this.fills = new Map(probe.fills);
    this.notes = new Map(probe.notes);
    this.values = new Map(probe.values);
    this.comments = new Map(probe.comments);
    this.protectedSheets = new Set([...probe.sheetProtected].filter(([, v]) => v).map(([k]) => k));
  }

  /** Queues a change of about `bytes` request bytes. */
  w(bytes: number, run: (x: WriteCtx) => void): void {
    this.writes.push({ bytes, run });
  }

  notice(text: string): void {
    if (!this.report.notices.includes(text)) this.report.notices.push(text);
  }

  skip(sheet: string): void {
    this.skipped.set(sheet, (this.skipped.get(sheet) ?? 0) + 1);
  }

  /** The sheet's name as the workbook spells it (names compare without case), or undefined. */
  nameOf(name: string): string | undefined {
    return this.names.find((n) => n.toLowerCase() === name.toLowerCase());
  }

  exists(name: string): boolean {
    return this.nameOf(name) !== undefined;
  }

  /** Queues deleting a sheet that exists. */
  removeSheet(name: string): void {
    const actual = this.nameOf(name)!;
    this.w(2 * ACTION, (x) => x.remove(actual));
    this.names.splice(this.names.indexOf(actual), 1);
  }

  entries(): LedgerEntry[] {
    return this.ledger.current();
  }
}
