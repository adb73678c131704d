/** Shared steps of the conversion tests: open, convert, apply, read back, check. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { openWorkbook, snapshotOf, type OpenedWorkbook } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { HighsSolver, loadHighs } from '../src/adapters/solver/highs';
import { planConversion, type Conversion, type ConvertOptions } from '../src/core/convert';
import type { Finding, Recognition } from '../src/core/model';
import { recognise } from '../src/core/recognise';
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { validate } from '../src/core/validate';

export const SAMPLE_YUAN = path.join(__dirname, '..', 'samples', '新平县医疗保障局2022年度部门决算.xlsx');
export const SAMPLE_WAN = path.join(__dirname, '..', 'samples', '上饶市医疗保障局2022年度部门决算.xlsx');

let solver: HighsSolver | null = null;
export async function highsSolver(): Promise<HighsSolver> {
  return (solver ??= new HighsSolver(await loadHighs()));
}

export interface Read {
  opened: OpenedWorkbook;
  snapshot: WorkbookSnapshot;
  recognition: Recognition;
}

export function readBytes(bytes: Uint8Array): Read {
  const opened = openWorkbook(bytes, 'x.xlsx');
  const snapshot = snapshotOf(opened, 'x.xlsx');
  return { opened, snapshot, recognition: recognise(snapshot) };
}

export const readFile = (file: string): Read => readBytes(readFileSync(file));

/** Converts, applies the plan to the package and returns the conversion and the bytes written. */
export async function convertBytes(bytes: Uint8Array, options: ConvertOptions): Promise<{ conversion: Conversion; bytes: Uint8Array }> {
  const r = readBytes(bytes);
  const conversion = await planConversion(r.recognition, r.snapshot, options, await highsSolver());
  if (conversion.plan) applyPlanToPackage(r.opened, conversion.plan);
  return { conversion, bytes: r.opened.pkg.toBytes() };
}

export function findingsOf(bytes: Uint8Array): Finding[] {
  return validate(readBytes(bytes).recognition).findings;
}

/** Findings as comparable lines, without the numbers (which change with the unit). */
export const shape = (f: Finding): string => `${f.rule} ${f.severity} ${f.cells.join(',')}`;

/** Every number cell of every sheet (the record sheet left out by the reader), by sheet-qualified address. */
export function numbers(snapshot: WorkbookSnapshot): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const s of snapshot.sheets) for (const c of s.cells) out.set(`${s.name}!${c.row},${c.col}`, c.value);
  return out;
}
