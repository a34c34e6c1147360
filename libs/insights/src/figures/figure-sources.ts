import type { DataSource } from 'typeorm';
import { kpiFigures, type DrillSection, type KpiEntry, type KpiHistoryPoint, type KpiKey } from '@yakuba/contracts';
import { KPI_CATALOGUE, objectiveVerdict, roundFigure } from '../domain/kpi-catalogue';
import type { ClosedPeriodCache } from './closed-periods';
import { FIGURE_SQL, PERIOD_BOUNDARIES, withDrills } from './figure-sql';

/** What a source knows of a KPI; the catalogue adds title, target and the rest. */
export type Figure = Pick<KpiEntry, 'value' | 'asOf' | 'history'> &
  Partial<Pick<KpiEntry, 'noData' | 'interval' | 'bounds' | 'agree' | 'n' | 'population' | 'surveyId' | 'verdict' | 'sheetsSaved'>> & {
    sql: string;
  };

const spec = (key: KpiKey) => KPI_CATALOGUE.find((k) => k.key === key)!;

export function toEntry(key: KpiKey, figure: Figure): KpiEntry {
  const s = spec(key);
  const value = s.source === 'surveys' ? figure.value : roundFigure(figure.value, s.unit);
  const { sql, verdict, ...rest } = figure;
  return {
    key,
    title: s.title,
    titleEn: s.titleEn,
    planRef: s.planRef,
    target: s.target,
    unit: s.unit,
    higherIsBetter: s.higherIsBetter,
    source: s.source,
    ...rest,
    value,
    verdict: verdict ?? objectiveVerdict(value, s.target, s.higherIsBetter),
    history: figure.history.map((h) => ({ ...h, value: s.source === 'surveys' ? h.value : roundFigure(h.value, s.unit) })),
    definition: { ja: s.ja, en: s.en, sql },
  };
}

export const noData = (reason: string, sql: string): Figure => ({
  value: null,
  asOf: null,
  history: [],
  noData: reason,
  sql,
  verdict: 'unclear',
});

/** Where the current week and month start (Asia/Tokyo), and the cache of the periods before them. */
export interface Periods {
  week: Date;
  month: Date;
  cache: ClosedPeriodCache;
}

export async function periods(db: DataSource, cache: ClosedPeriodCache): Promise<Periods> {
  const [row] = (await db.query(PERIOD_BOUNDARIES)) as { week: Date; month: Date }[];
  return { week: new Date(row.week), month: new Date(row.month), cache };
}

const INFINITY = 'infinity';
export const monthsBefore = (d: Date, n: number) => {
  // Tokyo has no daylight saving: a month boundary there is a fixed UTC instant, 9 hours earlier.
  const tokyo = new Date(d.getTime() + 9 * 3600_000);
  return new Date(Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth() - n, 1) - 9 * 3600_000);
};

/** A history series over closed periods (cached) and the current one (counted now), in order. */
async function series<T>(db: DataSource, p: Periods, key: string, sql: string, closedFrom: Date, boundary: Date): Promise<T[]> {
  const [closed, current] = await Promise.all([
    p.cache.get(
      `${key}:${boundary.toISOString()}`,
      () => db.query(sql, [closedFrom.toISOString(), boundary.toISOString()]) as Promise<T[]>,
    ),
    db.query(sql, [boundary.toISOString(), INFINITY]) as Promise<T[]>,
  ]);
  return [...closed, ...current];
}

export async function installed(db: DataSource, table: string): Promise<boolean> {
  const [row] = (await db.query('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${table}`])) as { ok: boolean }[];
  return row.ok;
}

interface WaveRow {
  surveyId: string;
  title: string;
  wave: number;
  status: string;
  threshold: number;
  at: Date;
  target: number;
  population: number;
  n: number;
  agree: number;
}

/** A perception KPI: the latest closed wave's agree share with its interval; every wave in the history. */
export async function surveyFigure(db: DataSource, key: 'workload_reduced' | 'chat_information_improved'): Promise<Figure> {
  const sql = FIGURE_SQL.surveyWaves;
  if (!(await installed(db, 'surveys'))) return noData('アンケート機能がありません（surveys is not installed）', sql);
  const waves = (await db.query(sql, [key])) as WaveRow[];
  const history: KpiHistoryPoint[] = [];
  let latest: (WaveRow & { f: ReturnType<typeof kpiFigures> }) | null = null;
  for (const w of waves) {
    const open = w.status !== 'closed';
    const label = `${w.title}${open ? '（回答受付中）' : ''}`;
    if (w.n < w.threshold) {
      history.push({ label, at: new Date(w.at).toISOString(), value: null, n: w.n, population: w.population });
      continue;
    }
    const f = kpiFigures(w.agree, w.n, w.population, w.target);
    history.push({
      label,
      at: new Date(w.at).toISOString(),
      value: f.share,
      verdict: f.verdict,
      interval: f.interval,
      n: f.n,
      population: f.population,
    });
    if (!open) latest = { ...w, f };
  }
  if (!latest) {
    return {
      ...noData(
        waves.length ? '締め切った調査回がまだありません（回答者がk人以上の回なし）' : 'この KPI に結び付いた調査がまだありません',
        sql,
      ),
      history,
    };
  }
  const f = latest.f;
  return {
    value: f.share,
    verdict: f.verdict,
    interval: f.interval,
    bounds: f.bounds,
    agree: f.agree,
    n: f.n,
    population: f.population,
    surveyId: latest.surveyId,
    asOf: new Date(latest.at).toISOString(),
    history,
    sql,
  };
}

export async function meetingFigure(db: DataSource): Promise<Figure> {
  const sql = FIGURE_SQL.meetingsHeld;
  if (!(await installed(db, 'meetings'))) return noData('会議機能がありません（meetings is not installed）', sql);
  const months = (await db.query(sql)) as { month: string; held: number; paperless: number; sheets: number }[];
  const held = months.reduce((n, m) => n + m.held, 0);
  const paperless = months.reduce((n, m) => n + m.paperless, 0);
  const sheetsSaved = months.reduce((n, m) => n + m.sheets, 0);
  const history = months.map((m) => ({
    label: m.month,
    at: `${m.month}-01`,
    value: m.held ? m.paperless / m.held : null,
    sheetsSaved: m.sheets,
  }));
  if (!held) return { ...noData('直近12か月に開催された会議がありません', sql), history };
  return { value: paperless / held, n: held, agree: paperless, sheetsSaved, asOf: new Date().toISOString(), history, sql };
}

export async function approvalFigures(
  db: DataSource,
  p: Periods,
): Promise<Record<'electronic_decisions' | 'electronic_decision_share' | 'approval_lead_time' | 'approval_review_backlog', Figure>> {
  const none = (reason: string) => ({
    electronic_decisions: noData(reason, FIGURE_SQL.approvalsByMonth),
    electronic_decision_share: noData(reason, FIGURE_SQL.electronicShareByMonth),
    approval_lead_time: noData(reason, FIGURE_SQL.approvalsLast30),
    approval_review_backlog: noData(reason, FIGURE_SQL.approvalReviewBacklog),
  });
  if (!(await installed(db, 'approvals'))) return none('電子決裁のデータがまだありません（approvals is not installed on this server）');
  try {
    const [months, shares, backlogMonths, [last30], [backlog]] = (await Promise.all([
      series(db, p, 'approvals-by-month', FIGURE_SQL.approvalsByMonth, monthsBefore(p.month, 11), p.month),
      series(db, p, 'approvals-electronic-share', FIGURE_SQL.electronicShareByMonth, monthsBefore(p.month, 11), p.month),
      series(db, p, 'approvals-backlog-by-month', FIGURE_SQL.approvalBacklogByMonth, monthsBefore(p.month, 11), p.month),
      db.query(FIGURE_SQL.approvalsLast30),
      db.query(FIGURE_SQL.approvalReviewBacklog),
    ])) as [
      { month: string; decided: number; hours: number | null }[],
      { month: string; electronic: number; paper: number; share: number | null }[],
      { month: string; open: number }[],
      { decided: number; medianHours: number | null }[],
      { open: number }[],
    ];
    const electronic = shares.reduce((n, m) => n + m.electronic, 0);
    const onPaper = shares.reduce((n, m) => n + m.paper, 0);
    const shareSql = `-- $1 = from, $2 = until (closed months computed once and cached, the current one counted on each request)\n${FIGURE_SQL.electronicShareByMonth}`;
    const leadByMonth = months.filter((m) => m.hours !== null);
    const now = new Date().toISOString();
    return {
      electronic_decisions: {
        value: last30.decided,
        asOf: now,
        history: months.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.decided })),
        sql: `${FIGURE_SQL.approvalsLast30}\n-- history ($1 = from, $2 = until: closed periods computed once and cached, the current one counted on each request):\n${FIGURE_SQL.approvalsByMonth}`,
      },
      electronic_decision_share:
        electronic + onPaper === 0
          ? {
              ...noData('直近12か月に決裁された案件がありません（電子・紙とも）', shareSql),
              history: shares.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.share })),
            }
          : {
              value: electronic / (electronic + onPaper),
              agree: electronic,
              n: electronic + onPaper,
              asOf: now,
              history: shares.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.share, n: m.electronic + m.paper })),
              sql: shareSql,
            },
      approval_lead_time:
        last30.medianHours === null
          ? {
              ...noData('直近30日に決裁された案件がありません', FIGURE_SQL.approvalsLast30),
              history: leadByMonth.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.hours })),
            }
          : {
              value: last30.medianHours,
              n: last30.decided,
              asOf: now,
              history: leadByMonth.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.hours })),
              sql: `${FIGURE_SQL.approvalsLast30}\n-- history ($1 = from, $2 = until: closed periods computed once and cached, the current one counted on each request):\n${FIGURE_SQL.approvalsByMonth}`,
            },
      approval_review_backlog: {
        value: backlog.open,
        asOf: now,
        history: backlogMonths.map((m) => ({ label: m.month, at: `${m.month}-01`, value: m.open })),
        sql: `${FIGURE_SQL.approvalReviewBacklog}\n-- history: the backlog at the end of each month ($1 = from, $2 = until: closed months computed once and cached, the current one counted on each request):\n${FIGURE_SQL.approvalBacklogByMonth}`,
      },
    };
  } catch (error) {
    return none(`電子決裁の数値を読めませんでした: ${(error as Error).message}`);
  }
}

export async function chatFigures(
  db: DataSource,
  p: Periods,
): Promise<Record<'chat_weekly_active_users' | 'chat_weekly_messages' | 'chat_first_reply_minutes', Figure>> {
  const drills = await installed(db, 'disasters');
  const weeklySql = withDrills(FIGURE_SQL.chatWeekly, drills);
  const last7Sql = withDrills(FIGURE_SQL.chatLast7, drills);
  const replySql = withDrills(FIGURE_SQL.chatFirstReply, drills);
  const replyWeeklySql = withDrills(FIGURE_SQL.chatFirstReplyWeekly, drills);
  const closedFrom = new Date(p.week.getTime() - 11 * 7 * 86400_000);
  const [weeks, replyWeeks, [last7], [reply]] = (await Promise.all([
    series(db, p, `chat-weekly:${drills}`, weeklySql, closedFrom, p.week),
    series(db, p, `chat-first-reply-weekly:${drills}`, replyWeeklySql, closedFrom, p.week),
    db.query(last7Sql),
    db.query(replySql),
  ])) as [
    { week: string; users: number; messages: number }[],
    { week: string; minutes: number; threads: number }[],
    { users: number; messages: number }[],
    { minutes: number | null; threads: number }[],
  ];
  const now = new Date().toISOString();
  return {
    chat_weekly_active_users: {
      value: last7.users,
      asOf: now,
      history: weeks.map((w) => ({ label: w.week, at: w.week, value: w.users })),
      sql: `${last7Sql}\n-- history ($1 = from, $2 = until: closed periods computed once and cached, the current one counted on each request):\n${weeklySql}`,
    },
    chat_weekly_messages: {
      value: last7.messages,
      asOf: now,
      history: weeks.map((w) => ({ label: w.week, at: w.week, value: w.messages })),
      sql: `${last7Sql}\n-- history ($1 = from, $2 = until: closed periods computed once and cached, the current one counted on each request):\n${weeklySql}`,
    },
    chat_first_reply_minutes: {
      ...(reply.minutes === null
        ? noData('直近30日に返信のついたメッセージがありません', replySql)
        : { value: reply.minutes, n: reply.threads, asOf: now, sql: replySql }),
      history: replyWeeks.map((w) => ({ label: w.week, at: w.week, value: w.minutes, n: w.threads })),
      sql: `${replySql}\n-- history by the week of the message ($1 = from, $2 = until: closed weeks computed once and cached, the current one counted on each request):\n${replyWeeklySql}`,
    },
  };
}

export async function drillSection(db: DataSource): Promise<DrillSection> {
  const definition = {
    ja: '防災訓練（drill = true）ごとに、緊急連絡の既読確認（受信者（発信者以外のメンバー）×緊急連絡の組のうち確認済みの割合と確認までの秒数の中央値）と安否確認（回答した職員の割合、全員の回答がそろうまでの分数、回答までの分数の中央値）。他の KPI には含めない。',
    en: 'Per disaster drill: urgent-message acknowledgements (share of recipient × message pairs acknowledged, the author not being a recipient; median seconds) and roll call (share answered, minutes until everyone answered, median minutes). Never mixed into the KPIs.',
    sql: FIGURE_SQL.drills,
  };
  if (!(await installed(db, 'disasters')))
    return {
      available: false,
      noData: '災害対応機能のデータがまだありません（disasters is not installed on this server）',
      drills: [],
      definition,
    };
  try {
    const rows = (await db.query(FIGURE_SQL.drills)) as {
      id: string;
      title: string;
      declaredAt: Date;
      members: number;
      urgent: number;
      recipients: number;
      acks: number;
      ackMedianSeconds: number | null;
      answered: number;
      lastAnswerMinutes: number | null;
      rollCallMedianMinutes: number | null;
    }[];
    const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      available: true,
      ...(rows.length ? {} : { noData: '訓練の記録がまだありません' }),
      drills: rows.map((d) => ({
        disasterId: d.id,
        title: d.title,
        declaredAt: new Date(d.declaredAt).toISOString(),
        members: d.members,
        ackShare: d.recipients ? d.acks / d.recipients : null,
        ackMedianSeconds: r1(d.ackMedianSeconds),
        rollCallShare: d.members ? d.answered / d.members : null,
        rollCallCompleteMinutes: d.members && d.answered >= d.members ? r1(d.lastAnswerMinutes) : null,
        rollCallMedianMinutes: r1(d.rollCallMedianMinutes),
      })),
      definition,
    };
  } catch (error) {
    return { available: false, noData: `訓練の数値を読めませんでした: ${(error as Error).message}`, drills: [], definition };
  }
}
