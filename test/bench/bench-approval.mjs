// npm run bench:approval [-- --quick] [DRAFTS=10000 CONCURRENCY=16]
// DRAFTS drafts through a four-stage route, CONCURRENCY at a time, against the built server on its embedded
// PostgreSQL: create → submit → stage 1 any-of (three approvers click at once) → stage 2 合議 all-of (two approvers
// at once) → stage 3 課長 → stage 4 副町長 decides (文書番号). Every click is an HTTP action with the version the
// clicker loaded, so the any-of and all-of stages race: exactly one transition per version may win. Prints actions
// per second and action latency p50/p95/p99 against a floor measured in the same run (GET /api/health, interleaved),
// then checks the database: no lost or doubled transition, every draft decided once, no repeated 文書番号, the
// audit chain intact.
import { loadavg } from 'node:os';
import pg from 'pg';
import {
  api,
  expectStatus,
  insertUsers,
  login,
  machine,
  ms,
  onCleanup,
  options,
  percentiles,
  pool,
  ProcSampler,
  ratio,
  runBenchmark,
  startYakuba,
  table,
} from './bench-lib.mjs';

const opts = options({ DRAFTS: 10_000, CONCURRENCY: 16 }, { DRAFTS: 300, CONCURRENCY: 8 });

async function main() {
  console.log(`bench:approval — ${machine()}`);
  console.log(`${opts.DRAFTS} drafts, ${opts.CONCURRENCY} in flight, four stages (any-of ×3, all-of ×2, 課長, 副町長)\n`);
  const server = await startYakuba();
  console.log(`Yakuba server ready in ${server.startSeconds.toFixed(1)} s (pid ${server.pid})`);
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());

  const drafters = await insertUsers(db, 'drafter', 8);
  const approvers = await insertUsers(db, 'approver', 7);
  const [dept] = (await db.query(`SELECT department_id FROM users WHERE id = $1`, [drafters[0].id])).rows;
  const admin = await login(server.url, 'admin');
  const user = (u) => ({ kind: 'user', userId: u.id });
  const type = await expectStatus(
    api(server.url, 'POST', '/api/approvals/types', {
      token: admin.token,
      json: {
        code: 'bench-four',
        name: 'ベンチ 四段',
        retentionYears: 5,
        stages: [
          {
            key: 's1',
            label: '係長（いずれか）',
            kind: 'approval',
            mode: 'any',
            approvers: approvers.slice(0, 3).map(user),
            rank: '係長',
            minAmount: null,
            afterDecision: false,
          },
          {
            key: 's2',
            label: '合議',
            kind: 'consultation',
            mode: 'all',
            approvers: approvers.slice(3, 5).map(user),
            rank: null,
            minAmount: null,
            afterDecision: false,
          },
          {
            key: 's3',
            label: '課長',
            kind: 'approval',
            mode: 'sequential',
            approvers: [user(approvers[5])],
            rank: '課長',
            minAmount: null,
            afterDecision: false,
          },
          {
            key: 's4',
            label: '副町長',
            kind: 'approval',
            mode: 'sequential',
            approvers: [user(approvers[6])],
            rank: '副町長',
            minAmount: null,
            afterDecision: false,
          },
        ],
        authority: [],
      },
    }),
    201,
    'create bench type',
  );
  await expectStatus(
    api(server.url, 'PUT', `/api/approvals/prefixes/${dept.department_id}`, { token: admin.token, json: { prefix: 'ベ' } }),
    200,
    'prefix',
  );
  const drafterSessions = await pool(drafters, 4, (u) => login(server.url, u.username));
  const approverSessions = await pool(approvers, 4, (u) => login(server.url, u.username));
  const stages = [approverSessions.slice(0, 3), approverSessions.slice(3, 5), [approverSessions[5]], [approverSessions[6]]];

  // What the database sessions wait on while the run goes (pg_stat_activity, every 100 ms): where the time goes.
  const waits = new Map();
  let waitSamples = 0;
  const probe = new pg.Client({ connectionString: server.pgUrl });
  await probe.connect();
  onCleanup(() => probe.end());
  let probing = true;
  const probeLoop = (async () => {
    while (probing) {
      const { rows } = await probe.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      waitSamples++;
      for (const { w } of rows) waits.set(w, (waits.get(w) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const sampler = new ProcSampler(server.pid);

  const latencies = [];
  const byKind = { submit: [], won: [], lost: [] };
  const floor = [];
  const outcomes = { won: 0, conflict: 0, notYourTurn: 0, other: 0 };
  const timed = async (fn) => {
    const t0 = performance.now();
    const res = await fn();
    latencies.push(performance.now() - t0);
    return res;
  };
  const started = performance.now();
  let done = 0;
  await pool(
    Array.from({ length: opts.DRAFTS }, (_, i) => i),
    opts.CONCURRENCY,
    async (i) => {
      const drafter = drafterSessions[i % drafterSessions.length];
      let a = await expectStatus(
        api(server.url, 'POST', '/api/approvals', {
          token: drafter.token,
          json: { typeId: type.id, title: `ベンチ起案 ${i}`, body: `物品購入の伺い ${i}` },
        }),
        201,
        'create',
      );
      const t0 = performance.now();
      a = await expectStatus(
        timed(() => api(server.url, 'POST', `/api/approvals/${a.id}/submit`, { token: drafter.token, json: { version: a.version } })),
        200,
        'submit',
      );
      byKind.submit.push(performance.now() - t0);
      while (a.status === 'in_progress') {
        // Everyone still waiting at this stage clicks at once with the version they loaded.
        const waiting = stages[a.currentStage].filter((s) =>
          a.route[a.currentStage].approvers.some((x) => x.userId === s.user.id && x.state === 'waiting'),
        );
        const version = a.version;
        const answers = await Promise.all(
          waiting.map(async (s) => {
            const t1 = performance.now();
            const res = await timed(() =>
              api(server.url, 'POST', `/api/approvals/${a.id}/actions`, { token: s.token, json: { action: 'approve', version } }),
            );
            (res.status === 200 ? byKind.won : byKind.lost).push(performance.now() - t1);
            return res;
          }),
        );
        const winners = answers.filter((r) => r.status === 200);
        if (winners.length !== 1)
          throw new Error(`draft ${i}: ${winners.length} winners at version ${version}: ${answers.map((r) => r.status)}`);
        for (const r of answers) {
          if (r.status === 200) outcomes.won++;
          else if (r.status === 409) outcomes.conflict++;
          else if (r.status === 403) outcomes.notYourTurn++;
          else outcomes.other++;
        }
        a = winners[0].body;
      }
      if (a.status !== 'decided') throw new Error(`draft ${i} ended ${a.status}`);
      done++;
      if (i % 10 === 0) {
        const t0 = performance.now();
        await api(server.url, 'GET', '/api/health');
        floor.push(performance.now() - t0);
      }
      if (done % 1000 === 0)
        console.log(`  ${done} decided, ${((outcomes.won + done) / ((performance.now() - started) / 1000)).toFixed(0)} transitions/s`);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = sampler.window();
  probing = false;
  await probeLoop;
  const kind = (xs) => {
    const p = percentiles(xs);
    return `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)} (n=${p.n})`;
  };
  const transitions = outcomes.won + opts.DRAFTS; // approvals + submits
  const lat = percentiles(latencies);
  const fl = percentiles(floor);

  // The database after the run.
  const [check] = (
    await db.query(
      `SELECT count(*)::int AS drafts, count(*) FILTER (WHERE status = 'decided')::int AS decided, count(DISTINCT (decided_fiscal_year, document_number))::int AS numbers,
              min(version)::int AS min_version, max(version)::int AS max_version
       FROM approvals WHERE type_id = $1`,
      [type.id],
    )
  ).rows;
  const [actions] = (
    await db.query(
      `SELECT count(*)::int AS actions, count(*) FILTER (WHERE x.kind = 'approve')::int AS approvals,
              count(*) FILTER (WHERE x.kind = 'decide')::int AS decides
       FROM approval_actions x JOIN approvals a ON a.id = x.approval_id WHERE a.type_id = $1`,
      [type.id],
    )
  ).rows;
  const verify = await expectStatus(api(server.url, 'GET', '/api/audit/verify', { token: admin.token }), 200, 'verify');

  console.log(
    `\n${table(
      ['measure', 'value'],
      [
        ['drafts decided', `${check.decided} / ${opts.DRAFTS}`],
        ['wall time', `${seconds.toFixed(1)} s`],
        ['transitions (submit + approve)', transitions],
        ['transitions per second', (transitions / seconds).toFixed(1)],
        ['action clicks per second (incl. refused)', (latencies.length / seconds).toFixed(1)],
        ['race losers: 409 stale version', outcomes.conflict],
        ['race losers: 403 no longer their turn', outcomes.notYourTurn],
        ['other answers', outcomes.other],
        ['action latency p50 / p95 / p99', `${ms(lat.p50)} / ${ms(lat.p95)} / ${ms(lat.p99)}`],
        ['  submit p50 / p95 / p99', kind(byKind.submit)],
        ['  approve (winner) p50 / p95 / p99', kind(byKind.won)],
        ['  approve (409/403 loser) p50 / p95 / p99', kind(byKind.lost)],
        ['floor GET /api/health p50 / p99', `${ms(fl.p50)} / ${ms(fl.p99)}`],
        ['action p50 vs floor', ratio(lat.p50, fl.p50)],
        ['versions (min / max; expect 7 / 7)', `${check.min_version} / ${check.max_version}`],
        ['history rows (expect 8 per draft)', `${actions.actions} (${(actions.actions / opts.DRAFTS).toFixed(2)} per draft)`],
        ['approve rows (expect 5 per draft)', actions.approvals],
        ['distinct 文書番号', `${check.numbers} / ${check.decided}`],
        ['server CPU / PostgreSQL CPU (% of one core)', `${cpu.cpuPct.toFixed(0)} % / ${cpu.childCpuPct.toFixed(0)} %`],
        [
          'machine busy / others (load average)',
          `${cpu.machineBusyPct.toFixed(0)} % / ${cpu.othersPct.toFixed(0)} % (${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')})`,
        ],
        ['audit chain', verify.valid ? `valid (${verify.checked} entries)` : `BROKEN at ${verify.brokenAtId}`],
      ],
    )}`,
  );
  const sessions = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `\nactive database sessions by wait event (mean over ${waitSamples} samples):\n${table(
      ['wait event', 'sessions'],
      sessions.map(([w, n]) => [w, (n / Math.max(1, waitSamples)).toFixed(2)]),
    )}`,
  );
  const problems = [];
  if (check.decided !== opts.DRAFTS) problems.push('not every draft was decided');
  if (check.min_version !== 7 || check.max_version !== 7) problems.push('a transition was lost or doubled (versions)');
  if (actions.approvals !== 5 * opts.DRAFTS || actions.decides !== opts.DRAFTS || actions.actions !== 8 * opts.DRAFTS)
    problems.push('a transition was lost or doubled (history)');
  if (check.numbers !== check.decided) problems.push('a 文書番号 repeated');
  if (!verify.valid) problems.push('the audit chain is broken');
  if (outcomes.other) problems.push('unexpected answers');
  if (problems.length) throw new Error(problems.join('; '));
  console.log('\nno lost or doubled transition, no repeated 文書番号, audit chain intact');
}

runBenchmark('bench:approval', main, 3 * 3600_000);
