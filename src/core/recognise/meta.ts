/** The lines around a table's title: label (公开01表), org, year, unit. */
import type { AmountUnit } from '../model';

export interface Meta {
  label: string | null;
  org: string | null;
  year: number | null;
  unit: AmountUnit | null;
  unitText: string | null;
}

export function emptyMeta(): Meta {
  return { label: null, org: null, year: null, unit: null, unitText: null };
}

const LABEL = /公\s*开\s*(\d+(?:\s*[.．]\s*\d+)?)\s*表/;
const UNIT = /(?:金\s*额\s*)?单\s*位\s*[:：]\s*([^\s，,；;。）)]+)/;
const YEAR = /[（(]?\s*((?:19|20)\d{2})\s*年\s*度\s*[)）]?/;
const ORG =
  /^\s*(?:编\s*制\s*单\s*位|编\s*报\s*单\s*位|部\s*门\s*名\s*称|预\s*算\s*部\s*门|部\s*门|单\s*位\s*名\s*称|单\s*位)\s*[:：]\s*(.*)$/s;

export function unitOf(text: string): AmountUnit | null {
  const t = text.replace(/\s+/g, '');
  if (t === '万元') return '万元';
  if (t === '元') return '元';
  return null;
}

/** Normalised `公开01表` from `公开 01 表`, or null. */
export function labelOf(text: string): string | null {
  const m = LABEL.exec(text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return m ? `公开${m[1].replace(/\s+/g, '').replace('．', '.')}表` : null;
}

/**
 * Reads meta facts out of one cell into `meta` (first found wins).
 * Returns true when the whole cell is meta (nothing else left in it).
 */
export function readMetaCell(text: string, meta: Meta): boolean {
  let rest = text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const label = LABEL.exec(rest);
  if (label) {
    meta.label ??= labelOf(label[0]);
    rest = rest.replace(label[0], ' ');
  }
  const unit = UNIT.exec(rest);
  if (unit && isUnitWord(unit[1])) {
    if (!meta.unitText) {
      meta.unitText = unit[0].trim();
      meta.unit = unitOf(unit[1]);
    }
    rest = rest.replace(unit[0], ' ');
  }
  const year = YEAR.exec(rest);
  if (year) {
    meta.year ??= Number(year[1]);
    rest = rest.replace(year[0], ' ');
  }
  const org = ORG.exec(rest);
  if (org) {
    const name = org[1].split(/\s{2,}|\t/)[0].trim();
    if (name) meta.org ??= name;
    rest = '';
  }
  return rest.replace(/[\s:：,，;；()（）]+/g, '') === '';
}

/** `单位：上饶市…` is an org line; a unit is 元/万元 or a list of count units (台、辆、套). */
function isUnitWord(v: string): boolean {
  return /^(万元|元|千元|亿元)$/.test(v) || /^[台辆套个人件次、,，]+$/.test(v);
}

/** Year printed in a title (`2022年度部门整体支出绩效自评表`). */
export function yearInText(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : null;
}
