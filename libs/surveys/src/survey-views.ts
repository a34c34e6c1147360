import type {
  SurveyAudience,
  SurveyBreakdown,
  SurveyDetail,
  SurveyForm,
  SurveyKpiKey,
  SurveyStatus,
  SurveySummary,
} from '@yakuba/contracts';
import { effectiveStatus } from './domain/survey-lifecycle';
import type { SurveyDefinition } from './domain/survey-definition';
import type { GroupingEntry } from './domain/stored-grouping';

/** A surveys row as read by raw SQL (SURVEY_COLUMNS). */
export interface SurveyRow {
  id: string;
  seriesId: string;
  wave: number;
  title: string;
  description: string;
  anonymous: boolean;
  allowEdit: boolean;
  audience: SurveyAudience;
  definition: SurveyDefinition;
  threshold: number;
  breakdowns: SurveyBreakdown[];
  status: SurveyStatus;
  opensAt: Date | null;
  closesAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  reminders: number;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  /** Fixed when the survey opens (null before, and for surveys opened before the column existed). */
  storedGroups: GroupingEntry[] | null;
  invited: number;
  responded: number;
}

export const SURVEY_COLUMNS = `s.id, s.series_id AS "seriesId", s.wave, s.title, s.description, s.anonymous, s.allow_edit AS "allowEdit",
  s.audience, s.definition, s.threshold, s.breakdowns, s.status, s.opens_at AS "opensAt", s.closes_at AS "closesAt",
  s.opened_at AS "openedAt", s.closed_at AS "closedAt", s.reminders, s.version, s.created_by AS "createdBy", s.created_at AS "createdAt",
  s.stored_groups AS "storedGroups",
  (SELECT count(*) FROM survey_participants p WHERE p.survey_id = s.id)::int AS invited,
  (SELECT count(*) FROM survey_participants p WHERE p.survey_id = s.id AND p.answered)::int AS responded`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function statusNow(row: Pick<SurveyRow, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): SurveyStatus {
  return effectiveStatus(row, now);
}

export function toSummary(row: SurveyRow, now = new Date()): SurveySummary {
  const status = statusNow(row, now);
  return {
    id: row.id,
    title: row.title,
    status,
    anonymous: row.anonymous,
    allowEdit: row.allowEdit,
    seriesId: row.seriesId,
    wave: row.wave,
    opensAt: iso(row.opensAt),
    closesAt: row.closesAt.toISOString(),
    openedAt: iso(row.openedAt ?? (status === 'open' || status === 'closed' ? row.opensAt : null)),
    closedAt: iso(row.closedAt ?? (status === 'closed' ? row.closesAt : null)),
    invited: row.invited,
    responded: row.responded,
    kpiKeys: row.definition.questions.map((q) => q.kpi?.key).filter((k): k is SurveyKpiKey => Boolean(k)),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export function toDetail(row: SurveyRow, now = new Date()): SurveyDetail {
  return {
    ...toSummary(row, now),
    description: row.description,
    audience: row.audience,
    sections: row.definition.sections,
    questions: row.definition.questions,
    threshold: row.threshold,
    breakdowns: row.breakdowns,
    version: row.version,
  };
}

export function toForm(row: SurveyRow, answered: boolean, preview: boolean, now = new Date()): SurveyForm {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: statusNow(row, now),
    anonymous: row.anonymous,
    allowEdit: row.allowEdit,
    closesAt: row.closesAt.toISOString(),
    sections: row.definition.sections,
    questions: row.definition.questions,
    answered,
    preview,
  };
}
