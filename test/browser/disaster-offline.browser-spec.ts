import { join } from 'node:path';
import { jpegWithGps } from '../disasters/support/disaster-fixtures';
import { PHONE, SCREENSHOT_DIR, TABLET_PORTRAIT, signIn, serverAndBrowser } from './support/browser';

/**
 * Answers given without a connection (on the way in, at the riverbank): each waits in the disasters outbox, is
 * shown as not yet sent, and reaches the server once when the connection returns.
 */
describe('disaster answers made offline', () => {
  const suite = serverAndBrowser();

  it('a duty confirmed offline waits in the outbox and is recorded once when the connection returns', async () => {
    const officer = await suite.server.login('sato.somu');
    const declared = await suite.server.request('POST', '/api/disasters', {
      token: officer.token,
      json: { title: '大雨参集訓練', kind: 'heavy_rain', level: 3, drill: true },
    });
    expect(declared.status).toBe(201);
    const disasterId = declared.body.id as string;
    const duties = (await suite.server.request('GET', `/api/disasters/${disasterId}/duties`, { token: officer.token })).body as {
      id: string;
      title: string;
      assigneeId: string | null;
      state: string;
    }[];
    const first = duties.find((d) => d.assigneeId && d.assigneeId !== officer.user.id && d.state === 'pending');
    expect(first).toBeDefined();
    const mine = duties.filter((d) => d.assigneeId === first!.assigneeId).map((d) => d.id);
    const [{ username }] = await suite.server.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [first!.assigneeId]);

    const holder = await signIn(suite.browser, suite.server, username, TABLET_PORTRAIT);
    holder.page.on('dialog', (dialog) => void dialog.accept());
    await holder.page.goto(`${suite.server.url}/disasters/${disasterId}/roster`);
    const confirm = holder.page.getByTestId('duty-confirm').first();
    await confirm.waitFor();

    await holder.context.setOffline(true);
    await confirm.click();
    const queued = holder.page.getByTestId('duty-queued');
    await queued.waitFor();
    await holder.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-duty-offline-tablet.png') });
    const confirmed = async () =>
      (
        (await suite.server.request('GET', `/api/disasters/${disasterId}/duties`, { token: officer.token })).body as {
          id: string;
          state: string;
        }[]
      )
        .filter((d) => mine.includes(d.id) && d.state === 'confirmed')
        .map((d) => d.id);
    expect(await confirmed()).toEqual([]);

    await holder.context.setOffline(false);
    await queued.waitFor({ state: 'detached', timeout: 30_000 });
    const done = await confirmed();
    expect(done).toHaveLength(1);
    const lines = await suite.server.query('SELECT 1 FROM disaster_timeline WHERE disaster_id = $1 AND kind = $2 AND ref_id = $3', [
      disasterId,
      'duty_confirmed',
      done[0],
    ]);
    expect(lines).toHaveLength(1);
  });

  it('a damage report with a photo made offline on a phone is filed once, photo and place included, when the connection returns', async () => {
    const officer = await suite.server.login('sato.somu');
    const declared = await suite.server.request('POST', '/api/disasters', {
      token: officer.token,
      json: { title: '河川巡視訓練', kind: 'heavy_rain', level: 1, drill: true },
    });
    const disasterId = declared.body.id as string;
    const reporter = await signIn(suite.browser, suite.server, 'mori.kensetsu', PHONE);
    await reporter.page.goto(`${suite.server.url}/disasters/${disasterId}/damage`);
    await reporter.page.getByTestId('damage-new').click();
    await reporter.page.getByLabel('場所').fill('気仙川 川口橋 右岸');
    await reporter.page
      .getByTestId('damage-form')
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: 'kawaguchi.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });

    await reporter.context.setOffline(true);
    await reporter.page.getByRole('button', { name: '報告する' }).click();
    const queued = reporter.page.getByTestId('damage-queued').filter({ hasText: '気仙川 川口橋 右岸' });
    await queued.waitFor();
    await reporter.page.screenshot({ path: join(SCREENSHOT_DIR, 'disaster-damage-offline-phone.png') });
    const filed = async () =>
      (
        (await suite.server.request('GET', `/api/disasters/${disasterId}/damage-reports`, { token: officer.token })).body as {
          place: string;
          photos: { lat: number | null }[];
        }[]
      ).filter((r) => r.place === '気仙川 川口橋 右岸');
    expect(await filed()).toEqual([]);

    await reporter.context.setOffline(false);
    await queued.waitFor({ state: 'detached', timeout: 30_000 });
    const reports = await filed();
    expect(reports).toHaveLength(1);
    expect(reports[0].photos).toHaveLength(1);
    expect(reports[0].photos[0].lat).toBe(39.1);
    await reporter.page.getByText('気仙川 川口橋 右岸').first().waitFor();
  });
});
