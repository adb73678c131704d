/**
 * Jobs on every core: worker threads running the same bundle (`workerData.juesuanWorker`), each taking the
 * next file when it is done with one. Results come back in any order and are handed on in input order.
 */
import * as os from 'os';
import { Worker } from 'worker_threads';
import { runJob, type Job, type JobResult } from './job';

export interface PoolOptions {
  /** Threads at most (default: the machine's available parallelism). */
  jobs?: number;
  /** Called with each result in input order. */
  onResult(r: JobResult): void;
  /** Called whenever a file is done (any order), for the progress bar. */
  onProgress?(done: number, file: string): void;
}

export const WORKER_FLAG = 'juesuanWorker';

export async function runJobs(jobs: Job[], options: PoolOptions): Promise<void> {
  const threads = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), jobs.length));
  const pending = new Map<number, JobResult>();
  let next = 0;
  let done = 0;
  const deliver = (r: JobResult) => {
    pending.set(r.index, r);
    done++;
    options.onProgress?.(done, r.file);
    while (pending.has(next)) {
      options.onResult(pending.get(next)!);
      pending.delete(next);
      next++;
    }
  };
  // One file, or one thread asked for: no worker to start.
  if (threads === 1 || typeof __filename !== 'string' || !/\.js$/.test(__filename)) {
    for (const job of jobs) deliver(await runJob(job));
    return;
  }
  let taken = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });
      return new Promise<void>((resolve, reject) => {
        const feed = () => {
          if (taken >= jobs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage(jobs[taken++]);
        };
        worker.on('message', (r: JobResult) => {
          deliver(r);
          feed();
        });
        worker.on('error', reject);
        feed();
      });
    }),
  );
}

/** The worker side: answer every job message with its result. */
export function serveJobs(port: { on(event: 'message', fn: (job: Job) => void): void; postMessage(r: JobResult): void }): void {
  port.on('message', (job: Job) => {
    void runJob(job).then(
      (r) => port.postMessage(r),
      (e: unknown) =>
        port.postMessage({
          index: job.index,
          file: job.file,
          output: '',
          unreadable: true,
          anyError: false,
          error: `处理时发生内部错误：${e instanceof Error ? e.message : String(e)}`,
          notes: [],
        }),
    );
  });
}
