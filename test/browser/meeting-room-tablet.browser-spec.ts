import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { createMeeting, uploadPdf } from '../meetings/support/meetings-client';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { DESKTOP, SCREENSHOT_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

type Box = { x: number; y: number; width: number; height: number };

const rendered = (page: Page, n: number) =>
  page.locator(`[data-testid="viewer-page"][data-page="${n}"][data-rendered="yes"]`).waitFor({ timeout: 15000 });
/** The page drawn at the size its fit asks for in the room as it is now (after a resize, a new fit or a reload). */
const settled = (page: Page, n: number, fit: 'width' | 'page') =>
  page.waitForFunction<boolean, { n: number; fit: string }>(
    ({ n: want, fit: how }) => {
      const stage = document.querySelector('[data-stage]');
      const sheet = document.querySelector<HTMLElement>('[data-testid="viewer-page"]');
      if (!stage || !sheet || sheet.dataset.rendered !== 'yes' || sheet.dataset.page !== String(want)) return false;
      const r = sheet.getBoundingClientRect();
      const w = stage.clientWidth - 24;
      const h = stage.clientHeight - 24;
      return how === 'width' ? Math.abs(r.width - w) < 2 : Math.abs(r.width - w) < 2 || Math.abs(r.height - h) < 2;
    },
    { n, fit },
    { timeout: 15000 },
  );
const box = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox())!;
const inside = (inner: Box, outer: Box, slack = 1) =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;
/** Whatever is drawn at these points of the window belongs to the meeting room (nothing of the app's shell shows). */
const roomCovers = (page: Page, points: [number, number][]) =>
  page.evaluate<boolean, [number, number][]>(
    (pts) => pts.every(([x, y]) => !!document.elementFromPoint(x, y)?.closest('[data-testid="meeting-room"]')),
    points,
  );
/** A real touch gesture (trusted pointer events, as a tablet sends them), through the DevTools protocol. */
async function touch(page: Page, steps: { type: 'touchStart' | 'touchMove' | 'touchEnd'; points: [number, number][] }[]) {
  const cdp = await page.context().newCDPSession(page);
  for (const s of steps)
    await cdp.send('Input.dispatchTouchEvent', { type: s.type, touchPoints: s.points.map(([x, y], id) => ({ x, y, id })) });
  await cdp.detach();
}

describe('meeting room made for a 10-inch tablet', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let meetingId: string;
  let room: string;
  let organiserId: string;
  let followerId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const organiser = await server.login('sato.somu');
    const member = await server.login('suzuki.somu');
    const other = await server.login('takahashi.somu');
    meetingId = (await createMeeting(server, organiser, [member, other], { title: '庁議（タブレット）' })).id;
    await uploadPdf(server, organiser, meetingId, await ordinaryPdf(6, 'Tablet'), { title: '庁議資料' });
    room = `${server.url}/meetings/${meetingId}/room`;
    organiserId = organiser.user.id;
    followerId = member.user.id;
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server.close();
  });

  it.each([
    ['portrait', TABLET_PORTRAIT],
    ['landscape', TABLET_LANDSCAPE],
  ])('reads full screen on a tablet in %s: the menu and top bar are covered, Escape or the button leaves', async (name, viewport) => {
    const { context, page } = await signIn(browser, server, 'takahashi.somu', viewport);
    await page.goto(room);
    await rendered(page, 1);
    const corners: [number, number][] = [
      [4, 4],
      [viewport.width / 2, 10],
      [viewport.width - 4, 4],
      [4, viewport.height / 2],
      [4, viewport.height - 4],
    ];
    expect(await roomCovers(page, corners)).toBe(false);
    await page.getByTestId('enter-reading').click();
    await page.locator('[data-testid="meeting-room"][data-reading="yes"]').waitFor();
    console.log(`reading mode, ${name}: Fullscreen API ${await page.evaluate('document.fullscreenElement ? "used" : "not used"')}`);
    expect(await roomCovers(page, corners)).toBe(true);
    await settled(page, 1, 'width');
    // The page grew into the room the menu and top bar left.
    const sheet = await box(page, '[data-testid="viewer-page"]');
    expect(sheet.width).toBeGreaterThan(viewport.width - 60);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `meeting-room-reading-${name}.png`) });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="meeting-room"][data-reading="no"]').waitFor();
    await page.waitForFunction('!document.fullscreenElement');
    expect(await roomCovers(page, corners)).toBe(false);
    // The visible button does the same.
    await page.getByTestId('enter-reading').click();
    await page.getByTestId('leave-reading').click();
    await page.locator('[data-testid="meeting-room"][data-reading="no"]').waitFor();
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await context.close();
  });

  it('fits the whole page or the width, remembered for the user after a reload and on another tablet', async () => {
    const { context, page } = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    await page.goto(room);
    await settled(page, 1, 'width');
    const stage = await box(page, '[data-stage]');
    const wide = await box(page, '[data-testid="viewer-page"]');
    expect(wide.width).toBeGreaterThan(stage.width - 40);
    // An A4 page at the width of a portrait tablet is taller than the room: it scrolls.
    expect(wide.height).toBeGreaterThan(stage.height);

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/meetings/viewer-settings') && r.request().method() === 'PUT');
    await page.getByTestId('fit-page').click();
    expect((await saved).status()).toBe(200);
    await settled(page, 1, 'page');
    const whole = await box(page, '[data-testid="viewer-page"]');
    expect(inside(whole, stage)).toBe(true);
    expect(whole.width).toBeLessThan(wide.width);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-fit-page-portrait.png') });

    await page.reload();
    await settled(page, 1, 'page');
    expect(await page.getByTestId('fit-page').getAttribute('aria-pressed')).toBe('true');
    expect(inside(await box(page, '[data-testid="viewer-page"]'), await box(page, '[data-stage]'))).toBe(true);

    // Another device of the same person, in landscape: the whole page again, inside the room.
    const other = await signIn(browser, server, 'suzuki.somu', TABLET_LANDSCAPE);
    await other.page.goto(room);
    await settled(other.page, 1, 'page');
    const landscapeStage = await box(other.page, '[data-stage]');
    const landscapeSheet = await box(other.page, '[data-testid="viewer-page"]');
    expect(inside(landscapeSheet, landscapeStage)).toBe(true);
    expect(landscapeSheet.height).toBeGreaterThan(landscapeStage.height - 40);
    await other.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-fit-page-landscape.png') });

    // Back to fit width: remembered the same way.
    const back = page.waitForResponse((r) => r.url().endsWith('/api/meetings/viewer-settings') && r.request().method() === 'PUT');
    await page.getByTestId('fit-width').click();
    expect((await back).status()).toBe(200);
    await page.reload();
    await settled(page, 1, 'width');
    expect(await page.getByTestId('fit-width').getAttribute('aria-pressed')).toBe('true');
    expect((await box(page, '[data-testid="viewer-page"]')).width).toBeGreaterThan(stage.width - 40);
    await other.context.close();
    await context.close();
  });

  it('writes a memo on the page (no prompt box): Enter saves, Escape cancels, at the page edge it stays in view', async () => {
    const { context, page } = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(room);
    await settled(page, 1, 'width');
    await page.getByRole('button', { name: 'メモ', exact: true }).click();
    const sheet = await box(page, '[data-testid="viewer-page"]');
    const stage = await box(page, '[data-stage]');

    // Enter saves.
    await page.mouse.click(sheet.x + 150, sheet.y + 200);
    const editor = page.getByTestId('memo-editor');
    await editor.waitFor();
    const firstSave = page.waitForResponse((r) => /\/notes\/1$/.test(r.url()) && r.request().method() === 'PUT');
    await editor.getByRole('textbox').fill('予算の根拠を確認');
    await editor.getByRole('textbox').press('Enter');
    await editor.waitFor({ state: 'detached' });
    expect((await firstSave).status()).toBe(200);
    await page.getByTestId('memo-note').filter({ hasText: '予算の根拠を確認' }).waitFor();

    // Escape cancels: nothing added, and the room stays as it was.
    await page.mouse.click(sheet.x + 300, sheet.y + 400);
    await editor.waitFor();
    await editor.getByRole('textbox').fill('取り消すメモ');
    await editor.getByRole('textbox').press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await page.getByTestId('memo-note').count()).toBe(1);

    // At the bottom right corner of what is visible of the page: the editor opens towards the inside, whole.
    const visible = {
      x: Math.max(sheet.x, stage.x),
      y: Math.max(sheet.y, stage.y),
      width: Math.min(sheet.x + sheet.width, stage.x + stage.width) - Math.max(sheet.x, stage.x),
      height: Math.min(sheet.y + sheet.height, stage.y + stage.height) - Math.max(sheet.y, stage.y),
    };
    await page.mouse.click(visible.x + visible.width - 4, visible.y + visible.height - 4);
    await editor.waitFor();
    const edited = (await editor.boundingBox())!;
    expect(inside(edited, visible)).toBe(true);
    expect(edited.width).toBeGreaterThan(150);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-memo-edge-portrait.png') });
    const edgeSave = page.waitForResponse((r) => /\/notes\/1$/.test(r.url()) && r.request().method() === 'PUT');
    await editor.getByRole('textbox').fill('端のメモ');
    await editor.getByRole('textbox').press('Control+Enter');
    expect((await edgeSave).status()).toBe(200);
    const note = page.getByTestId('memo-note').filter({ hasText: '端のメモ' });
    await note.waitFor();
    expect(inside((await note.boundingBox())!, sheet)).toBe(true);

    // Tapping a memo opens it again, to change it.
    await page.getByTestId('memo-note').filter({ hasText: '予算の根拠を確認' }).click();
    await editor.waitFor();
    expect(await editor.getByRole('textbox').inputValue()).toBe('予算の根拠を確認');
    await editor.getByRole('textbox').press('Escape');

    // Kept on the server for this person.
    const notes = await page.evaluate<{ pages: { page: number; memos: { text: string }[] }[] }>(
      `fetch('/api/meetings/${meetingId}').then((r) => r.json()).then((m) => fetch('/api/meetings/${meetingId}/documents/' + m.documents[0].id + '/notes')).then((r) => r.json())`,
    );
    expect(notes.pages[0].memos.map((m) => m.text).sort()).toEqual(['予算の根拠を確認', '端のメモ'].sort());
    expect(dialogs).toEqual([]);

    // Landscape and desktop: the same at the right edge of the page.
    for (const [name, viewport] of [
      ['landscape', TABLET_LANDSCAPE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await settled(page, 1, 'width');
      const s = await box(page, '[data-testid="viewer-page"]');
      const st = await box(page, '[data-stage]');
      await page.mouse.click(Math.min(s.x + s.width, st.x + st.width) - 3, s.y + 40);
      await editor.waitFor();
      expect(inside((await editor.boundingBox())!, s)).toBe(true);
      expect(inside((await editor.boundingBox())!, st)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `meeting-room-memo-edge-${name}.png`) });
      await editor.getByRole('textbox').press('Escape');
    }
    await context.close();
  });

  it('turns pages with a swipe and zooms with a pinch around the fingers; a double tap resets', async () => {
    const { context, page } = await signIn(browser, server, 'takahashi.somu', TABLET_PORTRAIT);
    await page.goto(room);
    await rendered(page, 1);
    const sheet = await box(page, '[data-testid="viewer-page"]');
    const y = sheet.y + 300;
    const swipe = (from: number, to: number) =>
      touch(page, [
        { type: 'touchStart', points: [[from, y]] },
        ...[0.25, 0.5, 0.75, 1].map((f) => ({ type: 'touchMove' as const, points: [[from + (to - from) * f, y]] as [number, number][] })),
        { type: 'touchEnd', points: [] },
      ]);
    await swipe(sheet.x + 600, sheet.x + 150);
    await rendered(page, 2);
    await page.getByTestId('back-to-presenter').waitFor();
    await swipe(sheet.x + 150, sheet.x + 600);
    await rendered(page, 1);

    // Pinch out around a point: that point of the page stays between the fingers.
    const mid = { x: sheet.x + 300, y: sheet.y + 350 };
    const before = await page.evaluate<{ fx: number; fy: number }, { x: number; y: number }>(({ x, y: my }) => {
      const r = document.querySelector('[data-testid="viewer-page"]')!.getBoundingClientRect();
      return { fx: (x - r.left) / r.width, fy: (my - r.top) / r.height };
    }, mid);
    const spread = (d: number): [number, number][] => [
      [mid.x - d, mid.y],
      [mid.x + d, mid.y],
    ];
    await touch(page, [
      { type: 'touchStart', points: spread(40) },
      { type: 'touchMove', points: spread(60) },
      { type: 'touchMove', points: spread(80) },
      { type: 'touchMove', points: spread(100) },
      { type: 'touchEnd', points: [] },
    ]);
    await page.locator('[data-testid="viewer-page"][data-rendered="yes"]:not([data-zoom="1"])').waitFor();
    const zoom = Number(await page.getByTestId('viewer-page').getAttribute('data-zoom'));
    expect(zoom).toBeGreaterThan(2);
    const after = await page.evaluate<{ x: number; y: number }, { fx: number; fy: number }>(({ fx, fy }) => {
      const r = document.querySelector('[data-testid="viewer-page"]')!.getBoundingClientRect();
      return { x: r.left + fx * r.width, y: r.top + fy * r.height };
    }, before);
    expect(Math.abs(after.x - mid.x)).toBeLessThan(12);
    expect(Math.abs(after.y - mid.y)).toBeLessThan(12);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-pinched-portrait.png') });

    // Zoomed, a horizontal drag pans the page instead of turning it.
    await swipe(mid.x + 100, mid.x - 100);
    expect(await page.getByTestId('viewer-page').getAttribute('data-page')).toBe('1');

    // Double tap: back to the fitted page.
    const tap = () =>
      touch(page, [
        { type: 'touchStart', points: [[mid.x, mid.y]] },
        { type: 'touchEnd', points: [] },
      ]);
    await tap();
    await tap();
    await page.locator('[data-testid="viewer-page"][data-zoom="1"][data-rendered="yes"]').waitFor();
    await context.close();
  });

  it("shows the presenter who follows and who browses freely, and hands over from the room's panel", async () => {
    const presenter = await signIn(browser, server, 'sato.somu', TABLET_LANDSCAPE);
    const follower = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    await presenter.page.goto(room);
    await rendered(presenter.page, 1);
    await presenter.page.getByTestId('room-panel-toggle').click();
    const panel = presenter.page.getByTestId('room-panel');
    const row = panel.locator(`li[data-user="${followerId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('away');

    await follower.page.goto(room);
    await rendered(follower.page, 1);
    await panel.locator(`li[data-user="${followerId}"][data-status="following"]`).waitFor();
    // The presenter turns: the follower follows.
    await presenter.page.getByTestId('next-page').click();
    await rendered(follower.page, 2);

    // The follower browses freely: the panel says so, with the page.
    await follower.page.getByTestId('next-page').click();
    await rendered(follower.page, 3);
    await panel.locator(`li[data-user="${followerId}"][data-status="browsing"]`).filter({ hasText: '3ページ' }).waitFor();
    await presenter.page.getByTestId('room-counts').filter({ hasText: '自由閲覧 1名' }).waitFor();
    await presenter.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-panel-landscape.png') });
    await follower.page.getByTestId('back-to-presenter').click();
    await rendered(follower.page, 2);
    await panel.locator(`li[data-user="${followerId}"][data-status="following"]`).waitFor();

    // Hand-over from the panel: the follower presents, and the organiser now follows them.
    await row.getByRole('button', { name: '発表者にする' }).click();
    await follower.page.getByText('あなたが発表者です').waitFor();
    await panel.locator(`li[data-user="${followerId}"][data-status="presenter"]`).waitFor();
    await presenter.page.getByTestId('follow-state').waitFor();
    await follower.page.getByTestId('next-page').click();
    await rendered(presenter.page, 3);
    await follower.page.getByTestId('room-panel-toggle').click();
    await follower.page.getByTestId('room-panel').waitFor();
    await follower.page.screenshot({ path: join(SCREENSHOT_DIR, 'meeting-room-panel-portrait.png') });

    // And back, from the same panel.
    await panel.locator(`li[data-user="${organiserId}"][data-status="following"]`).waitFor();
    await panel.locator(`li[data-user="${organiserId}"]`).getByRole('button', { name: '発表者にする' }).click();
    await presenter.page.getByText('あなたが発表者です').waitFor();
    await presenter.context.close();
    await follower.context.close();
  });
});
