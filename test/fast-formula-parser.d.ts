/** The little of fast-formula-parser (MIT, no types of its own) the template tests use. */
declare module 'fast-formula-parser' {
  interface Position {
    sheet: string;
    row: number;
    col: number;
  }
  interface RangeRef {
    sheet: string;
    from: { row: number; col: number };
    to: { row: number; col: number };
  }
  export default class FormulaParser {
    constructor(config: { onCell: (ref: Position) => unknown; onRange: (ref: RangeRef) => unknown[][] });
    parse(formula: string, position: Position): unknown;
  }
}
