/** Findings grouped for the 审核 panel: by table (in recognition order, workbook-level last), then severity. */
import type { Finding, RecognisedTable, Severity } from '../core/model';
import { SEVERITY_ORDER } from './labels';

export interface Group {
  id: string;
  name: string;
  sub: string;
  findings: Finding[];
  counts: Record<Severity, number>;
}

export function emptyCounts(): Record<Severity, number> {
  return { error: 0, warning: 0, rounding: 0, info: 0 };
}

export function groupFindings(findings: Finding[], tables: RecognisedTable[], shown: Set<Severity>): Group[] {
  const byId = new Map(tables.map((t, i) => [t.id, { t, i }]));
  const groups = new Map<string, Group>();
  for (const f of findings) {
    if (!shown.has(f.severity)) continue;
    const key = f.table ?? '';
    let g = groups.get(key);
    if (!g) {
      const t = f.table ? byId.get(f.table)?.t : undefined;
      g = {
        id: key || '_workbook',
        name: t ? (t.label ? `${t.label} ${t.title}` : t.title) : f.table ? f.table : '跨表及工作簿',
        // The sheet, unless the label already says it (sheet 公开01表 holding 公开01表).
        sub: t && t.sheet !== t.label ? t.sheet : '',
        findings: [],
        counts: emptyCounts(),
      };
      groups.set(key, g);
    }
    g.findings.push(f);
    g.counts[f.severity]++;
  }
  const rank = (id: string) => (id === '_workbook' ? Number.MAX_SAFE_INTEGER : (byId.get(id)?.i ?? Number.MAX_SAFE_INTEGER - 1));
  const out = [...groups.values()].sort((a, b) => rank(a.id) - rank(b.id));
  const sev = (s: Severity) => SEVERITY_ORDER.indexOf(s);
  // Stable sort keeps the validator's order within one severity.
  for (const g of out) g.findings.sort((a, b) => sev(a.severity) - sev(b.severity));
  return out;
}
