import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  type SurveyAudience,
  type SurveyBreakdown,
  type SurveyDetail,
  type SurveyDraftInput,
  type SurveySummary,
  type SurveyTemplate,
} from '@yakuba/contracts';
import { AuditService, DomainEvents, formatTokyo, NOTICE_PORT, type NoticePort, type Principal } from '@yakuba/platform';
import { DX_TEMPLATE_KEY, surveyTemplates } from './domain/dx-template';
import { storedGrouping, type GroupPair } from './domain/stored-grouping';
import { assertSchedule, normaliseBreakdowns, normaliseDefinition, normaliseThreshold } from './domain/survey-definition';
import { assertClosable, assertEditableDefinition, openTransition, reminderText } from './domain/survey-lifecycle';
import type { AudienceDto, DuplicateSurveyDto, FromTemplateDto, OpenSurveyDto, SurveyDraftDto, UpdateSurveyDto } from './dto/survey.dto';
import { ResponseStore } from './response-store';
import { SURVEY_COLUMNS, statusNow, toDetail, toForm, toSummary, type SurveyRow } from './survey-views';
import './surveys-events';

const DAY = 24 * 3600 * 1000;

/** The survey builder (surveys.manage): drafts, templates, waves, opening, closing, reminders. */
@Injectable()
export class SurveyBuilderService {
  private readonly logger = new Logger('surveys');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    @Inject(NOTICE_PORT) private readonly notices: NoticePort,
  ) {}

  async list(): Promise<SurveySummary[]> {
    const rows = (await this.db.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s ORDER BY s.created_at DESC, s.wave DESC`)) as SurveyRow[];
    return rows.map((r) => toSummary(r));
  }

  async get(id: string): Promise<SurveyDetail> {
    return toDetail(await this.load(this.db.manager, id));
  }

  templates(): SurveyTemplate[] {
    return surveyTemplates(new Date());
  }

  async preview(id: string) {
    return toForm(await this.load(this.db.manager, id), false, true);
  }

  async create(user: Principal, dto: SurveyDraftInput | SurveyDraftDto, seriesId?: string, wave = 1): Promise<SurveyDetail> {
    const fields = await this.checked(this.db.manager, dto);
    const id = await this.db.transaction(async (m) => {
      const [{ id }] = (await m.query(
        `INSERT INTO surveys (series_id, wave, title, description, anonymous, allow_edit, audience, definition, threshold, breakdowns, opens_at, closes_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [seriesId ?? randomUUID(), wave, ...fields, user.id],
      )) as { id: string }[];
      await this.audit.record(
        { actorId: user.id, action: 'survey.create', targetType: 'survey', targetId: id, data: { title: dto.title, wave } },
        m,
      );
      return id;
    });
    return this.get(id);
  }

  async fromTemplate(user: Principal, key: string, dto: FromTemplateDto): Promise<SurveyDetail> {
    const template = surveyTemplates(new Date()).find((t) => t.key === key);
    if (!template) throw new DomainError('not_found', 'template not found');
    const def = template.definition;
    return this.create(user, {
      ...def,
      title: dto.title ?? def.title,
      closesAt: dto.closesAt ?? def.closesAt,
      audience: dto.audience ? this.audienceOf(dto.audience) : def.audience,
    });
  }

  async update(user: Principal, id: string, dto: UpdateSurveyDto): Promise<SurveyDetail> {
    await this.db.transaction(async (m) => {
      const row = await this.load(m, id, true);
      assertEditableDefinition(statusNow(row));
      if (row.version !== dto.version) throw new DomainError('conflict', 'the survey changed meanwhile: reload it');
      if (row.status === 'scheduled' && dto.anonymous !== row.anonymous)
        throw new DomainError('conflict', 'anonymity is fixed once a survey is opened');
      const fields = await this.checked(m, dto);
      await m.query(
        `UPDATE surveys SET title = $2, description = $3, anonymous = $4, allow_edit = $5, audience = $6, definition = $7, threshold = $8,
           breakdowns = $9, opens_at = CASE WHEN status = 'scheduled' THEN coalesce($10, opens_at) ELSE $10 END, closes_at = $11,
           version = version + 1, updated_at = now() WHERE id = $1`,
        [id, ...fields],
      );
      if (row.status === 'scheduled') await this.invite(m, id, dto.audience as SurveyAudience);
      await this.audit.record({ actorId: user.id, action: 'survey.update', targetType: 'survey', targetId: id }, m);
    });
    return this.get(id);
  }

  async remove(user: Principal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.load(m, id, true);
      if (row.status !== 'draft') throw new DomainError('conflict', 'only a draft can be deleted');
      await m.query('DELETE FROM surveys WHERE id = $1', [id]);
      await this.audit.record({ actorId: user.id, action: 'survey.delete', targetType: 'survey', targetId: id }, m);
    });
  }

  async open(user: Principal, id: string, dto: OpenSurveyDto): Promise<SurveyDetail> {
    const now = new Date();
    const opened = await this.db.transaction(async (m) => {
      const row = await this.load(m, id, true);
      const next = openTransition(row, now, dto.opensAt ? new Date(dto.opensAt) : null);
      await m.query(
        `UPDATE surveys SET status = $2, opens_at = $3, opened_at = CASE WHEN $2 = 'open' THEN now() END, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next.status, next.opensAt],
      );
      const invited = await this.invite(m, id, row.audience);
      if (!invited) throw new DomainError('conflict', 'nobody is invited: the audience has no active staff');
      await this.audit.record(
        { actorId: user.id, action: 'survey.open', targetType: 'survey', targetId: id, data: { status: next.status, invited } },
        m,
      );
      return next.status === 'open';
    });
    if (opened) await this.announceOpened(id);
    return this.get(id);
  }

  /** Tells the invited that a survey is open (socket event), for POST /open and the scheduler. */
  async announceOpened(id: string): Promise<void> {
    const row = await this.load(this.db.manager, id);
    const userIds = await this.participants(id, false);
    this.events.publish('surveys.opened', {
      userIds,
      survey: {
        id,
        title: row.title,
        anonymous: row.anonymous,
        allowEdit: row.allowEdit,
        closesAt: row.closesAt.toISOString(),
        questionCount: row.definition.questions.length,
        answered: false,
      },
    });
  }

  async close(user: Principal | null, id: string): Promise<SurveyDetail> {
    await this.db.transaction(async (m) => {
      const row = await this.load(m, id, true);
      if (row.status === 'closed') throw new DomainError('conflict', 'the survey is already closed');
      assertClosable(row.status);
      await m.query(
        `UPDATE surveys SET status = 'closed', closed_at = least(now(), closes_at), closes_at = least(now(), closes_at),
           opens_at = CASE WHEN opens_at > now() THEN NULL ELSE opens_at END, version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      // Closed: the results are final and read from the answers themselves.
      await new ResponseStore(m).dropSnapshot([id]);
      await this.audit.record({ actorId: user?.id ?? null, action: 'survey.close', targetType: 'survey', targetId: id }, m);
    });
    this.events.publish('surveys.closed', { userIds: await this.participants(id), surveyId: id });
    return this.get(id);
  }

  async duplicate(user: Principal, id: string, dto: DuplicateSurveyDto): Promise<SurveyDetail> {
    const row = await this.load(this.db.manager, id);
    const [{ wave }] = (await this.db.query('SELECT max(wave)::int + 1 AS wave FROM surveys WHERE series_id = $1', [row.seriesId])) as {
      wave: number;
    }[];
    return this.create(
      user,
      {
        title: dto.title ?? row.title.replace(/（第\d+回）$/, '') + `（第${wave}回）`,
        description: row.description,
        anonymous: row.anonymous,
        allowEdit: row.allowEdit,
        audience: row.audience,
        opensAt: dto.opensAt ?? null,
        closesAt: dto.closesAt ?? new Date(Date.now() + 14 * DAY).toISOString(),
        questions: row.definition.questions,
        sections: row.definition.sections,
        threshold: row.threshold,
        breakdowns: row.breakdowns,
      },
      row.seriesId,
      wave,
    );
  }

  /** The same text to everyone invited who has not answered: in-app (socket) and a notice from 「Yakuba」. */
  async remind(user: Principal, id: string): Promise<{ reminded: number }> {
    const { row, round } = await this.db.transaction(async (m) => {
      const row = await this.load(m, id, true);
      if (statusNow(row) !== 'open') throw new DomainError('conflict', 'only an open survey sends reminders');
      const [{ reminders }] = (
        await m.query('UPDATE surveys SET reminders = reminders + 1 WHERE id = $1 RETURNING reminders', [id])
      )[0] as { reminders: number }[];
      await this.audit.record(
        { actorId: user.id, action: 'survey.remind', targetType: 'survey', targetId: id, data: { round: reminders } },
        m,
      );
      return { row, round: reminders };
    });
    const pending = await this.participants(id, false);
    const text = reminderText(row.title, formatTokyo(row.closesAt, 'minute'));
    for (const userId of pending) {
      await this.notices.toUser(userId, text, { key: `survey:${id}:reminder:${round}` }).catch((error: unknown) => {
        // A notice that fails must not tell anyone anything; the socket reminder still goes out.
        this.logger.warn(`survey reminder notice failed: ${(error as Error).message}`);
      });
    }
    this.events.publish('surveys.reminded', { userIds: pending, surveyId: id, title: row.title, closesAt: row.closesAt.toISOString() });
    return { reminded: pending.length };
  }

  async load(m: EntityManager, id: string, lock = false): Promise<SurveyRow> {
    const [row] = (await m.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [
      id,
    ])) as SurveyRow[];
    if (!row) throw new DomainError('not_found', 'survey not found');
    return row;
  }

  private async participants(id: string, answered?: boolean): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT user_id AS "userId" FROM survey_participants WHERE survey_id = $1${answered === undefined ? '' : ' AND answered = $2'}`,
      answered === undefined ? [id] : [id, answered],
    )) as { userId: string }[];
    return rows.map((r) => r.userId);
  }

  /** Who is invited, fixed when the survey opens (or is scheduled): active staff at that moment (never a guest). */
  private async invite(m: EntityManager, id: string, audience: SurveyAudience): Promise<number> {
    await m.query('DELETE FROM survey_participants WHERE survey_id = $1 AND NOT answered', [id]);
    const [where, params] =
      'departmentIds' in audience
        ? ['u.department_id = ANY($2)', [audience.departmentIds]]
        : 'userIds' in audience
          ? ['u.id = ANY($2)', [audience.userIds]]
          : ['true', []];
    await m.query(
      `INSERT INTO survey_participants (survey_id, user_id, department_id, position)
       SELECT $1, u.id, u.department_id, u.position FROM users u WHERE u.active AND NOT u.system AND 'staff' = ANY(u.roles) AND ${where} ON CONFLICT DO NOTHING`,
      [id, ...params],
    );
    // The pairs stored beside the answers are fixed with the invitations (domain/stored-grouping.ts).
    const invited = (await m.query('SELECT department_id AS department, position FROM survey_participants WHERE survey_id = $1', [
      id,
    ])) as GroupPair[];
    const [{ threshold, breakdowns, anonymous }] = (await m.query('SELECT threshold, breakdowns, anonymous FROM surveys WHERE id = $1', [
      id,
    ])) as { threshold: number; breakdowns: SurveyBreakdown[]; anonymous: boolean }[];
    await m.query('UPDATE surveys SET stored_groups = $2 WHERE id = $1', [
      id,
      JSON.stringify(storedGrouping(invited, threshold, breakdowns)),
    ]);
    // An anonymous survey's figures start from an empty frozen copy (domain/result-freeze.ts).
    if (anonymous) await new ResponseStore(m).resetSnapshot(id);
    return invited.length;
  }

  private audienceOf(dto: AudienceDto | SurveyAudience): SurveyAudience {
    const a = dto as { all?: true; departmentIds?: string[]; userIds?: string[] };
    const given = [a.all !== undefined, a.departmentIds !== undefined, a.userIds !== undefined].filter(Boolean).length;
    if (given !== 1) throw new DomainError('bad_request', 'audience: exactly one of all, departmentIds, userIds');
    if (a.all) return { all: true };
    if (a.departmentIds) return { departmentIds: [...new Set(a.departmentIds)] };
    return { userIds: [...new Set(a.userIds!)] };
  }

  /** Validates a draft; returns the column values in INSERT order (title … closes_at). */
  private async checked(m: EntityManager, dto: SurveyDraftInput | SurveyDraftDto): Promise<unknown[]> {
    const definition = normaliseDefinition({ sections: dto.sections, questions: dto.questions as SurveyDraftInput['questions'] });
    const threshold = normaliseThreshold(dto.threshold);
    const breakdowns = normaliseBreakdowns(dto.breakdowns);
    const opensAt = dto.opensAt ? new Date(dto.opensAt) : null;
    const closesAt = new Date(dto.closesAt);
    assertSchedule(opensAt, closesAt);
    const audience = this.audienceOf(dto.audience as AudienceDto);
    if ('departmentIds' in audience) {
      const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM departments WHERE id = ANY($1)', [audience.departmentIds])) as {
        n: number;
      }[];
      if (n !== audience.departmentIds.length)
        throw new DomainError('bad_request', 'audience.departmentIds: some departments do not exist');
    }
    if ('userIds' in audience) {
      const [{ n }] = (await m.query(
        `SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND active AND NOT system AND 'staff' = ANY(roles)`,
        [audience.userIds],
      )) as { n: number }[];
      if (n !== audience.userIds.length) throw new DomainError('bad_request', 'audience.userIds: some users do not exist or are disabled');
    }
    return [
      dto.title.trim(),
      dto.description ?? '',
      dto.anonymous,
      dto.allowEdit ?? false,
      JSON.stringify(audience),
      JSON.stringify(definition),
      threshold,
      breakdowns,
      opensAt,
      closesAt,
    ];
  }
}

export { DX_TEMPLATE_KEY };
