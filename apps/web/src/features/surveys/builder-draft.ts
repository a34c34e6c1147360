import {
  SURVEY_DEFAULT_THRESHOLD,
  type SurveyDetail,
  type SurveyDraftInput,
  type SurveyForm,
  type SurveyQuestion,
  type SurveyQuestionType,
  type SurveySection,
} from '@yakuba/contracts';
import { fromTokyoInput, toTokyoInput } from '../../shared/format-date';

/** The builder's editable state: the survey as the form holds it (dates as Tokyo wall-clock inputs). */
export interface Draft {
  title: string;
  description: string;
  anonymous: boolean;
  allowEdit: boolean;
  threshold: number;
  audienceKind: 'all' | 'departments' | 'people';
  departmentIds: string[];
  userIds: string[];
  opensAt: string;
  closesAt: string;
  sections: SurveySection[];
  questions: SurveyQuestion[];
}

export function emptyDraft(): Draft {
  return {
    title: '',
    description: '',
    anonymous: true,
    allowEdit: true,
    threshold: SURVEY_DEFAULT_THRESHOLD,
    audienceKind: 'all',
    departmentIds: [],
    userIds: [],
    opensAt: '',
    closesAt: toTokyoInput(new Date(Date.now() + 14 * 86_400_000).toISOString()),
    sections: [{ key: 's1', title: '' }],
    questions: [],
  };
}

export function draftFromDetail(d: SurveyDetail): Draft {
  const audience = d.audience;
  return {
    title: d.title,
    description: d.description,
    anonymous: d.anonymous,
    allowEdit: d.allowEdit,
    threshold: d.threshold,
    audienceKind: 'all' in audience ? 'all' : 'departmentIds' in audience ? 'departments' : 'people',
    departmentIds: 'departmentIds' in audience ? audience.departmentIds : [],
    userIds: 'userIds' in audience ? audience.userIds : [],
    opensAt: toTokyoInput(d.opensAt),
    closesAt: toTokyoInput(d.closesAt),
    sections: d.sections.length ? d.sections : [{ key: 's1', title: '' }],
    questions: d.questions.map((q) => ({ ...q, section: q.section ?? d.sections[0]?.key ?? 's1' })),
  };
}

/** Questions in the order respondents meet them: section by section. */
export function orderedQuestions(draft: Pick<Draft, 'sections' | 'questions'>): SurveyQuestion[] {
  return draft.sections.flatMap((s) => draft.questions.filter((q) => q.section === s.key));
}

const clean = (list: string[] | undefined) => (list ?? []).map((l) => l.trim()).filter(Boolean);

/** What is sent: choices and items trimmed, empty optional fields left out, questions in section order. */
export function draftToInput(draft: Draft): SurveyDraftInput {
  // One untitled section is no section at all (the server wants a title on every section it stores).
  const sectionless = draft.sections.length === 1 && !draft.sections[0].title.trim();
  const questions = orderedQuestions(draft).map((q): SurveyQuestion => {
    const out: SurveyQuestion = { key: q.key, type: q.type, text: q.text.trim(), required: !!q.required };
    if (!sectionless) out.section = q.section;
    if (q.description?.trim()) out.description = q.description.trim();
    if (q.type === 'single' || q.type === 'multi') out.options = clean(q.options);
    if (q.type === 'multi' && q.maxChoices) out.maxChoices = q.maxChoices;
    if (q.type === 'matrix')
      out.items = (q.items ?? []).map((i) => ({ ...i, text: i.text.trim() })).filter((i) => i.text).map((i, n) => ({ key: `i${n + 1}`, text: i.text }));
    // A condition or agree list that names a choice since removed keeps only what still exists.
    if (q.showIf) {
      const source = draft.questions.find((x) => x.key === q.showIf!.questionKey);
      const anyOf = q.showIf.anyOf.filter((v) => typeof v === 'number' || clean(source?.options).includes(v));
      if (source && anyOf.length > 0) out.showIf = { questionKey: q.showIf.questionKey, anyOf };
    }
    if (q.kpi && q.type === 'likert5') out.kpi = q.kpi;
    if (q.kpi && q.type === 'single') out.kpi = { ...q.kpi, agree: (q.kpi.agree ?? []).filter((a) => clean(q.options).includes(String(a))) };
    return out;
  });
  return {
    title: draft.title.trim(),
    description: draft.description.trim() || undefined,
    anonymous: draft.anonymous,
    allowEdit: draft.allowEdit,
    threshold: draft.threshold,
    audience:
      draft.audienceKind === 'all'
        ? { all: true }
        : draft.audienceKind === 'departments'
          ? { departmentIds: draft.departmentIds }
          : { userIds: draft.userIds },
    opensAt: fromTokyoInput(draft.opensAt),
    closesAt: fromTokyoInput(draft.closesAt) ?? '',
    sections: sectionless
      ? []
      : draft.sections.map((s) => ({ key: s.key, title: s.title.trim(), ...(s.description?.trim() ? { description: s.description.trim() } : {}) })),
    questions,
  };
}

/** The respondent's form for the preview, from the unsaved draft. */
export function previewForm(draft: Draft): SurveyForm {
  const input = draftToInput(draft);
  return {
    id: 'preview',
    title: input.title,
    description: input.description ?? '',
    status: 'open',
    anonymous: input.anonymous,
    allowEdit: !!input.allowEdit,
    closesAt: input.closesAt || new Date().toISOString(),
    sections: input.sections ?? [],
    questions: input.questions,
    answered: false,
    preview: true,
  };
}

/** A key not used yet: q1, q2, … (s1, s2, … for sections). */
export function nextKey(prefix: string, used: readonly string[]): string {
  let n = used.length + 1;
  while (used.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function newQuestion(type: SurveyQuestionType, key: string, section: string): SurveyQuestion {
  return {
    key,
    type,
    text: '',
    section,
    required: type !== 'text',
    ...(type === 'single' || type === 'multi' ? { options: ['', ''] } : {}),
    ...(type === 'matrix' ? { items: [{ key: 'i1', text: '' }] } : {}),
  };
}

/** The first problem that stops saving, as a message key (and the question's text), or null. */
export function draftProblem(draft: Draft): { key: 'mustHaveTitle' | 'mustHaveClose' | 'mustHaveAudience' | 'mustHaveQuestion' | 'mustHaveText' | 'mustHaveOptions' | 'mustHaveItems' | 'mustHaveAgree' | 'mustHaveSectionTitle'; question?: string } | null {
  if (!draft.title.trim()) return { key: 'mustHaveTitle' };
  if (!draft.closesAt) return { key: 'mustHaveClose' };
  if (draft.audienceKind === 'departments' && draft.departmentIds.length === 0) return { key: 'mustHaveAudience' };
  if (draft.audienceKind === 'people' && draft.userIds.length === 0) return { key: 'mustHaveAudience' };
  if (draft.questions.length === 0) return { key: 'mustHaveQuestion' };
  if (draft.sections.length > 1 && draft.sections.some((s) => !s.title.trim())) return { key: 'mustHaveSectionTitle' };
  for (const q of draft.questions) {
    if (!q.text.trim()) return { key: 'mustHaveText' };
    if ((q.type === 'single' || q.type === 'multi') && clean(q.options).length < 2) return { key: 'mustHaveOptions', question: q.text };
    if (q.type === 'matrix' && !(q.items ?? []).some((i) => i.text.trim())) return { key: 'mustHaveItems', question: q.text };
    if (q.kpi && q.type === 'single' && !(q.kpi.agree ?? []).some((a) => clean(q.options).includes(String(a)))) return { key: 'mustHaveAgree', question: q.text };
  }
  return null;
}
