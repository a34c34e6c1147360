import {
  DomainError,
  SURVEY_BREAKDOWNS,
  SURVEY_DEFAULT_THRESHOLD,
  SURVEY_KPI_KEYS,
  SURVEY_MIN_THRESHOLD,
  SURVEY_QUESTION_TYPES,
  type SurveyAnswers,
  type SurveyAnswerValue,
  type SurveyBreakdown,
  type SurveyQuestion,
  type SurveySection,
} from '@yakuba/contracts';

/** A survey's content as stored (jsonb) and checked: every cross-field rule of the builder lives here. */
export interface SurveyDefinition {
  sections: SurveySection[];
  questions: SurveyQuestion[];
}

export const MAX_THRESHOLD = 10;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const bad = (message: string) => new DomainError('bad_request', message);

export const LIKERT_TOP_TWO = [4, 5];

/** Checks and normalises a definition (fills defaults: KPI agree = top two boxes, required = false). */
export function normaliseDefinition(input: { sections?: SurveySection[]; questions: SurveyQuestion[] }): SurveyDefinition {
  const sections = (input.sections ?? []).map((s) => ({
    key: s.key,
    title: s.title.trim(),
    ...(s.description ? { description: s.description } : {}),
  }));
  const sectionKeys = new Set<string>();
  for (const s of sections) {
    if (!KEY.test(s.key)) throw bad(`sections: key "${s.key}" must match ${KEY.source}`);
    if (sectionKeys.has(s.key)) throw bad(`sections: key "${s.key}" is used twice`);
    if (!s.title) throw bad(`sections: "${s.key}" needs a title`);
    sectionKeys.add(s.key);
  }
  if (!input.questions.length) throw bad('questions: at least one question');
  const seen = new Map<string, SurveyQuestion>();
  const kpiKeys = new Set<string>();
  const questions = input.questions.map((q, index) => {
    const where = `questions[${index}]`;
    if (!KEY.test(q.key)) throw bad(`${where}.key must match ${KEY.source}`);
    if (seen.has(q.key)) throw bad(`${where}.key "${q.key}" is used twice`);
    if (!(SURVEY_QUESTION_TYPES as readonly string[]).includes(q.type)) throw bad(`${where}.type is unknown`);
    if (!q.text.trim()) throw bad(`${where}.text is empty`);
    if (q.section !== undefined && !sectionKeys.has(q.section)) throw bad(`${where}.section "${q.section}" does not exist`);
    const out: SurveyQuestion = { key: q.key, type: q.type, text: q.text.trim(), required: q.required ?? false };
    if (q.description) out.description = q.description;
    if (q.section ?? sections[0]?.key) out.section = q.section ?? sections[0].key;
    if (q.type === 'single' || q.type === 'multi') {
      const options = (q.options ?? []).map((o) => o.trim());
      if (options.length < 2 || options.length > 30) throw bad(`${where}.options: 2 to 30 choices`);
      if (options.some((o) => !o) || new Set(options).size !== options.length) throw bad(`${where}.options must be distinct and not empty`);
      out.options = options;
      if (q.type === 'multi' && q.maxChoices !== undefined) {
        if (!Number.isInteger(q.maxChoices) || q.maxChoices < 1 || q.maxChoices > options.length)
          throw bad(`${where}.maxChoices is out of range`);
        out.maxChoices = q.maxChoices;
      }
    } else if (q.options?.length) throw bad(`${where}.options are only for single and multi questions`);
    if (q.type === 'matrix') {
      const items = q.items ?? [];
      if (items.length < 1 || items.length > 30) throw bad(`${where}.items: 1 to 30 rows`);
      const itemKeys = new Set<string>();
      for (const item of items) {
        if (!KEY.test(item.key) || itemKeys.has(item.key)) throw bad(`${where}.items: keys must match ${KEY.source} and be distinct`);
        if (!item.text.trim()) throw bad(`${where}.items: "${item.key}" needs a text`);
        itemKeys.add(item.key);
      }
      out.items = items.map((i) => ({ key: i.key, text: i.text.trim() }));
    } else if (q.items?.length) throw bad(`${where}.items are only for matrix questions`);
    if (q.showIf) {
      const parent = seen.get(q.showIf.questionKey);
      if (!parent) throw bad(`${where}.showIf must name an earlier question`);
      if (parent.type === 'text' || parent.type === 'matrix') throw bad(`${where}.showIf: a ${parent.type} question cannot be a condition`);
      if (!q.showIf.anyOf.length) throw bad(`${where}.showIf.anyOf is empty`);
      for (const v of q.showIf.anyOf)
        if (!isChoice(parent, v)) throw bad(`${where}.showIf.anyOf: ${JSON.stringify(v)} is not an answer of "${parent.key}"`);
      out.showIf = { questionKey: parent.key, anyOf: [...q.showIf.anyOf] };
    }
    if (q.kpi) {
      if (q.type !== 'likert5' && q.type !== 'single') throw bad(`${where}.kpi: only likert5 and single questions measure a KPI`);
      if (!(q.kpi.target > 0 && q.kpi.target <= 1)) throw bad(`${where}.kpi.target must be a share in (0, 1]`);
      if (q.kpi.key !== undefined) {
        if (!(SURVEY_KPI_KEYS as readonly string[]).includes(q.kpi.key)) throw bad(`${where}.kpi.key is unknown`);
        if (kpiKeys.has(q.kpi.key)) throw bad(`${where}.kpi.key "${q.kpi.key}" is bound twice`);
        kpiKeys.add(q.kpi.key);
      }
      const agree = q.kpi.agree ?? (q.type === 'likert5' ? LIKERT_TOP_TWO : []);
      if (!agree.length || agree.some((v) => !isChoice(out, v))) throw bad(`${where}.kpi.agree must list answers of the question`);
      out.kpi = { ...(q.kpi.key ? { key: q.kpi.key } : {}), target: q.kpi.target, agree: [...new Set(agree)] };
    }
    seen.set(q.key, out);
    return out;
  });
  return { sections, questions };
}

export function normaliseThreshold(k: number | undefined): number {
  const value = k ?? SURVEY_DEFAULT_THRESHOLD;
  if (!Number.isInteger(value) || value < SURVEY_MIN_THRESHOLD || value > MAX_THRESHOLD) {
    throw bad(`threshold must be a whole number from ${SURVEY_MIN_THRESHOLD} to ${MAX_THRESHOLD}`);
  }
  return value;
}

export function normaliseBreakdowns(list: SurveyBreakdown[] | undefined): SurveyBreakdown[] {
  const value = list ?? [...SURVEY_BREAKDOWNS];
  if (value.some((b) => !(SURVEY_BREAKDOWNS as readonly string[]).includes(b))) throw bad('breakdowns: department and/or position');
  return SURVEY_BREAKDOWNS.filter((b) => value.includes(b));
}

export function assertSchedule(opensAt: Date | null, closesAt: Date): void {
  if (Number.isNaN(closesAt.getTime())) throw bad('closesAt is not a date');
  if (opensAt && !(closesAt > opensAt)) throw bad('closesAt must be after opensAt');
}

function isChoice(q: SurveyQuestion, v: unknown): boolean {
  if (q.type === 'likert5') return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
  if (q.type === 'single' || q.type === 'multi') return typeof v === 'string' && (q.options ?? []).includes(v);
  return false;
}

/** Whether the question is shown, given the answers so far (conditional display). */
export function isShown(q: SurveyQuestion, answers: SurveyAnswers): boolean {
  if (!q.showIf) return true;
  const given = answers[q.showIf.questionKey];
  if (given === null || given === undefined) return false;
  const values = Array.isArray(given) ? given : [given];
  return values.some((v) => q.showIf!.anyOf.includes(v as string | number));
}

/**
 * Checks a response against the definition and returns it cleaned (no unknown keys, no hidden questions, nulls
 * dropped). Refuses: unknown question, hidden question answered, required question unanswered, wrong shape.
 */
export function validateAnswers(def: SurveyDefinition, answers: SurveyAnswers): Record<string, SurveyAnswerValue> {
  const known = new Set(def.questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) throw bad(`answers.${key}: no such question`);
  const clean: Record<string, SurveyAnswerValue> = {};
  for (const q of def.questions) {
    const value = answers[q.key];
    const given = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
    if (!isShown(q, clean)) {
      if (given) throw bad(`answers.${q.key}: this question is not shown for the earlier answers`);
      continue;
    }
    if (!given) {
      if (q.required) throw bad(`answers.${q.key} is required`);
      continue;
    }
    clean[q.key] = checkValue(q, value);
  }
  return clean;
}

function checkValue(q: SurveyQuestion, value: SurveyAnswerValue): SurveyAnswerValue {
  const where = `answers.${q.key}`;
  switch (q.type) {
    case 'likert5':
      if (!isChoice(q, value)) throw bad(`${where} must be a whole number from 1 to 5`);
      return value;
    case 'single':
      if (!isChoice(q, value)) throw bad(`${where} must be one of the options`);
      return value;
    case 'multi': {
      if (!Array.isArray(value) || value.some((v) => !isChoice(q, v))) throw bad(`${where} must be a list of options`);
      const distinct = [...new Set(value)];
      if (distinct.length !== value.length) throw bad(`${where} names an option twice`);
      if (q.maxChoices && distinct.length > q.maxChoices) throw bad(`${where}: at most ${q.maxChoices} choices`);
      return distinct;
    }
    case 'text':
      if (typeof value !== 'string' || value.length > 2000) throw bad(`${where} must be a text of at most 2000 characters`);
      return value.split('\u0000').join('');
    case 'matrix': {
      if (typeof value !== 'object' || Array.isArray(value) || value === null) throw bad(`${where} must map items to 1..5`);
      const items = new Set((q.items ?? []).map((i) => i.key));
      const out: Record<string, number> = {};
      for (const [item, v] of Object.entries(value)) {
        if (!items.has(item)) throw bad(`${where}.${item}: no such item`);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw bad(`${where}.${item} must be 1..5`);
        out[item] = v;
      }
      if (q.required && Object.keys(out).length !== items.size) throw bad(`${where}: every item is required`);
      return out;
    }
  }
}
