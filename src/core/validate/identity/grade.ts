/** Judging grade identities (评价等级): the printed grade against the band of the total score. */
import type { CellAmount, RecognisedTable } from '../../model';
import { gradeWord } from '../../specs';
import type { GradeRule } from '../../rules/types';
import { identitySeverity } from '../../rules';
import { qualifiedAddress } from '../../snapshot';
import { formatValue } from '../describe';
import type { IdentityOutcome } from '../identities';
import { address, coordsOf, firstOf, printed, termOf, type Ctx } from './select';

export function evaluateGrade(ctx: Ctx, rule: GradeRule, table: RecognisedTable, out: IdentityOutcome[]): void {
  const row = firstOf(ctx.index.get(table)!, typeof rule.score.row === 'string' ? rule.score.row : '')?.row;
  if (!row) return;
  const score = termOf(ctx, table, row, row.key, rule.score.col!, 1);
  if (!printed(score)) return;
  const isWord = (c: CellAmount) => typeof c.raw === 'string' && gradeWord(c.raw) !== null;
  const gradeCell = row.values.grade ?? Object.values(row.values).find(isWord) ?? null;
  if (!gradeCell || typeof gradeCell.raw !== 'string') return;
  // a word of a scale whose bands are not known (合格, 较差 …) is read, not judged
  const printedGrade = gradeWord(gradeCell.raw)?.grade;
  if (!printedGrade || !rule.bands.some((bd) => bd.grade === printedGrade)) return;
  const value = score.cell!.value!;
  const band = rule.bands.find((bd) => value.gte(bd.min)) ?? rule.bands[rule.bands.length - 1];
  const gradeAddr = qualifiedAddress(table.sheet, gradeCell.row, gradeCell.col);
  const outcome: IdentityOutcome = {
    ruleId: rule.id,
    relation: 'grade',
    severity: identitySeverity(rule),
    table,
    cells: [gradeAddr, address(score)!],
    coords: [{ sheet: table.sheet, row: gradeCell.row, col: gradeCell.col, empty: false, kind: 'text' }, ...coordsOf([score])],
    finding: null,
  };
  out.push(outcome);
  if (band.grade === printedGrade) return;
  outcome.finding = {
    rule: rule.id,
    severity: identitySeverity(rule),
    message: `${ctx.names.get(table)}总分 ${formatValue(value, 'score')} 分对应等级“${band.grade}”，表中写为“${gradeCell.raw.trim()}”`,
    cells: outcome.cells,
    expected: band.grade,
    actual: printedGrade,
    table: table.id,
  };
}
