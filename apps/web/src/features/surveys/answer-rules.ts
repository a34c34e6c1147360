import type { SurveyQuestion } from '@yakuba/contracts';
import type { AnswerValue, Answers, FormSection } from './survey-model';

/**
 * The respondent form's rules, in the browser: which questions are shown (conditional display), which required
 * ones are still open, and the answers to send (those of hidden questions are dropped, as the server expects).
 */
export function isAnswered(question: SurveyQuestion, value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  switch (question.type) {
    case 'likert5':
      return typeof value === 'number';
    case 'single':
      return typeof value === 'string' && value !== '';
    case 'multi':
      return Array.isArray(value) && value.length > 0;
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
    case 'matrix':
      return (
        typeof value === 'object' && !Array.isArray(value) && (question.items ?? []).every((i) => typeof (value as Record<string, number>)[i.key] === 'number')
      );
  }
}

function matches(value: AnswerValue | undefined, wanted: readonly (string | number)[]): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => wanted.includes(v));
  if (typeof value === 'object') return false;
  return wanted.some((w) => String(w) === String(value));
}

/** Keys of the questions shown for these answers; a question whose condition's question is hidden is hidden too. */
export function visibleKeys(sections: readonly FormSection[], answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const section of sections)
    for (const q of section.questions) {
      const cond = q.showIf;
      if (!cond || (shown.has(cond.questionKey) && matches(answers[cond.questionKey], cond.anyOf))) shown.add(q.key);
    }
  return shown;
}

export function missingRequired(sections: readonly FormSection[], answers: Answers): string[] {
  const shown = visibleKeys(sections, answers);
  return sections.flatMap((s) => s.questions).filter((q) => q.required && shown.has(q.key) && !isAnswered(q, answers[q.key])).map((q) => q.key);
}

/** What is sent: answered, shown questions only; free text trimmed. */
export function answersToSend(sections: readonly FormSection[], answers: Answers): Answers {
  const shown = visibleKeys(sections, answers);
  const out: Answers = {};
  for (const q of sections.flatMap((s) => s.questions)) {
    const v = answers[q.key];
    // An optional matrix may be answered in part (the server takes the items given).
    const partialMatrix = q.type === 'matrix' && !q.required && !!v && typeof v === 'object' && Object.keys(v).length > 0;
    if (!shown.has(q.key) || !(isAnswered(q, v) || partialMatrix)) continue;
    out[q.key] = q.type === 'text' && typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
