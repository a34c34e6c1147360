// npm run bench:maintenance [-- --quick] [BATCH=6000 ROUNDS=2]
// What PostgreSQL's own maintenance of chat_messages costs, in the CPU of the backend doing it (from /proc), after
// BATCH messages (6,000: a minute of bench:chat's 100 msg/s) were added with their search terms:
//   1. VACUUM and ANALYZE at vacuum_cost_delay 0, 2 (autovacuum's default) and 20 ms, ROUNDS times in turn;
//   2. ANALYZE column by column, which shows where its time goes.
// On two cores, maintenance that holds a whole core for a second takes it from the server's event loop: this is
// the measurement behind chat_messages' autovacuum_analyze_threshold (issue #15, docs/benchmarks.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';
import { machine, onCleanup, options, runBenchmark, startYakuba, table } from './bench-lib.mjs';

const opts = options({ BATCH: 6000, ROUNDS: 2 }, { BATCH: 1500, ROUNDS: 1 });
const SENTENCES = ['台風接近に伴い、避難所の開設準備をお願いします。', '明日の会議資料を共有フォルダに置きました。', '安否確認の集計は15時までにお願いします。', '予算要求の締め切りは来週金曜日です。', '議会答弁の想定問答を確認してください。'];

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  console.log(`bench:maintenance — ${machine()}`);
  const server = await startYakuba();
  // The chat's own term extraction, from the build that startYakuba has just brought up to date.
  const { indexTerms } = createRequire(import.meta.url)('../../dist/libs/chat/src/domain/search-terms.js');
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  const pid = (await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const { rows: [channel] } = await db.query('SELECT id, last_seq FROM chat_channels ORDER BY created_at LIMIT 1');
  const { rows: [author] } = await db.query(`SELECT id FROM users WHERE username = 'admin'`);
  let seq = Number(channel.last_seq) + 1_000_000;
  let n = 0;
  // The messages as the chat stores them (terms from the chat's own indexTerms), 300 to a statement.
  const add = async (count) => {
    for (let done = 0; done < count; done += 300) {
      const c = { seq: [], key: [], body: [], terms: [] };
      for (let i = 0; i < Math.min(300, count - done); i++) {
        n++;
        const text = `${SENTENCES[n % SENTENCES.length]}（${n}）`;
        c.seq.push(seq++);
        c.key.push(`maintenance-${n}`);
        c.body.push(text);
        c.terms.push(`{${indexTerms(text).map((t) => JSON.stringify(t)).join(',')}}`);
      }
      await db.query(
        `INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, search_terms)
         SELECT $1, s, k, $2, b, x::text[] FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS u(s, k, b, x)`,
        [channel.id, author.id, c.seq, c.key, c.body, c.terms],
      );
    }
  };
  const timed = async (sql) => {
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    await db.query(sql);
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - cpu0;
    return { wall, cpu, share: cpu / Math.max(1, wall) };
  };
  const row = (label, delay, r) => [label, delay, `${r.wall.toFixed(0)} ms`, `${r.cpu} ms`, `${(r.share * 100).toFixed(0)}%`, n];

  await add(opts.BATCH);
  await db.query('VACUUM ANALYZE chat_messages');
  const rows = [];
  for (let round = 0; round < opts.ROUNDS; round++)
    for (const delay of [2, 20, 0]) {
      await db.query(`SET vacuum_cost_delay = ${delay}`);
      await add(opts.BATCH);
      rows.push(row('VACUUM chat_messages', `${delay} ms`, await timed('VACUUM chat_messages')));
      rows.push(row('ANALYZE chat_messages', `${delay} ms`, await timed('ANALYZE chat_messages')));
      console.log(table(['operation', 'cost delay', 'wall', 'CPU', 'of a core', 'messages added'], [rows.at(-2), rows.at(-1)]).split('\n').slice(-2).join('\n'));
    }
  await db.query('RESET vacuum_cost_delay');
  const columns = (
    await db.query(`SELECT attname FROM pg_attribute WHERE attrelid = 'chat_messages'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`)
  ).rows.map((r) => r.attname);
  const perColumn = [['(all)', ...Object.values(await timed('ANALYZE chat_messages')).slice(0, 2)]];
  for (const column of columns) perColumn.push([column, ...Object.values(await timed(`ANALYZE chat_messages (${column})`)).slice(0, 2)]);
  perColumn.sort((a, b) => b[2] - a[2]);
  const settings = (await db.query(`SELECT reloptions FROM pg_class WHERE oid = 'chat_messages'::regclass`)).rows[0].reloptions;

  console.log('\n=== bench:maintenance results ===');
  console.log(table(['operation', 'cost delay', 'wall', 'CPU', 'of a core', 'messages added'], rows));
  console.log(`\nANALYZE chat_messages by column (${n} messages added):`);
  console.log(table(['column', 'wall', 'CPU'], perColumn.map(([c, wall, cpu]) => [c, `${wall.toFixed(0)} ms`, `${cpu} ms`])));
  console.log(`\nchat_messages' storage parameters: ${settings?.join(', ') ?? '(PostgreSQL defaults)'}`);
}

runBenchmark('bench:maintenance', main, 20 * 60_000);
