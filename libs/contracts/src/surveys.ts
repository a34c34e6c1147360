/**
 * Wire shapes of staff surveys (CONTRACT.md "Surveys and KPIs", docs/architecture.md "Surveys"): what the server
 * sends and the browser reads. Additive changes only.
 *
 * HTTP routes (JSON under /api; errors as in CONTRACT.md):
 *
 * Builder (permission `surveys.manage`: admins, survey admins)
 *   GET    /api/surveys                              → SurveySummary[] (every survey, newest first)
 *   GET    /api/surveys/templates                    → SurveyTemplate[]
 *   POST   /api/surveys/templates/:key               body CreateFromTemplateRequest → 201 SurveyDetail (a draft)
 *   POST   /api/surveys                              body SurveyDraftInput → 201 SurveyDetail (status "draft")
 *   GET    /api/surveys/:id                          → SurveyDetail
 *   PUT    /api/surveys/:id                          body UpdateSurveyRequest → 200 SurveyDetail
 *                                                    (draft or scheduled only, else 409; stale version 409)
 *   DELETE /api/surveys/:id                          → 204 (draft only, else 409)
 *   GET    /api/surveys/:id/preview                  → SurveyForm (as a respondent sees it; nothing is stored)
 *   POST   /api/surveys/:id/open                     body OpenSurveyRequest → 200 SurveyDetail
 *                                                    ("open", or "scheduled" when opensAt is in the future)
 *   POST   /api/surveys/:id/close                    → 200 SurveyDetail ("closed")
 *   POST   /api/surveys/:id/duplicate                body DuplicateSurveyRequest → 201 SurveyDetail
 *                                                    (next wave of the same series, a draft)
 *   POST   /api/surveys/:id/remind                   → 200 RemindResult (open surveys only, else 409)
 *   GET    /api/surveys/:id/results                  query ResultsQuery → SurveyResults
 *   GET    /api/surveys/:id/results.csv              query ResultsQuery → text/csv (UTF-8 BOM) aggregated results
 *   GET    /api/surveys/:id/responses.csv            → text/csv (UTF-8 BOM) raw answers, one row per response,
 *                                                    shuffled, no author, no time (anonymous surveys; for named
 *                                                    surveys the same, the names are never exported)
 *
 * Respondents (any signed-in staff member)
 *   GET    /api/surveys/mine                         → MySurvey[] (open surveys the caller is invited to)
 *   GET    /api/surveys/:id/form                     → SurveyForm (invited and open or closed; else 404)
 *   POST   /api/surveys/:id/responses                body SubmitResponseRequest → 201 SubmitResponseResult
 *                                                    (409 second response or not open / after closesAt;
 *                                                    404 when not invited; 400 invalid answers)
 *   POST   /api/surveys/:id/responses/mine           body MyResponseRequest → 200 MyResponse
 *                                                    (POST so the secret never sits in a URL; 404 when the
 *                                                    secret matches nothing)
 *   PUT    /api/surveys/:id/responses/mine           body EditResponseRequest → 200 SubmitResponseResult
 *                                                    (only when allowEdit and open; 409 otherwise; 404 when the
 *                                                    secret matches nothing)
 *
 * Socket.IO (server → client, to `user:<id>` of each invited person): see SurveyServerEvents below.
 */

/** 下書き → 公開予約 → 回答受付中 → 締切. */
export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const SURVEY_QUESTION_TYPES = ['likert5', 'single', 'multi', 'text', 'matrix'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

/** Labels of the 5-point scale, value 5 first (5 = とてもそう思う = strongly agree). */
export const LIKERT5_LABELS: Record<1 | 2 | 3 | 4 | 5, { ja: string; en: string }> = {
  5: { ja: 'とてもそう思う', en: 'Strongly agree' },
  4: { ja: 'ややそう思う', en: 'Somewhat agree' },
  3: { ja: 'どちらともいえない', en: 'Neither agree nor disagree' },
  2: { ja: 'あまりそう思わない', en: 'Somewhat disagree' },
  1: { ja: 'まったくそう思わない', en: 'Strongly disagree' },
};

/** The minimum and default confidentiality threshold k (groups with fewer respondents are suppressed). */
export const SURVEY_MIN_THRESHOLD = 3;
export const SURVEY_DEFAULT_THRESHOLD = 5;

/** The DX action plan's perception KPIs a question may be bound to. */
export const SURVEY_KPI_KEYS = ['workload_reduced', 'chat_information_improved'] as const;
export type SurveyKpiKey = (typeof SURVEY_KPI_KEYS)[number];

/** Who is invited: everyone active, whole departments, or chosen people (CONTRACT.md). */
export type SurveyAudience = { all: true } | { departmentIds: string[] } | { userIds: string[] };

export interface SurveySection {
  /** Unique in the survey, [a-z0-9_]{1,40}. */
  key: string;
  title: string;
  description?: string;
}

export interface MatrixItem {
  /** Unique in the question, [a-z0-9_]{1,40}. */
  key: string;
  text: string;
}

/**
 * Conditional display: the question is shown (and may be answered) only when the question `questionKey`, earlier in
 * the survey, has one of `anyOf` as its answer (likert5: numbers; single/multi: option strings; for multi, any of
 * them chosen). A hidden question's answer is refused (400).
 */
export interface ShowIf {
  questionKey: string;
  anyOf: (string | number)[];
}

/**
 * A question bound to a KPI: its agree share is judged against `target`. `agree` lists the answers that count as
 * agreeing: for likert5 the default is the top two boxes [4, 5]; for single, option strings.
 */
export interface QuestionKpi {
  /** Optional on input: a question of the DX template carries its key; other questions may leave it out. */
  key?: SurveyKpiKey;
  /** 0..1, e.g. 0.7. */
  target: number;
  agree?: (string | number)[];
}

export interface SurveyQuestion {
  /** Unique in the survey, [a-z0-9_]{1,40}; the key of the answer in SubmitResponseRequest.answers. */
  key: string;
  type: SurveyQuestionType;
  text: string;
  description?: string;
  /** Section key (one of SurveyDetail.sections); omitted: the first section, or none when there are none. */
  section?: string;
  /** single / multi: the choices (1..30 distinct strings). */
  options?: string[];
  /** matrix: the rows, each answered on the 5-point scale. */
  items?: MatrixItem[];
  /** Default false. */
  required?: boolean;
  showIf?: ShowIf;
  kpi?: QuestionKpi;
  /** multi: at most this many choices. */
  maxChoices?: number;
}

/** Breakdown dimensions stored beside each answer (at most these two; an empty list stores neither). */
export const SURVEY_BREAKDOWNS = ['department', 'position'] as const;
export type SurveyBreakdown = (typeof SURVEY_BREAKDOWNS)[number];

/** POST /api/surveys body (the contract's fields, plus optional extras). */
export interface SurveyDraftInput {
  title: string;
  description?: string;
  anonymous: boolean;
  audience: SurveyAudience;
  /** ISO-8601; when set, POST /open schedules the opening. */
  opensAt?: string | null;
  closesAt: string;
  questions: SurveyQuestion[];
  sections?: SurveySection[];
  /** Default false: respondents may change their answers until close (through their browser's secret). */
  allowEdit?: boolean;
  /** k, default 5, never below 3. */
  threshold?: number;
  /** Default ['department', 'position']. */
  breakdowns?: SurveyBreakdown[];
}

export interface UpdateSurveyRequest extends SurveyDraftInput {
  version: number;
}

export interface OpenSurveyRequest {
  /** Omitted or in the past: open now. In the future: status "scheduled" until then. */
  opensAt?: string;
}

export interface DuplicateSurveyRequest {
  title?: string;
  opensAt?: string | null;
  closesAt?: string;
}

export interface CreateFromTemplateRequest {
  title?: string;
  closesAt?: string;
  audience?: SurveyAudience;
}

export interface SurveyTemplate {
  key: string;
  title: string;
  description: string;
  definition: SurveyDraftInput;
}

export interface SurveySummary {
  id: string;
  title: string;
  status: SurveyStatus;
  anonymous: boolean;
  allowEdit: boolean;
  /** Waves of one survey share a series; wave 1, 2, ... */
  seriesId: string;
  wave: number;
  opensAt: string | null;
  closesAt: string;
  openedAt: string | null;
  closedAt: string | null;
  invited: number;
  responded: number;
  /** KPI keys bound in this survey. */
  kpiKeys: SurveyKpiKey[];
  createdAt: string;
  createdBy: string | null;
}

export interface SurveyDetail extends SurveySummary {
  description: string;
  audience: SurveyAudience;
  sections: SurveySection[];
  questions: SurveyQuestion[];
  threshold: number;
  breakdowns: SurveyBreakdown[];
  version: number;
}

/** What a respondent sees before and while answering. */
export interface SurveyForm {
  id: string;
  title: string;
  description: string;
  status: SurveyStatus;
  /** Shown before starting: false means the answers carry the respondent's name (記名式). */
  anonymous: boolean;
  allowEdit: boolean;
  closesAt: string;
  sections: SurveySection[];
  questions: SurveyQuestion[];
  /** Whether the caller has answered (always false in a preview). */
  answered: boolean;
  preview: boolean;
}

export interface MySurvey {
  id: string;
  title: string;
  anonymous: boolean;
  allowEdit: boolean;
  closesAt: string;
  questionCount: number;
  answered: boolean;
}

/** An answer: likert5 1..5; single an option string; multi option strings; text a string; matrix item → 1..5. */
export type SurveyAnswerValue = number | string | string[] | Record<string, number>;
export type SurveyAnswers = Record<string, SurveyAnswerValue | null>;

export interface SubmitResponseRequest {
  answers: SurveyAnswers;
  /**
   * When the survey allows editing: a secret the browser generated (base64url, 43..128 characters, at least 32
   * random bytes) and keeps; the server stores only a hash bound to the response and can never derive it.
   */
  editSecret?: string;
}

export interface SubmitResponseResult {
  /** Whether these answers can be changed later (allowEdit and a secret given, or a named survey). */
  editable: boolean;
}

export interface MyResponseRequest {
  /** Required for anonymous surveys; ignored for named ones. */
  editSecret?: string;
}

export interface MyResponse {
  answers: SurveyAnswers;
}

export interface EditResponseRequest {
  answers: SurveyAnswers;
  editSecret?: string;
}

export interface RemindResult {
  /** How many invited people who have not answered got the (identical) reminder. */
  reminded: number;
}

/* ---------- results ---------- */

/** GET /results query: a filter on the respondents' department or position (both optional). */
export interface ResultsQuery {
  departmentId?: string;
  position?: string;
}

export type KpiVerdict = 'met' | 'not_met' | 'unclear';

/** The KPI figures of one bound question (CONTRACT.md). */
export interface KpiResult {
  key: SurveyKpiKey | null;
  target: number;
  /** The answers that count as agreeing, e.g. [4, 5]. */
  agreeValues: (string | number)[];
  /** x: respondents who agree. */
  agree: number;
  /** n: respondents who answered this question. */
  n: number;
  /** N: people invited (the finite population). */
  population: number;
  /** x / n (null when n = 0). */
  share: number | null;
  /** 95% Wilson score interval with finite population correction. */
  interval: [number, number];
  /** If every non-respondent had disagreed / agreed: x / N and (x + N − n) / N. */
  bounds: [number, number];
  verdict: KpiVerdict;
}

export interface ChoiceCount {
  /** likert5: "1".."5"; single/multi: the option string. */
  value: string;
  count: number;
  /** count / answered (for multi: share of respondents who chose it). */
  share: number;
}

export interface QuestionResult {
  key: string;
  type: SurveyQuestionType;
  text: string;
  /** Respondents who answered this question (in the filtered group). */
  answered: number;
  /** likert5 / single / multi: value → count (CONTRACT.md); absent for text and matrix. */
  counts?: Record<string, number>;
  choices?: ChoiceCount[];
  /** likert5: mean 1..5. */
  mean?: number | null;
  /** matrix: one entry per item. */
  items?: { key: string; text: string; answered: number; choices: ChoiceCount[]; mean: number | null }[];
  /** text: the answers (no author, shuffled), only when the group has at least k respondents; else null. */
  texts?: string[] | null;
  kpi?: KpiResult;
  /** True when the filtered group is below the threshold: no counts are given. */
  suppressed?: boolean;
}

export interface ResponseRate {
  invited: number;
  responded: number;
  /** responded / invited (0 when none invited). */
  rate: number;
}

/** A department's (or position's) cell: suppressed cells carry no figures. */
export interface ResultGroup {
  dimension: SurveyBreakdown;
  /** departmentId, or the position text; null = その他 (not stored: a group with fewer than k invited). */
  value: string | null;
  label: string;
  suppressed: boolean;
  /** Present only when not suppressed. */
  responded?: number;
  /**
   * Per question key: counts as in QuestionResult.counts (likert5/single/multi), and KPI agree share; a matrix per
   * item (counts "1".."5" and mean). A question or item hidden in this group (fewer than k of it answered, or hidden
   * to protect another group) carries its key only.
   */
  questions?: {
    key: string;
    counts?: Record<string, number>;
    mean?: number | null;
    agreeShare?: number | null;
    items?: { key: string; counts?: Record<string, number>; mean?: number | null }[];
  }[];
  /** Why it is hidden: "below_threshold" (fewer than k) or "complementary" (hidden so no other cell can be derived). */
  reason?: 'below_threshold' | 'complementary';
}

export interface DepartmentRate {
  departmentId: string | null;
  label: string;
  invited: number;
  /** null when hidden (participation is not secret, but a rate of 1 of 2 says more than it should below k). */
  responded: number | null;
  rate: number | null;
  suppressed: boolean;
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  status: SurveyStatus;
  anonymous: boolean;
  threshold: number;
  /** CONTRACT.md: N and n overall. */
  invited: number;
  responded: number;
  responseRate: ResponseRate;
  ratesByDepartment: DepartmentRate[];
  filter: ResultsQuery;
  /** Respondents in the filtered group (without a filter: responded); null when the group is suppressed. */
  filteredResponded: number | null;
  /** True when the filter's group is below the threshold (or hidden to protect another): questions carry no counts. */
  suppressed: boolean;
  questions: QuestionResult[];
  groups: ResultGroup[];
  /** Department × position, when the survey breaks down by both (filter by both to see one cell's answers). */
  cross?: CrossBreakdown;
  /**
   * While an anonymous survey is open, its answer figures (questions, groups, cross, raw CSV) come from a frozen copy
   * of the first `responded` responses, refreshed only once `refreshAt` people have answered (k more), so that no
   * two reads differ by one person's answers. The response rate stays live. Absent for named and closed surveys.
   */
  frozen?: { responded: number; refreshAt: number };
}

/** One department or position of the crossed table, with its total (absent when hidden). */
export interface CrossGroup {
  value: string | null;
  label: string;
  suppressed: boolean;
  responded?: number;
  reason?: 'below_threshold' | 'complementary';
}

export interface CrossCell {
  suppressed: boolean;
  /** Respondents in both groups; absent when hidden (0 is shown: an empty cell protects no one). */
  responded?: number;
  reason?: 'below_threshold' | 'complementary';
}

/**
 * The crossed breakdown: cells[i][j] = respondents of departments[i] holding positions[j]. Cells, department totals,
 * position totals and the total are suppressed together, so that no hidden cell can be worked out from the rest.
 */
export interface CrossBreakdown {
  departments: CrossGroup[];
  positions: CrossGroup[];
  cells: CrossCell[][];
}

/* ---------- Socket.IO ---------- */

/** What the server emits to an invited person's `user:<id>` room (event name → payload). */
export interface SurveyServerEvents {
  /** A survey the person is invited to opened. */
  'survey:opened': { survey: MySurvey };
  /** A reminder: sent to every invited person who has not answered, with the same text for all. */
  'survey:reminder': { surveyId: string; title: string; closesAt: string };
  /** A survey the person was invited to closed. */
  'survey:closed': { surveyId: string };
}
