import type { Socket } from 'socket.io-client';
import { clientId, collect, createChannel } from '../chat/chat-helpers';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { channelRoom } from '../../libs/chat/src/chat-notifier';
import { GuestService } from '../../libs/disasters/src/guest.service';
import { RealtimeService } from '@yakuba/platform';
import { declare } from './support/disaster-fixtures';

/** Guests see their one disaster channel and nothing else; API tokens reach their two routes and nothing else. */
describe('guests and API tokens', () => {
  let t: TestServer;
  let officer: SignedIn;
  let admin: SignedIn;
  let staff: SignedIn;
  let disaster: { id: string; channelId: string };
  let guest: SignedIn;
  let guestId: string;
  let guestSocket: Socket;
  let staffSocket: Socket;
  let publicChannel: { id: string };

  beforeAll(async () => {
    t = await TestServer.start();
    officer = await t.login('sato.somu');
    admin = await t.login('admin');
    staff = await t.login('kato.zeimu');
    publicChannel = await createChannel(t, staff, 'public', [], '雑談');
    disaster = await declare(t, officer, { title: '大雨警報', kind: 'heavy_rain', level: 2, drill: false });
  });
  afterAll(() => t.close());

  it('the demo has a closed drill with its record, and the duty roster', async () => {
    const closed = (await t.request('GET', '/api/disasters?status=closed&drill=true', { token: staff.token })).body;
    expect(closed).toHaveLength(1);
    const [demo] = closed;
    const get = (path: string) => t.request('GET', `/api/disasters/${demo.id}${path}`, { token: officer.token });
    const [urgent] = (await get('/urgent')).body;
    expect(urgent.counts.acknowledged).toBeGreaterThan(10);
    // Those still pending were alerted again.
    expect(urgent.lastRenotifiedAt).not.toBeNull();
    const rollCall = (await get('/roll-call')).body;
    expect(rollCall.answered).toBeGreaterThan(10);
    // One answer was given by the officer for a colleague reached by phone (代理回答).
    expect(rollCall.answers.filter((a: any) => a.onBehalf)).toEqual([
      expect.objectContaining({ answeredBy: officer.user.id, note: expect.stringContaining('電話で確認') }),
    ]);
    const reports = (await get('/damage-reports')).body;
    expect(reports.map((r: any) => r.status).sort()).toEqual(['done', 'in_progress', 'open']);
    // A photo taken on the spot carries its GPS position (EXIF), and gives the report its coordinates.
    const withPhoto = reports.filter((r: any) => r.photos.length > 0);
    expect(withPhoto).toHaveLength(1);
    expect(withPhoto[0].photos[0]).toMatchObject({
      mediaType: 'image/jpeg',
      lat: expect.closeTo(39.1486, 4),
      lng: expect.closeTo(141.5823, 4),
    });
    expect(withPhoto[0]).toMatchObject({ lat: withPhoto[0].photos[0].lat, lng: withPhoto[0].photos[0].lng });
    // Two guests: one removed during the drill, the other at its close.
    const guests = (await get('/guests')).body;
    expect(guests.map((g: any) => [g.organisation, g.active])).toEqual([
      ['DMAT 県立大船渡病院', false],
      ['住田町消防団 第1分団', false],
    ]);
    expect((await get('/duties')).body.some((d: any) => d.previousAssigneeIds.length === 1)).toBe(true);
    expect((await get('/situation')).body.history).toHaveLength(2);
    const timeline = (await get('/timeline')).body;
    expect(timeline.at(-1).kind).toBe('closed');
    const kinds = (kind: string) => timeline.filter((e: any) => e.kind === kind);
    expect(kinds('renotified')).toHaveLength(1);
    expect(kinds('roll_call').filter((e: any) => e.summary.includes('（代理回答）'))).toHaveLength(1);
    expect(kinds('guest_invited')).toHaveLength(2);
    expect(kinds('guest_removed')).toHaveLength(2);
    expect((await t.request('GET', '/api/disaster-duties', { token: staff.token })).body.length).toBe(10);
  });

  it('an officer invites a guest into the disaster channel only; the password is shown once', async () => {
    expect(
      (
        await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
          token: staff.token,
          json: { displayName: 'x', organisation: 'y', expiresAt: new Date(Date.now() + 3600_000).toISOString() },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
          token: officer.token,
          json: { displayName: 'x', organisation: 'y', expiresAt: '2020-01-01T00:00:00Z' },
        })
      ).status,
    ).toBe(400);
    const res = await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
      token: officer.token,
      json: { displayName: '山田 医師', organisation: 'DMAT 県立病院', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(res.status).toBe(201);
    expect(res.body.guest).toMatchObject({ channelId: disaster.channelId, disasterId: disaster.id, active: true });
    guestId = res.body.guest.id;
    guest = await t.login(res.body.username, res.body.password);
    expect(guest.user.roles).toEqual([]);
    const list = await t.request('GET', `/api/disasters/${disaster.id}/guests`, { token: officer.token });
    expect(list.body.map((g: any) => g.id)).toEqual([guestId]);
    expect(JSON.stringify(list.body)).not.toContain(res.body.password);
    // The staff directory (chat's pickers and @ list read it) does not list guests.
    const directory = await t.request('GET', '/api/users', { token: officer.token });
    expect(directory.body.some((u: any) => u.id === guestId)).toBe(false);
  });

  it('a guest sees its channel and nothing else: no directory, no other channel, no search beyond it', async () => {
    const get = (path: string) => t.request('GET', path, { token: guest.token });
    expect((await get('/api/users')).status).toBe(403);
    expect((await get('/api/departments')).status).toBe(403);
    expect((await get(`/api/users/${staff.user.id}`)).status).toBe(403);
    expect((await get('/api/meetings')).status).toBe(403);
    expect((await get('/api/chat/presence')).status).toBe(403);
    expect((await get('/api/chat/channels/browse')).status).toBe(403);
    expect((await get('/api/chat/channels')).body.map((c: any) => c.id)).toEqual([disaster.channelId]);
    expect((await get(`/api/chat/channels/${publicChannel.id}`)).status).toBe(404);
    expect((await get(`/api/chat/channels/${publicChannel.id}/messages`)).status).toBe(404);
    expect((await get(`/api/chat/channels/${disaster.channelId}/messages`)).status).toBe(200);
    expect((await get('/api/chat/search?q=雨')).status).toBe(404);
    expect((await get(`/api/chat/search?q=雨&channelId=${publicChannel.id}`)).status).toBe(404);
    expect((await get(`/api/chat/search?q=雨&channelId=${disaster.channelId}`)).status).toBe(200);
    expect(
      (await t.request('POST', '/api/chat/channels', { token: guest.token, json: { name: 'x', type: 'public', memberIds: [] } })).status,
    ).toBe(403);
    expect((await t.request('POST', `/api/chat/channels/${publicChannel.id}/join`, { token: guest.token })).status).toBe(403);
    expect((await get('/api/disasters')).body.map((d: any) => d.id)).toEqual([disaster.id]);
    expect((await get('/api/auth/me')).status).toBe(200);
    const names = (await get(`/api/disasters/${disaster.id}/people`)).body;
    expect(names.find((p: any) => p.id === staff.user.id)).toEqual({
      id: staff.user.id,
      displayName: staff.user.displayName,
      departmentId: null,
      guest: false,
      username: null,
      organisation: null,
    });
    expect(names.find((p: any) => p.id === guestId)).toMatchObject({ guest: true, organisation: 'DMAT 県立病院', username: guest.user.username });
    // Staff see the usernames they may @mention, guests included.
    const seenByStaff = (await t.request('GET', `/api/disasters/${disaster.id}/people`, { token: staff.token })).body;
    expect(seenByStaff.find((p: any) => p.id === guestId)).toMatchObject({
      displayName: '山田 医師（DMAT 県立病院）',
      username: guest.user.username,
      organisation: 'DMAT 県立病院',
      guest: true,
    });
    expect(seenByStaff.find((p: any) => p.id === staff.user.id)).toMatchObject({ username: 'kato.zeimu', organisation: null });
    // Nobody adds a guest elsewhere.
    expect(
      (await t.request('POST', `/api/chat/channels/${publicChannel.id}/members`, { token: staff.token, json: { userIds: [guestId] } }))
        .status,
    ).toBe(400);
  });

  it("a guest's socket hears its channel only and may send only the chat of its channel and receipts", async () => {
    guestSocket = await t.socket({ token: guest.token });
    staffSocket = await t.socket({ token: staff.token });
    const guestHeard = collect(guestSocket, 'chat:message');
    const guestDeclared = collect(guestSocket, 'disaster:declared');
    const guestPresence = collect(guestSocket, 'chat:presence');
    expect(await emitAck(guestSocket, 'chat:presence', { status: 'online' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emitAck(guestSocket, 'meeting:join', { meetingId: disaster.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await emitAck(guestSocket, 'disaster:roll-call', { disasterId: disaster.id, safety: 'safe', attendance: 'arrived' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const elsewhere = await emitAck(guestSocket, 'chat:send', { channelId: publicChannel.id, clientMsgId: clientId(), body: 'hi' });
    expect(elsewhere.ok).toBe(false);
    expect((await emitAck(guestSocket, 'chat:sync', { cursors: { [publicChannel.id]: 0 } })).ok).toBe(false);
    const mine = await emitAck(guestSocket, 'chat:send', {
      channelId: disaster.channelId,
      clientMsgId: clientId(),
      body: 'DMAT 到着しました',
    });
    expect(mine.ok).toBe(true);
    // Staff talk elsewhere, change presence, and another disaster is declared: the guest hears none of it.
    const staffGot = nextEvent(staffSocket, 'chat:message', (e) => e.message.channelId === publicChannel.id);
    await emitAck(staffSocket, 'chat:send', { channelId: publicChannel.id, clientMsgId: clientId(), body: '雑談です' });
    await staffGot;
    const staffDeclared = nextEvent(staffSocket, 'disaster:declared');
    const other = await declare(t, officer, { title: '別の訓練', kind: 'fire', drill: true });
    await staffDeclared;
    await emitAck(staffSocket, 'chat:presence', { status: 'away' });
    const urgentHeard = nextEvent(guestSocket, 'chat:message', (e) => e.message.urgent === true);
    const urgent = await t.request('POST', `/api/disasters/${disaster.id}/urgent`, {
      token: officer.token,
      json: { body: '避難所を開設します' },
    });
    await urgentHeard;
    expect(guestHeard.every((e) => e.message.channelId === disaster.channelId)).toBe(true);
    expect(guestDeclared).toEqual([]);
    expect(guestPresence).toEqual([]);
    expect((await t.request('GET', `/api/disasters/${other.id}`, { token: guest.token })).status).toBe(404);
    expect(await emitAck(guestSocket, 'disaster:ack', { messageId: urgent.body.message.id })).toMatchObject({ ok: true });
  });

  it("watchers hear other people's roll-call answers only as officers; a guest's acks view has no departments", async () => {
    const officerSocket = await t.socket({ token: officer.token });
    for (const socket of [officerSocket, staffSocket, guestSocket])
      expect(await emitAck(socket, 'disaster:watch', { disasterId: disaster.id })).toMatchObject({ ok: true });
    const heard = (socket: Socket) => ({
      answers: collect(socket, 'disaster:roll-call'),
      counts: collect(socket, 'disaster:roll-call-count'),
    });
    const byGuest = heard(guestSocket);
    const byStaff = heard(staffSocket);
    const byOfficer = heard(officerSocket);

    // A colleague answers with what only the officers may read.
    const colleague = await t.login('mori.kensetsu');
    const secret = { safety: 'injured', attendance: 'unavailable', location: '自宅（土砂で孤立）', note: '足を骨折', eta: null };
    const officerHeard = nextEvent(officerSocket, 'disaster:roll-call', (e) => e.answer.userId === colleague.user.id);
    const staffCounted = nextEvent(staffSocket, 'disaster:roll-call-count');
    expect((await t.request('PUT', `/api/disasters/${disaster.id}/roll-call`, { token: colleague.token, json: secret })).status).toBe(200);
    expect((await officerHeard).answer).toMatchObject({ ...secret, userId: colleague.user.id });
    const total = (await t.request('GET', `/api/disasters/${disaster.id}/roll-call`, { token: officer.token })).body.total;
    expect(await staffCounted).toEqual({ disasterId: disaster.id, total, answered: 1 });

    // The officer answers for the staff member reached by phone (代理回答): that person hears their own answer.
    const ownHeard = nextEvent(staffSocket, 'disaster:roll-call', (e) => e.answer.userId === staff.user.id);
    const byPhone = { safety: 'safe', attendance: 'available', note: '電話で確認' };
    const onBehalf = await t.request('PUT', `/api/disasters/${disaster.id}/roll-call/${staff.user.id}`, {
      token: officer.token,
      json: byPhone,
    });
    expect(onBehalf.status).toBe(200);
    expect((await ownHeard).answer).toMatchObject({ ...byPhone, onBehalf: true, answeredBy: officer.user.id });

    // A message sent after both answers reaches each socket after anything emitted to it before.
    const barrier = (socket: Socket) => nextEvent(socket, 'chat:message', (e) => e.message.body === '安否確認の集計中');
    const barriers = [barrier(guestSocket), barrier(staffSocket), barrier(officerSocket)];
    await emitAck(officerSocket, 'chat:send', { channelId: disaster.channelId, clientMsgId: clientId(), body: '安否確認の集計中' });
    await Promise.all(barriers);
    expect(byGuest).toEqual({ answers: [], counts: [] });
    expect(byStaff.answers.map((e) => e.answer.userId)).toEqual([staff.user.id]);
    expect(byStaff.counts).toEqual([
      { disasterId: disaster.id, total, answered: 1 },
      { disasterId: disaster.id, total, answered: 2 },
    ]);
    expect(JSON.stringify(byStaff)).not.toContain('足を骨折');
    expect(byOfficer.answers.map((e) => e.answer.userId)).toEqual([colleague.user.id, staff.user.id]);
    expect(byOfficer.counts).toEqual([]);
    officerSocket.disconnect();

    // The acknowledgement board: a guest gets the contract's fields and the counts, its own receipt, no department.
    const urgent = await t.request('POST', `/api/disasters/${disaster.id}/urgent`, {
      token: officer.token,
      json: { body: '各課の状況を報告' },
    });
    expect(await emitAck(guestSocket, 'disaster:ack', { messageId: urgent.body.message.id })).toMatchObject({ ok: true });
    const acksOf = async (who: SignedIn) =>
      (await t.request('GET', `/api/disasters/${disaster.id}/urgent/${urgent.body.message.id}/acks`, { token: who.token })).body;
    const forStaff = await acksOf(staff);
    const forGuest = await acksOf(guest);
    expect(forStaff.byDepartment.length).toBeGreaterThan(1);
    expect(forStaff.receipts.length).toBe(forStaff.counts.total);
    expect(forGuest).toEqual({
      acknowledged: [{ userId: guestId, at: expect.any(String) }],
      pending: forStaff.pending,
      messageId: urgent.body.message.id,
      counts: forStaff.counts,
      receipts: [expect.objectContaining({ userId: guestId, state: 'acknowledged' })],
      byDepartment: [],
    });
    const departments = (await t.request('GET', '/api/departments', { token: staff.token })).body as { id: string; name: string }[];
    for (const d of departments) {
      expect(JSON.stringify(forGuest)).not.toContain(d.id);
      expect(JSON.stringify(forGuest)).not.toContain(d.name);
    }
  });

  it("the KPI figures' roll-call share is over staff: the guest and the system account are not in its denominator", async () => {
    const tally = (await t.request('GET', `/api/disasters/${disaster.id}/roll-call`, { token: officer.token })).body;
    const members = (await t.request('GET', `/api/disasters/${disaster.id}/people`, { token: officer.token })).body;
    expect(members.some((p: any) => p.id === guestId)).toBe(true);
    expect(tally.answered).toBe(2);
    const stats = await t.request('GET', '/api/disasters/stats', { token: admin.token });
    expect(stats.status).toBe(200);
    // The one real disaster (the demo's is a drill, kept out).
    expect(stats.body).toMatchObject({ disasters: 1, rollCallAnswerShare: tally.answered / tally.total });
  });

  it('the expiry sweep takes a guest past its expiry out at once: out of the room, socket closed, sign-in and API refused', async () => {
    const res = await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
      token: officer.token,
      json: { displayName: '消防団 佐藤', organisation: '住田町消防団', expiresAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    const secondId: string = res.body.guest.id;
    const second = await t.login(res.body.username, res.body.password);
    const secondSocket = await t.socket({ token: second.token });
    const realtime = t.server.app.get(RealtimeService)['server']!;
    const serverSocket = realtime.sockets.sockets.get(secondSocket.id!)!;
    // Before its expiry the guest hears its channel.
    const heard = nextEvent(secondSocket, 'chat:message', (e) => e.message.channelId === disaster.channelId);
    await emitAck(staffSocket, 'chat:send', { channelId: disaster.channelId, clientMsgId: clientId(), body: '消防団の到着予定は？' });
    await heard;
    const sweeper = t.server.app.get(GuestService);
    expect(await sweeper.sweep()).toBe(0);

    // The expiry passes (the guest's own row says so); one run of the sweep, as its timer would do.
    await t.query(`UPDATE users SET guest_expires_at = now() - interval '1 second' WHERE id = $1`, [secondId]);
    const removed = nextEvent(secondSocket, 'chat:removed');
    const revoked = nextEvent(secondSocket, 'session:revoked');
    const gone = new Promise<string>((resolve) => secondSocket.once('disconnect', resolve));
    expect(await sweeper.sweep()).toBe(1);
    // When the sweep returns, the server has taken the socket out of the channel's room.
    expect(serverSocket.rooms.has(channelRoom(disaster.channelId))).toBe(false);
    expect(await removed).toEqual({ channelId: disaster.channelId });
    await revoked;
    await gone;
    expect(await t.query('SELECT 1 FROM chat_members WHERE channel_id = $1 AND user_id = $2', [disaster.channelId, secondId])).toEqual([]);
    expect((await t.request('GET', '/api/auth/me', { token: second.token })).status).toBe(401);
    expect((await t.request('GET', `/api/chat/channels/${disaster.channelId}/messages`, { token: second.token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { json: { username: res.body.username, password: res.body.password } })).status).toBe(
      401,
    );
    await expect(t.socket({ token: second.token })).rejects.toThrow();
    const guests = (await t.request('GET', `/api/disasters/${disaster.id}/guests`, { token: officer.token })).body;
    expect(guests.find((g: any) => g.id === secondId)).toMatchObject({ active: false });
    expect(guests.find((g: any) => g.id === guestId)).toMatchObject({ active: true });
    const timeline = (await t.request('GET', `/api/disasters/${disaster.id}/timeline`, { token: officer.token })).body;
    expect(timeline.filter((e: any) => e.kind === 'guest_removed' && e.refId === secondId)).toHaveLength(1);
    // Once is enough: a second run finds nobody.
    expect(await sweeper.sweep()).toBe(0);
  });

  it('a guest whose expiry passed may not sign in even before the sweep has run', async () => {
    const res = await t.request('POST', `/api/disasters/${disaster.id}/guests`, {
      token: officer.token,
      json: { displayName: '応援職員 田中', organisation: '隣町役場', expiresAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    const third = await t.login(res.body.username, res.body.password);
    await t.query(`UPDATE users SET guest_expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.guest.id]);
    expect((await t.request('GET', '/api/auth/me', { token: third.token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { json: { username: res.body.username, password: res.body.password } })).status).toBe(
      401,
    );
    expect(await t.server.app.get(GuestService).sweep()).toBe(1);
  });

  it('closing the disaster removes every guest at once: out of the room, socket closed, sign-in refused', async () => {
    const realtime = t.server.app.get(RealtimeService)['server']!;
    const serverSocket = realtime.sockets.sockets.get(guestSocket.id!)!;
    expect(serverSocket.rooms.has(channelRoom(disaster.channelId))).toBe(true);
    const removed = nextEvent(guestSocket, 'chat:removed');
    const revoked = nextEvent(guestSocket, 'session:revoked');
    expect((await t.request('POST', `/api/disasters/${disaster.id}/close`, { token: officer.token })).status).toBe(200);
    expect(serverSocket.rooms.has(channelRoom(disaster.channelId))).toBe(false);
    expect(await removed).toEqual({ channelId: disaster.channelId });
    await revoked;
    expect((await t.request('GET', '/api/auth/me', { token: guest.token })).status).toBe(401);
    const members = await t.query('SELECT user_id FROM chat_members WHERE channel_id = $1 AND user_id = $2', [disaster.channelId, guestId]);
    expect(members).toEqual([]);
    const list = await t.request('GET', `/api/disasters/${disaster.id}/guests`, { token: officer.token });
    expect(list.body.every((g: any) => g.active === false)).toBe(true);
  });

  it('API tokens: created by admins, shown once, stored hashed; two routes and nothing else; revocable', async () => {
    expect((await t.request('POST', '/api/api-tokens', { token: officer.token, json: { name: 'x', scopes: ['disasters'] } })).status).toBe(
      403,
    );
    expect((await t.request('POST', '/api/api-tokens', { token: admin.token, json: { name: 'x', scopes: ['everything'] } })).status).toBe(
      400,
    );
    const created = await t.request('POST', '/api/api-tokens', {
      token: admin.token,
      json: { name: '気象警報リレー', scopes: ['disasters'] },
    });
    expect(created.status).toBe(201);
    const { id, token } = created.body;
    expect(token).toMatch(/^ykb_/);
    const stored = await t.query('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(stored[0].token_hash).not.toContain(token);
    const listed = await t.request('GET', '/api/api-tokens', { token: admin.token });
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const relay = (method: string, path: string, json?: unknown) => t.request(method, path, { token, json });
    const opened = await relay('POST', '/api/disasters', { title: '大雨特別警報', kind: 'heavy_rain', level: 4, drill: false });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ declaredBy: null, declaredByToken: '気象警報リレー', status: 'active' });
    const urgent = await relay('POST', `/api/disasters/${opened.body.id}/urgent`, { body: '大雨特別警報が発表されました。' });
    expect(urgent.status).toBe(201);
    expect(urgent.body.message.urgent).toBe(true);
    for (const [method, path] of [
      ['GET', '/api/disasters'],
      ['GET', `/api/disasters/${opened.body.id}`],
      ['POST', `/api/disasters/${opened.body.id}/close`],
      ['GET', '/api/users'],
      ['GET', '/api/chat/channels'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/api-tokens'],
      ['POST', `/api/chat/channels/${opened.body.channelId}/messages`],
    ])
      expect({ path, status: (await relay(method, path, method === 'POST' ? { body: 'x' } : undefined)).status }).toEqual({
        path,
        status: 403,
      });
    await expect(t.socket({ token })).rejects.toThrow('unauthorized');
    expect((await t.request('DELETE', `/api/api-tokens/${id}`, { token: admin.token })).body.revokedAt).not.toBeNull();
    expect((await relay('POST', '/api/disasters', { title: 'x', kind: 'other', drill: true })).status).toBe(401);
  });
});
