import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  type MyResponse,
  type MySurvey,
  type SubmitResponseResult,
  type SurveyAnswers,
  type SurveyForm,
} from '@yakuba/contracts';
import { DomainEvents, type Principal } from '@yakuba/platform';
import { validateAnswers } from './domain/survey-definition';
import { assertAnswerable } from './domain/survey-lifecycle';
import { storedGrouping, storedPairOf, type GroupPair } from './domain/stored-grouping';
import { ResponseStore, editHash } from './response-store';
import { SURVEY_COLUMNS, statusNow, toForm, type SurveyRow } from './survey-views';
import './surveys-events';

interface Participation {
  departmentId: string | null;
  position: string | null;
  answered: boolean;
}

/**
 * Answering a survey. Nothing here logs, audits or caches who answered what: the participation flag and the answers
 * are written in one transaction (ResponseStore explains how they stay unlinkable), and the only thing published
 * afterwards is that the responses table changed (so its dead row versions are vacuumed).
 */
@Injectable()
export class SurveyResponseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  async mine(user: Principal): Promise<MySurvey[]> {
    const rows = (await this.db.query(
      `SELECT ${SURVEY_COLUMNS}, p.answered AS "myAnswered" FROM surveys s JOIN survey_participants p ON p.survey_id = s.id AND p.user_id = $1
       WHERE s.closes_at > now() AND (s.status = 'open' OR (s.status = 'scheduled' AND s.opens_at <= now()))
       ORDER BY s.closes_at`,
      [user.id],
    )) as (SurveyRow & { myAnswered: boolean })[];
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      anonymous: r.anonymous,
      allowEdit: r.allowEdit,
      closesAt: r.closesAt.toISOString(),
      questionCount: r.definition.questions.length,
      answered: r.myAnswered,
    }));
  }

  /** The form for an invited person (open or closed surveys; a draft or scheduled one is not found). */
  async form(user: Principal, id: string): Promise<SurveyForm> {
    const { row, me } = await this.loadInvited(user, id);
    if (statusNow(row) === 'draft' || statusNow(row) === 'scheduled') throw new DomainError('not_found', 'survey not found');
    return toForm(row, me.answered, false);
  }

  async submit(user: Principal, id: string, answers: SurveyAnswers, secret?: string): Promise<SubmitResponseResult> {
    const result = await this.db.transaction(async (m) => {
      const row = await this.lockSurvey(m, id);
      const me = await this.participation(m, id, user.id);
      assertAnswerable(statusNow(row));
      if (me.answered) throw new DomainError('conflict', 'you have already answered this survey');
      const clean = validateAnswers(row.definition, answers);
      await m.query('UPDATE survey_participants SET answered = true WHERE survey_id = $1 AND user_id = $2', [id, user.id]);
      const stored = { ...(await this.groupsOf(m, row, me)), answers: clean };
      const store = new ResponseStore(m);
      // An anonymous answer without a secret (CONTRACT.md's plain `{"answers"}`) is stored with no edit hash: it
      // stands as given, since nothing but the browser's secret may ever find it again.
      const hash = row.anonymous && row.allowEdit && secret ? editHash(id, secret) : null;
      if (row.anonymous) {
        await store.addAnonymous(id, stored, hash);
        await store.refreshSnapshot(id, row.threshold);
      } else await store.addNamed(id, user.id, stored);
      return { editable: row.allowEdit && (!row.anonymous || hash !== null) };
    });
    this.events.publish('surveys.responses-written', {});
    return result;
  }

  async myResponse(user: Principal, id: string, secret?: string): Promise<MyResponse> {
    const { row, me } = await this.loadInvited(user, id);
    if (!me.answered) throw new DomainError('not_found', 'you have not answered yet');
    const store = new ResponseStore(this.db.manager);
    if (!row.anonymous) return { answers: (await store.findNamed(id, user.id)) ?? {} };
    if (!secret) throw new DomainError('bad_request', 'editSecret is required for an anonymous survey');
    const answers = await store.findAnonymous(id, editHash(id, secret));
    if (!answers) throw new DomainError('not_found', 'no response matches this secret');
    return { answers };
  }

  async edit(user: Principal, id: string, answers: SurveyAnswers, secret?: string): Promise<SubmitResponseResult> {
    await this.db.transaction(async (m) => {
      const row = await this.lockSurvey(m, id);
      const me = await this.participation(m, id, user.id);
      assertAnswerable(statusNow(row));
      if (!row.allowEdit) throw new DomainError('conflict', 'this survey does not allow changing answers');
      if (!me.answered) throw new DomainError('not_found', 'you have not answered yet');
      const clean = validateAnswers(row.definition, answers);
      const store = new ResponseStore(m);
      if (row.anonymous) {
        if (!secret) throw new DomainError('bad_request', 'editSecret is required for an anonymous survey');
        await store.replaceAnonymous(id, editHash(id, secret), clean);
      } else await store.replaceNamed(id, user.id, clean);
    });
    this.events.publish('surveys.responses-written', {});
    return { editable: true };
  }

  private async lockSurvey(m: DataSource['manager'], id: string): Promise<SurveyRow> {
    const [row] = (await m.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s WHERE s.id = $1 FOR UPDATE OF s`, [id])) as SurveyRow[];
    if (!row) throw new DomainError('not_found', 'survey not found');
    return row;
  }

  /** Not invited → not found (the survey's existence is not revealed). */
  private async participation(m: DataSource['manager'], id: string, userId: string): Promise<Participation> {
    const [me] = (await m.query(
      'SELECT department_id AS "departmentId", position, answered FROM survey_participants WHERE survey_id = $1 AND user_id = $2',
      [id, userId],
    )) as Participation[];
    if (!me) throw new DomainError('not_found', 'survey not found');
    return me;
  }

  private async loadInvited(user: Principal, id: string): Promise<{ row: SurveyRow; me: Participation }> {
    const me = await this.participation(this.db.manager, id, user.id);
    const [row] = (await this.db.query(`SELECT ${SURVEY_COLUMNS} FROM surveys s WHERE s.id = $1`, [id])) as SurveyRow[];
    return { row, me };
  }

  /**
   * The breakdown values stored beside the answers: the pair the survey's grouping (fixed at opening, see
   * domain/stored-grouping.ts) gives the respondent's own, so that no stored pair stands for fewer than k invited.
   * A survey opened before groupings were stored gets its grouping now, from the same fixed invitations.
   */
  private async groupsOf(m: DataSource['manager'], row: SurveyRow, me: Participation): Promise<GroupPair> {
    let grouping = row.storedGroups;
    if (!grouping) {
      const invited = (await m.query('SELECT department_id AS department, position FROM survey_participants WHERE survey_id = $1', [
        row.id,
      ])) as GroupPair[];
      grouping = storedGrouping(invited, row.threshold, row.breakdowns);
      await m.query('UPDATE surveys SET stored_groups = $2 WHERE id = $1', [row.id, JSON.stringify(grouping)]);
    }
    return storedPairOf(grouping, { department: me.departmentId, position: me.position }, row.breakdowns);
  }
}
