/** The inspect JSON of one recognised table (CLI `juesuan inspect`, task pane list). */
import type { AmountUnit, RecognisedTable } from './model';
import { rangeAddress } from './snapshot';

export interface TableSummary {
  sheet: string;
  /** A1 range, title row (without a title: the first line above the header, or the header) to last row. */
  range: string;
  title: string;
  printedTitle: string | null;
  label: string | null;
  org: string | null;
  year: number | null;
  unit: AmountUnit | null;
  rows: number;
  confidence: number;
}

export function tableSummary(t: RecognisedTable): TableSummary {
  return {
    sheet: t.sheet,
    range: rangeAddress(t.range),
    title: t.title,
    printedTitle: t.printedTitle,
    label: t.label,
    org: t.org,
    year: t.year,
    unit: t.unit,
    rows: t.rows.length,
    confidence: t.confidence,
  };
}
