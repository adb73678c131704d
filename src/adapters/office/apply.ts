/**
 * Applies a WritePlan through office.js, keeping the ledger (src/core/ledger, in the very hidden sheet
 * `_juesuan`, records.ts) that lets `clearTag` restore exactly what the tagged ops replaced. What a write records
 * as its prior, what note text it writes, and what a clear restores or keeps are the ledger's decisions, the same
 * as in the .xlsx adapter; this adapter observes the cells through office.js and carries them out.
 *
 * office.js cannot branch inside a batch (`notes.add` on a cell that already has a note fails the batch), and the
 * records must hold the priors, so the write is built from what the ops will replace: fill colour/pattern of
 * every target cell, the note already on a note cell, prior values of setValues cells, sheet names, protection,
 * and the records. That knowledge comes from one of two places:
 *
 *  - the last read (`WorkbookState`, read.ts) — used when it is from the latest read, nothing was written since,
 *    and the plan only puts things down: every fill cell inside a used range whose fills the read loaded, notes
 *    only on sheets whose notes were all located, no setValues, and no clearTag with a cell to restore. Then 标记
 *    after 审核 is ONE sync: the write.
 *  - else a probe (one sync, more only past `bytesPerSync` or when the records or the sheet list changed since
 *    the host last saw them; one more when the threaded-comment fallback has to locate existing comments).
 *
 * Freshness: the read's state is what the workbook was at 审核. If the user repaints or notes a cell between 审核
 * and 标记, the mark still goes on it (a mark always paints over), and its record names the fill of the 审核
 * moment as the prior, so 清除标记 brings back that fill, not the one painted in between. Nothing else is lost:
 * restoring is never decided from the read's state — a plan that restores anything (清除标记, or a new check's
 * marks replacing old ones) probes first, and restores a fill or note only where the cell still shows exactly
 * what the add-in put there; a cell the user changed after marking is left as it is. A change that makes the
 * cached write impossible (a note added on a target cell, a sheet renamed, deleted or protected) fails that batch;
 * it is then probed and written again (the failed batch wrote its records first, so nothing is lost track of).
 *
 * The write: every change plus the updated records, in one batch, split only when the request would pass
 * `bytesPerSync` (estimated; default 2 MB, under the 5 MB request limit of Excel on the web — a check's marks are
 * a few kB, 3,000 marked cells about 3 MB). The probe is split the same way.
 *
 * Notes (ExcelApi 1.18) degrade to threaded comments (ExcelApi 1.10), then to a sheet `审核说明`; the report's
 * `notices` say so in Chinese.
 *
 * Modules (write/): ops.ts (ops checked and expanded to cells), probe.ts (the probe) and cached.ts (the same
 * answer from the read), context.ts + build.ts (ops → queued writes), marks.ts (fills, values), notes.ts (notes
 * and their fallbacks), clear.ts (clearTag), sheets.ts (added sheets), entries.ts (the ledger as a plan goes),
 * batch.ts (sizes, batches, sending).
 */
import type { WritePlan } from '../../core/model';
import { errorCode, failure, type OfficeEnv } from './env';
import { keepsSheet, RECORD_SHEET } from './records';
import { BYTES_PER_SYNC, chunks, sendBatch } from './write/batch';
import { build, recordWrites } from './write/build';
import { fromRead } from './write/cached';
import { prepare, type Prepared } from './write/ops';
import { probe, type Probe } from './write/probe';
import { capsOf, type Caps, type OfficeApplyReport, type OfficeState } from './write/types';

export { BYTES_PER_SYNC } from './write/batch';
export { cleanSheetName, MAX_OP_CELLS } from './write/ops';
export { noteMode, NOTES_SHEET, type NoteMode, type OfficeApplyReport, type OfficeState } from './write/types';

export interface ApplyOptions {
  /** Estimated request bytes per sync before a probe or write is split (tests use small values). */
  bytesPerSync?: number;
}

export async function applyPlanOffice(
  env: OfficeEnv,
  state: OfficeState,
  plan: WritePlan,
  options: ApplyOptions = {},
): Promise<OfficeApplyReport> {
  const perSync = options.bytesPerSync ?? BYTES_PER_SYNC;
  const caps = capsOf(env);
  const ops = plan.ops.map(prepare);
  const syncs = { n: 0 };
  const seen = state.seen && state.seen.readId === state.readId ? state.seen.state : null;
  // One use only: once anything is written, the read's picture is no longer the workbook.
  state.seen = null;
  const known = seen ? fromRead(seen, ops, caps) : null;
  const job: Job = { env, state, title: plan.title, ops, caps, perSync, syncs };
  if (known) {
    try {
      return await write(job, known, true);
    } catch {
      // The workbook changed since the read in a way the batch could not take (a note added where ours goes, a
      // sheet renamed or protected…). Look at it as it is now and write again; the failed batch wrote its records
      // first, so the probe finds them and the new write restores or keeps each cell accordingly.
    }
  }
  const p = await probe(env, state, ops, caps, syncs, perSync);
  return write(job, p, false);
}

interface Job {
  env: OfficeEnv;
  state: OfficeState;
  title: string;
  ops: Prepared[];
  caps: Caps;
  perSync: number;
  syncs: { n: number };
}

/**
 * Builds the write from what the ops will replace (`p`) and sends it; throws a Chinese error on failure, after
 * which the host's records and sheet names are a guess for the probe that `retrying` will make, or forgotten.
 */
async function write(job: Job, p: Probe, retrying: boolean): Promise<OfficeApplyReport> {
  const { env, state, perSync, syncs } = job;
  const built = build(job.title, job.ops, p, job.caps, perSync);
  const { first, last } = recordWrites(p, built, perSync);
  // One sync, unless the batch would be too big for one request.
  for (const batch of chunks([...first, ...built.writes, ...last], perSync)) {
    try {
      await sendBatch(env, batch);
    } catch (e) {
      if (retrying) {
        // Best guess for the probe: the batch began with the records (they name everything, see `union`).
        state.records = first.length > 0 ? built.union : p.records;
        state.cache.names = first.length > 0 && !p.recordSheet ? [...p.names, RECORD_SHEET] : p.names;
      } else {
        state.records = null;
        state.cache.names = null;
      }
      throw failure(`写入工作簿失败（${errorCode(e) || (e as Error).message}）。已写入的部分可用“清除标记”撤销。`, e);
    } finally {
      syncs.n++;
    }
  }
  const kept = keepsSheet(built.records);
  // The host's picture of the record sheet: what it now holds (nothing when it went).
  state.records = kept ? built.records : [];
  const after = built.namesAfter.filter((n) => n !== RECORD_SHEET);
  state.cache.names = kept ? [...after, RECORD_SHEET] : after;
  built.report.syncs = syncs.n;
  return built.report;
}
