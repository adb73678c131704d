/**
 * What the task pane needs from the place it runs in: Excel (office.js) or the standalone page (exceljs in memory).
 * The pane only talks to this interface; each host translates, neither holds domain logic.
 */
import type { WritePlan } from '../core/model';
import type { KindOverride, WorkbookSnapshot } from '../core/snapshot';

export interface EngineHost {
  readonly kind: 'excel' | 'file';
  /** Reads the whole workbook; `p` is 0..1, `text` a short Chinese status line. */
  readSnapshot(onProgress?: (p: number, text: string) => void): Promise<WorkbookSnapshot>;
  /** Applies every op of the plan in one round trip, honouring the tag/restore semantics of the brief. */
  applyPlan(plan: WritePlan): Promise<void>;
  /** Selects (and scrolls to) the given sheet-qualified addresses, e.g. `公开03表!C12`. */
  selectCells(qualifiedAddresses: string[]): Promise<void>;
  /** Table-kind corrections stored in the workbook. */
  loadOverrides(): Promise<KindOverride[]>;
  saveOverrides(o: KindOverride[]): Promise<void>;
  /** What the host can do (notes, comments, …); the pane hides what is unsupported. */
  capabilities(): { notes: boolean; comments: boolean; [k: string]: boolean };
}
