import type { Socket } from 'socket.io-client';
import type { PresentationState } from '@yakuba/contracts';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { ordinaryPdf } from './support/pdf-fixtures';

/** Collects every meeting:state a socket receives, in arrival order. */
function record(socket: Socket): PresentationState[] {
  const seen: PresentationState[] = [];
  socket.on('meeting:state', ({ state }: { state: PresentationState }) => seen.push(state));
  return seen;
}

describe('live meeting session (meeting:join / meeting:present)', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let outsider: SignedIn;
  let meetingId: string;
  let docA: { id: string; pageCount: number };
  let docB: { id: string };

  beforeAll(async () => {
    t = await TestServer.start();
    [organiser, alice, bob, outsider] = await Promise.all(
      ['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku'].map((u) => t.login(u)),
    );
    meetingId = (await createMeeting(t, organiser, [alice, bob])).id;
    docA = (await uploadPdf(t, organiser, meetingId, await ordinaryPdf(5, 'A'))).body;
    docB = (await uploadPdf(t, organiser, meetingId, await ordinaryPdf(2, 'B'))).body;
  });
  afterAll(() => t.close());

  it('answers join with the state: the organiser presents, the first document is shown', async () => {
    const socket = await t.socket({ token: alice.token });
    const res = await emitAck(socket, 'meeting:join', { meetingId });
    expect(res).toEqual({
      ok: true,
      state: { meetingId, documentId: docA.id, page: 1, zoom: 1, presenterId: organiser.user.id, version: 1 },
    });
    const [row] = await t.query('SELECT joined_at FROM meeting_participants WHERE meeting_id = $1 AND user_id = $2', [
      meetingId,
      alice.user.id,
    ]);
    expect(row.joined_at).not.toBeNull();
  });

  it('refuses a non-participant with forbidden, and an unknown meeting the same way', async () => {
    const socket = await t.socket({ token: outsider.token });
    expect(await emitAck(socket, 'meeting:join', { meetingId })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    expect(await emitAck(socket, 'meeting:join', { meetingId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await emitAck(socket, 'meeting:join', { meetingId: 'nope' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await emitAck(socket, 'meeting:present', { meetingId, documentId: docA.id, page: 2 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await t.request('GET', `/api/meetings/${meetingId}`, { token: outsider.token })).status).toBe(404);
  });

  it('delivers every page turn to every participant in order, versions strictly increasing', async () => {
    const presenter = await t.socket({ token: organiser.token });
    const followers = await Promise.all([t.socket({ token: alice.token }), t.socket({ token: bob.token }), t.socket({ token: bob.token })]);
    const joins = await Promise.all([presenter, ...followers].map((s) => emitAck(s, 'meeting:join', { meetingId })));
    const start = joins[0].state.version as number;
    const logs = [presenter, ...followers].map(record);
    const turns = [2, 3, 4, 5, 4, 3, 2, 1].map((page) => ({ meetingId, documentId: docA.id, page }));
    const allDelivered = [presenter, ...followers].map((s) =>
      nextEvent(s, 'meeting:state', ({ state }) => state.version === start + turns.length),
    );
    // Fired without waiting: the server must still apply and announce them one by one, in order.
    const acks = await Promise.all(turns.map((turn) => emitAck(presenter, 'meeting:present', turn)));
    const versions = acks.map((a) => a.state.version);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(versions).toEqual(turns.map((_, i) => start + i + 1));
    await Promise.all(allDelivered);
    const last = acks[acks.length - 1].state as PresentationState;
    for (const log of logs) {
      const seen = log.map((s) => s.version);
      expect(seen).toEqual(versions);
      expect(log.map((s) => s.page)).toEqual([2, 3, 4, 5, 4, 3, 2, 1]);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBe(seen[i - 1] + 1);
    }
    const switched = await emitAck(presenter, 'meeting:present', { meetingId, documentId: docB.id, page: 2, zoom: 1.5 });
    expect(switched.state).toMatchObject({ documentId: docB.id, page: 2, zoom: 1.5, version: last.version + 1 });
  });

  it('gives a late joiner the current state at once, also after a reconnect', async () => {
    const presenter = await t.socket({ token: organiser.token });
    await emitAck(presenter, 'meeting:join', { meetingId });
    const turned = await emitAck(presenter, 'meeting:present', { meetingId, documentId: docA.id, page: 4 });
    const late = await t.socket({ token: bob.token });
    const joined = await emitAck(late, 'meeting:join', { meetingId });
    expect(joined.state).toEqual(turned.state);
    const [row] = await t.query('SELECT current_page, state_version FROM meetings WHERE id = $1', [meetingId]);
    expect(row).toEqual({ current_page: 4, state_version: turned.state.version });
  });

  it('lets only the presenter present, and checks the page and the document', async () => {
    const follower = await t.socket({ token: alice.token });
    await emitAck(follower, 'meeting:join', { meetingId });
    expect(await emitAck(follower, 'meeting:present', { meetingId, documentId: docA.id, page: 2 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const presenter = await t.socket({ token: organiser.token });
    await emitAck(presenter, 'meeting:join', { meetingId });
    for (const page of [0, 6, -1]) {
      expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: docA.id, page })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    }
    expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: docA.id, page: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    const other = await createMeeting(t, organiser, [alice]);
    const foreign = (await uploadPdf(t, organiser, other.id, await ordinaryPdf(9))).body;
    expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: foreign.id, page: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: 'not-an-id', page: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: docA.id, page: 1, zoom: 100 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await emitAck(presenter, 'meeting:present', { meetingId, documentId: docA.id, page: 1, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('hands the presenter role over (organiser only) and relays the pointer to the room', async () => {
    const org = await t.socket({ token: organiser.token });
    const a = await t.socket({ token: alice.token });
    const b = await t.socket({ token: bob.token });
    for (const s of [org, a, b]) await emitAck(s, 'meeting:join', { meetingId });
    expect(await emitAck(a, 'meeting:handover', { meetingId, userId: alice.user.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const announced = nextEvent(b, 'meeting:state', ({ state }) => state.presenterId === alice.user.id);
    const handed = await emitAck(org, 'meeting:handover', { meetingId, userId: alice.user.id });
    expect(handed).toMatchObject({ ok: true, state: { presenterId: alice.user.id } });
    await announced;
    expect(await emitAck(org, 'meeting:present', { meetingId, documentId: docA.id, page: 2 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await emitAck(a, 'meeting:present', { meetingId, documentId: docA.id, page: 3 })).toMatchObject({
      ok: true,
      state: { page: 3 },
    });
    const pointed = nextEvent(b, 'meeting:pointer');
    expect(await emitAck(a, 'meeting:pointer', { meetingId, page: 3, x: 0.5, y: 0.25 })).toEqual({ ok: true });
    expect(await pointed).toEqual({ meetingId, userId: alice.user.id, page: 3, x: 0.5, y: 0.25, visible: true });
    expect(await emitAck(b, 'meeting:pointer', { meetingId, page: 3, x: 0.5, y: 0.25 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const highlighted = nextEvent(b, 'meeting:highlight');
    const stroke = { color: '#ffd400', points: [0.1, 0.2, 0.4, 0.2] };
    expect(await emitAck(a, 'meeting:highlight', { meetingId, page: 3, stroke })).toEqual({ ok: true });
    expect(await highlighted).toEqual({ meetingId, page: 3, stroke });
    expect(await emitAck(b, 'meeting:highlight', { meetingId, page: 3, stroke })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const back = await t.request('POST', `/api/meetings/${meetingId}/presenter`, {
      token: organiser.token,
      json: { userId: organiser.user.id },
    });
    expect(back.body).toMatchObject({ presenterId: organiser.user.id });
  });

  it('answers payloads of any shape with an error acknowledgement, never an internal error', async () => {
    const socket = await t.socket({ token: alice.token });
    for (const event of ['meeting:join', 'meeting:leave', 'meeting:present', 'meeting:handover', 'meeting:pointer', 'meeting:highlight']) {
      for (const payload of [
        null,
        [],
        'x',
        5,
        { meetingId: 5 },
        { meetingId, documentId: {}, page: '2', zoom: 'big' },
        { meetingId, page: 1, x: 2, y: -1 },
        { meetingId, stroke: { points: 'x' } },
      ]) {
        const res = await emitAck(socket, event, payload);
        expect(res.ok).toBe(false);
        expect(['bad_request', 'forbidden', 'not_found']).toContain(res.error.code);
        expect(res.error.message).not.toBe('internal error');
      }
    }
  });

  it('takes a removed participant out of the room at once', async () => {
    const carol = await t.login('watanabe.kikaku');
    const meeting = await createMeeting(t, organiser, [alice, carol]);
    const doc = (await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(3))).body;
    const presenter = await t.socket({ token: organiser.token });
    const removed = await t.socket({ token: carol.token });
    await emitAck(presenter, 'meeting:join', { meetingId: meeting.id });
    await emitAck(removed, 'meeting:join', { meetingId: meeting.id });
    const seen = record(removed);
    const res = await t.request('PATCH', `/api/meetings/${meeting.id}`, {
      token: organiser.token,
      json: { participantIds: [alice.user.id] },
    });
    expect(res.status).toBe(200);
    expect(await emitAck(presenter, 'meeting:present', { meetingId: meeting.id, documentId: doc.id, page: 2 })).toMatchObject({ ok: true });
    // Events on one connection arrive in order: anything sent to the room would have come before this answer.
    await emitAck(removed, 'meeting:leave', { meetingId: meeting.id });
    expect(seen).toEqual([]);
    expect(await emitAck(removed, 'meeting:join', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
