import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server';
import { DESKTOP, SCREENSHOT_DIR, TABLET_PORTRAIT, launchBrowser, signIn } from './support/browser';

const TITLE = '業務とチャットに関する職員アンケート（画面テスト）';

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });

/** Others answer through the API: enough respondents for the figures to show (k = 5). */
const OTHERS: [string, number, string, number][] = [
  ['takahashi.somu', 5, 'パソコン', 4],
  ['ishikawa.somu', 4, 'パソコン', 4],
  ['sato.somu', 4, 'タブレット', 5],
  ['admin', 2, 'パソコン', 3],
  ['tanaka.kikaku', 4, 'パソコン', 4],
  ['watanabe.kikaku', 5, 'スマートフォン', 5],
  ['yamamoto.chomin', 3, 'パソコン', 4],
  ['nakamura.chomin', 4, 'パソコン', 2],
  ['kobayashi.chomin', 5, 'タブレット', 5],
  ['kato.zeimu', 4, 'パソコン', 4],
  ['yamada.hoken', 1, 'パソコン', 3],
];

describe('staff surveys and the DX KPI dashboard in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let surveyId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const ito = await server.login('ito.kikaku');
    const created = await server.request('POST', '/api/surveys', {
      token: ito.token,
      json: {
        title: TITLE,
        description: '業務の負担とチャットの効果について伺います。',
        anonymous: true,
        allowEdit: true,
        audience: { all: true },
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        sections: [
          { key: 'work', title: '業務について' },
          { key: 'chat', title: 'チャットについて', description: 'ビジネスチャットの利用について' },
        ],
        questions: [
          { key: 'workload', section: 'work', type: 'likert5', text: '一人当たりの業務量が減ったと感じる', required: true, kpi: { key: 'workload_reduced', target: 0.7 } },
          { key: 'device', section: 'work', type: 'single', text: '主に使う端末', options: ['パソコン', 'タブレット', 'スマートフォン'], required: true },
          { key: 'tablet_use', section: 'work', type: 'multi', text: 'タブレットで使う機能', options: ['チャット', '会議資料', 'アンケート'], showIf: { questionKey: 'device', anyOf: ['タブレット'] } },
          { key: 'chat_info', section: 'chat', type: 'likert5', text: 'チャットで情報伝達が向上したと感じる', required: true, kpi: { key: 'chat_information_improved', target: 0.7 } },
          { key: 'chat_parts', section: 'chat', type: 'matrix', text: 'チャットの各機能は役に立っている', items: [{ key: 'notice', text: '通知' }, { key: 'search', text: '検索' }], required: true },
          { key: 'comment', section: 'chat', type: 'text', text: 'ご意見があればお書きください' },
        ],
      },
    });
    expect(created.status).toBe(201);
    surveyId = created.body.id;
    expect((await server.request('POST', `/api/surveys/${surveyId}/open`, { token: ito.token, json: {} })).status).toBe(200);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  it('a staff member answers on a tablet in portrait: anonymity notice, big Likert targets, conditions, required checks, then changes the answers from the same browser', async () => {
    const { context, page } = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    await page.getByTestId('surveys-nav-badge').waitFor({ state: 'attached' });
    await page.goto(`${server.url}/surveys`);
    const card = page.getByTestId('my-survey').filter({ hasText: TITLE });
    await card.getByText('未回答').waitFor();
    await shot(page, 'surveys-mine-tablet');
    await card.getByRole('link', { name: '回答する' }).click();

    const notice = page.getByTestId('anonymity-notice');
    await notice.getByText('このアンケートは匿名です').waitFor();
    expect(await notice.textContent()).toContain('別の端末');
    await shot(page, 'surveys-notice-tablet');
    await page.getByRole('button', { name: '回答を始める' }).click();

    // Sending with required questions open names them and sends nothing.
    await page.getByRole('button', { name: '送信する' }).click();
    await page.getByRole('alert').filter({ hasText: '必須の質問に未回答があります（4問）' }).waitFor();

    const workload = page.getByRole('group', { name: /一人当たりの業務量が減ったと感じる/ });
    const option = await workload.locator('label').filter({ hasText: 'とてもそう思う' }).boundingBox();
    expect(option!.height).toBeGreaterThanOrEqual(44);
    await workload.getByText('とてもそう思う').click();

    // The conditional question appears only for tablet users.
    const tabletUse = page.getByRole('group', { name: /タブレットで使う機能/ });
    expect(await tabletUse.count()).toBe(0);
    await page.getByRole('group', { name: /主に使う端末/ }).getByText('タブレット', { exact: true }).click();
    await tabletUse.getByText('会議資料').click();

    // Keyboard: Space picks the focused answer, the arrow keys move within the scale.
    const chatInfo = page.getByRole('group', { name: /チャットで情報伝達が向上したと感じる/ });
    await chatInfo.getByRole('radio', { name: 'とてもそう思う' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await chatInfo.getByRole('radio', { name: 'ややそう思う' }).isChecked()).toBe(true);

    const matrix = page.getByRole('group', { name: /チャットの各機能は役に立っている/ });
    await matrix.getByRole('group', { name: '通知' }).getByText('ややそう思う').click();
    await matrix.getByRole('group', { name: '検索' }).getByText('どちらともいえない').click();
    await page.getByRole('textbox', { name: /ご意見があればお書きください/ }).fill('会議資料がタブレットで読めて便利です');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'surveys-answering-tablet', true);

    await page.getByRole('button', { name: '送信する' }).click();
    await page.getByTestId('survey-done').getByText('回答を送信しました').waitFor();
    // The edit secret lives in this browser only: 32 random bytes, base64url.
    const secrets = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('yakuba.survey-secret:'))
        .map((k) => localStorage.getItem(k)),
    );
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await shot(page, 'surveys-done-tablet');

    // Back in the list: answered; the answers can be changed from this browser until the close.
    await page.getByTestId('survey-done').getByRole('link', { name: 'アンケート一覧へ' }).click();
    await card.getByText('回答済み').waitFor();
    await card.getByRole('link', { name: '回答を修正' }).click();
    await page.getByText('このアンケートには回答済みです').waitFor();
    await page.getByRole('button', { name: '回答を修正' }).click();
    expect(await workload.getByRole('radio', { name: 'とてもそう思う' }).isChecked()).toBe(true);
    await workload.getByText('ややそう思う').click();
    await page.getByRole('button', { name: '修正を送信' }).click();
    await page.getByTestId('survey-done').getByText('修正した回答を送信しました').waitFor();
    await context.close();

    // Another browser of the same person has no secret: it says so and offers no edit.
    const other = await signIn(browser, server, 'suzuki.somu', TABLET_PORTRAIT);
    await other.page.goto(`${server.url}/surveys/${surveyId}`);
    await other.page.getByText('修正用の鍵がこのブラウザーにないため').waitFor();
    expect(await other.page.getByRole('button', { name: '回答を修正' }).count()).toBe(0);
    await other.context.close();
  });

  it('an administrator reads the results (KPI interval against the target, suppressed groups under every filter) and the DX dashboard', async () => {
    // Free text is listed only once at least k people wrote some: five others comment as well.
    const comments = ['通知が多すぎる', '検索が速くなった', '紙が減った', '会議の準備が楽になった', '慣れるまで時間がかかった'];
    for (const [i, [username, workload, device, chat]] of OTHERS.entries()) {
      const who = await server.login(username);
      const res = await server.request('POST', `/api/surveys/${surveyId}/responses`, {
        token: who.token,
        json: {
          answers: { workload, device, chat_info: chat, chat_parts: { notice: 4, search: 3 }, ...(comments[i] ? { comment: comments[i] } : {}) },
          editSecret: randomBytes(32).toString('base64url'),
        },
      });
      if (res.status !== 201) throw new Error(`${username}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // Closed: the final figures (while open they move only in steps of k responses).
    const ito = await server.login('ito.kikaku');
    expect((await server.request('POST', `/api/surveys/${surveyId}/close`, { token: ito.token })).status).toBe(200);

    const { context, page } = await signIn(browser, server, 'ito.kikaku', DESKTOP);
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'アンケート' }).click();
    await page.getByRole('link', { name: '作成・集計' }).click();
    await page.getByTestId('managed-survey').filter({ hasText: TITLE }).getByRole('link', { name: '結果' }).click();
    await page.getByTestId('response-rate').waitFor();
    await page.getByText(/12 \/ \d+人/).first().waitFor();
    const kpis = page.getByTestId('kpi-block');
    expect(await kpis.count()).toBe(2);
    await kpis.first().getByTestId('interval-bar').waitFor();
    expect(['met', 'not_met', 'unclear']).toContain(await kpis.first().getByTestId('verdict').getAttribute('data-verdict'));
    await page.getByTestId('free-texts').getByText('会議資料がタブレットで読めて便利です').waitFor();

    // By position: 主事 (8 invited, 4 answered) shows no figures; groups of fewer than 5 invited are pooled as その他.
    await page.getByRole('combobox', { name: '内訳' }).selectOption('position');
    await page.getByTestId('group-row').first().waitFor();
    expect(await page.getByTestId('group-row').filter({ hasText: '回答者が5人未満のため非表示' }).count()).toBeGreaterThan(0);
    await shot(page, 'surveys-results-desktop', true);

    // A filter on a small group hides everything, not just the cells.
    await page.getByRole('combobox', { name: '部署で絞り込み' }).selectOption({ label: '税務課' });
    await page.locator('.empty-state').getByText('回答者が5人未満のため非表示').waitFor();
    expect(await page.getByTestId('question-result').count()).toBe(0);
    await page.getByRole('combobox', { name: '部署で絞り込み' }).selectOption({ label: 'すべての部署' });
    await page.getByTestId('question-result').first().waitFor();

    // The dashboard: each KPI with target, value, verdict; drills apart; every figure says how it is computed.
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'DX指標' }).click();
    const workload = page.locator('[data-testid="kpi-card"][data-kpi="workload_reduced"]');
    await workload.getByTestId('verdict').waitFor();
    await page.locator('[data-testid="kpi-card"][data-kpi="paperless_meetings"]').waitFor();
    await page.getByTestId('drills').getByRole('heading', { name: /防災訓練/ }).waitFor();
    expect(await page.getByTestId('report-pdf').getAttribute('href')).toBe('/api/kpis/report.pdf');
    const pdf = await page.evaluate(async () => {
      const res = await fetch('/api/kpis/report.pdf');
      return { status: res.status, type: res.headers.get('content-type') };
    });
    expect(pdf).toEqual({ status: 200, type: expect.stringContaining('application/pdf') });
    await shot(page, 'insights-dashboard-desktop', true);
    await workload.getByTestId('how-computed').click();
    await page.getByTestId('kpi-definition').waitFor();
    await page.getByTestId('kpi-rows').waitFor();
    await shot(page, 'insights-kpi-detail-desktop', true);
    await context.close();

    const tablet = await signIn(browser, server, 'ito.kikaku', TABLET_PORTRAIT);
    await tablet.page.goto(`${server.url}/surveys/manage/${surveyId}/results`);
    await tablet.page.getByTestId('kpi-block').first().waitFor();
    expect(await horizontalOverflow(tablet.page)).toBeLessThanOrEqual(0);
    await shot(tablet.page, 'surveys-results-tablet', true);
    await tablet.page.goto(`${server.url}/insights`);
    await tablet.page.getByTestId('kpi-card').first().waitFor();
    expect(await horizontalOverflow(tablet.page)).toBeLessThanOrEqual(0);
    await shot(tablet.page, 'insights-dashboard-tablet', true);
    await tablet.context.close();
  });

  it('a survey admin starts the DX perception survey from its template and previews it as a respondent sees it', async () => {
    const { context, page } = await signIn(browser, server, 'ito.kikaku', DESKTOP);
    await page.goto(`${server.url}/surveys/manage`);
    await page.getByRole('button', { name: 'DX意識調査のテンプレートから作成' }).click();
    await page.getByRole('heading', { name: 'アンケートを編集' }).waitFor();
    await page.getByTestId('question-editor').nth(1).waitFor();
    expect(await page.getByRole('checkbox', { name: 'KPIに紐づける' }).first().isChecked()).toBe(true);
    await shot(page, 'surveys-builder-desktop', true);
    await page.getByRole('tab', { name: '対象・日程' }).click();
    await page.getByRole('radio', { name: '全職員' }).waitFor();
    await page.getByRole('tab', { name: 'プレビュー' }).click();
    await page.getByText('プレビュー: 回答者に見える画面です').waitFor();
    await page.getByTestId('anonymity-notice').waitFor();
    await page.getByRole('button', { name: '回答を始める' }).click();
    await page.getByRole('radio', { name: 'とてもそう思う' }).first().waitFor({ state: 'attached' });
    await shot(page, 'surveys-preview-desktop', true);
    await context.close();
  });
});
