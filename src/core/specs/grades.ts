/**
 * The words a 绩效自评表 prints as its 评价等级, and the grade each one names. The rule's bands
 * (src/core/rules/performance.ts: 优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差) judge a grade against the 总分; a word of
 * another scale (合格 / 基本合格 / 不合格, and 较差, whose band is not known: docs/DOMAIN.md §6.11 calls the bands
 * of other regions uncertain) is read as the grade but not judged. A region printing other words adds them here.
 */
export interface GradeWord {
  /** As printed (spaces do not matter). */
  word: string;
  /** The grade of the rule's bands it names, or null for a word of a scale without known bands. */
  grade: string | null;
}

export const GRADE_WORDS: readonly GradeWord[] = [
  { word: '优', grade: '优' },
  { word: '优秀', grade: '优' },
  { word: '良', grade: '良' },
  { word: '良好', grade: '良' },
  { word: '中', grade: '中' },
  { word: '中等', grade: '中' },
  { word: '差', grade: '差' },
  { word: '较差', grade: null },
  { word: '合格', grade: null },
  { word: '基本合格', grade: null },
  { word: '不合格', grade: null },
];

const BY_WORD = new Map(GRADE_WORDS.map((w) => [w.word, w]));

/** The grade word a cell's text is (`优秀` → `{ word: '优秀', grade: '优' }`), or null when it is none. */
export function gradeWord(text: string): GradeWord | null {
  return BY_WORD.get(text.replace(/[\s\u3000]+/g, '')) ?? null;
}
