/**
 * Queued writes and the batches that carry them: each change is a closure over the batch's proxies with its
 * estimated request bytes, so that a write is split into syncs only where a request would pass the budget.
 */
import type { OfficeEnv } from '../env';

/** Estimated request bytes per sync (Excel on the web refuses requests over 5 MB). */
export const BYTES_PER_SYNC = 2_000_000;
/** Rough size of one queued action with its object path in office.js' request JSON. */
export const ACTION = 120;

/** JSON size of what a write carries; Chinese text is 3 bytes a character in UTF-8. */
export function size(v: unknown): number {
  const json = JSON.stringify(v) ?? '';
  let n = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) n += 2;
  return n;
}

/** What a queued change gets to work with inside its batch. */
export interface WriteCtx {
  ctx: Excel.RequestContext;
  /** The sheet's proxy in this batch (one per name; a deleted-then-added name gets the new sheet's proxy). */
  sheet: (name: string) => Excel.Worksheet;
  add: (name: string) => Excel.Worksheet;
  remove: (name: string) => void;
}

/** A queued change and its estimated request bytes. */
export interface Write {
  bytes: number;
  run: (w: WriteCtx) => void;
}

/** Row ranges [a, b) of a 2-D array whose JSON stays within half the per-sync budget (at least one row each). */
export function bands(rows: unknown[][], perSync: number): [number, number][] {
  const out: [number, number][] = [];
  let a = 0;
  while (a < rows.length) {
    let b = a;
    let bytes = 0;
    while (b < rows.length && (b === a || bytes + size(rows[b]) * 2 <= perSync / 2)) bytes += size(rows[b++]) * 2;
    out.push([a, b]);
    a = b;
  }
  return out;
}

/** The writes in order, cut into batches of at most `perSync` estimated bytes (one batch for a normal plan). */
export function chunks(writes: Write[], perSync: number): Write[][] {
  const out: Write[][] = [];
  let cur: Write[] = [];
  let bytes = 0;
  for (const x of writes) {
    if (cur.length > 0 && bytes + x.bytes > perSync) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(x);
    bytes += x.bytes;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Runs one batch: every write queued against one set of proxies, then one `context.sync`. */
export async function sendBatch(env: OfficeEnv, batch: Write[]): Promise<void> {
  await env.run(async (ctx) => {
    const proxies = new Map<string, Excel.Worksheet>();
    const wctx: WriteCtx = {
      ctx,
      sheet: (name) => {
        let ws = proxies.get(name);
        if (!ws) {
          ws = ctx.workbook.worksheets.getItem(name);
          proxies.set(name, ws);
        }
        return ws;
      },
      add: (name) => {
        const ws = ctx.workbook.worksheets.add(name);
        proxies.set(name, ws);
        return ws;
      },
      remove: (name) => {
        wctx.sheet(name).delete();
        proxies.delete(name);
      },
    };
    for (const x of batch) x.run(wctx);
    await ctx.sync();
  });
}
