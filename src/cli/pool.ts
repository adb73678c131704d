/**
 * Jobs on every core: the main thread and worker threads running the same bundle (`workerData.juesuanWorker`),
 * each taking the next file when it is done with one. Results come back in any order and are handed on in
 * input order.
 *
 * The main thread is one of the workers: it has the bundle loaded and its code warmed up by the first file
 * already, while a worker thread starts a new JavaScript engine that must load and warm up everything again
 * (tens of milliseconds, then its first files run slowly). So a thread is started only for a batch big enough to
 * repay it, and the main thread works while the threads start.
 */
import * as os from 'os';
import { Worker } from 'worker_threads';
import { runJob, type Job, type JobResult } from './job';

export interface PoolOptions {
  /** Threads at most, the main thread included (default: the machine's available parallelism). */
  jobs?: number;
  /** Called with each result in input order. */
  onResult(r: JobResult): void;
  /** Called whenever a file is done (any order), for the progress bar. */
  onProgress?(done: number, file: string): void;
}

export const WORKER_FLAG = 'juesuanWorker';

/** Files per worker thread at least: fewer, and starting the thread costs more than it saves. */
const FILES_PER_THREAD = 8;

/** Jobs handed to a worker ahead, so that it never waits for the main thread (busy with a file) to feed it. */
const AHEAD = 2;

export async function runJobs(jobs: Job[], options: PoolOptions): Promise<void> {
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
  const canStartThreads = typeof __filename === 'string' && /\.js$/.test(__filename);
  const threads = canStartThreads ? workerThreads(jobs.length, options.jobs) : 0;
  let taken = 0;
  const take = (): Job | undefined => (taken < jobs.length ? jobs[taken++] : undefined);
  const workers = Array.from({ length: threads }, () => runWorker(take, deliver));
  // The main thread's share: a job at a time, yielding between jobs so that the workers' results get handled.
  for (let job = take(); job !== undefined; job = take()) {
    deliver(await runJob(job));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
}

/**
 * Worker threads besides the main thread. `--jobs N` asked for: N − 1 (fewer for fewer files). Else one per
 * further core, as long as each gets enough files.
 */
function workerThreads(files: number, asked: number | undefined): number {
  if (asked !== undefined) return Math.max(0, Math.min(asked, files) - 1);
  return Math.max(0, Math.min(os.availableParallelism() - 1, Math.floor(files / FILES_PER_THREAD)));
}

/** One worker thread fed from `take` (AHEAD jobs in flight) until no job is left. */
function runWorker(take: () => Job | undefined, deliver: (r: JobResult) => void): Promise<void> {
  const worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });
  return new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    const feed = () => {
      for (let job = inFlight < AHEAD ? take() : undefined; job !== undefined; job = inFlight < AHEAD ? take() : undefined) {
        worker.postMessage(job);
        inFlight++;
      }
      if (inFlight === 0) void worker.terminate().then(() => resolve());
    };
    worker.on('message', (r: JobResult) => {
      inFlight--;
      deliver(r);
      feed();
    });
    worker.on('error', reject);
    worker.once('online', feed);
  });
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
