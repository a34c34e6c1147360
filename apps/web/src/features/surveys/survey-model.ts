import type { SurveyAnswerValue, SurveyQuestion, SurveySection } from '@yakuba/contracts';

/** The browser's view of a survey's questions: grouped under their sections, in order. */
export type AnswerValue = SurveyAnswerValue;
export type Answers = Record<string, SurveyAnswerValue>;

export interface FormSection {
  section: SurveySection | null;
  questions: SurveyQuestion[];
}

/**
 * Questions under their sections (a question without `section` belongs to the first one; with no sections, one
 * untitled group). Sections keep their order; a question names its section by key.
 */
export function groupBySection(sections: readonly SurveySection[], questions: readonly SurveyQuestion[]): FormSection[] {
  if (sections.length === 0) return [{ section: null, questions: [...questions] }];
  const groups = sections.map((section) => ({ section, questions: [] as SurveyQuestion[] }));
  for (const q of questions) {
    const group = groups.find((g) => g.section.key === q.section) ?? groups[0];
    group.questions.push(q);
  }
  return groups;
}
