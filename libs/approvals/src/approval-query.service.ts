import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ACTED_KINDS,
  DomainError,
  type ActedApprovalsPage,
  type ActedKind,
  type ApprovalSearchQuery,
  type ApprovalSearchResult,
  type ApprovalSummary,
  type InboxCounts,
  type InboxView,
  type RetentionDueView,
} from '@yakuba/contracts';
import { fiscalYear, isUuid, likePattern, type Principal } from '@yakuba/platform';
import { APPROVAL_FROM, APPROVAL_SELECT, toSummary, type ApprovalRow } from './approval-rows';
import { ApprovalsService } from './approvals.service';
import { retentionFromDb } from './domain/records';
import { normalise, queryOf, snippetOf } from './domain/search-terms';
import { visibleSql } from './domain/visibility';

const INBOX_LIMIT = 100;
/** 決裁済 shows what was decided in the last 90 days. */
const DECIDED_WINDOW = "interval '90 days'";

/** The inbox buckets: one WHERE per bucket, the same in the list and in the count (`@>`: the GIN indexes serve it). */
function bucketSql(bucket: keyof InboxCounts, user = '$1', proxyFor = '$2'): string {
  switch (bucket) {
    case 'waiting':
      return `(a.waiting_ids @> ARRAY[${user}::uuid] OR (a.status = 'in_progress' AND NOT a.important AND NOT a.unusual AND a.waiting_ids && ${proxyFor}::uuid[]))`;
    case 'drafting':
      return `a.drafter_id = ${user} AND a.status = 'draft'`;
    case 'mine':
      return `a.drafter_id = ${user} AND a.status = 'in_progress'`;
    case 'sentBack':
      return `a.drafter_id = ${user} AND a.status IN ('sent_back', 'withdrawn')`;
    case 'decided':
      return `a.drafter_id = ${user} AND a.status IN ('decided', 'rejected') AND a.updated_at > now() - ${DECIDED_WINDOW}`;
    case 'reviews':
      return `a.review_ids @> ARRAY[${user}::uuid]`;
  }
}

/** The rows any bucket of `user` can hold (the union of the buckets' conditions, served by the indexes). */
const concernsSql = (user: string, proxyFor: string) =>
  `a.drafter_id = ${user} OR a.waiting_ids @> ARRAY[${user}::uuid] OR a.review_ids @> ARRAY[${user}::uuid] OR a.waiting_ids && ${proxyFor}::uuid[]`;

const BUCKETS: (keyof InboxCounts)[] = ['waiting', 'drafting', 'mine', 'sentBack', 'decided', 'reviews'];

/** Inbox, archive search and retention: lists filtered by the one visibility rule (domain/visibility). */
@Injectable()
export class ApprovalQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly approvals: ApprovalsService,
  ) {}

  async inbox(actor: Principal): Promise<InboxView> {
    const m = this.db.manager;
    const proxyFor = (await this.approvals.viewer(m, actor)).proxyFor;
    const lists = await Promise.all(
      BUCKETS.map(async (bucket) => {
        const rows = (await m.query(
          `SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM} WHERE (${bucketSql(bucket)}) AND cardinality($2::uuid[]) >= 0
           ORDER BY a.updated_at DESC LIMIT ${INBOX_LIMIT}`,
          [actor.id, proxyFor],
        )) as ApprovalRow[];
        return rows.map(toSummary);
      }),
    );
    const [waiting, drafting, mine, sentBack, decided, reviews] = lists;
    return { waiting, drafting, mine, sentBack, decided, reviews, counts: await this.counts(m, actor.id, proxyFor) };
  }

  /**
   * 処理済: the approvals the actor acted on as an approver (ACTED_KINDS), newest act first, with that act. Acting
   * puts them in the approval's actor list, so each one is visible to them (domain/visibility).
   */
  async acted(actor: Principal, page: { limit?: number; offset?: number }): Promise<ActedApprovalsPage> {
    const m = this.db.manager;
    const mine = `SELECT DISTINCT ON (x.approval_id) x.approval_id, x.kind, x.at, x.seq FROM approval_actions x
      WHERE x.actor_id = $1 AND x.kind = ANY($2::text[]) ORDER BY x.approval_id, x.at DESC, x.seq DESC`;
    const params = [actor.id, [...ACTED_KINDS]];
    const [{ total }] = (await m.query(
      `SELECT count(DISTINCT x.approval_id)::int AS total FROM approval_actions x
      WHERE x.actor_id = $1 AND x.kind = ANY($2::text[])`,
      params,
    )) as { total: number }[];
    const rows = (await m.query(
      `WITH mine AS (${mine})
       SELECT ${APPROVAL_SELECT}, mine.kind AS acted_kind, mine.at AS acted_at FROM ${APPROVAL_FROM} JOIN mine ON mine.approval_id = a.id
       ORDER BY mine.at DESC, mine.seq DESC, a.id LIMIT $3 OFFSET $4`,
      [...params, page.limit ?? 50, page.offset ?? 0],
    )) as (ApprovalRow & { acted_kind: ActedKind; acted_at: Date })[];
    return {
      total,
      items: rows.map((r) => ({ approval: toSummary(r), lastAction: r.acted_kind, actedAt: r.acted_at.toISOString() })),
    };
  }

  async countsFor(actor: Principal): Promise<InboxCounts> {
    const proxyFor = (await this.approvals.viewer(this.db.manager, actor)).proxyFor;
    return this.counts(this.db.manager, actor.id, proxyFor);
  }

  /** Counts of one user's buckets in one statement (the notifier sends them with every change). */
  async counts(m: EntityManager, userId: string, proxyFor: readonly string[]): Promise<InboxCounts> {
    const [row] = (await m.query(
      `SELECT ${BUCKETS.map((b) => `count(*) FILTER (WHERE ${bucketSql(b)})::int AS "${b}"`).join(', ')}
       FROM approvals a WHERE ${concernsSql('$1', '$2')}`,
      [userId, proxyFor],
    )) as InboxCounts[];
    return row;
  }

  /**
   * The counts of many people in one statement (the notifier sends them with every change to everyone concerned),
   * each with the absent approvers they stand in for now (AbsencesService.standingInFor, as SQL).
   */
  async countsMany(m: EntityManager, userIds: readonly string[]): Promise<Map<string, InboxCounts>> {
    if (userIds.length === 0) return new Map();
    const rows = (await m.query(
      `WITH people AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
       standing AS (
         SELECT p.id, coalesce(array_agg(x.user_id) FILTER (WHERE x.user_id IS NOT NULL), '{}')::uuid[] AS proxy_for
         FROM people p LEFT JOIN approval_absences x ON x.proxy_id = p.id AND x.starts_at <= now() AND x.ends_at > now()
           AND NOT EXISTS (SELECT 1 FROM approval_absences y WHERE y.user_id = x.user_id AND y.starts_at <= now() AND y.ends_at > now()
                           AND y.created_at > x.created_at)
         GROUP BY p.id)
       SELECT s.id AS user_id, c.* FROM standing s CROSS JOIN LATERAL (
         SELECT ${BUCKETS.map((b) => `count(*) FILTER (WHERE ${bucketSql(b, 's.id', 's.proxy_for')})::int AS "${b}"`).join(', ')}
         FROM approvals a WHERE ${concernsSql('s.id', 's.proxy_for')}) c`,
      [userIds],
    )) as (InboxCounts & { user_id: string })[];
    return new Map(rows.map(({ user_id, ...counts }) => [user_id, counts]));
  }

  async search(actor: Principal, query: ApprovalSearchQuery): Promise<ApprovalSearchResult> {
    const m = this.db.manager;
    const viewer = await this.approvals.viewer(m, actor);
    const params: unknown[] = [viewer.id, viewer.departmentId, viewer.readsAll, viewer.proxyFor];
    const where = [visibleSql('a', '$1', '$2', '$3', '$4')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    let words: string[] = [];
    if (query.q?.trim()) {
      const parsed = queryOf(query.q);
      words = parsed.words;
      if (parsed.terms.length) add((p) => `a.search_terms @> ${p}::text[]`, parsed.terms);
      for (const word of parsed.words)
        add(
          (p) => `(lower(normalize(a.title || ' ' || a.body, NFKC)) LIKE ${p} OR lower(coalesce(a.document_number, '')) LIKE ${p})`,
          likePattern(word, 'contains'),
        );
    }
    if (query.number?.trim()) add((p) => `a.document_number LIKE ${p}`, likePattern(query.number.trim(), 'contains'));
    if (query.title?.trim()) add((p) => `a.title ILIKE ${p}`, likePattern(query.title.trim(), 'contains'));
    if (query.typeId) add((p) => `a.type_id = ${p}`, uuid(query.typeId, 'typeId'));
    if (query.drafterId) add((p) => `a.drafter_id = ${p}`, uuid(query.drafterId, 'drafterId'));
    if (query.departmentId) add((p) => `a.department_id = ${p}`, uuid(query.departmentId, 'departmentId'));
    if (query.status) add((p) => `a.status = ${p}`, query.status);
    if (query.from) add((p) => `coalesce(a.decided_at, a.created_at) >= (${p}::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`, query.from);
    if (query.to) add((p) => `coalesce(a.decided_at, a.created_at) < ((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`, query.to);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM approvals a WHERE ${where.join(' AND ')}`, params)) as {
      total: number;
    }[];
    const rows = (await m.query(
      `SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM} WHERE ${where.join(' AND ')}
       ORDER BY coalesce(a.decided_at, a.updated_at) DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as ApprovalRow[];
    return {
      total,
      results: rows.map((r) => ({
        approval: toSummary(r),
        snippet: snippetOf(r.body || r.title, words.map(normalise)),
        retentionEndsOn: r.retention_ends_on,
      })),
    };
  }

  /** What reaches the end of its retention in fiscal year `year` (this one by default): decided in FY year − N. */
  async retentionDue(actor: Principal, year = fiscalYear(new Date())): Promise<RetentionDueView> {
    const m = this.db.manager;
    const viewer = await this.approvals.viewer(m, actor);
    const rows = (await m.query(
      `SELECT ${APPROVAL_SELECT} FROM ${APPROVAL_FROM}
       WHERE a.status = 'decided' AND a.retention_years > 0 AND a.decided_fiscal_year + a.retention_years = $5
         AND ${visibleSql('a', '$1', '$2', '$3', '$4')}
       ORDER BY a.retention_ends_on, a.document_number LIMIT 1000`,
      [viewer.id, viewer.departmentId, viewer.readsAll, viewer.proxyFor, year],
    )) as ApprovalRow[];
    return {
      fiscalYear: year,
      items: rows.map((r) => ({
        approval: toSummary(r),
        retentionYears: retentionFromDb(r.retention_years),
        retentionEndsOn: r.retention_ends_on ?? '',
      })),
    };
  }
}

function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw new DomainError('bad_request', `${field}: a UUID`);
  return value;
}

export type { ApprovalSummary };
