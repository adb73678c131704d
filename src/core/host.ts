/**
 * What the task pane needs from the place it runs in: Excel (office.js) or the standalone page (the .xlsx package in memory).
 * The port between the pane and the adapters: the pane (src/ui) only talks to this interface, the adapters
 * (src/adapters/office, src/adapters/xlsx) implement it; each translates, neither holds domain logic.
 */
import type { WritePlan } from './model';
import type { KindOverride, WorkbookSnapshot } from './snapshot';

/** What applying a plan did that the user should know: what degraded or was left alone, in Chinese. */
export interface ApplyOutcome {
  /** e.g. “此版本的 Excel 不支持备注（需要 ExcelApi 1.18），审核说明已写为批注。”; empty when all went as asked. */
  notices: string[];
}

export interface EngineHost {
  readonly kind: 'excel' | 'file';
  /** Reads the whole workbook; `p` is 0..1, `text` a short Chinese status line. */
  readSnapshot(onProgress?: (p: number, text: string) => void): Promise<WorkbookSnapshot>;
  /** Applies every op of the plan in one round trip, honouring the tag/restore semantics of the brief. */
  applyPlan(plan: WritePlan): Promise<ApplyOutcome>;
  /** Selects (and scrolls to) the given sheet-qualified addresses, e.g. `公开03表!C12`. */
  selectCells(qualifiedAddresses: string[]): Promise<void>;
  /** Table-kind corrections stored in the workbook. */
  loadOverrides(): Promise<KindOverride[]>;
  saveOverrides(o: KindOverride[]): Promise<void>;
  /** What the host can do (notes, comments, …); the pane hides what is unsupported. */
  capabilities(): { notes: boolean; comments: boolean; [k: string]: boolean };
  /** The user's selection (sheet and A1 range), where the host has one (Excel); 单位换算 can convert just that. */
  selectedRange?(): Promise<{ sheet: string; range: string } | null>;
}
