/**
 * Shared pane state: the host, the last audit result, progress, messages. Panels read it with `useEngine()`.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { WritePlan } from '../core/model';
import { runAudit, yieldToBrowser, type AuditResult } from './engine';
import type { EngineHost } from '../core/host';
import { errorMessage } from './labels';

export interface Progress {
  /** 0..1, or null for "working, length unknown". */
  value: number | null;
  text: string;
}

export interface Notice {
  intent: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

export interface Engine {
  host: EngineHost;
  audit: AuditResult | null;
  busy: boolean;
  progress: Progress | null;
  notice: Notice | null;
  setNotice(n: Notice | null): void;
  /**
   * What the host said about the last plan it applied (a degraded note, a kept user change, a renamed sheet…),
   * shown as an informational message under the success message. Cleared when the next job starts.
   */
  applyNotices: string[];
  setApplyNotices(n: string[]): void;
  /**
   * True when the workbook changed under `audit` (a conversion applied or undone): its findings are of the figures
   * before, and the 审核 pane says so and checks again when shown. Cleared by the next audit.
   */
  auditStale: boolean;
  markAuditStale(): void;
  /** read → recognise → validate; the result replaces `audit`. */
  runAudit(): Promise<void>;
  /** Applies a plan through the host; `done` is the success message. */
  apply(plan: WritePlan, done: string): Promise<boolean>;
  /** Runs any other long job with the shared progress bar and error handling. */
  run<T>(doing: string, job: (progress: (p: number | null, text: string) => void) => Promise<T>): Promise<T | undefined>;
}

const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const e = useContext(EngineContext);
  if (!e) throw new Error('useEngine 只能在 <App> 内使用');
  return e;
}

export function EngineProvider({ host, children }: { host: EngineHost; children: ReactNode }) {
  const [audit, setAudit] = useState<AuditResult | null>(null);
  const [auditStale, setAuditStale] = useState(false);
  const markAuditStale = useCallback(() => setAuditStale(true), []);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [applyNotices, setApplyNotices] = useState<string[]>([]);
  // One job at a time: a second click while busy is ignored rather than interleaved.
  const busyRef = useRef(false);

  const run = useCallback(
    async <T,>(doing: string, job: (progress: (p: number | null, text: string) => void) => Promise<T>): Promise<T | undefined> => {
      if (busyRef.current) return undefined;
      busyRef.current = true;
      setBusy(true);
      setNotice(null);
      setApplyNotices([]);
      setProgress({ value: null, text: `${doing}…` });
      try {
        return await job((value, text) => setProgress({ value, text }));
      } catch (err) {
        setNotice({ intent: 'error', text: errorMessage(err, doing) });
        return undefined;
      } finally {
        busyRef.current = false;
        setBusy(false);
        setProgress(null);
      }
    },
    [],
  );

  const doAudit = useCallback(async () => {
    const result = await run('审核', (progress) => runAudit(host, progress));
    if (!result) return;
    setAudit(result);
    setAuditStale(false);
    const s = result.validation.summary;
    const total = s.error + s.warning + s.rounding + s.info;
    if (result.recognition.tables.length === 0) {
      setNotice({ intent: 'warning', text: '没有识别到公开表。请确认工作簿中有“收入支出决算总表”等标准表格，或在“识别”页更正。' });
    } else if (total === 0) {
      setNotice({ intent: 'success', text: `已审核 ${result.recognition.tables.length} 张表，未发现问题。` });
    }
  }, [host, run]);

  const apply = useCallback(
    async (plan: WritePlan, done: string) => {
      const outcome = await run(plan.title, async (progress) => {
        progress(null, `正在${plan.title}…`);
        await yieldToBrowser();
        return (await host.applyPlan(plan)) ?? { notices: [] };
      });
      if (!outcome) return false;
      setNotice({ intent: 'success', text: done });
      setApplyNotices([...new Set(outcome.notices)]);
      return true;
    },
    [host, run],
  );

  const value = useMemo<Engine>(
    () => ({
      host,
      audit,
      auditStale,
      markAuditStale,
      busy,
      progress,
      notice,
      setNotice,
      applyNotices,
      setApplyNotices,
      runAudit: doAudit,
      apply,
      run,
    }),
    [host, audit, auditStale, markAuditStale, busy, progress, notice, applyNotices, doAudit, apply, run],
  );
  return <EngineContext.Provider value={value}>{children}</EngineContext.Provider>;
}
