/**
 * `juesuan` — recognise and check 部门决算公开 workbooks from the command line.
 * Thin on purpose: arguments in, one job per file (on every core for a batch), output in input order.
 * Exit codes: 0 no error finding, 1 some error finding, 2 a file could not be read or written, or the command
 * line is wrong.
 */
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { parseArgs, USAGE, type CliOptions } from './args';
import { htmlDocument, type OverviewRow } from './html';
import { expandInputs, markTargets } from './inputs';
import type { Job } from './job';
import { fileSink, Progress, stdoutSink, type Sink } from './output';
import { runJobs, serveJobs, WORKER_FLAG } from './pool';

declare const JUESUAN_VERSION: string | undefined;

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'convert') {
    // Its own arguments and run (src/cli/convert.ts); loaded only when asked for (it brings the solver).
    const { runConvert } = await import('./convert');
    return runConvert(argv.slice(1), process.stdout, process.stderr);
  }
  if (argv[0] === 'template') {
    const { runTemplate } = await import('./template');
    return runTemplate(argv.slice(1), process.stdout, process.stderr);
  }
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    // Asked-for help is not a failure; a wrong command line (below) is.
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`juesuan ${typeof JUESUAN_VERSION === 'string' ? JUESUAN_VERSION : '开发版'}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    process.stderr.write(`juesuan：${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  return run(parsed.options);
}

async function run(options: CliOptions): Promise<number> {
  const { files, batch } = expandInputs(options.inputs);
  const progress = new Progress(process.stderr, files.length);
  let sink: Sink;
  try {
    // With --mark, -o names the copies; the report goes to the screen.
    sink = options.output && !options.mark ? fileSink(options.output) : stdoutSink(progress);
  } catch (e) {
    process.stderr.write(`juesuan：无法写入输出文件 ${options.output}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const targets = options.mark && options.output ? markTargets(files, options.output, batch) : [];
  const jobs: Job[] = files.map((f, index) => ({
    index,
    file: f.file,
    error: f.error ?? targets[index]?.error,
    command: options.command,
    format: options.format,
    batch,
    markTo: targets[index]?.target,
    all: options.all,
  }));

  let unreadable = false;
  let anyError = false;
  const htmlSections: string[] = [];
  const overview: OverviewRow[] = [];
  try {
    progress.update(0, files[0]?.file ?? '');
    await runJobs(jobs, {
      jobs: options.jobs ?? undefined,
      onProgress: (done, file) => progress.update(done, file),
      onResult: (r) => {
        progress.clear();
        if (r.error) process.stderr.write(`juesuan：${r.error}\n`);
        for (const line of r.notes) process.stderr.write(`${line}\n`);
        unreadable ||= r.unreadable;
        anyError ||= r.anyError;
        if (options.format === 'html') {
          htmlSections.push(r.output);
          if (r.overview) overview.push(r.overview);
        } else if (r.output !== '') sink.write(r.output);
      },
    });
    progress.clear();
    if (options.format === 'html') sink.write(htmlDocument(htmlSections, overview, new Date()));
  } finally {
    sink.close();
  }
  if (options.output && !options.mark && process.stderr.isTTY) process.stderr.write(`结果已写入：${options.output}\n`);
  return unreadable ? 2 : anyError ? 1 : 0;
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] && parentPort) {
  serveJobs(parentPort);
} else {
  // `juesuan check … | head`: a closed pipe is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`juesuan：内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
