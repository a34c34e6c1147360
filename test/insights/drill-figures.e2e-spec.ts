import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { ack, declare } from '../disasters/support/disaster-fixtures';
import { emitAck, nextEvent, TestServer, type SignedIn } from '../support/test-server';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};
const r1 = (v: number) => Math.round(v * 10) / 10;

/** What a KPI says, without the moment it was computed. */
const figures = (kpis: any[]) =>
  kpis.map((k) => ({
    key: k.key,
    value: k.value,
    n: k.n ?? null,
    agree: k.agree ?? null,
    verdict: k.verdict,
    history: k.history.map((h: any) => [h.label, h.value]),
  }));

/**
 * A drill run through the real API and sockets (declaration, urgent message, acknowledgements, roll call, chat in the
 * drill channel): the dashboard's drill figures equal what happened, and no KPI moves (drills are shown apart).
 */
describe('insights: a drill on the dashboard, apart from every KPI', () => {
  let t: TestServer;
  let officer: SignedIn;
  let surveyAdmin: SignedIn;
  const staff: SignedIn[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await TestServer.start();
    [officer, surveyAdmin] = await Promise.all(['sato.somu', 'ito.kikaku'].map((u) => t.login(u)));
    for (const u of ['takahashi.somu', 'suzuki.somu', 'kato.zeimu', 'mori.kensetsu']) staff.push(await t.login(u));
    for (const s of staff) sockets.push(await t.socket({ token: s.token }));
  });
  afterAll(() => t.close());

  const dashboard = async () => {
    const res = await t.request('GET', '/api/kpis/dashboard', { token: surveyAdmin.token });
    expect(res.status).toBe(200);
    return res.body as { kpis: any[]; drills: { available: boolean; drills: any[] } };
  };

  it('acknowledgement and roll-call figures equal the drill as it happened; chat in the drill channel moves no KPI', async () => {
    const before = await dashboard();
    const drill = await declare(t, officer, { title: 'KPI確認訓練', kind: 'earthquake', level: 3, drill: true });
    const declaredAt = new Date(drill.openedAt as string).getTime();

    // The urgent message reaches the staff; three of the four acknowledge it (delivered, opened, acknowledged).
    const reached = sockets.map((s) => nextEvent(s, 'chat:message', (e) => e.message.urgent === true));
    const urgent = await t.request('POST', `/api/disasters/${drill.id}/urgent`, {
      token: officer.token,
      json: { body: '【訓練】安否を回答してください。' },
    });
    expect(urgent.status).toBe(201);
    const messageId = urgent.body.message.id as string;
    const sentAt = new Date(urgent.body.message.createdAt as string).getTime();
    await Promise.all(reached);
    const ackedAt: number[] = [];
    for (const s of sockets.slice(0, 3)) {
      await emitAck(s, 'disaster:delivered', { messageIds: [messageId] });
      await emitAck(s, 'disaster:opened', { messageId });
      const answer = await ack(s, messageId);
      expect(answer.ok).toBe(true);
      ackedAt.push(new Date(answer.receipt.acknowledgedAt as string).getTime());
    }

    // Staff talk in the drill channel, with a thread reply: none of it may reach the chat KPIs.
    const root = await emitAck(sockets[0], 'chat:send', {
      channelId: drill.channelId,
      clientMsgId: randomUUID(),
      body: '総務課、全員無事です',
    });
    expect(root.ok).toBe(true);
    const reply = await emitAck(sockets[1], 'chat:send', {
      channelId: drill.channelId,
      clientMsgId: randomUUID(),
      body: '了解しました',
      threadRootId: root.message.id,
    });
    expect(reply.ok).toBe(true);

    // Roll call: two answer themselves; the drill is not complete yet.
    const put = (who: SignedIn, path = '') =>
      t.request('PUT', `/api/disasters/${drill.id}/roll-call${path}`, {
        token: who.token,
        json: { safety: 'safe', attendance: 'available' },
      });
    const answeredAt: number[] = [];
    for (const s of staff.slice(0, 2)) {
      const res = await put(s);
      expect(res.status).toBe(200);
      answeredAt.push(new Date(res.body.answeredAt as string).getTime());
    }
    const acks = (await t.request('GET', `/api/disasters/${drill.id}/urgent/${messageId}/acks`, { token: officer.token })).body;
    let tally = (await t.request('GET', `/api/disasters/${drill.id}/roll-call`, { token: officer.token })).body;
    const recipients = acks.acknowledged.length + acks.pending.length;
    expect(acks.acknowledged).toHaveLength(3);

    const expectDrill = (found: any, complete: boolean) => {
      expect(found).toMatchObject({ title: 'KPI確認訓練', members: tally.total });
      // One urgent message: acknowledged pairs over recipient pairs (the author does not acknowledge their own).
      expect(found.ackShare).toBeCloseTo(3 / recipients, 10);
      expect(Math.abs(found.ackMedianSeconds - r1(median(ackedAt.map((a) => (a - sentAt) / 1000))))).toBeLessThanOrEqual(0.1);
      expect(found.rollCallShare).toBeCloseTo(tally.answered / tally.total, 10);
      expect(Math.abs(found.rollCallMedianMinutes - r1(median(answeredAt.map((a) => (a - declaredAt) / 60000))))).toBeLessThanOrEqual(0.1);
      if (complete)
        expect(Math.abs(found.rollCallCompleteMinutes - r1((Math.max(...answeredAt) - declaredAt) / 60000))).toBeLessThanOrEqual(0.1);
      else expect(found.rollCallCompleteMinutes).toBeNull();
    };
    let after = await dashboard();
    expect(after.drills.available).toBe(true);
    expectDrill(
      after.drills.drills.find((d) => d.disasterId === drill.id),
      false,
    );

    // The officer answers for everyone else reached by phone: the roll call completes at the last answer.
    for (const userId of tally.unanswered as string[]) {
      const res = await put(officer, `/${userId}`);
      expect(res.status).toBe(200);
      answeredAt.push(new Date(res.body.answeredAt as string).getTime());
    }
    tally = (await t.request('GET', `/api/disasters/${drill.id}/roll-call`, { token: officer.token })).body;
    expect(tally.answered).toBe(tally.total);
    after = await dashboard();
    expectDrill(
      after.drills.drills.find((d) => d.disasterId === drill.id),
      true,
    );

    // Not one KPI moved: the urgent message, the staff's messages, the thread reply and the roll call are all drill.
    expect(figures(after.kpis)).toEqual(figures(before.kpis));
    expect(after.kpis.map((k) => k.key)).not.toContain('drills');
  });
});
