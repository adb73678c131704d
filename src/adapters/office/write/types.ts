/** What the write modules share: where notes go, what a plan application reports, what the host remembers. */
import type { ApplyReport } from '../../../core/model';
import type { LedgerEntry } from '../../../core/ledger';
import { API, type OfficeEnv } from '../env';
import type { SheetCache, WorkbookState } from '../read';

export type NoteMode = 'notes' | 'comments' | 'sheet';

/** Notes (ExcelApi 1.18) degrade to threaded comments (ExcelApi 1.10), then to a sheet `审核说明`. */
export function noteMode(env: OfficeEnv): NoteMode {
  if (env.isSetSupported('ExcelApi', API.notes)) return 'notes';
  if (env.isSetSupported('ExcelApi', API.comments)) return 'comments';
  return 'sheet';
}

export const NOTES_SHEET = '审核说明';

export interface OfficeApplyReport extends ApplyReport {
  /** Where note ops went. */
  noteMode: NoteMode;
  syncs: number;
}

/** What the host remembers between calls (kept fresh by reads; re-checked by every probe). */
export interface OfficeState {
  cache: SheetCache;
  /** The ledger as last seen in the record sheet, or null when not yet read. */
  records: LedgerEntry[] | null;
  /** Number of the latest read. */
  readId: number;
  /** The workbook as read `readId` saw it; dropped by the first write after it (it is no longer the workbook). */
  seen: { readId: number; state: WorkbookState } | null;
}

/** What the host can do, as far as building a write needs it. */
export interface Caps {
  mode: NoteMode;
  /** Threaded comments (ExcelApi 1.10): our comments can be found and deleted even when notes are the mode. */
  commentsApi: boolean;
  /** `fill.pattern` (ExcelApi 1.9). */
  withPattern: boolean;
}

export function capsOf(env: OfficeEnv): Caps {
  return {
    mode: noteMode(env),
    commentsApi: env.isSetSupported('ExcelApi', API.comments),
    withPattern: env.isSetSupported('ExcelApi', API.rangeAreas),
  };
}
