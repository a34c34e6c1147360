// npm run bench:surveys [-- --quick] [STAFF=200 QUESTIONS=30 WINDOW=60 MESSAGES=1000000 MEETINGS=500 APPROVALS=10000 ITERATIONS=10]
// 1. STAFF people answer one anonymous QUESTIONS-question survey within WINDOW seconds (random moments): the latency of
//    POST /api/surveys/:id/responses (each commit rewrites the survey's rows in a random order: docs/architecture.md
//    "Anonymity"), against a floor in the same run: the minimal transaction of a response (lock the survey, flip the
//    participation flag, insert one row, commit) sent straight to PostgreSQL at the same moments.
// 2. The results of that survey (GET /results).
// 3. A year of data made with SQL (MESSAGES chat messages with threads, MEETINGS meetings, APPROVALS approvals when the
//    approvals context is installed), then GET /api/kpis/dashboard ITERATIONS times, against a floor: one count of the
//    last 7 days' messages.
import pg from 'pg';
import { api, expectStatus, insertUsers, login, machine, ms, onCleanup, options, percentiles, pool, ratio, runBenchmark, startYakuba, table } from './bench-lib.mjs';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';

const opts = options(
  { STAFF: 200, QUESTIONS: 30, WINDOW: 60, MESSAGES: 1_000_000, MEETINGS: 500, APPROVALS: 10_000, ITERATIONS: 10 },
  { STAFF: 60, WINDOW: 15, MESSAGES: 100_000, MEETINGS: 100, APPROVALS: 1000, ITERATIONS: 5 },
);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function surveyQuestions(count) {
  const questions = [];
  for (let i = 1; i <= count; i++) {
    const key = `q${i}`;
    if (i === 1) questions.push({ key, type: 'likert5', text: '業務量は減ったと感じますか', required: true, kpi: { key: 'workload_reduced', target: 0.7 } });
    else if (i === 2) questions.push({ key, type: 'likert5', text: 'チャットで情報伝達は向上しましたか', required: true, kpi: { key: 'chat_information_improved', target: 0.7 } });
    else if (i % 10 === 0) questions.push({ key, type: 'text', text: `自由意見 ${i}` });
    else if (i % 7 === 0) questions.push({ key, type: 'multi', text: `複数選択 ${i}`, options: ['A', 'B', 'C', 'D'] });
    else if (i % 5 === 0) questions.push({ key, type: 'single', text: `単一選択 ${i}`, options: ['はい', 'いいえ', 'わからない'] });
    else if (i % 9 === 0) questions.push({ key, type: 'matrix', text: `マトリクス ${i}`, items: [{ key: 'a', text: '項目A' }, { key: 'b', text: '項目B' }, { key: 'c', text: '項目C' }] });
    else questions.push({ key, type: 'likert5', text: `設問 ${i}`, required: true });
  }
  return questions;
}

function answersFor(questions, r) {
  const out = {};
  for (const q of questions) {
    if (q.type === 'likert5') out[q.key] = 1 + Math.floor(r() * 5);
    else if (q.type === 'single') out[q.key] = q.options[Math.floor(r() * q.options.length)];
    else if (q.type === 'multi') out[q.key] = q.options.filter(() => r() < 0.4);
    else if (q.type === 'matrix') out[q.key] = { a: 1 + Math.floor(r() * 5), b: 1 + Math.floor(r() * 5), c: 1 + Math.floor(r() * 5) };
    else if (r() < 0.3) out[q.key] = '会議資料の準備が楽になりました。';
    if (Array.isArray(out[q.key]) && out[q.key].length === 0) delete out[q.key];
  }
  return out;
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function timed(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

async function yearOfData(db, adminId) {
  const t0 = performance.now();
  // Chat: MESSAGES over the last 365 days in 40 channels by the bench staff; every 20th message a thread reply.
  const { rows: channels } = await db.query(
    `INSERT INTO chat_channels (name, type, created_by) SELECT 'bench-year-' || g, 'public', $1 FROM generate_series(1, 40) g RETURNING id`,
    [adminId],
  );
  const { rows: authors } = await db.query(`SELECT id FROM users WHERE username LIKE 'bench.survey.%' ORDER BY username`);
  const perChannel = Math.ceil(opts.MESSAGES / channels.length);
  for (const [c, { id }] of channels.entries()) {
    await db.query(
      `INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, created_at)
       SELECT $1, g, 'y' || g, ($3::uuid[])[1 + ((g * 7 + $4) % array_length($3::uuid[], 1))], '定例の連絡です ' || g,
              now() - interval '365 days' + (g::float / $2) * interval '365 days' + ((g % 20) * interval '1 minute')
       FROM generate_series(1, $2::int) g`,
      [id, perChannel, authors.map((a) => a.id), c],
    );
    await db.query(
      `UPDATE chat_messages m SET thread_root_id = r.id FROM chat_messages r
       WHERE m.channel_id = $1 AND r.channel_id = $1 AND r.seq = m.seq - 1 AND m.seq % 20 = 0 AND r.author_id <> m.author_id`,
      [id],
    );
    await db.query('UPDATE chat_channels SET last_seq = $2 WHERE id = $1', [id, perChannel]);
  }
  // Meetings: held over the year, one in five with paper handed out.
  await db.query(
    `INSERT INTO meetings (title, starts_at, organiser_id, presenter_id, status, paper_distributed)
     SELECT '定例会議 ' || g, now() - (g::float / $1) * interval '365 days', $2, $2, 'ended', g % 5 = 0 FROM generate_series(1, $1::int) g`,
    [opts.MEETINGS, adminId],
  );
  // Approvals: only when the approvals context is installed (its own schema).
  const { rows: [{ ok }] } = await db.query(`SELECT to_regclass('public.approvals') IS NOT NULL AS ok`);
  let approvals = 'not installed: skipped';
  if (ok) {
    try {
      await db.query(
        `INSERT INTO approvals (type_id, title, body, drafter_id, department_id, status, version, workflow, retention_years, document_number,
           decided_at, decided_fiscal_year, first_submitted_at, submitted_at)
         SELECT (SELECT id FROM approval_types ORDER BY sort_order LIMIT 1), '起案 ' || g, '', $2, (SELECT department_id FROM users WHERE id = $2),
                'decided', 1, '{"reviews": []}'::jsonb, 5, 'BENCH-' || g, d.at,
                extract(year FROM (d.at AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::int,
                d.at - ((g % 72) * interval '1 hour'), d.at - ((g % 72) * interval '1 hour')
         FROM generate_series(1, $1::int) g, LATERAL (SELECT now() - (g::float / $1) * interval '365 days' AS at) d`,
        [opts.APPROVALS, adminId],
      );
      approvals = `${opts.APPROVALS}`;
    } catch (error) {
      approvals = `insert failed (${error.message}): skipped`;
    }
  }
  await db.query('ANALYZE');
  const { rows: [{ n }] } = await db.query('SELECT count(*)::int AS n FROM chat_messages');
  console.log(`year of data: ${n} chat messages, ${opts.MEETINGS} meetings, approvals ${approvals} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { messages: n, approvals };
}

async function main() {
  console.log(`bench:surveys — ${machine()}`);
  console.log(`${opts.STAFF} staff answer a ${opts.QUESTIONS}-question anonymous survey within ${opts.WINDOW} s; then a year of data and the dashboard\n`);
  const server = await startYakuba();
  console.log(`Yakuba server ready in ${server.startSeconds.toFixed(1)} s (pid ${server.pid})`);
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  const users = await insertUsers(db, 'survey', opts.STAFF);
  // Spread the bench staff over the departments, with positions.
  await db.query(
    `UPDATE users u SET department_id = d.id, position = (ARRAY['主事','主任','係長','課長補佐','課長'])[1 + (abs(hashtext(u.username)) % 5)]
     FROM (SELECT id, row_number() OVER (ORDER BY name) - 1 AS i, count(*) OVER () AS n FROM departments) d
     WHERE u.username LIKE 'bench.survey.%' AND d.i = abs(hashtext(u.username || 'd')) % d.n`,
  );
  const admin = await login(server.url, 'admin');
  const sessions = await pool(users, 4, (u) => login(server.url, u.username));
  const questions = surveyQuestions(opts.QUESTIONS);
  const survey = await expectStatus(
    api(server.url, 'POST', '/api/surveys', {
      token: admin.token,
      json: { title: 'ベンチマーク調査', anonymous: true, allowEdit: true, audience: { userIds: users.map((u) => u.id) }, closesAt: new Date(Date.now() + 86400_000).toISOString(), questions },
    }),
    201,
    'create survey',
  );
  await expectStatus(api(server.url, 'POST', `/api/surveys/${survey.id}/open`, { token: admin.token, json: {} }), 200, 'open survey');

  // The floor's own survey-like rows (same shapes, a separate table pair so the real survey is not disturbed).
  await db.query(`CREATE TABLE bench_floor_participants (survey_id uuid, user_id uuid, answered boolean NOT NULL DEFAULT false, PRIMARY KEY (survey_id, user_id))`);
  await db.query(`CREATE TABLE bench_floor_responses (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), survey_id uuid NOT NULL, answers jsonb NOT NULL)`);
  await db.query(`INSERT INTO bench_floor_participants (survey_id, user_id) SELECT $1, id FROM users WHERE username LIKE 'bench.survey.%'`, [survey.id]);
  const floorPool = new pg.Pool({ connectionString: server.pgUrl, max: 10 });
  onCleanup(() => floorPool.end());

  // 1. Everyone answers at a random moment of the window; the floor's transaction at the same moments.
  const r = lcg(42);
  const moments = sessions.map(() => r() * opts.WINDOW * 1000).sort((a, b) => a - b);
  const ours = [];
  const floor = [];
  const started = performance.now();
  let failures = 0;
  await Promise.all(
    sessions.map(async (s, i) => {
      await sleep(moments[i]);
      const answers = answersFor(questions, lcg(1000 + i));
      const t0 = performance.now();
      const res = await api(server.url, 'POST', `/api/surveys/${survey.id}/responses`, { token: s.token, json: { answers, editSecret: randomBytes(32).toString('base64url') } }).catch((e) => ({ status: 0, e }));
      if (res.status !== 201) failures++;
      ours.push(performance.now() - t0);
      const f0 = performance.now();
      const client = await floorPool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT id FROM surveys WHERE id = $1 FOR UPDATE', [survey.id]);
        await client.query('UPDATE bench_floor_participants SET answered = true WHERE survey_id = $1 AND user_id = $2', [survey.id, s.user.id]);
        await client.query('INSERT INTO bench_floor_responses (survey_id, answers) VALUES ($1, $2)', [survey.id, JSON.stringify(answers)]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      floor.push(performance.now() - f0);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (failures) throw new Error(`${failures} responses were refused`);
  const o = percentiles(ours);
  const f = percentiles(floor);
  console.log(`\n${sessions.length} responses in ${elapsed.toFixed(1)} s`);
  console.log(table(['', 'n', 'p50', 'p95', 'p99', 'max'], [
    ['POST /responses (shuffled rewrite)', o.n, ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max)],
    ['floor: lock + flag + insert + commit', f.n, ms(f.p50), ms(f.p95), ms(f.p99), ms(f.max)],
    ['ratio', '', ratio(o.p50, f.p50), ratio(o.p95, f.p95), ratio(o.p99, f.p99), ''],
  ]));
  const results = await timed(opts.ITERATIONS, () => expectStatus(api(server.url, 'GET', `/api/surveys/${survey.id}/results`, { token: admin.token }), 200, 'results'));
  console.log(`\nGET /results (${opts.STAFF} responses × ${opts.QUESTIONS} questions, suppression included): p50 ${ms(results.p50)}, p95 ${ms(results.p95)}, p99 ${ms(results.p99)}`);

  // 2. A year of data, then the dashboard.
  const year = await yearOfData(db, admin.user.id);
  // The first request computes every closed week and month (then cached: figures/closed-periods.ts); later ones count
  // only the current periods and the rolling windows.
  const cold = await timed(1, () => expectStatus(api(server.url, 'GET', '/api/kpis/dashboard', { token: admin.token }), 200, 'dashboard (first)'));
  const dash = await timed(opts.ITERATIONS, () => expectStatus(api(server.url, 'GET', '/api/kpis/dashboard', { token: admin.token }), 200, 'dashboard'));
  const count = await timed(opts.ITERATIONS, () => db.query(`SELECT count(*) FROM chat_messages WHERE created_at >= now() - interval '7 days'`));
  const pdf = await timed(Math.min(3, opts.ITERATIONS), () => expectStatus(api(server.url, 'GET', '/api/kpis/report.pdf', { token: admin.token }), 200, 'pdf'));
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`\nDX dashboard over a year (${year.messages} messages, ${opts.MEETINGS} meetings, approvals ${year.approvals}):`);
  console.log(table(['', 'n', 'p50', 'p95', 'p99'], [
    ['GET /api/kpis/dashboard (first: closed periods computed)', cold.n, ms(cold.p50), '', ''],
    ['GET /api/kpis/dashboard (closed periods cached)', dash.n, ms(dash.p50), ms(dash.p95), ms(dash.p99)],
    ['floor: count of last 7 days\' messages', count.n, ms(count.p50), ms(count.p95), ms(count.p99)],
    ['ratio', '', ratio(dash.p50, count.p50), ratio(dash.p95, count.p95), ratio(dash.p99, count.p99)],
    ['GET /api/kpis/report.pdf', pdf.n, ms(pdf.p50), ms(pdf.p95), ms(pdf.p99)],
  ]));
}

runBenchmark('bench:surveys', main, 30 * 60_000);
