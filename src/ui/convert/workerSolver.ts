/**
 * The pane's rounding solver: the problem goes to HiGHS in a Web Worker (src/web/solver.worker.ts) and the answer comes
 * back as a promise, so the pane keeps painting while it solves. Where workers are missing (tests, very old
 * hosts) there is no solver: the planner's own linear pass still handles every tree of totals.
 */
import type { RoundingProblem, RoundingSolver, SolveResult } from '../../core/convert/problem';

/** What the pane sends the worker, and what comes back. */
export interface SolveRequest {
  id: number;
  problem: RoundingProblem;
  tails: boolean;
}
export type SolveResponse = { id: number; up: Uint8Array | null; method?: string } | { id: number; error: string };

/** Where webpack writes the worker (entry `highs-worker` in webpack.config.js), relative to the page. */
export const WORKER_SCRIPT = 'js/highs-worker.js';

export class WorkerSolver implements RoundingSolver {
  readonly name = 'highs-worker';
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: SolveResult | null) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SCRIPT);
    w.onmessage = (e: MessageEvent<SolveResponse>) => {
      const job = this.waiting.get(e.data.id);
      if (!job) return;
      this.waiting.delete(e.data.id);
      if ('error' in e.data) job.reject(new Error(`舍入求解器出错：${e.data.error}`));
      else job.resolve(e.data.up ? { up: e.data.up, method: e.data.method ?? this.name } : null);
    };
    w.onerror = (e) => {
      for (const job of this.waiting.values()) job.reject(new Error(`舍入求解器无法启动：${e.message || '未知错误'}`));
      this.waiting.clear();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private ask(problem: RoundingProblem, tails: boolean): Promise<SolveResult | null> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: SolveRequest = { id, problem, tails };
      this.start().postMessage(request);
    });
  }

  solve(problem: RoundingProblem): Promise<SolveResult | null> {
    return this.ask(problem, false);
  }

  solveWithTails(problem: RoundingProblem): Promise<SolveResult | null> {
    return this.ask(problem, true);
  }
}

/** The solver for this environment, or null where there are no workers. */
export function paneSolver(): RoundingSolver | null {
  return typeof Worker === 'function' ? new WorkerSolver() : null;
}
