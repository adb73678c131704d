/**
 * The rounding solver in a Web Worker (webpack entry `highs-worker`, js/highs-worker.js; the page and the add-in
 * both start it): HiGHS compiles and runs
 * here, off the pane's thread, so the pane never freezes. Its WebAssembly is bundled beside this script
 * (js/highs.wasm): nothing is fetched from elsewhere.
 */
import { HighsSolver, loadHighs } from '../adapters/solver/highs';
import type { SolveRequest, SolveResponse } from '../ui/convert/workerSolver';

interface WorkerScope {
  location: { href: string };
  onmessage: ((e: { data: SolveRequest }) => void) | null;
  postMessage(message: SolveResponse): void;
}
const scope = self as unknown as WorkerScope;

let solver: Promise<HighsSolver> | null = null;

scope.onmessage = (e) => {
  const { id, problem, tails } = e.data;
  solver ??= loadHighs(() => new URL('highs.wasm', scope.location.href).href).then((h) => new HighsSolver(h));
  solver
    .then((s) => {
      const r = tails ? s.solveWithTails(problem) : s.solve(problem);
      scope.postMessage({ id, up: r?.up ?? null, method: r?.method });
    })
    .catch((err: unknown) => scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }));
};
