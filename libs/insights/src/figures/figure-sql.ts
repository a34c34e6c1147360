/**
 * The SQL every dashboard figure comes from, shown beside the figure ("how it is computed, from which rows").
 * Insights reads the tables of other contexts through these read-only statements only; it never imports them.
 */
/** Each thread root of the last 30 days with its first reply by someone else (both not deleted). */
const FIRST_REPLIES = `SELECT r.id, r.created_at AS root_at, r.author_id, r.channel_id, min(x.created_at) AS first_at
      FROM chat_messages x JOIN chat_messages r ON r.id = x.thread_root_id
      WHERE x.thread_root_id IS NOT NULL AND x.deleted_at IS NULL AND x.created_at >= now() - interval '30 days'
        AND x.author_id <> r.author_id
        AND r.thread_root_id IS NULL AND r.deleted_at IS NULL AND r.created_at >= now() - interval '30 days'
      GROUP BY r.id`;

/**
 * The answers a wave's figures come from: while an anonymous wave is open, the frozen copy surveys keeps of them
 * (survey_result_snapshots, refreshed only in steps of at least k responses, so that no two views differ by one
 * person's answers); otherwise, and once closed, the answers themselves.
 */
const WAVE_FROZEN = `(s.anonymous AND s.status IN ('open', 'scheduled') AND s.closes_at > now())`;
const WAVE_ANSWERS = `(SELECT r.answers FROM survey_responses r WHERE r.survey_id = s.id AND NOT ${WAVE_FROZEN}
     UNION ALL SELECT e->'answers' FROM survey_result_snapshots x CROSS JOIN LATERAL jsonb_array_elements(x.responses) e
     WHERE x.survey_id = s.id AND ${WAVE_FROZEN})`;

export const FIGURE_SQL = {
  surveyWaves: `SELECT s.id AS "surveyId", s.title, s.wave, s.status, s.threshold, coalesce(s.closed_at, s.closes_at) AS at,
  (q->'kpi'->>'target')::float AS target, q->'kpi'->'agree' AS "agreeValues",
  (SELECT count(*) FROM survey_participants p WHERE p.survey_id = s.id)::int AS population,
  (SELECT count(*) FROM ${WAVE_ANSWERS} a(answers) WHERE a.answers ? (q->>'key'))::int AS n,
  (SELECT count(*) FROM ${WAVE_ANSWERS} a(answers)
     WHERE (q->'kpi'->'agree') @> jsonb_build_array(a.answers->(q->>'key')))::int AS agree
FROM surveys s CROSS JOIN LATERAL jsonb_array_elements(s.definition->'questions') q
WHERE q->'kpi'->>'key' = $1 AND (s.status IN ('open', 'closed') OR (s.status = 'scheduled' AND s.opens_at <= now()))
ORDER BY coalesce(s.closed_at, s.closes_at), s.wave`,

  meetingsHeld: `WITH held AS (
  SELECT m.id, m.title, m.starts_at, m.paper_distributed,
    (SELECT coalesce(sum(d.page_count), 0) FROM meeting_documents d
      WHERE d.meeting_id = m.id AND d.superseded_at IS NULL AND d.published_at IS NOT NULL)::int AS pages,
    (SELECT count(*) FROM meeting_participants p WHERE p.meeting_id = m.id)::int AS participants
  FROM meetings m WHERE m.status IN ('live', 'ended') AND m.starts_at >= date_trunc('month', now()) - interval '11 months')
SELECT to_char(starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS held,
  count(*) FILTER (WHERE NOT paper_distributed AND pages > 0)::int AS paperless,
  coalesce(sum(pages * participants) FILTER (WHERE NOT paper_distributed), 0)::int AS sheets
FROM held GROUP BY 1 ORDER BY 1`,

  meetingRows: `SELECT m.id, m.title, m.starts_at AS "startsAt", m.paper_distributed AS "paperDistributed",
  (SELECT coalesce(sum(d.page_count), 0) FROM meeting_documents d
    WHERE d.meeting_id = m.id AND d.superseded_at IS NULL AND d.published_at IS NOT NULL)::int AS pages,
  (SELECT count(*) FROM meeting_participants p WHERE p.meeting_id = m.id)::int AS participants
FROM meetings m WHERE m.status IN ('live', 'ended') AND m.starts_at >= date_trunc('month', now()) - interval '11 months'
ORDER BY m.starts_at DESC LIMIT 500`,

  /**
   * Decisions and median lead time per Tokyo month over [$1, $2). Closed months (before this month) are computed once
   * and cached (figures/closed-periods.ts); this month is counted on every request. Uses approvals_decided_idx.
   */
  approvalsByMonth: `SELECT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS decided,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - first_submitted_at) / 3600)
    FILTER (WHERE first_submitted_at IS NOT NULL) AS hours
FROM approvals WHERE status = 'decided' AND decided_at >= $1::timestamptz AND decided_at < $2::timestamptz GROUP BY 1 ORDER BY 1`,

  /**
   * Electronic decisions against decisions registered as made on paper, per Tokyo month over [$1, $2) ($2 may be
   * 'infinity'): the share electronic / (electronic + paper). Closed months are cached like approvalsByMonth.
   */
  electronicShareByMonth: `WITH e AS (
  SELECT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS electronic
  FROM approvals WHERE status = 'decided' AND decided_at >= $1::timestamptz AND decided_at < $2::timestamptz GROUP BY 1),
p AS (
  SELECT month, sum(count)::int AS paper FROM approval_paper_decisions
  WHERE month >= to_char($1::timestamptz AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')
    AND (NOT isfinite($2::timestamptz) OR month < to_char($2::timestamptz AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'))
  GROUP BY month)
SELECT month, coalesce(e.electronic, 0)::int AS electronic, coalesce(p.paper, 0)::int AS paper,
  coalesce(e.electronic, 0)::float / nullif(coalesce(e.electronic, 0) + coalesce(p.paper, 0), 0) AS share
FROM e FULL JOIN p USING (month) ORDER BY month`,

  approvalsLast30: `SELECT count(*)::int AS decided,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - first_submitted_at) / 3600)
    FILTER (WHERE first_submitted_at IS NOT NULL) AS "medianHours"
FROM approvals WHERE status = 'decided' AND decided_at >= now() - interval '30 days'`,

  approvalReviewBacklog: `SELECT count(*)::int AS open
FROM approvals a CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.workflow->'reviews', '[]'::jsonb)) r
WHERE r->>'doneAt' IS NULL`,

  /**
   * The 後閲 backlog at the end of each Tokyo month over [$1, $2) ($2 may be 'infinity': the current month's point is
   * now, so it equals the current figure): reviews created before that instant and not done by it. Closed months are
   * cached like approvalsByMonth.
   */
  approvalBacklogByMonth: `WITH months AS (
  SELECT to_char(g, 'YYYY-MM') AS month, least((g + interval '1 month') AT TIME ZONE 'Asia/Tokyo', now()) AS at
  FROM generate_series($1::timestamptz AT TIME ZONE 'Asia/Tokyo',
    (least($2::timestamptz, now()) AT TIME ZONE 'Asia/Tokyo') - interval '1 microsecond', interval '1 month') g)
SELECT m.month, (SELECT count(*) FROM approvals a CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.workflow->'reviews', '[]'::jsonb)) r
    WHERE coalesce((r->>'createdAt')::timestamptz, '-infinity') < m.at
      AND (r->>'doneAt' IS NULL OR (r->>'doneAt')::timestamptz >= m.at))::int AS open
FROM months m ORDER BY m.month`,

  approvalRows: `SELECT a.document_number AS "documentNumber", a.title, d.name AS department, a.first_submitted_at AS "submittedAt",
  a.decided_at AS "decidedAt", round((extract(epoch FROM a.decided_at - a.first_submitted_at) / 3600)::numeric, 1)::float AS hours
FROM approvals a LEFT JOIN departments d ON d.id = a.department_id
WHERE a.status = 'decided' AND a.decided_at >= now() - interval '30 days' ORDER BY a.decided_at DESC LIMIT 500`,

  approvalBacklogRows: `SELECT a.id, a.title, d.name AS department, r->>'createdAt' AS "since"
FROM approvals a CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.workflow->'reviews', '[]'::jsonb)) r
LEFT JOIN departments d ON d.id = a.department_id WHERE r->>'doneAt' IS NULL ORDER BY 4 LIMIT 500`,

  /**
   * Weekly active staff and messages per Tokyo week over [$1, $2): counted per (week, author) first, so that the
   * user filter and the distinct count run over a few thousand rows, not every message. Closed weeks are computed once
   * and cached; this week is counted on every request. {drills} is replaced by a clause that leaves out drill
   * channels when the disasters context is installed.
   */
  chatWeekly: `SELECT to_char(per.week, 'YYYY-MM-DD') AS week, count(*)::int AS users, sum(per.messages)::int AS messages
FROM (SELECT date_trunc('week', m.created_at AT TIME ZONE 'Asia/Tokyo') AS week, m.author_id, count(*) AS messages
      FROM chat_messages m
      WHERE m.deleted_at IS NULL AND m.created_at >= $1::timestamptz AND m.created_at < $2::timestamptz{drills}
      GROUP BY 1, 2) per
JOIN users u ON u.id = per.author_id
WHERE NOT u.system AND 'staff' = ANY(u.roles)
GROUP BY per.week ORDER BY per.week`,

  /** Per author first, then the user filter over a few hundred rows (as chatWeekly). */
  chatLast7: `SELECT count(*)::int AS users, coalesce(sum(per.messages), 0)::int AS messages
FROM (SELECT m.author_id, count(*) AS messages FROM chat_messages m
      WHERE m.deleted_at IS NULL AND m.created_at >= now() - interval '7 days'{drills}
      GROUP BY m.author_id) per
JOIN users u ON u.id = per.author_id
WHERE NOT u.system AND 'staff' = ANY(u.roles)`,

  /**
   * Replies first (chat_messages_replies_idx, an insights read-model index): a root in the window only has replies in
   * the window, so the scan starts from the window's replies and reads each root once by its key.
   */
  chatFirstReply: `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_at - f.root_at) / 60) AS minutes,
  count(*)::int AS threads
FROM (${FIRST_REPLIES}) f
JOIN users u ON u.id = f.author_id
WHERE NOT u.system AND 'staff' = ANY(u.roles){rootDrills}`,

  /**
   * The median time to first reply per Tokyo week of the thread root, over roots posted in [$1, $2): replies from $1
   * on (chat_messages_replies_idx), first by someone else. Closed weeks are cached like chatWeekly.
   */
  chatFirstReplyWeekly: `SELECT to_char(date_trunc('week', f.root_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD') AS week,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_at - f.root_at) / 60) AS minutes,
  count(*)::int AS threads
FROM (SELECT r.id, r.created_at AS root_at, r.author_id, r.channel_id, min(x.created_at) AS first_at
      FROM chat_messages x JOIN chat_messages r ON r.id = x.thread_root_id
      WHERE x.thread_root_id IS NOT NULL AND x.deleted_at IS NULL AND x.created_at >= $1::timestamptz
        AND x.author_id <> r.author_id
        AND r.thread_root_id IS NULL AND r.deleted_at IS NULL AND r.created_at >= $1::timestamptz AND r.created_at < $2::timestamptz
      GROUP BY r.id) f
JOIN users u ON u.id = f.author_id
WHERE NOT u.system AND 'staff' = ANY(u.roles){rootDrills}
GROUP BY 1 ORDER BY 1`,

  chatByDepartment: `SELECT coalesce(dp.name, '（所属なし）') AS department, count(DISTINCT m.author_id)::int AS "activeUsers", count(*)::int AS messages
FROM chat_messages m JOIN users u ON u.id = m.author_id LEFT JOIN departments dp ON dp.id = u.department_id
WHERE NOT u.system AND 'staff' = ANY(u.roles) AND m.deleted_at IS NULL AND m.created_at >= now() - interval '7 days'{drills}
GROUP BY 1 ORDER BY 3 DESC LIMIT 500`,

  chatReplyRows: `SELECT c.name AS channel, f.root_at AS "postedAt", f.first_at AS "firstReplyAt",
  round((extract(epoch FROM f.first_at - f.root_at) / 60)::numeric, 1)::float AS minutes
FROM (${FIRST_REPLIES}) f
JOIN users u ON u.id = f.author_id JOIN chat_channels c ON c.id = f.channel_id
WHERE NOT u.system AND 'staff' = ANY(u.roles){rootDrills}
ORDER BY f.root_at DESC LIMIT 500`,

  drills: `SELECT d.id, d.title, d.opened_at AS "declaredAt",
  (SELECT count(*) FROM chat_members cm WHERE cm.channel_id = d.channel_id)::int AS members,
  (SELECT count(*) FROM disaster_urgent u WHERE u.disaster_id = d.id)::int AS urgent,
  (SELECT count(*) FROM disaster_urgent u JOIN chat_members cm ON cm.channel_id = d.channel_id AND cm.user_id <> u.author_id
    WHERE u.disaster_id = d.id)::int AS recipients,
  (SELECT count(*) FROM disaster_receipts r JOIN disaster_urgent u ON u.message_id = r.message_id
    WHERE u.disaster_id = d.id AND r.acknowledged_at IS NOT NULL)::int AS acks,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.acknowledged_at - u.created_at))
    FROM disaster_receipts r JOIN disaster_urgent u ON u.message_id = r.message_id
    WHERE u.disaster_id = d.id AND r.acknowledged_at IS NOT NULL) AS "ackMedianSeconds",
  (SELECT count(*) FROM disaster_roll_call rc WHERE rc.disaster_id = d.id)::int AS answered,
  (SELECT extract(epoch FROM max(rc.answered_at) - d.opened_at) / 60 FROM disaster_roll_call rc WHERE rc.disaster_id = d.id) AS "lastAnswerMinutes",
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rc.answered_at - d.opened_at) / 60)
    FROM disaster_roll_call rc WHERE rc.disaster_id = d.id) AS "rollCallMedianMinutes"
FROM disasters d WHERE d.drill ORDER BY d.opened_at DESC LIMIT 12`,
} as const;

/** Chat figures leave out drill channels (shown apart) once the disasters context is installed. */
export const DRILL_CHANNELS_EXCLUDED = `
  AND NOT EXISTS (SELECT 1 FROM disasters dz WHERE dz.channel_id = m.channel_id AND dz.drill)`;

const DRILL_ROOTS_EXCLUDED = `
  AND NOT EXISTS (SELECT 1 FROM disasters dz WHERE dz.channel_id = f.channel_id AND dz.drill)`;

export const withDrills = (sql: string, disastersInstalled: boolean) =>
  sql
    .replace('{drills}', disastersInstalled ? DRILL_CHANNELS_EXCLUDED : '')
    .replace('{rootDrills}', disastersInstalled ? DRILL_ROOTS_EXCLUDED : '');

/** The start of this Tokyo week and month: figures before them are closed periods (cached), after them current. */
export const PERIOD_BOUNDARIES = `SELECT date_trunc('week', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' AS week,
  date_trunc('month', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' AS month`;
