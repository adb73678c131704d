/** Command-line arguments of `juesuan`. No domain logic here: only what the user asked for. */
import { CONVERT_USAGE } from './convert-usage';
import { TEMPLATE_USAGE } from './template-usage';

export type Command = 'inspect' | 'check';
export type Format = 'text' | 'json' | 'html';

export interface CliOptions {
  command: Command;
  /** Files and directories as given, in order. */
  inputs: string[];
  format: Format;
  /** `-o OUT`: write the output there instead of stdout; with `--mark`, where the marked copies go. */
  output: string | null;
  /** `check --mark`: write a marked copy of each workbook (to `output`). */
  mark: boolean;
  /** `--jobs N`: files processed at once, i.e. threads, the main one included (default: every core, for a batch big enough). */
  jobs: number | null;
  /** `--all`: list 尾差 and 提示 in full in the text report (they are folded by default). */
  all: boolean;
}

export type ParsedArgs =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage-error'; message: string };

export const USAGE = `决算公开助手 juesuan —— 识别并审核部门决算公开表（数据只在本机处理）

用法：
  juesuan inspect 文件.xlsx|目录 ... [--json]
      识别工作簿中的决算公开表：表名、位置、公开表号、编制单位、年度、金额单位、行数。
  juesuan check 文件.xlsx|目录 ... [--json] [--format text|json|html] [-o 输出文件]
      审核表内合计、类/款/项层级、表间勾稽关系、科目编码与尾数差异。
      给出目录时，审核其中（含子目录）全部 .xlsx 文件。
      结果先列错误、再列警告；尾差和提示默认只列各表项数（--all 逐条列出）。
  juesuan check 文件.xlsx|目录 ... --mark -o 输出 [--json]
      审核并写出标记后的副本（与任务窗格“标记”相同：问题单元格填色并加批注），原文件不变。
      一个文件时“输出”是副本的文件名；多个文件或目录时“输出”是文件夹（保留子目录结构）。
      审核结果照常输出到屏幕。
${CONVERT_USAGE}${TEMPLATE_USAGE}
选项：
  --json                    输出 JSON（等同 --format json）；多个文件时每个文件输出一行 JSON
  --format text|json|html   输出格式，默认 text；html 为可直接用浏览器打开的审核报告（check）
  -o, --output 文件          把结果写入该文件，不输出到屏幕（与 --mark 同用时为副本的位置）
  --mark                    写出标记后的工作簿副本（check）
  --all                     文本报告中逐条列出尾差和提示（默认只列各表项数）
  --jobs N                  同时处理的文件数（默认等于 CPU 核数）
  -h, --help                显示本说明
  -v, --version             显示版本

退出码：
  0  未发现错误
  1  发现错误（审核结果中有“错误”级别的问题）
  2  文件无法读取，或命令参数有误

示例：
  juesuan inspect 2023决算公开.xlsx
  juesuan check 2023决算公开.xlsx --format html -o 审核报告.html
  juesuan check 各单位决算/ --json > 结果.jsonl
  juesuan check 各单位决算/ --mark -o 已标记/
`;

const FORMATS: readonly Format[] = ['text', 'json', 'html'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: Command | null = null;
  const inputs: string[] = [];
  let format: Format | null = null;
  let json = false;
  let output: string | null = null;
  let mark = false;
  let jobs: number | null = null;
  let all = false;
  let onlyFiles = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!onlyFiles && arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (!onlyFiles && arg.startsWith('-') && arg !== '-') {
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const inline = eq > 0 ? arg.slice(eq + 1) : null;
      const takeValue = (): string | null => {
        if (inline !== null) return inline;
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('-') && next !== '-')) return null;
        i++;
        return next;
      };
      switch (name) {
        case '-h':
        case '--help':
          return { kind: 'help' };
        case '-v':
        case '--version':
          return { kind: 'version' };
        case '--json':
          if (inline !== null) return { kind: 'usage-error', message: '--json 不带参数值' };
          json = true;
          break;
        case '--format': {
          const v = takeValue();
          if (v === null) return { kind: 'usage-error', message: '--format 需要一个值：text、json 或 html' };
          if (!(FORMATS as readonly string[]).includes(v)) {
            return { kind: 'usage-error', message: `不支持的输出格式：${v}（可选 text、json、html）` };
          }
          format = v as Format;
          break;
        }
        case '--all':
          if (inline !== null) return { kind: 'usage-error', message: '--all 不带参数值' };
          all = true;
          break;
        case '--mark':
          if (inline !== null) return { kind: 'usage-error', message: '--mark 不带参数值' };
          mark = true;
          break;
        case '--jobs':
        case '-j': {
          const v = takeValue();
          if (v === null || !/^[1-9]\d*$/.test(v)) return { kind: 'usage-error', message: `${name} 需要一个正整数` };
          jobs = Number(v);
          break;
        }
        case '-o':
        case '--output': {
          const v = takeValue();
          if (v === null || v === '') return { kind: 'usage-error', message: `${name} 需要输出文件名` };
          output = v;
          break;
        }
        default:
          return { kind: 'usage-error', message: `不认识的选项：${arg}` };
      }
      continue;
    }
    if (command === null) {
      if (arg !== 'inspect' && arg !== 'check')
        return { kind: 'usage-error', message: `不认识的命令：${arg}（可用 inspect、check、convert）` };
      command = arg;
    } else {
      inputs.push(arg);
    }
  }

  if (command === null) return { kind: 'usage-error', message: '缺少命令：inspect 或 check' };
  if (json && format !== null && format !== 'json') {
    return { kind: 'usage-error', message: `--json 与 --format ${format} 不能同时使用` };
  }
  const effective: Format = json ? 'json' : (format ?? 'text');
  if (command === 'inspect' && effective === 'html') {
    return { kind: 'usage-error', message: 'inspect 只支持 text 和 json 格式；HTML 审核报告请用 check --format html' };
  }
  if (inputs.length === 0) return { kind: 'usage-error', message: '请给出要处理的 .xlsx 文件' + (command === 'check' ? '或目录' : '') };
  if (mark && command !== 'check') return { kind: 'usage-error', message: '--mark 只用于 check' };
  if (mark && output === null)
    return { kind: 'usage-error', message: '--mark 需要用 -o 指定副本的位置（一个文件时是文件名，多个文件时是文件夹）' };
  if (mark && effective === 'html') return { kind: 'usage-error', message: '--mark 与 --format html 不能同时使用：-o 已用于标记副本' };
  return { kind: 'run', options: { command, inputs, format: effective, output, mark, jobs, all } };
}
