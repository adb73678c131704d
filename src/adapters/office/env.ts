/**
 * What the office adapter needs from the outside: the `Excel.run` function and the requirement-set check.
 * Injected rather than taken from the globals so tests can pass the in-memory fake (test/fake-excel).
 */

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeEnv {
  run: ExcelRun;
  /** `Office.context.requirements.isSetSupported` (ExcelApi versions are strings like `1.18`). */
  isSetSupported: (name: string, minVersion: string) => boolean;
}

/** The environment of the running add-in (call after `Office.onReady`). */
export function officeEnv(): OfficeEnv {
  return {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch),
    isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
  };
}

/** Requirement sets the adapter checks at run time (the manifest asks for ExcelApi 1.13). */
export const API = {
  /** `workbook.notes` (the yellow notes, formerly “comments”). */
  notes: '1.18',
  /** Threaded comments. */
  comments: '1.10',
  /** `getMergedAreasOrNullObject`. */
  merges: '1.13',
  /** `worksheet.getRanges` (multi-area select), `getSpecialCells`, `fill.pattern`. */
  rangeAreas: '1.9',
} as const;

export function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return '';
}

/**
 * An error with its Chinese message for the user and the office.js error that caused it (`cause`, set by hand:
 * the project's lib target, ES2021, has no `ErrorOptions`).
 */
export function failure(message: string, cause: unknown): Error {
  return Object.assign(new Error(message), { cause });
}

export function isPayloadTooLarge(e: unknown): boolean {
  const c = errorCode(e);
  return c === 'ResponsePayloadSizeLimitExceeded' || c === 'RequestPayloadSizeLimitExceeded' || c === 'PayloadTooLarge';
}

/** A sheet named in the batch is gone (renamed or deleted since we last listed the sheets). */
export function isItemNotFound(e: unknown): boolean {
  return errorCode(e) === 'ItemNotFound';
}

/** Splits a RangeAreas address (`Sheet1!A1:B2, 'a,b'!C3`) on the commas outside quotes. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
