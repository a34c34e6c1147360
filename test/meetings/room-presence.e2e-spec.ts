import type { Socket } from 'socket.io-client';
import type { MeetingPresence, MeetingPresenceEntry } from '@yakuba/contracts';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { ordinaryPdf } from './support/pdf-fixtures';

/** The next `meeting:presence` of this meeting that satisfies `check`. */
const presenceWhere = (socket: Socket, meetingId: string, check: (people: MeetingPresenceEntry[]) => boolean) =>
  nextEvent<MeetingPresence>(socket, 'meeting:presence', (p) => p.meetingId === meetingId && check(p.participants)).then(
    (p) => p.participants,
  );
const entry = (people: MeetingPresenceEntry[], userId: string) => people.find((p) => p.userId === userId);

describe("the presenter's panel: who is in the room and who follows (meeting:presence, meeting:follow)", () => {
  let t: TestServer;
  let organiser: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let outsider: SignedIn;
  let meetingId: string;
  let documentId: string;

  beforeAll(async () => {
    t = await TestServer.start();
    [organiser, alice, bob, outsider] = await Promise.all(['sato.somu', 'suzuki.somu', 'takahashi.somu', 'tanaka.kikaku'].map((u) => t.login(u)));
    meetingId = (await createMeeting(t, organiser, [alice, bob])).id;
    documentId = (await uploadPdf(t, organiser, meetingId, await ordinaryPdf(5, 'A'))).body.id;
  });
  afterAll(() => t.close());

  it('lists each person once as they join (following), then browsing on a page, then following again', async () => {
    const presenter = await t.socket({ token: organiser.token });
    const presenterSees = presenceWhere(presenter, meetingId, (people) => people.length === 1);
    await emitAck(presenter, 'meeting:join', { meetingId });
    expect(await presenterSees).toEqual([{ userId: organiser.user.id, following: true, documentId: null, page: null, devices: 1 }]);

    const tablet = await t.socket({ token: alice.token });
    const aliceIn = presenceWhere(presenter, meetingId, (people) => !!entry(people, alice.user.id));
    // The joining socket hears the list too, itself included.
    const tabletSees = presenceWhere(tablet, meetingId, (people) => people.length === 2);
    await emitAck(tablet, 'meeting:join', { meetingId });
    expect(entry(await aliceIn, alice.user.id)).toEqual({ userId: alice.user.id, following: true, documentId: null, page: null, devices: 1 });
    expect((await tabletSees).map((p) => p.userId).sort()).toEqual([organiser.user.id, alice.user.id].sort());

    const browsing = presenceWhere(presenter, meetingId, (people) => entry(people, alice.user.id)?.following === false);
    expect(await emitAck(tablet, 'meeting:follow', { meetingId, following: false, documentId, page: 3 })).toEqual({ ok: true });
    expect(entry(await browsing, alice.user.id)).toEqual({ userId: alice.user.id, following: false, documentId, page: 3, devices: 1 });

    // A second device that follows: the person counts as following, on two devices.
    const desktop = await t.socket({ token: alice.token });
    const twoDevices = presenceWhere(presenter, meetingId, (people) => entry(people, alice.user.id)?.devices === 2);
    await emitAck(desktop, 'meeting:join', { meetingId });
    expect(entry(await twoDevices, alice.user.id)).toMatchObject({ following: true, devices: 2 });

    // That device leaves: the browsing tablet is what is left of her.
    const oneDevice = presenceWhere(presenter, meetingId, (people) => entry(people, alice.user.id)?.devices === 1);
    await emitAck(desktop, 'meeting:leave', { meetingId });
    expect(entry(await oneDevice, alice.user.id)).toMatchObject({ following: false, page: 3 });

    const back = presenceWhere(presenter, meetingId, (people) => entry(people, alice.user.id)?.following === true);
    await emitAck(tablet, 'meeting:follow', { meetingId, following: true });
    expect(entry(await back, alice.user.id)).toEqual({ userId: alice.user.id, following: true, documentId: null, page: null, devices: 1 });

    // A disconnected tablet leaves the list.
    const gone = presenceWhere(presenter, meetingId, (people) => !entry(people, alice.user.id));
    tablet.disconnect();
    expect((await gone).map((p) => p.userId)).toEqual([organiser.user.id]);
    presenter.disconnect();
  });

  it('refuses meeting:follow before joining (forbidden), from a non-participant, and with a bad payload', async () => {
    const socket = await t.socket({ token: bob.token });
    expect(await emitAck(socket, 'meeting:follow', { meetingId, following: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stranger = await t.socket({ token: outsider.token });
    expect(await emitAck(stranger, 'meeting:join', { meetingId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emitAck(stranger, 'meeting:follow', { meetingId, following: false, page: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await emitAck(socket, 'meeting:join', { meetingId });
    for (const bad of [
      {},
      { meetingId },
      { meetingId, following: 'yes' },
      { meetingId, following: false, page: 0 },
      { meetingId, following: false, page: 1.5 },
      { meetingId, following: false, documentId: 'x' },
      { meetingId: 'nope', following: true },
      null,
      [],
    ]) {
      expect(await emitAck(socket, 'meeting:follow', bad)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    // Joined to another meeting's room only: still forbidden here.
    const other = (await createMeeting(t, organiser, [bob])).id;
    const elsewhere = await t.socket({ token: bob.token });
    await emitAck(elsewhere, 'meeting:join', { meetingId: other });
    expect(await emitAck(elsewhere, 'meeting:follow', { meetingId, following: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const s of [socket, stranger, elsewhere]) s.disconnect();
  });

  it('takes someone removed from the meeting out of the list at once', async () => {
    const presenter = await t.socket({ token: organiser.token });
    await emitAck(presenter, 'meeting:join', { meetingId });
    const tablet = await t.socket({ token: bob.token });
    const bobIn = presenceWhere(presenter, meetingId, (people) => !!entry(people, bob.user.id));
    await emitAck(tablet, 'meeting:join', { meetingId });
    await bobIn;
    const bobOut = presenceWhere(presenter, meetingId, (people) => !entry(people, bob.user.id));
    const res = await t.request('PATCH', `/api/meetings/${meetingId}`, { token: organiser.token, json: { participantIds: [alice.user.id] } });
    expect(res.status).toBe(200);
    expect(entry(await bobOut, bob.user.id)).toBeUndefined();
    for (const s of [presenter, tablet]) s.disconnect();
  });
});

describe('meeting-room viewer settings (fit width or fit page, per user)', () => {
  let t: TestServer;
  let alice: SignedIn;
  let bob: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    [alice, bob] = await Promise.all(['suzuki.somu', 'takahashi.somu'].map((u) => t.login(u)));
  });
  afterAll(() => t.close());

  it('answers fit width until the reader chooses, keeps their choice, and only theirs', async () => {
    expect(await t.request('GET', '/api/meetings/viewer-settings', { token: alice.token })).toMatchObject({ status: 200, body: { fit: 'width' } });
    expect(await t.request('PUT', '/api/meetings/viewer-settings', { token: alice.token, json: { fit: 'page' } })).toMatchObject({
      status: 200,
      body: { fit: 'page' },
    });
    expect((await t.request('GET', '/api/meetings/viewer-settings', { token: alice.token })).body).toEqual({ fit: 'page' });
    expect((await t.request('GET', '/api/meetings/viewer-settings', { token: bob.token })).body).toEqual({ fit: 'width' });
    await t.request('PUT', '/api/meetings/viewer-settings', { token: alice.token, json: { fit: 'width' } });
    expect((await t.request('GET', '/api/meetings/viewer-settings', { token: alice.token })).body).toEqual({ fit: 'width' });
    expect(await t.query('SELECT fit FROM meeting_viewer_settings WHERE user_id = $1', [alice.user.id])).toEqual([{ fit: 'width' }]);
  });

  it('refuses bad input with 400 and changes nothing; needs a session', async () => {
    await t.request('PUT', '/api/meetings/viewer-settings', { token: bob.token, json: { fit: 'page' } });
    for (const json of [{}, { fit: 'zoom' }, { fit: 1 }, { fit: null }, { fit: 'page', userId: alice.user.id }, [], 'page']) {
      const res = await t.request('PUT', '/api/meetings/viewer-settings', { token: bob.token, json });
      expect({ json, status: res.status }).toEqual({ json, status: 400 });
    }
    expect((await t.request('GET', '/api/meetings/viewer-settings', { token: bob.token })).body).toEqual({ fit: 'page' });
    expect((await t.request('GET', '/api/meetings/viewer-settings')).status).toBe(401);
    expect((await t.request('PUT', '/api/meetings/viewer-settings', { json: { fit: 'page' } })).status).toBe(401);
  });
});
