/** How findings name tables, rows, columns and numbers (Chinese, for accountants). */
import { Decimal, formatAmount } from '../amount';
import type { ColumnInfo, ColumnKind, RecognisedTable, TableRow } from '../model';
import { qualifiedAddress } from '../snapshot';
import { setName, type DisclosureSet } from './sets';

const compact = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '');

/**
 * `支出决算表（公开03表）`; when two tables would read the same, the set they belong to is added when the
 * workbook holds several departments' sets (`［江西省医疗保障局］`), else the title cell's address (several
 * 项目支出绩效自评表), so the person can find the right one.
 */
export function tableNames(tables: readonly RecognisedTable[], sets?: readonly DisclosureSet[]): Map<RecognisedTable, string> {
  const base = new Map<RecognisedTable, string>();
  const seen = new Map<string, number>();
  for (const t of tables) {
    const title = compact(t.printedTitle || t.title) || t.title;
    const name = t.label ? `${title}（${compact(t.label)}）` : title;
    base.set(t, name);
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  const setOf = new Map<RecognisedTable, DisclosureSet>();
  for (const s of sets ?? []) for (const t of s.tables) setOf.set(t, s);
  const out = new Map<RecognisedTable, string>();
  for (const t of tables) {
    const name = base.get(t)!;
    if ((seen.get(name) ?? 0) <= 1) {
      out.set(t, name);
      continue;
    }
    const set = setOf.get(t);
    // The set's name tells the tables apart only when no other table of that name is in the same set.
    const bySet = set && sets && sets.length > 1 && tables.filter((x) => base.get(x) === name && setOf.get(x) === set).length === 1;
    out.set(t, `${name}［${bySet ? setName(set, sets) : qualifiedAddress(t.sheet, t.anchor.row, t.anchor.col)}］`);
  }
  return out;
}

/** `“卫生健康支出”（210）`; rows without a name fall back to their code or key. */
export function rowLabel(row: TableRow | null, key: string): string {
  if (!row) return `“${key}”`;
  const name = compact(row.name);
  const code = row.codeText ?? row.code;
  // A 合计 line printed without its word (the name cell merged away): say 合计, not the key.
  if (!name) return `“${code ?? (row.key === 'total' || row.key.endsWith('.total') ? '合计' : row.key)}”`;
  return code && !name.startsWith(code) ? `“${name}”（${compact(code)}）` : `“${name}”`;
}

export function findColumn(table: RecognisedTable, key: string, block?: string): ColumnInfo | undefined {
  return table.columns.find((c) => c.key === key && (!c.block || !block || c.block === block)) ?? table.columns.find((c) => c.key === key);
}

export function columnLabel(table: RecognisedTable, key: string, block?: string): string {
  const col = findColumn(table, key, block);
  return col ? compact(col.header) || key : key;
}

/** Amount `1,699.38`; counts without decimals; scores and percents as printed precision allows. */
export function formatValue(d: Decimal, kind: ColumnKind): string {
  if (kind === 'count') return d.isInteger() ? d.toFixed(0) : d.toString();
  return formatAmount(d);
}

export function unitText(table: RecognisedTable, kind: ColumnKind): string {
  if (kind === 'amount') return table.unit ? ` ${table.unit}` : '';
  if (kind === 'score') return ' 分';
  return '';
}
