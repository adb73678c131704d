/** Strict in-memory fake of the office.js Excel API subset the adapter uses (see proxies.ts for the rules). */
export { FakeWorkbook, FakeSheet, type FakeCell, type FakeComment, type FakeOptions } from './model';
export { FakeError, type SyncRecord } from './proxies';
