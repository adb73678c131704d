/** Judging grade identities (评价等级): the printed grade against the band of the total score. */
import type { RecognisedTable } from '../../model';
import type { GradeRule } from '../../rules/types';
import { qualifiedAddress } from '../../snapshot';
import { formatValue } from '../describe';
import type { IdentityOutcome } from '../identities';
import { address, coordsOf, firstOf, printed, termOf, type Ctx } from './select';

const GRADE_TEXT = /^\s*(优|良|中|差)(秀|好|等)?\s*$/;

export function evaluateGrade(ctx: Ctx, rule: GradeRule, table: RecognisedTable, out: IdentityOutcome[]): void {
  const row = firstOf(ctx.index.get(table)!, typeof rule.score.row === 'string' ? rule.score.row : '')?.row;
  if (!row) return;
  const score = termOf(ctx, table, row, row.key, rule.score.col!, 1);
  if (!printed(score)) return;
  const gradeCell = row.values.grade ?? Object.values(row.values).find((c) => typeof c.raw === 'string' && GRADE_TEXT.test(c.raw)) ?? null;
  if (!gradeCell || typeof gradeCell.raw !== 'string') return;
  const m = GRADE_TEXT.exec(gradeCell.raw);
  if (!m) return;
  const value = score.cell!.value!;
  const band = rule.bands.find((bd) => value.gte(bd.min)) ?? rule.bands[rule.bands.length - 1];
  const gradeAddr = qualifiedAddress(table.sheet, gradeCell.row, gradeCell.col);
  const outcome: IdentityOutcome = {
    ruleId: rule.id,
    relation: 'grade',
    severity: 'error',
    table,
    cells: [gradeAddr, address(score)!],
    coords: [{ sheet: table.sheet, row: gradeCell.row, col: gradeCell.col, empty: false, kind: 'text' }, ...coordsOf([score])],
    finding: null,
  };
  out.push(outcome);
  if (band.grade === m[1]) return;
  outcome.finding = {
    rule: rule.id,
    severity: 'error',
    message: `${ctx.names.get(table)}总分 ${formatValue(value, 'score')} 分对应等级“${band.grade}”，表中写为“${gradeCell.raw.trim()}”`,
    cells: outcome.cells,
    expected: band.grade,
    actual: m[1],
    table: table.id,
  };
}
