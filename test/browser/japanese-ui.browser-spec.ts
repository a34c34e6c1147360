import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { createMeeting } from '../meetings/support/meetings-client';
import { encryptedPdf } from '../meetings/support/pdf-fixtures';
import { DESKTOP, SCREENSHOT_DIR, signIn, serverAndBrowser } from './support/browser';

/** Latin letters in a sentence shown to a Japanese reader: none expected beyond names like PDF, CSV, URL. */
const englishWords = (text: string) =>
  (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['PDF', 'CSV', 'LDAP', 'UTF', 'Shift_JIS', 'JIS', 'Shift', 'https'].includes(w));

/**
 * No English from the server or the browser in the Japanese UI: refused uploads and CSV rows, invalid forms (the
 * browser's own bubble replaced by ours, even in an English browser), the audit log in a clerk's words; a clean
 * console on the sign-in page; a language switch that stays readable after a click.
 */
describe('Japanese everywhere', () => {
  const suite = serverAndBrowser();

  it('logs no console error on the sign-in page, and the language switch stays readable after a click', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, locale: 'ja-JP' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const probe = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'));
    await page.goto(suite.server.url);
    expect((await probe).status()).toBe(200);
    await page.getByRole('button', { name: 'サインイン' }).waitFor();
    const switcher = page.getByTestId('language-switch');
    await switcher.click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await switcher.click();
    await page.getByRole('button', { name: 'サインイン' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);

    // Signed in, the top bar's switch: clicked (still hovered and focused), its text keeps its contrast.
    await page.getByLabel('ユーザー名').fill('suzuki.somu');
    await page.getByLabel('パスワード').fill('yakuba-demo');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    const top = page.getByRole('banner').getByTestId('language-switch');
    await top.click();
    await top.filter({ hasText: '日本語' }).waitFor();
    expect(await contrastAfterClick(page, 'header [data-testid="language-switch"]')).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'language-switch-after-click.png'),
      clip: { x: DESKTOP.width - 420, y: 0, width: 420, height: 60 },
    });
    await top.click();
    await top.filter({ hasText: 'English' }).waitFor();
    expect(await contrastAfterClick(page, 'header [data-testid="language-switch"]')).toBeGreaterThanOrEqual(4.5);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('replaces the browser’s validation bubble with our Japanese sentence, even in an English browser', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(suite.server.url);
    // The page's language is ours (Japanese first), whatever the browser's.
    await page.getByRole('button', { name: 'サインイン' }).click();
    const tip = page.getByTestId('form-invalid');
    await tip.filter({ hasText: 'この項目を入力してください。' }).waitFor();
    const username = page.getByLabel('ユーザー名');
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await username.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'form-invalid-sign-in.png') });
    await username.fill('suzuki.somu');
    await tip.waitFor({ state: 'detached' });
    await page.getByLabel('パスワード').fill('yakuba-demo');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('navigation', { name: 'main' }).waitFor();

    // A form inside the app: a new meeting with no title.
    await page.goto(`${suite.server.url}/meetings/new`);
    await page
      .getByRole('button', { name: /作成|保存/ })
      .first()
      .click();
    await tip.waitFor();
    expect(englishWords(await tip.innerText())).toEqual([]);
    expect(await tip.innerText()).toMatch(/入力してください|選んでください/);
    await context.close();
  });

  it('says in Japanese why a PDF was refused', async () => {
    const admin = await suite.server.login('admin');
    const staff = await suite.server.login('suzuki.somu');
    const meeting = await createMeeting(suite.server, admin, [staff], { title: '資料の確認' });
    const { context, page } = await signIn(suite.browser, suite.server, 'admin', DESKTOP);
    await page.goto(`${suite.server.url}/meetings/${meeting.id}`);
    const input = page.getByTestId('upload-input');
    await input.setInputFiles({ name: '予算資料.pdf', mimeType: 'application/pdf', buffer: encryptedPdf() });
    const alert = page.getByRole('alert').filter({ hasText: 'パスワードで保護されたPDFは登録できません' });
    await alert.waitFor();
    expect(englishWords(await alert.innerText())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'pdf-refused.png') });
    await input.setInputFiles({ name: '名簿.pdf', mimeType: 'application/pdf', buffer: Buffer.from('氏名,所属\n') });
    await page.getByRole('alert').filter({ hasText: 'PDFファイルではありません' }).waitFor();
    await context.close();
  });

  it('explains each refused CSV row in Japanese, and shows the audit log in a clerk’s words', async () => {
    const { context, page } = await signIn(suite.browser, suite.server, 'admin', DESKTOP);
    await page.goto(`${suite.server.url}/admin/import`);
    const csv = '\uFEFFユーザー名,氏名,所属,職名,初期パスワード\nfine.user,良い 行,総務課,主事,good-password-1\nx,,無い課,王様,x\n';
    await page.locator('input[type=file]').setInputFiles({ name: '職員.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: /確認/ }).first().click();
    const rows = page.getByTestId('import-row-error');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).toEqual(
      expect.arrayContaining(['所属「無い課」が見つかりません（課の名前かコードを書いてください）。', '職名「王様」は使えません。']),
    );
    for (const text of texts) expect(englishWords(text.replace(/「[^」]*」/g, ''))).toEqual([]);

    await page.goto(`${suite.server.url}/admin/audit`);
    const actions = page.getByTestId('audit-action');
    await actions.first().waitFor();
    // The admin's own sign-in, by name, in Japanese, on a staff member named.
    const login = page.locator('tr', { has: page.getByTestId('audit-action').filter({ hasText: /^サインイン$/ }) }).first();
    await login.waitFor();
    expect(await login.getByTestId('audit-actor').innerText()).not.toMatch(/^[0-9a-f]{8}/);
    expect(await login.getByTestId('audit-target').innerText()).toMatch(/^職員：/);
    for (const text of await actions.allInnerTexts()) expect(text).not.toMatch(/^[a-z_]+\.[a-z_.]+$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'audit-log-ja.png'), fullPage: true });
    // By kind of action: only the sign-in family is left.
    await page.getByTestId('audit-action-filter').selectOption('auth.');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="audit-action"]')];
      return cells.length > 0 && cells.every((c) => /サイン|パスワード|二要素|ディレクトリ|端末/.test(c.textContent ?? ''));
    });
    await context.close();
  });
});

/** The WCAG contrast of an element's text against what is behind it (its own background blended over its parents'). */
function contrastAfterClick(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    // rgb(r g b / a) in 0–255, or color(srgb r g b / a) in 0–1 (what color-mix() computes to).
    const parse = (c: string) => {
      const m = c.match(/[\d.]+/g)!.map(Number);
      const scale = c.startsWith('color(') ? 255 : 1;
      return { r: m[0] * scale, g: m[1] * scale, b: m[2] * scale, a: m.length > 3 ? m[3] : 1 };
    };
    const layers: { r: number; g: number; b: number; a: number }[] = [];
    for (let node: HTMLElement | null = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg.a > 0) layers.push(bg);
      if (bg.a >= 1) break;
    }
    let base = { r: 255, g: 255, b: 255 };
    for (const layer of layers.reverse())
      base = {
        r: layer.r * layer.a + base.r * (1 - layer.a),
        g: layer.g * layer.a + base.g * (1 - layer.a),
        b: layer.b * layer.a + base.b * (1 - layer.a),
      };
    const text = parse(getComputedStyle(el).color);
    const lum = (c: { r: number; g: number; b: number }) =>
      [c.r, c.g, c.b]
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [hi, lo] = [lum(text), lum(base)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  }, selector);
}
