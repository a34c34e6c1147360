import type {
  CreateFromTemplateRequest,
  DuplicateSurveyRequest,
  EditResponseRequest,
  MyResponse,
  MySurvey,
  RemindResult,
  ResultsQuery,
  SubmitResponseRequest,
  SubmitResponseResult,
  SurveyDetail,
  SurveyDraftInput,
  SurveyForm,
  SurveyResults,
  SurveySummary,
  SurveyTemplate,
  UpdateSurveyRequest,
} from '@yakuba/contracts';
import { api, queryString } from '../../api/client';

/** Every surveys request (components and hooks call these, never a URL). Routes: libs/contracts/src/surveys.ts. */
const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;
const filterQuery = (q: ResultsQuery) => queryString({ departmentId: q.departmentId, position: q.position });

export const surveysApi = {
  // Respondents
  mine: () => api<MySurvey[]>('GET', '/api/surveys/mine'),
  form: (id: string) => api<SurveyForm>('GET', `${base(id)}/form`),
  submit: (id: string, body: SubmitResponseRequest) => api<SubmitResponseResult>('POST', `${base(id)}/responses`, body),
  /** POST so that the secret never sits in a URL (server logs, history). */
  myResponse: (id: string, editSecret?: string) => api<MyResponse>('POST', `${base(id)}/responses/mine`, { editSecret }),
  edit: (id: string, body: EditResponseRequest) => api<SubmitResponseResult>('PUT', `${base(id)}/responses/mine`, body),
  // Builder
  list: () => api<SurveySummary[]>('GET', '/api/surveys'),
  templates: () => api<SurveyTemplate[]>('GET', '/api/surveys/templates'),
  fromTemplate: (key: string, body: CreateFromTemplateRequest) =>
    api<SurveyDetail>('POST', `/api/surveys/templates/${encodeURIComponent(key)}`, body),
  get: (id: string) => api<SurveyDetail>('GET', base(id)),
  create: (input: SurveyDraftInput) => api<SurveyDetail>('POST', '/api/surveys', input),
  update: (id: string, input: UpdateSurveyRequest) => api<SurveyDetail>('PUT', base(id), input),
  remove: (id: string) => api<void>('DELETE', base(id)),
  preview: (id: string) => api<SurveyForm>('GET', `${base(id)}/preview`),
  open: (id: string, opensAt?: string) => api<SurveyDetail>('POST', `${base(id)}/open`, opensAt ? { opensAt } : {}),
  close: (id: string) => api<SurveyDetail>('POST', `${base(id)}/close`),
  duplicate: (id: string, body: DuplicateSurveyRequest = {}) => api<SurveyDetail>('POST', `${base(id)}/duplicate`, body),
  remind: (id: string) => api<RemindResult>('POST', `${base(id)}/remind`),
  results: (id: string, q: ResultsQuery) => api<SurveyResults>('GET', `${base(id)}/results${filterQuery(q)}`),
  resultsCsvUrl: (id: string, q: ResultsQuery) => `${base(id)}/results.csv${filterQuery(q)}`,
  responsesCsvUrl: (id: string) => `${base(id)}/responses.csv`,
};
