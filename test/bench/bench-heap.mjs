// npm run bench:heap — the JavaScript heap each connected socket keeps alive: heap used after a full GC (through the
// inspector protocol of the server process) before and after N signed-in sockets connect. RSS growth (bench:chat's
// "per connection") also counts garbage the GC has not returned to the OS; this counts only what is retained.
// Env: N (sockets, default 400). The server is started with --inspect on a free loopback port.
import WebSocket from 'ws';
import pg from 'pg';
import { api, freePort, insertUsers, login, pool, runBenchmark, startYakuba } from './bench-lib.mjs';
import { connectClients } from './load-driver.mjs';

const N = Number(process.env.N ?? 400);

async function cdp(INSPECT) {
  const list = await (await fetch(`http://127.0.0.1:${INSPECT}/json/list`)).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((r) => ws.once('open', r));
  let id = 0;
  const call = (method, params = {}) =>
    new Promise((resolve) => {
      const my = ++id;
      const on = (data) => {
        const msg = JSON.parse(String(data));
        if (msg.id === my) {
          ws.off('message', on);
          resolve(msg.result);
        }
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id: my, method, params }));
    });
  return { call, close: () => ws.close() };
}

runBenchmark('heap-probe', async () => {
  const inspectPort = await freePort();
  process.env.BENCH_SERVER_NODE_ARGS = `${process.env.BENCH_SERVER_NODE_ARGS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim();
  const server = await startYakuba({});
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  const users = await insertUsers(db, 'heap', N);
  const sessions = await pool(users, 4, (u) => login(server.url, u.username));
  for (let c = 0; c < N / 10; c++) {
    const members = sessions.slice(c * 10, c * 10 + 10);
    await api(server.url, 'POST', '/api/chat/channels', { token: members[0].token, json: { name: `h${c}`, type: 'private', memberIds: members.slice(1).map((m) => m.user.id) } });
  }
  const inspector = await cdp(inspectPort);
  const used = async () => {
    for (let i = 0; i < 3; i++) await inspector.call('HeapProfiler.collectGarbage');
    return (await inspector.call('Runtime.getHeapUsage')).usedSize;
  };
  const before = await used();
  const sockets = await connectClients(server.url, N, (i) => ({ token: sessions[i].token }));
  await new Promise((r) => setTimeout(r, 3000));
  const after = await used();
  console.log(`heap used after GC: ${(before / 1048576).toFixed(1)} MiB → ${(after / 1048576).toFixed(1)} MiB with ${sockets.length} sockets = ${((after - before) / sockets.length / 1024).toFixed(1)} KiB retained per socket`);
  sockets.forEach((s) => s.disconnect());
  inspector.close();
  await db.end();
}, 600000);
