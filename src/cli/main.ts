/**
 * `juesuan` — recognise and check 部门决算公开 workbooks from the command line.
 * Thin on purpose: arguments in, core calls, formatted output out. Exit codes: 0 no error finding,
 * 1 some error finding, 2 a file could not be read or the command line is wrong.
 */
import type { Outcome } from './analyse';
import { parseArgs, USAGE, type CliOptions } from './args';
import { FileReport, failureHtml, htmlDocument, type OverviewRow } from './html';
import { expandInputs } from './inputs';
import { checkJson, failureJson, inspectJson, severityCounts } from './json';
import { fileSink, Progress, stdoutSink, type Sink } from './output';
import { checkText, failureText, inspectText } from './text';

declare const JUESUAN_VERSION: string | undefined;

export async function main(argv: readonly string[]): Promise<number> {
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
    sink = options.output ? fileSink(options.output) : stdoutSink(progress);
  } catch (e) {
    process.stderr.write(`juesuan：无法写入输出文件 ${options.output}：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }

  // Loaded here, not at the top: `--help`, `--version` and usage errors then never initialise exceljs.
  const { analyse } = await import('./analyse');
  const check = options.command === 'check';
  let unreadable = false;
  let anyError = false;
  const htmlSections: string[] = [];
  const overview: OverviewRow[] = [];

  try {
    for (let i = 0; i < files.length; i++) {
      const input = files[i];
      progress.update(i, input.file);
      const outcome: Outcome = input.error ? { ok: false, file: input.file, error: input.error } : await analyse(input.file, check);
      progress.clear();

      if (!outcome.ok) {
        unreadable = true;
        process.stderr.write(`juesuan：${outcome.error}\n`);
        if (options.format === 'json') sink.write(JSON.stringify(failureJson(outcome), null, batch ? undefined : 2) + '\n');
        else if (options.format === 'html') {
          htmlSections.push(failureHtml(outcome, i));
          overview.push({ file: outcome.file, tables: null, counts: null, error: outcome.error });
        } else if (batch) sink.write((i > 0 ? '\n' : '') + failureText(outcome));
        continue;
      }

      if (check && severityCounts(outcome).error > 0) anyError = true;
      if (options.format === 'json') {
        const obj = check ? checkJson(outcome) : inspectJson(outcome);
        sink.write(JSON.stringify(obj, null, batch ? undefined : 2) + '\n');
      } else if (options.format === 'html') {
        // Render now and drop the snapshot: a batch never holds more than one workbook in memory.
        htmlSections.push(new FileReport(outcome, i).render());
        overview.push({ file: outcome.file, tables: outcome.recognition.tables.length, counts: severityCounts(outcome), error: null });
      } else {
        sink.write((i > 0 ? '\n' : '') + (check ? checkText(outcome) : inspectText(outcome)));
      }
    }
    progress.clear();
    if (options.format === 'html') sink.write(htmlDocument(htmlSections, overview, new Date()));
  } finally {
    sink.close();
  }
  if (options.output && process.stderr.isTTY) process.stderr.write(`结果已写入：${options.output}\n`);
  return unreadable ? 2 : anyError ? 1 : 0;
}

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
