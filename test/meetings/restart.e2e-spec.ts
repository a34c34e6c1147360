import { io } from 'socket.io-client';
import { loadConfig } from '@yakuba/platform';
import { startServer, type RunningServer } from '../../apps/server/src/bootstrap';
import { DEMO_PASSWORD, emitAck, TestServer } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { ordinaryPdf } from './support/pdf-fixtures';

describe('live meeting state survives a server restart', () => {
  let t: TestServer;
  let restarted: RunningServer | undefined;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(async () => {
    await restarted?.close();
    await t.close();
  });

  it('a tablet reconnecting to a new server process opens on the presenter’s page', async () => {
    const organiser = await t.login('sato.somu');
    const member = await t.login('suzuki.somu');
    const meeting = await createMeeting(t, organiser, [member]);
    const doc = (await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(6))).body;
    const presenter = await t.socket({ token: organiser.token });
    await emitAck(presenter, 'meeting:join', { meetingId: meeting.id });
    const turned = await emitAck(presenter, 'meeting:present', { meetingId: meeting.id, documentId: doc.id, page: 5, zoom: 1.25 });
    expect(turned.ok).toBe(true);
    await t.server.close();

    // A new process over the same database and files (the embedded cluster keeps running for the test).
    restarted = await startServer(
      loadConfig({
        DATA_DIR: t.dataDir,
        DATABASE_URL: t.databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'x'.repeat(40),
        SEED_DEMO: 'false',
      }),
      { quiet: true },
    );
    const login = await fetch(`${restarted.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'suzuki.somu', password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const tablet = io(restarted.url, { transports: ['websocket'], auth: { token: accessToken }, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => tablet.once('connect', resolve).once('connect_error', reject));
      const joined = await emitAck(tablet, 'meeting:join', { meetingId: meeting.id });
      expect(joined).toEqual({ ok: true, state: turned.state });
    } finally {
      tablet.disconnect();
    }
  });
});
