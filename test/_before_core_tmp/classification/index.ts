import { lineKeyText } from '../text';
import { FUNCTION_CLASSES } from './function';

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
