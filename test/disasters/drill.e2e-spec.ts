import { parse } from 'csv-parse/sync';
import type { Socket } from 'socket.io-client';
import { collect, clientId, until } from '../chat/chat-helpers';
import { readPdfText } from '../meetings/support/pdf-reading';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { ack, declare, DEMO_USERNAMES, eventually, jpegWithGps } from './support/disaster-fixtures';

/**
 * A drill end to end with a real socket for every member of the demo staff (CONTRACT.md "Disasters (inside chat)"):
 * declaration, urgent message and its three receipts, roll call, duties, damage reports, situation, an offline
 * client, closing, and the record. The tests run in order on one drill.
 */
describe('a disaster drill with every member of staff connected', () => {
  let t: TestServer;
  let officer: SignedIn;
  let admin: SignedIn;
  const people = new Map<string, SignedIn>();
  const sockets = new Map<string, Socket>();
  const OFFLINE = 'kobayashi.chomin';
  let disaster: { id: string; channelId: string; [k: string]: any };
  let urgentId: string;
  const duties: Record<string, string> = {};
  const everyone = () => [...people.values()].map((p) => p.user.id);
  const user = (username: string) => people.get(username)!;
  const socket = (username: string) => sockets.get(username)!;

  beforeAll(async () => {
    t = await TestServer.start();
    for (const username of DEMO_USERNAMES) people.set(username, await t.login(username));
    officer = user('sato.somu');
    admin = user('admin');
    for (const [username, p] of people) if (username !== OFFLINE) sockets.set(username, await t.socket({ token: p.token }));
    // The roster kept ahead of time (the demo's is replaced): two duties at level 1, one at level 3, one at level 5 (not mobilised at 3).
    const plan = [
      { level: 1, group: 'headquarters', title: '災害対策本部 事務局', assigneeId: user('suzuki.somu').user.id },
      { level: 1, group: 'shelter', title: '避難所開設', place: '世田米小学校', assigneeId: user('abe.kyoiku').user.id },
      { level: 3, group: 'key_holder', title: '鍵の保管', place: '世田米小学校', assigneeId: user('ikeda.kyoiku').user.id },
      { level: 5, group: 'other', title: '給水車の手配', assigneeId: user('shimizu.kensetsu').user.id },
    ];
    await t.query('DELETE FROM disaster_duty_roles');
    for (const duty of plan) {
      const res = await t.request('POST', '/api/disaster-duties', { token: officer.token, json: duty });
      expect(res.status).toBe(201);
    }
    expect((await t.request('POST', '/api/disaster-duties', { token: user('suzuki.somu').token, json: plan[0] })).status).toBe(403);
  });
  afterAll(() => t.close());

  it('a non-officer cannot declare; an officer declares and every active user is a member when the call returns', async () => {
    const refused = await t.request('POST', '/api/disasters', {
      token: user('kato.zeimu').token,
      json: { title: 'x', kind: 'fire', drill: true },
    });
    expect(refused.status).toBe(403);
    const heard = [...sockets.values()].map((s) => nextEvent(s, 'disaster:declared'));
    disaster = await declare(t, officer, { title: '総合防災訓練', kind: 'earthquake', level: 3, drill: true });
    expect(disaster).toMatchObject({ status: 'active', drill: true, level: 3, kind: 'earthquake' });
    const members = await t.query<{ user_id: string }>('SELECT user_id FROM chat_members WHERE channel_id = $1', [disaster.channelId]);
    expect(members.map((m) => m.user_id).sort()).toEqual(everyone().sort());
    const events = await Promise.all(heard);
    expect(events.every((e) => e.disaster.id === disaster.id && e.disaster.drill)).toBe(true);
    expect((await t.request('GET', '/api/disasters/active', { token: user('kato.zeimu').token })).body.map((d: any) => d.id)).toContain(
      disaster.id,
    );
  });

  it('nobody leaves or is removed while it is active; a user created meanwhile joins', async () => {
    const leave = await t.request('POST', `/api/chat/channels/${disaster.channelId}/leave`, { token: user('kato.zeimu').token });
    expect(leave.status).toBe(409);
    const remove = await t.request('DELETE', `/api/chat/channels/${disaster.channelId}/members/${user('kato.zeimu').user.id}`, {
      token: admin.token,
    });
    expect(remove.status).toBe(409);
    const archive = await t.request('PATCH', `/api/chat/channels/${disaster.channelId}`, { token: admin.token, json: { archived: true } });
    expect(archive.status).toBe(409);
    const created = await t.request('POST', '/api/users', {
      token: admin.token,
      json: {
        username: 'newcomer.somu',
        displayName: '新人 一郎',
        password: 'a-long-password-1',
        departmentId: officer.user.id && (await t.request('GET', '/api/departments', { token: admin.token })).body[0].id,
      },
    });
    expect(created.status).toBe(201);
    await eventually(
      () => t.query('SELECT 1 FROM chat_members WHERE channel_id = $1 AND user_id = $2', [disaster.channelId, created.body.id]),
      (r) => r.length === 1,
    );
    // Disabled, they leave it at once (and are not left among the pending), so the counts below are over the demo staff.
    expect((await t.request('PATCH', `/api/users/${created.body.id}`, { token: admin.token, json: { active: false } })).status).toBe(200);
    expect(
      await t.query('SELECT 1 FROM chat_members WHERE channel_id = $1 AND user_id = $2', [disaster.channelId, created.body.id]),
    ).toEqual([]);
  });

  it('an urgent message reaches every socket; delivered, opened and acknowledged are counted apart, each once', async () => {
    const refused = await t.request('POST', `/api/disasters/${disaster.id}/urgent`, {
      token: user('kato.zeimu').token,
      json: { body: 'x' },
    });
    expect(refused.status).toBe(403);
    expect((await emitAck(socket('sato.somu'), 'disaster:watch', { disasterId: disaster.id })).ok).toBe(true);
    const board = collect(socket('sato.somu'), 'disaster:ack');
    const online = [...sockets.entries()];
    const reached = online.map(([, s]) => nextEvent(s, 'chat:message', (e) => e.message.urgent === true));
    const res = await t.request('POST', `/api/disasters/${disaster.id}/urgent`, {
      token: officer.token,
      json: { body: '【訓練】全職員は安否を回答してください。' },
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ urgent: true, channelId: disaster.channelId });
    urgentId = res.body.message.id;
    expect((await Promise.all(reached)).every((e) => e.message.id === urgentId)).toBe(true);

    const recipients = online.filter(([name]) => name !== 'sato.somu');
    const delivered = recipients.slice(0, 20);
    const opened = recipients.slice(0, 12);
    const acked = recipients.slice(0, 8);
    await Promise.all(delivered.map(([, s]) => emitAck(s, 'disaster:delivered', { messageIds: [urgentId] })));
    await Promise.all(opened.map(([, s]) => emitAck(s, 'disaster:opened', { messageId: urgentId })));
    // Each acknowledges twice at once (two taps, an outbox resend): both answer ok, one is counted.
    const answers = await Promise.all(acked.flatMap(([, s]) => [ack(s, urgentId), ack(s, urgentId)]));
    expect(answers.every((a) => a.ok && a.receipt.state === 'acknowledged')).toBe(true);
    const again = await ack(acked[0][1], urgentId);
    expect(again).toMatchObject({ ok: true, receipt: { acknowledgedAt: answers[0].receipt.acknowledgedAt } });

    const acks = (await t.request('GET', `/api/disasters/${disaster.id}/urgent/${urgentId}/acks`, { token: officer.token })).body;
    const ids = (list: [string, Socket][]) => list.map(([name]) => user(name).user.id).sort();
    expect(acks.acknowledged.map((a: any) => a.userId).sort()).toEqual(ids(acked));
    expect(acks.pending.sort()).toEqual(
      everyone()
        .filter((id) => id !== officer.user.id && !ids(acked).includes(id))
        .sort(),
    );
    expect(acks.counts).toEqual({ total: people.size - 1, delivered: 20, opened: 12, acknowledged: 8 });
    const sum = (k: string) => acks.byDepartment.reduce((n: number, r: any) => n + r[k], 0);
    expect([sum('total'), sum('delivered'), sum('opened'), sum('acknowledged')]).toEqual([people.size - 1, 20, 12, 8]);
    const states = new Map(acks.receipts.map((r: any) => [r.userId, r.state]));
    expect(states.get(user(opened[10][0]).user.id)).toBe('opened');
    expect(states.get(user(delivered[15][0]).user.id)).toBe('delivered');
    expect(states.get(user(OFFLINE).user.id)).toBe('pending');
    const [{ n }] = await t.query(
      'SELECT count(*)::int AS n FROM disaster_receipts WHERE message_id = $1 AND acknowledged_at IS NOT NULL',
      [urgentId],
    );
    expect(n).toBe(8);
    // The officer's board heard each step once: 20 delivered + 12 opened + 8 acknowledged moves.
    await until(board, (all) => all.length >= 40);
    expect(board.filter((e) => e.receipt.state === 'acknowledged')).toHaveLength(8);
    expect(board.at(-1)!.counts.acknowledged).toBe(8);
  });

  it('re-notification reaches only those still pending', async () => {
    const pendingName = 'kato.zeimu';
    const ackedName = [...sockets.keys()].find((n) => n !== 'sato.somu')!;
    const ackedHeard = collect(socket(ackedName), 'disaster:renotify');
    const heard = nextEvent(socket(pendingName), 'disaster:renotify');
    const refused = await t.request('POST', `/api/disasters/${disaster.id}/urgent/${urgentId}/renotify`, {
      token: user(pendingName).token,
    });
    expect(refused.status).toBe(403);
    const res = await t.request('POST', `/api/disasters/${disaster.id}/urgent/${urgentId}/renotify`, { token: officer.token });
    expect(res.status).toBe(200);
    expect(res.body.renotified).toBe(people.size - 1 - 8);
    expect(res.body.userIds).toContain(user(pendingName).user.id);
    expect((await heard).urgent).toMatchObject({ messageId: urgentId, disasterId: disaster.id });
    expect(ackedHeard).toEqual([]);
    const mine = await t.request('GET', '/api/disasters/urgent/mine', { token: user(pendingName).token });
    expect(mine.body.map((m: any) => m.messageId)).toEqual([urgentId]);
    expect((await t.request('GET', '/api/disasters/urgent/mine', { token: user(ackedName).token })).body).toEqual([]);
  });

  it('roll-call tallies and the not-answered list are exact after updates, answers for colleagues included', async () => {
    const put = (who: SignedIn, json: object, path = '') =>
      t.request('PUT', `/api/disasters/${disaster.id}/roll-call${path}`, { token: who.token, json });
    expect(
      (await put(user('kato.zeimu'), { safety: 'safe', attendance: 'available', eta: '2026-09-01T09:30:00+09:00', location: '自宅' }))
        .status,
    ).toBe(200);
    expect((await put(user('yoshida.zeimu'), { safety: 'injured', attendance: 'unavailable', note: '足を負傷' })).status).toBe(200);
    expect((await put(user('kato.zeimu'), { safety: 'safe', attendance: 'arrived' })).status).toBe(200);
    const viaSocket = await emitAck(socket('mori.kensetsu'), 'disaster:roll-call', {
      disasterId: disaster.id,
      safety: 'needs_help',
      attendance: 'unavailable',
      clientAnswerId: 'outbox-1',
    });
    expect(viaSocket.ok).toBe(true);
    // The officer answers for a colleague reached by phone: recorded as such.
    const forOther = await put(officer, { safety: 'safe', attendance: 'available' }, `/${user(OFFLINE).user.id}`);
    expect(forOther.body).toMatchObject({ userId: user(OFFLINE).user.id, answeredBy: officer.user.id, onBehalf: true });
    expect((await put(user('mori.kensetsu'), { safety: 'safe', attendance: 'available' }, `/${user('kato.zeimu').user.id}`)).status).toBe(
      403,
    );
    expect((await put(user('kato.zeimu'), { safety: 'fine', attendance: 'arrived' })).status).toBe(400);
    const tally = (await t.request('GET', `/api/disasters/${disaster.id}/roll-call`, { token: officer.token })).body;
    const answeredNames = ['kato.zeimu', 'yoshida.zeimu', 'mori.kensetsu', OFFLINE];
    expect(tally).toMatchObject({
      total: people.size,
      answered: 4,
      safety: { safe: 2, injured: 1, needs_help: 1 },
      attendance: { available: 1, unavailable: 2, arrived: 1 },
    });
    expect(tally.unanswered.sort()).toEqual(
      everyone()
        .filter((id) => !answeredNames.map((n) => user(n).user.id).includes(id))
        .sort(),
    );
    const zeimu = tally.byDepartment.find((r: any) => r.departmentName === '税務課');
    expect(zeimu).toMatchObject({ total: 2, answered: 2, unanswered: [] });
    const csv = await t.request('GET', `/api/disasters/${disaster.id}/roll-call.csv`, { token: officer.token });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body as string).toContain('代理回答者');
    expect(csv.body as string).toContain('未回答');
  });

  it('an offline outbox resending a roll-call answer counts it once and keeps the newer answer', async () => {
    await t.request('PUT', `/api/disasters/${disaster.id}/roll-call`, {
      token: user('mori.kensetsu').token,
      json: { safety: 'safe', attendance: 'arrived' },
    });
    const replay = await emitAck(socket('mori.kensetsu'), 'disaster:roll-call', {
      disasterId: disaster.id,
      safety: 'needs_help',
      attendance: 'unavailable',
      clientAnswerId: 'outbox-1',
    });
    expect(replay.answer).toMatchObject({ safety: 'safe', attendance: 'arrived' });
    const [{ n }] = await t.query(
      `SELECT count(*)::int AS n FROM disaster_timeline WHERE disaster_id = $1 AND kind = 'roll_call' AND ref_id = $2`,
      [disaster.id, user('mori.kensetsu').user.id],
    );
    expect(n).toBe(2);
  });

  it('duties of the level are asked to confirm; confirmed, unavailable, then reassigned', async () => {
    const list = (await t.request('GET', `/api/disasters/${disaster.id}/duties`, { token: officer.token })).body;
    expect(list.map((d: any) => d.title).sort()).toEqual(['災害対策本部 事務局', '避難所開設', '鍵の保管'].sort());
    expect(list.every((d: any) => d.state === 'pending')).toBe(true);
    for (const d of list) duties[d.title] = d.id;
    const respond = (who: string, title: string, state: string) =>
      t.request('POST', `/api/disasters/${disaster.id}/duties/${duties[title]}/respond`, { token: user(who).token, json: { state } });
    const watched = nextEvent(socket('sato.somu'), 'disaster:duty', (e) => e.duty.state === 'confirmed');
    expect((await respond('suzuki.somu', '災害対策本部 事務局', 'confirmed')).body.state).toBe('confirmed');
    expect((await watched).duty.title).toBe('災害対策本部 事務局');
    // The same answer again (an outbox resending it) changes nothing and records nothing.
    expect((await respond('suzuki.somu', '災害対策本部 事務局', 'confirmed')).body.state).toBe('confirmed');
    const lines = await t.query('SELECT 1 FROM disaster_timeline WHERE kind = $1 AND ref_id = $2', [
      'duty_confirmed',
      duties['災害対策本部 事務局'],
    ]);
    expect(lines).toHaveLength(1);
    expect((await respond('kato.zeimu', '避難所開設', 'confirmed')).status).toBe(403);
    expect((await respond('abe.kyoiku', '避難所開設', 'unavailable')).body.state).toBe('unavailable');
    const toNew = nextEvent(socket('hashimoto.kyoiku'), 'disaster:duty');
    const moved = await t.request('POST', `/api/disasters/${disaster.id}/duties/${duties['避難所開設']}/reassign`, {
      token: officer.token,
      json: { assigneeId: user('hashimoto.kyoiku').user.id },
    });
    expect(moved.body).toMatchObject({
      state: 'pending',
      assigneeId: user('hashimoto.kyoiku').user.id,
      previousAssigneeIds: [user('abe.kyoiku').user.id],
    });
    expect((await toNew).duty.id).toBe(duties['避難所開設']);
    expect((await respond('hashimoto.kyoiku', '避難所開設', 'confirmed')).body.state).toBe('confirmed');
    const states = (await t.request('GET', `/api/disasters/${disaster.id}/duties`, { token: user('kato.zeimu').token })).body.map(
      (d: any) => [d.title, d.state],
    );
    expect(new Map(states)).toEqual(
      new Map([
        ['災害対策本部 事務局', 'confirmed'],
        ['避難所開設', 'confirmed'],
        ['鍵の保管', 'pending'],
      ]),
    );
  });

  it('damage reports: JSON and photos with GPS; status changes reach every socket; each has a thread', async () => {
    const filed = await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, {
      token: user('mori.kensetsu').token,
      json: { place: '町道 役場前', category: 'road', severity: 2, note: '倒木で片側通行' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', number: 1, category: 'road' });
    const form = new FormData();
    form.set('place', '気仙川 世田米橋');
    form.set('category', 'river');
    form.set('severity', '3');
    form.set('clientReportId', 'outbox-damage-1');
    form.append('photos', new Blob([new Uint8Array(jpegWithGps())], { type: 'image/jpeg' }), '写真.jpg');
    const withPhoto = await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, {
      token: user('hayashi.rinsei').token,
      body: form,
    });
    expect(withPhoto.status).toBe(201);
    expect(withPhoto.body.photos[0]).toMatchObject({ mediaType: 'image/jpeg', name: '写真.jpg', lat: 39.1, lng: 141.6 });
    expect(withPhoto.body).toMatchObject({ lat: 39.1, lng: 141.6, number: 2 });
    // The outbox sends it again (its answer was lost): the same report, filed once.
    const resent = await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, {
      token: user('hayashi.rinsei').token,
      body: form,
    });
    expect([resent.status, resent.body.id, resent.body.number]).toEqual([201, withPhoto.body.id, 2]);
    expect(
      await t.query('SELECT 1 FROM disaster_timeline WHERE kind = $1 AND ref_id = $2', ['damage_reported', withPhoto.body.id]),
    ).toHaveLength(1);
    const photo = await fetch(`${t.url}${withPhoto.body.photos[0].url}`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const fake = new FormData();
    fake.set('place', 'x');
    fake.set('category', 'road');
    fake.set('severity', '1');
    fake.append('photos', new Blob([new TextEncoder().encode('not an image at all')], { type: 'image/jpeg' }), 'x.jpg');
    expect((await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, { token: officer.token, body: fake })).status).toBe(
      415,
    );
    expect(
      (
        await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, {
          token: officer.token,
          json: { place: 'x', category: 'sky', severity: 9 },
        })
      ).status,
    ).toBe(400);

    const everywhere = [...sockets.values()].map((s) =>
      nextEvent(s, 'disaster:damage', (e) => e.report.id === filed.body.id && e.report.status === 'in_progress'),
    );
    const patched = await t.request('PATCH', `/api/disasters/${disaster.id}/damage-reports/${filed.body.id}`, {
      token: officer.token,
      json: { status: 'in_progress', assigneeId: user('shimizu.kensetsu').user.id },
    });
    expect(patched.body).toMatchObject({ status: 'in_progress', assigneeId: user('shimizu.kensetsu').user.id });
    expect((await Promise.all(everywhere)).length).toBe(sockets.size);
    expect(
      (
        await t.request('PATCH', `/api/disasters/${disaster.id}/damage-reports/${filed.body.id}`, {
          token: user('kato.zeimu').token,
          json: { status: 'done' },
        })
      ).status,
    ).toBe(403);
    const done = await t.request('PATCH', `/api/disasters/${disaster.id}/damage-reports/${filed.body.id}`, {
      token: user('shimizu.kensetsu').token,
      json: { status: 'done' },
    });
    expect(done.body.status).toBe('done');
    const board = await t.request('GET', `/api/disasters/${disaster.id}/damage-reports?status=open&category=river`, {
      token: user('kato.zeimu').token,
    });
    expect(board.body.map((r: any) => r.number)).toEqual([2]);
    const reply = await emitAck(socket('shimizu.kensetsu'), 'chat:send', {
      channelId: disaster.channelId,
      clientMsgId: clientId(),
      body: '撤去完了しました',
      threadRootId: filed.body.threadRootId,
    });
    expect(reply.message.threadRootId).toBe(filed.body.threadRootId);
  });

  it('the situation report keeps every version; a stale version is refused', async () => {
    const put = (body: string, version: number, who = officer) =>
      t.request('PUT', `/api/disasters/${disaster.id}/situation`, { token: who.token, json: { body, version } });
    expect((await put('本部設置。被害調査中。', 0)).body.version).toBe(1);
    expect((await put('古い版からの更新', 0)).status).toBe(409);
    expect((await put('x', 1, user('kato.zeimu'))).status).toBe(403);
    const heard = nextEvent(socket('kato.zeimu'), 'disaster:situation');
    expect((await put('道路1件対応完了。河川1件監視中。', 1)).body.version).toBe(2);
    expect((await heard).report.version).toBe(2);
    const history = (await t.request('GET', `/api/disasters/${disaster.id}/situation`, { token: user('kato.zeimu').token })).body;
    expect(history.current.version).toBe(2);
    expect(history.history.map((h: any) => h.version)).toEqual([2, 1]);
    // Each version is also a message of the channel; only the current one stays pinned, and the refused one left none.
    const pins = (await t.request('GET', `/api/chat/channels/${disaster.channelId}/pins`, { token: user('kato.zeimu').token })).body
      .messages;
    expect(pins.map((m: any) => m.body)).toEqual(['【状況報告 第2版】\n道路1件対応完了。河川1件監視中。']);
    const posted = (await t.request('GET', `/api/chat/channels/${disaster.channelId}/messages?limit=100`, { token: officer.token })).body
      .messages;
    expect(posted.filter((m: any) => m.body.startsWith('【状況報告')).map((m: any) => m.body.split('\n')[0])).toEqual([
      '【状況報告 第1版】',
      '【状況報告 第2版】',
    ]);
  });

  it('a client offline during the drill catches up on everything and its offline acknowledgement counts once', async () => {
    const late = await t.socket({ token: user(OFFLINE).token });
    sockets.set(OFFLINE, late);
    const sync = await emitAck(late, 'chat:sync', { cursors: { [disaster.channelId]: 0 } });
    expect(sync.ok).toBe(true);
    const urgent = sync.messages.filter((m: any) => m.urgent);
    expect(urgent.map((m: any) => m.id)).toEqual([urgentId]);
    expect(sync.messages.some((m: any) => m.body.includes('被害報告 #1'))).toBe(true);
    // The outbox sends what was pressed offline: delivered, opened and 確認しました, twice over (reconnect races).
    await emitAck(late, 'disaster:delivered', { messageIds: [urgentId] });
    const sent = await Promise.all([
      ack(late, urgentId),
      ack(late, urgentId),
      t.request('POST', `/api/disasters/${disaster.id}/urgent/${urgentId}/ack`, {
        token: user(OFFLINE).token,
        json: { clientAckId: 'outbox-7' },
      }),
    ]);
    expect(sent[0].ok && sent[1].ok && sent[2].status === 200).toBe(true);
    const acks = (await t.request('GET', `/api/disasters/${disaster.id}/urgent/${urgentId}/acks`, { token: officer.token })).body;
    expect(acks.acknowledged.filter((a: any) => a.userId === user(OFFLINE).user.id)).toHaveLength(1);
    expect(acks.counts.acknowledged).toBe(9);
    const active = (await t.request('GET', '/api/disasters/active', { token: user(OFFLINE).token })).body;
    expect(active.map((d: any) => d.id)).toContain(disaster.id);
  });

  it('a non-officer cannot close; closing reaches every socket and leaves everything readable and nothing writable', async () => {
    expect((await t.request('POST', `/api/disasters/${disaster.id}/close`, { token: user('kato.zeimu').token })).status).toBe(403);
    await emitAck(socket('kato.zeimu'), 'chat:send', { channelId: disaster.channelId, clientMsgId: clientId(), body: '撤収します' });
    const heard = [...sockets.values()].map((s) => nextEvent(s, 'disaster:closed'));
    const closed = await t.request('POST', `/api/disasters/${disaster.id}/close`, { token: officer.token });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    await Promise.all(heard);
    expect((await t.request('POST', `/api/disasters/${disaster.id}/close`, { token: officer.token })).status).toBe(409);
    const send = await emitAck(socket('kato.zeimu'), 'chat:send', {
      channelId: disaster.channelId,
      clientMsgId: clientId(),
      body: 'まだ?',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      (
        await t.request('PUT', `/api/disasters/${disaster.id}/roll-call`, {
          token: user('kato.zeimu').token,
          json: { safety: 'safe', attendance: 'arrived' },
        })
      ).status,
    ).toBe(409);
    expect(await ack(socket('kato.zeimu'), urgentId)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      (
        await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, {
          token: officer.token,
          json: { place: 'x', category: 'road', severity: 1 },
        })
      ).status,
    ).toBe(409);
    expect((await t.request('POST', `/api/disasters/${disaster.id}/urgent`, { token: officer.token, json: { body: 'x' } })).status).toBe(
      409,
    );
    expect(
      (await t.request('PUT', `/api/disasters/${disaster.id}/situation`, { token: officer.token, json: { body: 'x', version: 2 } })).status,
    ).toBe(409);
    // Duties and damage reports are part of the record now: their holder, the officer, the reporter change nothing.
    const dutyPath = `/api/disasters/${disaster.id}/duties/${duties['鍵の保管']}`;
    const respond = await t.request('POST', `${dutyPath}/respond`, { token: user('ikeda.kyoiku').token, json: { state: 'confirmed' } });
    expect(respond.status).toBe(409);
    const reassign = await t.request('POST', `${dutyPath}/reassign`, {
      token: officer.token,
      json: { assigneeId: user('hashimoto.kyoiku').user.id },
    });
    expect(reassign.status).toBe(409);
    const keyDuty = (await t.request('GET', `/api/disasters/${disaster.id}/duties`, { token: officer.token })).body.find(
      (d: any) => d.id === duties['鍵の保管'],
    );
    expect(keyDuty).toMatchObject({ state: 'pending', assigneeId: user('ikeda.kyoiku').user.id, previousAssigneeIds: [] });
    const [report] = (await t.request('GET', `/api/disasters/${disaster.id}/damage-reports`, { token: officer.token })).body;
    const reporter = [...people.values()].find((p) => p.user.id === report.reporterId)!;
    for (const who of [officer, reporter]) {
      const patched = await t.request('PATCH', `/api/disasters/${disaster.id}/damage-reports/${report.id}`, {
        token: who.token,
        json: { status: report.status === 'done' ? 'open' : 'done' },
      });
      expect(patched.status).toBe(409);
    }
    expect(
      (await t.request('GET', `/api/disasters/${disaster.id}/damage-reports/${report.id}`, { token: officer.token })).body.status,
    ).toBe(report.status);
    for (const path of ['', '/roll-call', '/damage-reports', '/duties', '/situation', `/urgent/${urgentId}/acks`, '/timeline'])
      expect((await t.request('GET', `/api/disasters/${disaster.id}${path}`, { token: user('kato.zeimu').token })).status).toBe(200);
    expect((await t.request('GET', `/api/chat/channels/${disaster.channelId}/messages`, { token: user('kato.zeimu').token })).status).toBe(
      200,
    );
    expect((await t.request('GET', '/api/disasters/active', { token: user('kato.zeimu').token })).body).toEqual([]);
  });

  it('the CSV and the PDF hold every event in time order, marked as a drill', async () => {
    const timeline = (await t.request('GET', `/api/disasters/${disaster.id}/timeline`, { token: officer.token })).body as any[];
    const times = timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const kinds = new Set(timeline.map((e) => e.kind));
    for (const kind of [
      'declared',
      'urgent',
      'acknowledged',
      'renotified',
      'roll_call',
      'duty_requested',
      'duty_confirmed',
      'duty_unavailable',
      'duty_reassigned',
      'damage_reported',
      'damage_updated',
      'situation',
      'message',
      'closed',
    ])
      expect(kinds).toContain(kind);
    expect(timeline[0].kind).toBe('declared');
    expect(timeline.at(-1).kind).toBe('closed');
    expect(timeline.filter((e) => e.kind === 'acknowledged')).toHaveLength(9);
    // Staff read that others answered the roll call, not what: that is the officers' (as on GET …/roll-call).
    const reader = user('kato.zeimu');
    const theirs = (await t.request('GET', `/api/disasters/${disaster.id}/timeline`, { token: reader.token })).body as any[];
    expect(theirs.map((e) => e.kind)).toEqual(timeline.map((e) => e.kind));
    const answers = theirs.filter((e) => e.kind === 'roll_call');
    expect(answers.filter((e) => e.refId !== reader.user.id).every((e) => e.summary === '安否・参集を回答（内容は本部のみ閲覧）')).toBe(
      true,
    );
    expect(answers.some((e) => e.refId === reader.user.id && e.summary !== '安否・参集を回答（内容は本部のみ閲覧）')).toBe(true);

    const csvRes = await fetch(`${t.url}/api/disasters/${disaster.id}/timeline.csv`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    expect(rows[0][0]).toContain('【訓練】');
    const body = rows.slice(2);
    expect(body).toHaveLength(timeline.length);
    expect(body.map((r) => r[3])).toEqual(timeline.map((e) => e.summary));
    expect(body.every((r) => r[4] === '訓練')).toBe(true);

    const pdfRes = await fetch(`${t.url}/api/disasters/${disaster.id}/record.pdf`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdfText(new Uint8Array(await pdfRes.arrayBuffer()))).join('\n').replace(/\s+/g, '');
    expect(text).toContain('訓練');
    let from = 0;
    for (const needle of ['発令', '緊急連絡', '安否・参集', '配備確認', '被害報告#1', '状況報告第2版', '撤収します', '終了']) {
      const at = text.indexOf(needle.replace(/\s+/g, ''), from);
      expect({ needle, found: at >= 0 }).toEqual({ needle, found: true });
      from = at;
    }
  });
});
