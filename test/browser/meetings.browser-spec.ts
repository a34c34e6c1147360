import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { japaneseNonEmbeddedFontPdf, ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { DESKTOP, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

const shownPage = (page: Page) => page.getByTestId('viewer-page').getAttribute('data-page');
const waitForPage = (page: Page, n: number) =>
  page.locator(`[data-testid="viewer-page"][data-page="${n}"][data-rendered="yes"]`).waitFor({ timeout: 15000 });

describe('meeting room on tablets', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let meetingId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const organiser = await server.login('sato.somu');
    const member = await server.login('suzuki.somu');
    meetingId = (
      await createMeeting(server, organiser, [member], { title: '庁議（画面テスト）', agenda: [{ title: '電子決裁の導入について' }] })
    ).id;
    await uploadPdf(server, organiser, meetingId, await ordinaryPdf(5, 'Agenda'), { title: '庁議資料' });
    await uploadPdf(server, organiser, meetingId, japaneseNonEmbeddedFontPdf(), { title: '電子決裁', confidential: 'true' });
    await uploadPdf(server, organiser, meetingId, japaneseNonEmbeddedFontPdf(['庁議資料（和文）']), { title: '和文資料' });
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server.close();
  });

  it("moves the follower's page when the presenter turns it (landscape presenter, portrait follower), and back after free browsing", async () => {
    const presenter = await signIn(browser, server, 'sato.somu', TABLET_LANDSCAPE);
    const follower = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    await presenter.page.goto(`${server.url}/meetings/${meetingId}/room`);
    await follower.page.goto(`${server.url}/meetings/${meetingId}/room`);
    await waitForPage(presenter.page, 1);
    await waitForPage(follower.page, 1);
    await follower.page.getByTestId('follow-state').waitFor();

    await presenter.page.getByTestId('next-page').click();
    await waitForPage(follower.page, 2);
    await presenter.page.getByTestId('next-page').click();
    await waitForPage(follower.page, 3);
    await presenter.page.keyboard.press('ArrowRight');
    await waitForPage(follower.page, 4);
    await follower.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-follower-portrait.png') });
    await presenter.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-presenter-landscape.png') });

    // The follower browses freely: the presenter's next turn does not move them, one tap brings them back.
    await follower.page.getByTestId('prev-page').click();
    await waitForPage(follower.page, 3);
    await follower.page.getByTestId('back-to-presenter').waitFor();
    await presenter.page.getByTestId('next-page').click();
    await waitForPage(presenter.page, 5);
    expect(await shownPage(follower.page)).toBe('3');
    await follower.page.getByTestId('back-to-presenter').click();
    await waitForPage(follower.page, 5);

    // A late joiner opens on the presenter's page at once.
    const late = await signIn(browser, server, 'suzuki.somu', TABLET_LANDSCAPE);
    await late.page.goto(`${server.url}/meetings/${meetingId}/room`);
    await waitForPage(late.page, 5);
    for (const s of [presenter, follower, late]) await s.context.close();
  });

  it('shows a confidential paper as server-drawn images with the viewer’s name burnt in, never as a PDF, and the meeting page fits the tablet', async () => {
    const follower = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    const requested: string[] = [];
    follower.page.on('request', (r) => requested.push(r.url()));
    await follower.page.goto(`${server.url}/meetings/${meetingId}`);
    await follower.page.getByRole('heading', { name: '庁議（画面テスト）' }).waitFor();
    await follower.page.getByText('電子決裁').first().waitFor();
    const overflow = await follower.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await follower.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-detail-portrait.png'), fullPage: true });
    await follower.page.goto(`${server.url}/meetings/${meetingId}/room`);
    await waitForPage(follower.page, 5);

    // A paper that names HeiseiMin-W3 without embedding it: pdf.js in the browser draws it with the bundled Noto Sans JP.
    await follower.page.getByRole('combobox', { name: '資料' }).selectOption({ label: '和文資料' });
    await waitForPage(follower.page, 1);
    expect(await follower.page.evaluate<boolean>(`document.fonts.check('16px "HeiseiMin W3"', '庁議資料（和文）')`)).toBe(true);

    const secretId = await follower.page.evaluate<string>(
      `fetch('/api/meetings/${meetingId}').then((r) => r.json()).then((m) => m.documents.find((d) => d.title === '電子決裁').id)`,
    );
    const firstImage = follower.page.waitForResponse((r) => r.url().includes(`/documents/${secretId}/pages/1.png`));
    await follower.page.getByRole('combobox', { name: '資料' }).selectOption({ label: '【秘】電子決裁' });
    const image = await firstImage;
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
    expect(image.headers()['cache-control']).toBe('private, no-store');
    await waitForPage(follower.page, 1);
    const sheet = follower.page.getByTestId('viewer-page');
    expect(await sheet.locator('canvas').count()).toBe(0);
    // The watermark is in the picture itself (reddish diagonal text), the page's text drawn over white.
    const drawn = await follower.page.evaluate<{ width: number; reddish: number; dark: number }>(`(() => {
      const img = document.querySelector('[data-testid="viewer-page"] img.server-page');
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let reddish = 0, dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] - data[i + 1] > 25 && data[i] - data[i + 2] > 25) reddish++;
        if (data[i] < 100 && data[i + 1] < 100 && data[i + 2] < 100) dark++;
      }
      return { width: img.naturalWidth, reddish, dark };
    })()`);
    expect(drawn.reddish).toBeGreaterThan(5000);
    expect(drawn.dark).toBeGreaterThan(500);
    await follower.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-confidential-watermark.png') });

    // Zoom asks for a wider image; thumbnails come from the same route, small.
    const wider = follower.page.waitForResponse((r) => {
      const asked = /\/pages\/1\.png\?width=(\d+)$/.exec(r.url());
      return !!asked && Number(asked[1]) > drawn.width;
    });
    await follower.page.getByRole('button', { name: '拡大' }).click();
    expect((await wider).status()).toBe(200);
    await waitForPage(follower.page, 1);
    const zoomed = await follower.page.evaluate<number>(
      `document.querySelector('[data-testid="viewer-page"] img.server-page').naturalWidth`,
    );
    expect(zoomed).toBeGreaterThan(drawn.width);
    await follower.page.getByRole('button', { name: 'サムネイル' }).click();
    await follower.page.locator('.thumbs img.server-page').nth(2).waitFor();
    expect(requested.some((u) => /\/pages\/3\.png\?width=(200|400)$/.test(u))).toBe(true);
    await follower.page.getByRole('button', { name: 'サムネイル' }).click();

    // Search inside the documents, then handwriting with the pen, saved as it is written.
    await follower.page.getByRole('searchbox', { name: '資料内を検索' }).fill('災害対応');
    await follower.page.getByRole('button', { name: /電子決裁 p\.3/ }).click();
    await waitForPage(follower.page, 3);
    await follower.page.getByRole('button', { name: 'ペン', exact: true }).click();
    const box = (await follower.page.getByTestId('notes-layer').boundingBox())!;
    const saved = follower.page.waitForResponse((r) => r.url().includes('/notes/3') && r.request().method() === 'PUT');
    await follower.page.mouse.move(box.x + 100, box.y + 100);
    await follower.page.mouse.down();
    for (let i = 1; i <= 10; i++) await follower.page.mouse.move(box.x + 100 + i * 20, box.y + 100 + i * 8);
    await follower.page.mouse.up();
    expect((await saved).status()).toBe(200);
    // Nothing asked for the confidential paper as a PDF: no .../view, no .../file.
    const secretPdf = requested.filter((u) => u.includes(`/documents/${secretId}/`) && !/\/pages\/\d+\.png|\/notes/.test(u));
    expect(secretPdf).toEqual([]);
    expect(requested.some((u) => u.includes(`/documents/${secretId}/pages/3.png`))).toBe(true);
    await follower.context.close();

    // Restored on another device (a new browser context of the same person); nobody else sees them.
    const tablet = await signIn(browser, server, 'suzuki.somu', TABLET_LANDSCAPE);
    const notes = await tablet.page.evaluate<{ pages: { page: number; strokes: unknown[] }[] }>(
      `fetch('/api/meetings/${meetingId}').then((r) => r.json()).then((m) => fetch('/api/meetings/${meetingId}/documents/' + m.documents.find((d) => d.title === '電子決裁').id + '/notes')).then((r) => r.json())`,
    );
    expect(notes.pages).toEqual([expect.objectContaining({ page: 3, strokes: [expect.objectContaining({ tool: 'pen' })] })]);
    await tablet.context.close();
  });

  it('lists my meetings with the paper saved, and uploads a PDF from the meeting page (desktop)', async () => {
    const organiser = await signIn(browser, server, 'sato.somu', DESKTOP);
    await organiser.page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '会議' }).click();
    await organiser.page.getByTestId('paper-saved').waitFor();
    await organiser.page.getByRole('link', { name: /庁議（画面テスト）/ }).click();
    await organiser.page.getByRole('heading', { name: '庁議（画面テスト）' }).waitFor();
    await organiser.page
      .getByTestId('upload-input')
      .setInputFiles({ name: '補足資料.pdf', mimeType: 'application/pdf', buffer: await ordinaryPdf(2, 'Extra') });
    await organiser.page.getByText('補足資料').waitFor();
    await organiser.page
      .getByTestId('upload-input')
      .setInputFiles({ name: 'not-a.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\x03\x04 zip') });
    await organiser.page.getByRole('alert').filter({ hasText: '415' }).waitFor();
    await organiser.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-detail-desktop.png'), fullPage: true });
    await organiser.context.close();
  });
});
