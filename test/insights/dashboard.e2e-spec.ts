import { randomUUID } from 'node:crypto';
import { kpiFigures } from '@yakuba/contracts';
import { TestServer, emitAck, type SignedIn } from '../support/test-server';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};

/** The dashboard's figures equal counts made directly in the database, by other queries than the dashboard's. */
describe('insights: the DX KPI dashboard', () => {
  let t: TestServer;
  let admin: SignedIn;
  let surveyAdmin: SignedIn;
  let staff: SignedIn;

  beforeAll(async () => {
    t = await TestServer.start();
    [admin, surveyAdmin, staff] = await Promise.all(['admin', 'ito.kikaku', 'takahashi.somu'].map((u) => t.login(u)));
    // Decisions registered as made on paper, before the first dashboard read (closed months are cached for an hour).
    if ((await t.query<{ ok: boolean }>(`SELECT to_regclass('public.approval_paper_decisions') IS NOT NULL AS ok`))[0].ok) {
      const [dept] = await t.query<{ id: string }>('SELECT id FROM departments ORDER BY sort_order LIMIT 1');
      // Only these (the demo registers its own months of paper decisions).
      await t.query('DELETE FROM approval_paper_decisions');
      await t.query(
        `INSERT INTO approval_paper_decisions (month, department_id, count) VALUES
             (to_char(now() AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'), $1, 3),
             (to_char((now() AT TIME ZONE 'Asia/Tokyo') - interval '2 months', 'YYYY-MM'), $1, 2),
             (to_char((now() AT TIME ZONE 'Asia/Tokyo') - interval '13 months', 'YYYY-MM'), $1, 50)
           ON CONFLICT (month, department_id) DO UPDATE SET count = EXCLUDED.count`,
        [dept.id],
      );
    }
  });
  afterAll(() => t.close());

  const kpis = async () => {
    const res = await t.request('GET', '/api/kpis', { token: surveyAdmin.token });
    expect(res.status).toBe(200);
    return new Map((res.body as { key: string }[]).map((k) => [k.key, k as any]));
  };

  it('kpis.read only: admins and survey admins (403 for staff)', async () => {
    expect((await t.request('GET', '/api/kpis', { token: staff.token })).status).toBe(403);
    expect((await t.request('GET', '/api/kpis/dashboard', { token: staff.token })).status).toBe(403);
    expect((await t.request('GET', '/api/kpis', { token: admin.token })).status).toBe(200);
  });

  it('perception KPIs: the latest closed wave, recomputed from the stored answers; history across waves', async () => {
    const k = await kpis();
    for (const key of ['workload_reduced', 'chat_information_improved']) {
      const entry = k.get(key);
      const [wave] = await t.query<{ id: string }>(
        `SELECT s.id FROM surveys s WHERE s.status = 'closed' AND s.definition::text LIKE $1 ORDER BY s.closed_at DESC LIMIT 1`,
        [`%"key": "${key}"%`],
      );
      const answers = await t.query<{ v: number | null }>(`SELECT (answers->>$2)::int AS v FROM survey_responses WHERE survey_id = $1`, [
        wave.id,
        key,
      ]);
      const given = answers.filter((a) => a.v !== null);
      const agree = given.filter((a) => a.v! >= 4).length;
      const [{ n: population }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_participants WHERE survey_id = $1', [
        wave.id,
      ]);
      const expected = kpiFigures(agree, given.length, population, 0.7);
      expect(entry).toMatchObject({
        target: 0.7,
        source: 'surveys',
        surveyId: wave.id,
        agree,
        n: given.length,
        population,
        value: expected.share,
        verdict: expected.verdict,
      });
      expect(entry.interval).toEqual(expected.interval);
      expect(entry.history.length).toBe(3);
      expect(entry.definition.sql).toContain('survey_responses');
    }
  });

  it('paperless meetings: the share of held meetings distributed only through Yakuba', async () => {
    // One more held meeting, with paper handed out: it is held but not paperless.
    const [u] = await t.query<{ id: string }>(`SELECT id FROM users WHERE username = 'sato.somu'`);
    await t.query(
      `INSERT INTO meetings (title, starts_at, organiser_id, presenter_id, status, paper_distributed) VALUES ('紙の会議', now() - interval '2 days', $1, $1, 'ended', true)`,
      [u.id],
    );
    const held = await t.query<{ id: string; paper: boolean }>(
      `SELECT id, paper_distributed AS paper FROM meetings WHERE status <> 'scheduled' AND starts_at >= date_trunc('month', now()) - interval '11 months'`,
    );
    let paperless = 0;
    let sheets = 0;
    for (const m of held) {
      const [{ pages }] = await t.query<{ pages: number }>(
        `SELECT coalesce(sum(page_count), 0)::int AS pages FROM meeting_documents WHERE meeting_id = $1 AND published_at IS NOT NULL AND superseded_at IS NULL`,
        [m.id],
      );
      const [{ people }] = await t.query<{ people: number }>(
        'SELECT count(*)::int AS people FROM meeting_participants WHERE meeting_id = $1',
        [m.id],
      );
      if (!m.paper && pages > 0) paperless++;
      if (!m.paper) sheets += pages * people;
    }
    expect(held.length).toBeGreaterThanOrEqual(2);
    const entry = (await kpis()).get('paperless_meetings');
    expect(entry).toMatchObject({ target: 1, n: held.length, agree: paperless, source: 'meetings' });
    expect(entry.value).toBeCloseTo(paperless / held.length, 4);
    expect(entry.verdict).toBe(paperless === held.length ? 'met' : 'not_met');
    // Sheets saved: pages × participants of every held meeting without paper, as the meeting screen counts them.
    expect(sheets).toBeGreaterThan(0);
    expect(entry.sheetsSaved).toBe(sheets);
    expect(entry.history.reduce((n: number, h: { sheetsSaved: number }) => n + h.sheetsSaved, 0)).toBe(sheets);
    const csv = await fetch(`${t.url}/api/kpis/report.csv`, { headers: { authorization: `Bearer ${surveyAdmin.token}` } });
    const lines = Buffer.from(await csv.arrayBuffer())
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r\n/);
    expect(lines[0].split(',').at(-1)).toBe('紙の削減枚数');
    expect(
      lines
        .find((l) => l.startsWith('paperless_meetings,') && l.includes(',最新,'))!
        .split(',')
        .at(-1),
    ).toBe(String(sheets));
    const rows = await t.request('GET', '/api/kpis/paperless_meetings/rows', { token: surveyAdmin.token });
    expect(rows.body.rows).toHaveLength(held.length);
    expect(rows.body.columns).toEqual(expect.arrayContaining(['title', 'paperDistributed', 'pages']));
  });

  it('chat: weekly active users, messages and median time to first reply equal direct counts', async () => {
    const other = await t.login('suzuki.somu');
    const [a, b] = await Promise.all([t.socket({ token: staff.token }), t.socket({ token: other.token })]);
    const channel = await t.request('POST', '/api/chat/channels', {
      token: staff.token,
      json: { name: `kpi-${randomUUID().slice(0, 8)}`, type: 'public', memberIds: [other.user.id] },
    });
    const root = await emitAck(a, 'chat:send', { channelId: channel.body.id, clientMsgId: randomUUID(), body: '資料の確認をお願いします' });
    await emitAck(b, 'chat:send', {
      channelId: channel.body.id,
      clientMsgId: randomUUID(),
      body: '確認しました',
      threadRootId: root.message.id,
    });
    await t.query(`UPDATE chat_messages SET created_at = created_at - interval '42 minutes' WHERE id = $1`, [root.message.id]);
    const recent = await t.query<{ author: string }>(
      // Drills are kept out of every KPI: messages of a drill's channel do not count (guests, who hold no role, neither).
      `SELECT m.author_id AS author FROM chat_messages m, users u WHERE u.id = m.author_id AND u.system = false AND 'staff' = ANY(u.roles)
         AND m.deleted_at IS NULL AND m.created_at > now() - interval '7 days'
         AND m.channel_id NOT IN (SELECT channel_id FROM disasters WHERE drill)`,
    );
    const roots = await t.query<{ id: string; author: string; at: Date }>(
      `SELECT m.id, m.author_id AS author, m.created_at AS at FROM chat_messages m JOIN users u ON u.id = m.author_id
       WHERE m.thread_root_id IS NULL AND NOT u.system AND m.deleted_at IS NULL AND m.created_at > now() - interval '30 days'
         AND m.channel_id NOT IN (SELECT channel_id FROM disasters WHERE drill)`,
    );
    const waits: number[] = [];
    for (const r of roots) {
      const replies = await t.query<{ at: Date }>(
        `SELECT created_at AS at FROM chat_messages WHERE thread_root_id = $1 AND author_id <> $2 AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
        [r.id, r.author],
      );
      if (replies.length) waits.push((replies[0].at.getTime() - r.at.getTime()) / 60000);
    }
    const k = await kpis();
    expect(k.get('chat_weekly_messages').value).toBe(recent.length);
    expect(k.get('chat_weekly_active_users').value).toBe(new Set(recent.map((r) => r.author)).size);
    expect(waits.length).toBeGreaterThan(0);
    expect(k.get('chat_first_reply_minutes').value).toBeCloseTo(Math.round(median(waits) * 10) / 10, 1);
    expect(k.get('chat_first_reply_minutes').n).toBe(waits.length);
    // Its weekly history: per Tokyo week of the message, counted here root by root with a lateral join.
    const weekly = await t.query<{ week: string; minutes: number; threads: number }>(
      `SELECT to_char(date_trunc('week', m.created_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD') AS week,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fr.at - m.created_at) / 60) AS minutes, count(*)::int AS threads
       FROM chat_messages m JOIN users u ON u.id = m.author_id
       CROSS JOIN LATERAL (SELECT min(x.created_at) AS at FROM chat_messages x
                           WHERE x.thread_root_id = m.id AND x.author_id <> m.author_id AND x.deleted_at IS NULL) fr
       WHERE fr.at IS NOT NULL AND m.thread_root_id IS NULL AND NOT u.system AND 'staff' = ANY(u.roles) AND m.deleted_at IS NULL
         AND m.created_at >= (date_trunc('week', now() AT TIME ZONE 'Asia/Tokyo') - interval '11 weeks') AT TIME ZONE 'Asia/Tokyo'
         AND m.channel_id NOT IN (SELECT channel_id FROM disasters WHERE drill)
       GROUP BY 1 ORDER BY 1`,
    );
    const replyHistory = k.get('chat_first_reply_minutes').history as { label: string; value: number; n: number }[];
    expect(weekly.length).toBeGreaterThan(0);
    expect(replyHistory.map((h) => [h.label, h.n])).toEqual(weekly.map((w) => [w.week, w.threads]));
    replyHistory.forEach((h, i) => expect(h.value).toBeCloseTo(Math.round(weekly[i].minutes * 10) / 10, 1));
    const byDept = await t.request('GET', '/api/kpis/chat_weekly_messages/rows', { token: surveyAdmin.token });
    expect(byDept.body.rows.reduce((n: number, r: number[]) => n + (r[2] as number), 0)).toBe(recent.length);
  });

  it('approvals: decisions, lead time and 後閲 backlog equal direct counts (or no data, said plainly); drills shown apart', async () => {
    const approvalsInstalled = (await t.query<{ ok: boolean }>(`SELECT to_regclass('public.approvals') IS NOT NULL AS ok`))[0].ok;
    const k = await kpis();
    if (!approvalsInstalled) {
      for (const key of ['electronic_decisions', 'approval_lead_time', 'approval_review_backlog'])
        expect(k.get(key)).toMatchObject({
          source: 'approvals',
          value: null,
          verdict: 'unclear',
          noData: expect.stringContaining('approvals'),
        });
    } else {
      const decided = await t.query<{ decided: Date; submitted: Date | null }>(
        `SELECT decided_at AS decided, first_submitted_at AS submitted FROM approvals WHERE status = 'decided'`,
      );
      const recent = decided.filter((d) => d.decided.getTime() >= Date.now() - 30 * 86400_000);
      expect(k.get('electronic_decisions')).toMatchObject({ source: 'approvals', value: recent.length });
      const hours = recent.filter((d) => d.submitted).map((d) => (d.decided.getTime() - d.submitted!.getTime()) / 3600_000);
      if (hours.length) expect(k.get('approval_lead_time').value).toBeCloseTo(Math.round(median(hours) * 10) / 10, 1);
      else expect(k.get('approval_lead_time').value).toBeNull();
      const workflows = await t.query<{ workflow: { reviews?: { doneAt?: string | null }[] } }>('SELECT workflow FROM approvals');
      const open = workflows.flatMap((w) => w.workflow.reviews ?? []).filter((r) => !r.doneAt).length;
      expect(k.get('approval_review_backlog').value).toBe(open);
      // Its monthly history: the backlog at the end of each Tokyo month (this month: now), counted here from the workflows.
      const reviews = (
        await t.query<{ workflow: { reviews?: { createdAt?: string; doneAt?: string | null }[] } }>('SELECT workflow FROM approvals')
      ).flatMap((w) => w.workflow.reviews ?? []);
      const backlogHistory = k.get('approval_review_backlog').history as { label: string; value: number }[];
      expect(backlogHistory).toHaveLength(12);
      for (const h of backlogHistory) {
        const [y, m] = h.label.split('-').map(Number);
        const end = Math.min(Date.UTC(y, m, 1) - 9 * 3600_000, Date.now());
        const atEnd = reviews.filter(
          (r) => (!r.createdAt || Date.parse(r.createdAt) < end) && (!r.doneAt || Date.parse(r.doneAt) >= end),
        ).length;
        expect([h.label, h.value]).toEqual([h.label, atEnd]);
      }
      expect(backlogHistory.at(-1)!.value).toBe(open);
      const rows = await t.request('GET', '/api/kpis/electronic_decisions/rows', { token: surveyAdmin.token });
      expect(rows.body.rows).toHaveLength(recent.length);

      // 電子決裁率: electronic / (electronic + registered on paper), per Tokyo month over the last 12.
      const [{ from }] = await t.query<{ from: string }>(
        `SELECT to_char((now() AT TIME ZONE 'Asia/Tokyo') - interval '11 months', 'YYYY-MM') AS from`,
      );
      const monthOf = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
      const electronic = decided.filter((d) => monthOf(d.decided) >= from);
      const [{ paper }] = await t.query<{ paper: number }>(
        'SELECT coalesce(sum(count), 0)::int AS paper FROM approval_paper_decisions WHERE month >= $1',
        [from],
      );
      expect(paper).toBe(5);
      const share = (await kpis()).get('electronic_decision_share');
      expect(share).toMatchObject({
        source: 'approvals',
        unit: 'share',
        target: null,
        agree: electronic.length,
        n: electronic.length + paper,
      });
      expect(share.value).toBeCloseTo(electronic.length / (electronic.length + paper), 4);
      const thisMonth = monthOf(new Date());
      const electronicNow = electronic.filter((d) => monthOf(d.decided) === thisMonth).length;
      expect(share.history.find((h: { label: string }) => h.label === thisMonth).value).toBeCloseTo(electronicNow / (electronicNow + 3), 4);
      const shareRows = await t.request('GET', '/api/kpis/electronic_decision_share/rows', { token: surveyAdmin.token });
      expect(shareRows.body.columns).toEqual(['month', 'electronic', 'paper', 'share']);
      expect(shareRows.body.rows.reduce((n: number, r: number[]) => n + r[2], 0)).toBe(paper);
    }
    const dashboard = await t.request('GET', '/api/kpis/dashboard', { token: surveyAdmin.token });
    expect(dashboard.body.kpis.map((x: { key: string }) => x.key)).not.toContain('drills');
    expect(dashboard.body.drills.definition.sql).toContain('disaster_roll_call');
  });

  it('unknown figure 404; the one-page PDF and the CSV', async () => {
    expect((await t.request('GET', '/api/kpis/nope/rows', { token: surveyAdmin.token })).status).toBe(404);
    const pdf = await fetch(`${t.url}/api/kpis/report.pdf`, { headers: { authorization: `Bearer ${surveyAdmin.token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const csv = await fetch(`${t.url}/api/kpis/report.csv`, { headers: { authorization: `Bearer ${surveyAdmin.token}` } });
    const text = Buffer.from(await csv.arrayBuffer());
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.toString('utf8')).toContain('workload_reduced');
  });
});
