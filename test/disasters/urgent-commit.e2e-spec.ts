import { Client } from 'pg';
import { emitAck, nextEvent, TestServer } from '../support/test-server';
import { declare, eventually } from './support/disaster-fixtures';

/**
 * An urgent message and its urgent record (the row its receipts refer to) commit together. They used to commit one
 * after the other, so a socket could hear of the message and send its `delivered` receipt before the record was
 * visible: bench:disaster saw 2 and 14 of 2,000 receipts refused `not_found`.
 */
describe('an urgent message commits with its urgent record', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  it('while the record cannot be written nobody sees the message; once written, every receipt is taken', async () => {
    const officer = await t.login('sato.somu');
    const staff = await t.login('kato.zeimu');
    const disaster = await declare(t, officer, { title: '大雨 訓練', kind: 'heavy_rain', level: 2, drill: true });
    const socket = await t.socket({ token: staff.token });
    const body = '【訓練】参集してください。';
    const heard = nextEvent(socket, 'chat:message', (e) => e.message.urgent === true && e.message.body === body);

    // Another session holds the urgent records' table: the urgent post must wait for it as a whole.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE disaster_urgent IN SHARE MODE');
      const posting = t.request('POST', `/api/disasters/${disaster.id}/urgent`, { token: officer.token, json: { body } });
      await eventually(
        () =>
          t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'disaster_urgent'::regclass AND NOT granted`),
        ([{ n }]) => n === 1,
      );
      const [{ n }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_messages WHERE channel_id = $1 AND body = $2', [
        disaster.channelId,
        body,
      ]);
      expect(n).toBe(0);
      await blocker.query('ROLLBACK');
      const res = await posting;
      expect(res.status).toBe(201);
    } finally {
      await blocker.end();
    }
    const { message } = await heard;
    const receipt = await emitAck(socket, 'disaster:delivered', { messageIds: [message.id] });
    expect(receipt).toMatchObject({ ok: true });
    const [{ state }] = (
      await t.request('GET', `/api/disasters/${disaster.id}/urgent/${message.id}/acks`, { token: officer.token })
    ).body.receipts.filter((r: { userId: string }) => r.userId === staff.user.id);
    expect(state).toBe('delivered');
  });
});
