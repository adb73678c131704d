import { lineKeyText } from '../text';
import { FUNCTION_CLASSES } from './function';
import { ECONOMIC_CODES } from './economic';

export { FUNCTION_CLASSES, KNOWN_FUNCTION_CODES } from './function';
export type { ClassificationEntry } from './function';
export { ECONOMIC_CODES, PERSONNEL_CLASSES } from './economic';

let classByName: Map<string, string> | null = null;

/** 类 code of a function class printed by name (`八、社会保障和就业支出` → `208`), or null. */
export function functionClassByName(name: string): string | null {
  if (!classByName) {
    classByName = new Map();
    for (const c of FUNCTION_CLASSES) for (const n of [c.name, ...c.aliases]) classByName.set(lineKeyText(n), c.code);
  }
  return classByName.get(lineKeyText(name)) ?? null;
}

let classCodes: Record<'function' | 'economic', Uint8Array> | null = null;

/** The 类 codes of both classifications as a table by number (000–999). */
function classTable(): Record<'function' | 'economic', Uint8Array> {
  if (!classCodes) {
    const table = (codes: readonly { code: string }[]) => {
      const t = new Uint8Array(1000);
      for (const c of codes) if (/^\d{3}$/.test(c.code)) t[Number(c.code)] = 1;
      return t;
    };
    classCodes = { function: table(FUNCTION_CLASSES), economic: table(ECONOMIC_CODES) };
  }
  return classCodes;
}

/** Whether the first 3 digits of `code` are a 类 of the function or economic classification (no slice: this runs on every coded row). */
export function isKnownClassOf(code: string, kind: 'function' | 'economic'): boolean {
  if (code.length < 3) return false;
  const a = code.charCodeAt(0) - 0x30;
  const b = code.charCodeAt(1) - 0x30;
  const c = code.charCodeAt(2) - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return false;
  return classTable()[kind][a * 100 + b * 10 + c] === 1;
}
export { SUMMARY_CLASS_LISTS, summaryClassCodes } from './summary-lines';
