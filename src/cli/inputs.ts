/** Turning the command line's files and directories into the list of workbooks to process. */
import * as fs from 'fs';
import * as path from 'path';

export interface InputFile {
  /** Path as shown to the user (as given, or joined under the given directory). */
  file: string;
  /** Set when the input can be rejected before reading (empty directory). */
  error?: string;
  /** The path under the directory it was found in, or the file name: where its marked copy goes in a folder. */
  relative: string;
}

/** True when some input is a directory or there is more than one input: output is then one JSON line per file. */
export interface ExpandedInputs {
  files: InputFile[];
  batch: boolean;
}

const XLSX = /\.xlsx$/i;

/** Directories are walked recursively for `.xlsx` files, sorted; Excel's lock files (`~$…`) and hidden entries skipped. */
export function expandInputs(inputs: readonly string[]): ExpandedInputs {
  const files: InputFile[] = [];
  let batch = inputs.length > 1;
  for (const input of inputs) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(input);
    } catch {
      // Missing or unreadable: the reader reports it in Chinese, like any other unreadable file.
    }
    if (stat && stat.isDirectory()) {
      batch = true;
      const found = walk(input);
      if (found.length === 0) files.push({ file: input, error: `目录中没有 .xlsx 文件：${input}`, relative: path.basename(input) });
      else for (const f of found) files.push({ file: f, relative: path.relative(input, f) });
    } else {
      files.push({ file: input, relative: path.basename(input) });
    }
  }
  return { files, batch };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  const names = entries.filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'));
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of names) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (XLSX.test(e.name) && (e.isFile() || e.isSymbolicLink())) out.push(p);
  }
  return out;
}

/**
 * Where each marked copy goes: `out` itself for a single file, else `out/<relative path>` (a second file of the
 * same name gets ` (2)`). A copy that would land on an input is refused: the input stays untouched.
 */
export function markTargets(files: readonly InputFile[], out: string, batch: boolean): { target?: string; error?: string }[] {
  const inputs = new Set(files.map((f) => path.resolve(f.file)));
  const used = new Set<string>();
  return files.map((f) => {
    let target = batch ? path.join(out, f.relative) : out;
    for (let i = 2; used.has(path.resolve(target)); i++) target = target.replace(/(\.xlsx)?$/i, ` (${i})$1`);
    used.add(path.resolve(target));
    if (inputs.has(path.resolve(target))) return { error: `标记副本 ${target} 会覆盖原文件，已跳过：请用 -o 指定另一个位置` };
    return { target };
  });
}
