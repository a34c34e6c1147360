// npm run bench:meeting [-- --quick] [TABLETS=300 RATE=2 DURATION=30 PAGES=300]
// One presenter and TABLETS participant sockets in one meeting: page turns (meeting:present → meeting:state on every
// follower) against a bare socket.io relay with the same fan-out in the same run; then the ingest time and the
// server's peak memory for a PAGES-page PDF (made with pdfkit, uploaded to POST /api/meetings/:id/documents).
import PDFDocument from 'pdfkit';
import pg from 'pg';
import {
  api, expectStatus, insertUsers, login, machine, mb, ms, onCleanup, options, peakRssKb, pool, ProcSampler, ratio, rssKb,
  runBenchmark, startRelay, startYakuba, table,
} from './bench-lib.mjs';
import { connectClients, disconnectAll, emitAck, interleaved, runPhase } from './load-driver.mjs';

const opts = options(
  { TABLETS: 300, RATE: 2, DURATION: 30, SLICES: 6, WARMUP: 3, FAST_RATE: 10, FAST_SECONDS: 10, PAGES: 300, TARGET_RATIO: 2 },
  { TABLETS: 50, DURATION: 6, SLICES: 2, WARMUP: 1, FAST_SECONDS: 3, PAGES: 60 },
);

/** A PAGES-page agenda: heading, body text, a table and a chart per page (vector content, standard fonts). */
function makePdf(pages) {
  const doc = new PDFDocument({ size: [595, 842], autoFirstPage: false, compress: true });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  // pdfkit measures y from the top of the page.
  for (let n = 1; n <= pages; n++) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(16).fillColor('black').text(`Town council meeting - item ${Math.ceil(n / 10)} - page ${n} of ${pages}`, 50, 36, { lineBreak: false });
    doc.font('Helvetica').fontSize(10);
    for (let line = 0; line < 28; line++) {
      doc.text(`Line ${line + 1}: budget, disaster preparedness, shelter inspection and road repair, section ${n}.${line + 1}.`, 50, 82 + line * 14, { lineBreak: false });
    }
    doc.lineWidth(0.5).strokeColor('#666666').fontSize(9);
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 5; c++) {
        doc.rect(50 + c * 99, 524 + r * 18, 99, 18).stroke();
        doc.text(String((n * 31 + r * 7 + c * 13) % 1000), 55 + c * 99, 529 + r * 18, { lineBreak: false });
      }
    }
    for (let b = 0; b < 12; b++) {
      const h = 20 + ((n * 17 + b * 29) % 80);
      doc.rect(60 + b * 40, 782 - h, 28, h).fill('#3366b3');
    }
  }
  doc.end();
  return done;
}

async function main() {
  console.log(`bench:meeting — ${machine()}`);
  console.log(`1 presenter + ${opts.TABLETS} tablets, page turns at ${opts.RATE}/s for ${opts.DURATION} s (then ${opts.FAST_RATE}/s for ${opts.FAST_SECONDS} s); ${opts.PAGES}-page PDF ingest\n`);
  const pages = opts.PAGES;
  const keyFor = (i) => `page-${(i % pages) + 1}`;

  // 1. The floor: the same fan-out through a bare relay (its own sockets; measured interleaved with Yakuba below).
  const relay = await startRelay();
  const relaySampler = new ProcSampler(relay.pid);
  onCleanup(() => relaySampler.stop());
  const relaySockets = await connectClients(relay.url, opts.TABLETS + 1, () => undefined);
  await Promise.all(relaySockets.map((s) => emitAck(s, 'join', ['meeting'])));
  const relayCommon = {
    receivers: relaySockets.slice(1), event: 'message', keyOf: (p) => p?.message?.clientMsgId, keyFor, sendEvent: 'send',
    groups: [{ senders: [relaySockets[0]], expected: opts.TABLETS, payload: (i, key) => ({ room: 'meeting', clientMsgId: key, page: (i % pages) + 1, zoom: 1 }) }],
  };

  // 2. Yakuba: users (SQL), sign-in, one meeting with every tablet as a participant.
  const server = await startYakuba();
  console.log(`Yakuba server ready in ${server.startSeconds.toFixed(1)} s (pid ${server.pid})`);
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  const users = await insertUsers(db, 'meeting', opts.TABLETS + 1);
  const sessions = await pool(users, 4, (u) => login(server.url, u.username));
  const presenter = sessions[0];
  const meeting = await expectStatus(
    api(server.url, 'POST', '/api/meetings', { token: presenter.token, json: { title: 'ベンチマーク定例会議', startsAt: new Date(Date.now() + 3600_000).toISOString(), participantIds: sessions.slice(1).map((s) => s.user.id) } }),
    201,
    'create meeting',
  );

  // 3. PDF ingest, the server's RSS sampled every 20 ms during the upload.
  const pdf = await makePdf(pages);
  const sampler = new ProcSampler(server.pid, 20);
  onCleanup(() => sampler.stop());
  await new Promise((r) => setTimeout(r, 1000));
  const rssBeforeUpload = rssKb(server.pid);
  const hwmBefore = peakRssKb(server.pid);
  sampler.mark();
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `agenda-${pages}p.pdf`);
  const t = performance.now();
  const document = await expectStatus(api(server.url, 'POST', `/api/meetings/${meeting.id}/documents`, { token: presenter.token, body: form }), 201, 'upload the PDF');
  const ingestMs = performance.now() - t;
  const upload = sampler.window();
  const hwmAfter = peakRssKb(server.pid);
  if (document.pageCount !== pages) throw new Error(`the upload answered pageCount ${document.pageCount}, expected ${pages}`);
  console.log(`PDF ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB: ingested in ${ms(ingestMs)}, server RSS ${mb(rssBeforeUpload)} → peak ${mb(upload.peakRssKb)} (+${mb(upload.peakRssKb - rssBeforeUpload)})`);
  sampler.stop();

  // 4. Page turns: every socket joins (access check), the presenter turns pages.
  const turnSampler = new ProcSampler(server.pid);
  onCleanup(() => turnSampler.stop());
  const rssBefore = rssKb(server.pid);
  const sockets = await connectClients(server.url, opts.TABLETS + 1, (i) => ({ token: sessions[i].token }));
  const joined = await Promise.all(sockets.map((s) => emitAck(s, 'meeting:join', { meetingId: meeting.id })));
  const refused = joined.filter((j) => !j?.ok);
  if (refused.length) throw new Error(`${refused.length} meeting:join refused: ${JSON.stringify(refused[0])}`);
  const perConnKb = (rssKb(server.pid) - rssBefore) / sockets.length;
  const common = {
    receivers: sockets.slice(1), event: 'meeting:state', keyOf: (p) => `page-${p?.state?.page}`, keyFor, sendEvent: 'meeting:present',
    groups: [{ senders: [sockets[0]], expected: opts.TABLETS, payload: (i) => ({ meetingId: meeting.id, documentId: document.id, page: (i % pages) + 1, zoom: 1 }) }],
  };
  await runPhase({ ...relayCommon, label: 'relay-warmup', rate: opts.RATE, seconds: opts.WARMUP });
  await runPhase({ ...common, label: 'warmup', rate: opts.RATE, seconds: opts.WARMUP });
  const measured = async (sampler, traffic, label, rate, seconds) => {
    sampler.mark();
    const r = await runPhase({ ...traffic, label, rate, seconds });
    return { ...r, proc: sampler.window() };
  };
  // Floor and Yakuba interleaved slice by slice, so that the rest of the machine's activity weighs on both alike.
  const { floor, ours: steady } = await interleaved({
    slices: opts.SLICES,
    floor: (i) => measured(relaySampler, relayCommon, `relay-${i}`, opts.RATE, opts.DURATION / opts.SLICES),
    ours: (i) => measured(turnSampler, common, `steady-${i}`, opts.RATE, opts.DURATION / opts.SLICES),
  });
  const { floor: floorFast, ours: fast } = await interleaved({
    slices: 2,
    floor: (i) => measured(relaySampler, relayCommon, `relay-fast-${i}`, opts.FAST_RATE, opts.FAST_SECONDS / 2),
    ours: (i) => measured(turnSampler, common, `fast-${i}`, opts.FAST_RATE, opts.FAST_SECONDS / 2),
  });
  await disconnectAll(sockets);
  await disconnectAll(relaySockets);

  // 5. Report.
  const row = (name, r, f) => [name, `${r.rate}/s`, `${r.acked}/${r.sent}`, `${r.delivered}/${r.expected}`, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), f ? ratio(r.latency.p50, f.latency.p50) : '', f ? ratio(r.latency.p99, f.latency.p99) : '', ms(r.ack.p50), `${r.proc.cpuPct.toFixed(0)}%${r.proc.childCpuSeconds ? ` + PG ${r.proc.childCpuPct.toFixed(0)}%` : ''}`, `${r.proc.machineBusyPct.toFixed(0)}%`, `${r.proc.othersPct.toFixed(0)}%`];
  console.log('\n=== bench:meeting results ===');
  console.log(`page turn → meeting:state on each of ${opts.TABLETS} followers (the presenter's own copy not counted)`);
  console.log(table(
    ['phase', 'turns', 'acked', 'delivered', 'p50', 'p95', 'p99', 'p50 ratio', 'p99 ratio', 'ack p50', 'server CPU', 'machine busy', 'others CPU'],
    [row('bare relay', floor), row('Yakuba', steady, floor), row('bare relay', floorFast), row('Yakuba', fast, floorFast)],
  ));
  console.log(`\nserver memory with ${sockets.length} meeting sockets: ${perConnKb.toFixed(1)} KiB per connection`);
  console.log(`PDF ingest (${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB): ${ms(ingestMs)} (${(ingestMs / pages).toFixed(1)} ms/page); server RSS before ${mb(rssBeforeUpload)}, peak during upload ${mb(upload.peakRssKb)} (+${mb(upload.peakRssKb - rssBeforeUpload)}), VmHWM ${mb(hwmBefore)} → ${mb(hwmAfter)}; server CPU ${upload.cpuSeconds.toFixed(2)} s, PostgreSQL ${upload.childCpuSeconds.toFixed(2)} s`);
  const p99Ratio = steady.latency.p99 / floor.latency.p99;
  const met = p99Ratio <= opts.TARGET_RATIO && steady.allDelivered;
  console.log(`\nfan-out at ${opts.RATE} turns/s: p50 ${ms(steady.latency.p50)} (${ratio(steady.latency.p50, floor.latency.p50)} of the relay), p99 ${ms(steady.latency.p99)} (${p99Ratio.toFixed(2)}x); every state delivered: ${steady.allDelivered ? 'yes' : `NO (${steady.delivered}/${steady.expected}, errors ${JSON.stringify(steady.errors)})`}`);
  console.log(`(reference bound, same as chat: p99 within ${opts.TARGET_RATIO}x the relay → ${met ? 'met' : 'missed'})`);
  const busiest = Math.max(floor.proc.othersPct, steady.proc.othersPct);
  if (busiest > 25) console.log(`NOTE: other processes on this machine used up to ${busiest.toFixed(0)}% of a core during the page turns; the figures are disturbed by them.`);
  const strip = (key, value) => (key === 'raw' ? undefined : value);
  if (process.env.BENCH_JSON) console.log(JSON.stringify({ opts, floor, floorFast, steady, fast, ingestMs, upload, rssBeforeUpload, hwmBefore, hwmAfter, perConnKb, pdfBytes: pdf.length }, strip));
}

runBenchmark('bench:meeting', main, 30 * 60_000);
