import type { ApprovalChangedEvent, ApprovalView } from '@yakuba/contracts';
import { TestServer, nextEvent, type SignedIn } from '../support/test-server';
import { readPdfText } from '../meetings/support/pdf-reading';
import { ordinaryPdf } from '../meetings/support/pdf-fixtures';
import { ApprovalsClient } from './support/approvals-client';

describe('approvals: drafting to decision', () => {
  let t: TestServer;
  let api: ApprovalsClient;
  const u: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await TestServer.start();
    api = new ApprovalsClient(t);
    for (const name of [
      'suzuki.somu',
      'sato.somu',
      'tanaka.kikaku',
      'ito.kikaku',
      'fukuchocho',
      'chocho',
      'takahashi.somu',
      'admin',
      'kato.zeimu',
    ])
      u[name] = await t.login(name);
  });
  afterAll(() => t.close());

  it('lists the demo types, and the demo has drafts in every state', async () => {
    const types = await t.request('GET', '/api/approvals/types', { token: u['suzuki.somu'].token });
    expect(types.status).toBe(200);
    expect(types.body.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['ippan', 'shishutsu', 'keiyaku', 'kyoran']));
    const spending = types.body.find((x: { code: string }) => x.code === 'shishutsu');
    expect(spending).toMatchObject({ name: '支出負担行為', retentionYears: 5, hasAmount: true });
    const states = await t.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM approvals GROUP BY status');
    expect(states.map((s) => s.status).sort()).toEqual(['decided', 'draft', 'in_progress', 'rejected', 'sent_back', 'withdrawn']);
    const total = states.reduce((s, x) => s + x.n, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    expect(total).toBeLessThanOrEqual(30);
    const [open] = await t.query(`SELECT count(*)::int AS n FROM approvals WHERE cardinality(review_ids) > 0`);
    expect(open.n).toBeGreaterThanOrEqual(1);
  });

  it('the spending route grows with the amount (専決: 課長 / 副町長 / 町長)', async () => {
    const route = async (amount: number) => {
      const a = await api.draft(u['suzuki.somu'], 'shishutsu', { amount });
      return a.route.map((s) => `${s.label}${s.decision ? '*' : ''}`);
    };
    expect(await route(500_000)).toEqual(['係長', '課長*', '会計 供覧']);
    expect(await route(1_000_000)).toEqual(['係長', '課長', '企画財政課 合議', '副町長*', '会計 供覧']);
    expect(await route(5_000_000)).toEqual(['係長', '課長', '企画財政課 合議', '副町長', '町長*', '会計 供覧']);
    const important = await api.draft(u['suzuki.somu'], 'ippan', { important: true });
    expect(important.route.map((s) => `${s.label}${s.decision ? '*' : ''}`)).toEqual(['係長', '課長', '副町長', '町長*']);
    const preview = await t.request('POST', '/api/approvals/route-preview', {
      token: u['suzuki.somu'].token,
      json: { typeId: (await api.type(u['suzuki.somu'], 'shishutsu')).id, amount: 2_000_000 },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.decider).toBe('副町長');
  });

  it('重要・異例 of a type without a head stage reach the 町長: preview and the real route agree, the 課長 cannot decide', async () => {
    const drafter = u['suzuki.somu'];
    const labels = (route: ApprovalView['route']) => route.map((s) => `${s.label}${s.decision ? '*' : ''}`);
    expect(labels((await api.draft(drafter, 'fukumu', {})).route)).toEqual(['課長*']);
    const kyoran = await api.draft(drafter, 'kyoran', { unusual: true });
    expect(labels(kyoran.route)).toEqual(['課長', '町長*', '課内供覧']);
    let a = await api.draft(drafter, 'fukumu', { title: '重要な出張命令', important: true });
    expect(labels(a.route)).toEqual(['課長', '町長*']);
    expect(a.route[1].approvers.map((x) => x.userId)).toEqual([u['chocho'].user.id]);
    const preview = await t.request('POST', '/api/approvals/route-preview', {
      token: drafter.token,
      json: { typeId: (await api.type(drafter, 'fukumu')).id, important: true },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.decider).toBe('町長');
    expect(
      preview.body.route.map((s: ApprovalView['route'][number]) => ({
        label: s.label,
        decision: s.decision,
        approvers: s.approvers.map((x) => x.userId),
      })),
    ).toEqual(a.route.map((s) => ({ label: s.label, decision: s.decision, approvers: s.approvers.map((x) => x.userId) })));
    a = await api.submit(drafter, a);
    a = await api.ok(u['sato.somu'], a, 'approve');
    expect(a).toMatchObject({ status: 'in_progress', currentStage: 1, documentNumber: null });
    expect(ApprovalsClient.waiting(a)).toEqual([u['chocho'].user.id]);
    a = await api.ok(u['chocho'], a, 'approve');
    expect(a.status).toBe('decided');
    expect(a.actions.find((x) => x.kind === 'decide')).toMatchObject({ actorId: u['chocho'].user.id, actorPosition: '町長' });
  });

  it('drafts are saved and resumed; the route is shown before submitting', async () => {
    const a = await api.draft(u['suzuki.somu'], 'ippan', { title: '下書き' });
    expect(a).toMatchObject({ status: 'draft', version: 1, canEdit: true, documentNumber: null });
    const edited = await t.request('PATCH', `/api/approvals/${a.id}`, {
      token: u['suzuki.somu'].token,
      json: { version: 1, body: '続きを書いた' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, body: '続きを書いた' });
    const stale = await t.request('PATCH', `/api/approvals/${a.id}`, { token: u['suzuki.somu'].token, json: { version: 1, body: 'x' } });
    expect(stale.status).toBe(409);
    const inbox = await t.request('GET', '/api/approvals/inbox', { token: u['suzuki.somu'].token });
    expect(inbox.body.drafting.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(inbox.body.counts.drafting).toBe(inbox.body.drafting.length);
  });

  it('goes from draft to decision with a 文書番号, stamps in the final PDF, the attachment appended, notices and live badges', async () => {
    const drafter = u['suzuki.somu'];
    let a = await api.draft(drafter, 'shishutsu', {
      title: '防災無線 保守の支出',
      body: '防災行政無線の保守費用を支出したい。',
      amount: 1_200_000,
    });
    const pdf = await ordinaryPdf(2, 'Quote');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'quote.pdf');
    form.append('version', String(a.version));
    const up = await t.request('POST', `/api/approvals/${a.id}/attachments`, { token: drafter.token, body: form });
    expect(up.status).toBe(201);
    const replaced = new FormData();
    replaced.append('file', new Blob([new Uint8Array(await ordinaryPdf(1, 'Quote v2'))], { type: 'application/pdf' }), 'quote-v2.pdf');
    replaced.append('version', String(a.version + 1));
    const v2 = await t.request('POST', `/api/approvals/${a.id}/attachments/${up.body.id}/versions`, {
      token: drafter.token,
      body: replaced,
    });
    expect(v2.status).toBe(201);
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const bad = new FormData();
    bad.append('file', new Blob([new TextEncoder().encode('not a pdf')], { type: 'application/pdf' }), 'x.pdf');
    bad.append('version', String(a.version + 2));
    expect((await t.request('POST', `/api/approvals/${a.id}/attachments`, { token: drafter.token, body: bad })).status).toBe(415);
    a = (await api.get(drafter, a.id)).body;

    const chiefSocket = await t.socket({ token: u['admin'].token });
    const badge = nextEvent<ApprovalChangedEvent>(chiefSocket, 'approvals:changed', (e) => e.approvalId === a.id);
    // Each approver hears of it in chat, from the system account, when it starts waiting for them.
    const sockets: Record<string, Awaited<ReturnType<TestServer['socket']>>> = { admin: chiefSocket };
    for (const who of ['sato.somu', 'tanaka.kikaku', 'fukuchocho', 'suzuki.somu']) sockets[who] = await t.socket({ token: u[who].token });
    const noticeTo = (who: string, marker: string) =>
      nextEvent<{ message: { body: string; authorId: string } }>(
        sockets[who],
        'chat:message',
        (p) => p.message.body.includes('防災無線 保守の支出') && p.message.body.startsWith(marker),
        10_000,
      );
    const waitingFor = Object.fromEntries(
      ['admin', 'sato.somu', 'tanaka.kikaku', 'fukuchocho'].map((who) => [who, noticeTo(who, '【決裁待ち】')] as const),
    );
    const decidedNotice = noticeTo('suzuki.somu', '【決裁】');
    a = await api.submit(drafter, a);
    expect(a.status).toBe('in_progress');
    const event = await badge;
    expect(event).toMatchObject({ approvalId: a.id, status: 'in_progress', reason: 'submitted' });
    expect(event.counts.waiting).toBeGreaterThanOrEqual(1);
    expect(ApprovalsClient.waiting(a)).toEqual([u['admin'].user.id]);
    const [{ id: systemId }] = await t.query<{ id: string }>('SELECT id FROM users WHERE system');
    expect((await waitingFor['admin']).message).toMatchObject({
      authorId: systemId,
      body: `【決裁待ち】「防災無線 保守の支出」があなたの決裁を待っています。\n/approvals/${a.id}`,
    });

    expect((await api.act(u['fukuchocho'], a, 'approve')).status).toBe(403);
    a = await api.ok(u['admin'], a, 'approve');
    expect((await waitingFor['sato.somu']).message.authorId).toBe(systemId);
    a = await api.ok(u['sato.somu'], a, 'approve', { comment: '確認しました' });
    expect((await waitingFor['tanaka.kikaku']).message.authorId).toBe(systemId);
    a = await api.ok(u['tanaka.kikaku'], a, 'approve', { comment: '合議了' });
    expect((await waitingFor['fukuchocho']).message.authorId).toBe(systemId);
    const yesterday = new Date(Date.now() + 9 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
    expect((await api.act(u['fukuchocho'], a, 'approve', { statedDate: yesterday })).status).toBe(400);
    a = await api.ok(u['fukuchocho'], a, 'approve', { statedDate: yesterday, statedReason: '前日に口頭で決定したため' });
    expect(a.status).toBe('decided');
    expect(a.documentNumber).toMatch(/^住総第\d+号$/);
    expect(a.documentYearLabel).toMatch(/^令和(\d+|元)年度$/);
    expect(a.statedDecisionDate).toBe(yesterday);
    expect(a.retentionEndsOn).toMatch(/^\d{4}-03-31$/);
    const decide = a.actions.find((x) => x.kind === 'decide')!;
    expect(decide).toMatchObject({ statedDate: yesterday, statedReason: '前日に口頭で決定したため' });
    expect(new Date(decide.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // Locked: no edits, no attachments, no more approvals on the line
    expect(
      (await t.request('PATCH', `/api/approvals/${a.id}`, { token: drafter.token, json: { version: a.version, title: 'x' } })).status,
    ).toBe(409);
    form.set('version', String(a.version));
    expect((await t.request('POST', `/api/approvals/${a.id}/attachments`, { token: drafter.token, body: form })).status).toBe(409);
    await expect(t.query(`UPDATE approvals SET document_number = 'X第1号' WHERE id = $1`, [a.id])).rejects.toThrow(/locked/);

    const res = await fetch(`${t.url}/api/approvals/${a.id}/pdf`, { headers: { authorization: `Bearer ${drafter.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/pdf/);
    const pages = await readPdfText(new Uint8Array(await res.arrayBuffer()));
    const all = pages.join('\n').replace(/\s+/g, '');
    for (const text of [
      '決裁欄',
      `${a.documentYearLabel!} ${a.documentNumber!}`,
      '佐藤健一',
      '田中誠',
      '世田米次郎',
      '管理太郎',
      '鈴木花子',
      '課長',
      '副町長',
      '確認しました',
      '遡及',
      // The 添付資料 list: the current version of each attachment, and whether all its pages follow.
      '添付資料',
      'quote第2版（quote-v2.pdf）1頁全頁を以下に収録',
    ])
      expect(all).toContain(text.replace(/\s+/g, ''));
    // The draft, the 決裁欄 with the history, then the one page of the current attachment version (an image).
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // An image page carries only the running header and the page number.
    const last = pages[pages.length - 1].replace(/\s+/g, '');
    expect(last).toBe(`${a.documentYearLabel}${a.documentNumber}${a.title}${pages.length}/${pages.length}`.replace(/\s+/g, ''));

    // The drafter hears of the decision, with the number; every notice is sent once, in the direct channel with the system account.
    expect((await decidedNotice).message).toMatchObject({
      authorId: systemId,
      body: `【決裁】「防災無線 保守の支出」が決裁されました（${a.documentYearLabel} ${a.documentNumber}）。\n/approvals/${a.id}`,
    });
    const sent = await t.query<{ username: string; body: string }>(
      `SELECT u.username, m.body FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id AND c.type = 'direct'
       JOIN chat_members cm ON cm.channel_id = c.id AND cm.user_id <> m.author_id JOIN users u ON u.id = cm.user_id
       WHERE m.author_id = $1 AND m.body LIKE $2 ORDER BY m.created_at`,
      [systemId, `%/approvals/${a.id}`],
    );
    // (Deliveries of successive transitions may interleave: compared without their order.)
    expect(sent.map((r) => `${r.username} ${r.body.split('」')[0]}」`).sort()).toEqual(
      [
        'admin 【決裁待ち】「防災無線 保守の支出」',
        'sato.somu 【決裁待ち】「防災無線 保守の支出」',
        'tanaka.kikaku 【決裁待ち】「防災無線 保守の支出」',
        // 田中課長 is away (demo): 伊藤, the designated proxy, may give the 代決.
        'ito.kikaku 【代決可】不在の方に回付された「防災無線 保守の支出」',
        'fukuchocho 【決裁待ち】「防災無線 保守の支出」',
        // The after-decision 会計 供覧 opens with the decision.
        'ito.kikaku 【決裁待ち】「防災無線 保守の支出」',
        'suzuki.somu 【決裁】「防災無線 保守の支出」',
      ].sort(),
    );
  });

  it('send back to the drafter, resubmit keeps the history; 合議 approves again after a change of substance', async () => {
    let a = await api.submit(
      u['suzuki.somu'],
      await api.draft(u['suzuki.somu'], 'shishutsu', { title: '合議の再承認', amount: 2_000_000 }),
    );
    a = await api.ok(u['admin'], a, 'approve');
    a = await api.ok(u['sato.somu'], a, 'approve');
    a = await api.ok(u['tanaka.kikaku'], a, 'approve');
    a = await api.ok(u['fukuchocho'], a, 'send_back', { comment: '金額の根拠を' });
    expect(a.status).toBe('sent_back');
    const edited = await t.request('PATCH', `/api/approvals/${a.id}`, {
      token: u['suzuki.somu'].token,
      json: { version: a.version, body: '根拠を追記' },
    });
    expect(edited.body.route[2]).toMatchObject({ kind: 'consultation', needsReapproval: true, state: 'pending' });
    expect(edited.body.route[1]).toMatchObject({ kind: 'approval', state: 'done' });
    a = await api.submit(u['suzuki.somu'], edited.body);
    expect(a.currentStage).toBe(2);
    expect(ApprovalsClient.waiting(a)).toEqual([u['tanaka.kikaku'].user.id]);
    expect(a.actions.map((x) => x.kind)).toEqual(['create', 'submit', 'approve', 'approve', 'approve', 'send_back', 'edit', 'resubmit']);
  });

  it('an attachment replaced while circulating is a change of substance: from the version seen, and the 合議 approves again', async () => {
    const drafter = u['suzuki.somu'];
    const upload = async (path: string, version: number | null, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await ordinaryPdf(1, name))], { type: 'application/pdf' }), `${name}.pdf`);
      if (version !== null) form.append('version', String(version));
      return t.request('POST', `/api/approvals/${path}`, { token: drafter.token, body: form });
    };
    let a = await api.draft(drafter, 'shishutsu', { title: '添付差替えと合議', amount: 2_000_000 });
    const first = await upload(`${a.id}/attachments`, a.version, 'estimate');
    expect(first.status).toBe(201);
    a = await api.submit(drafter, (await api.get(drafter, a.id)).body);
    a = await api.ok(u['admin'], a, 'approve');
    a = await api.ok(u['sato.somu'], a, 'approve');
    a = await api.ok(u['tanaka.kikaku'], a, 'approve', { comment: '見積で了' });
    expect(a.route.map((s) => `${s.label}:${s.state}`)).toEqual([
      '係長:done',
      '課長:done',
      '企画財政課 合議:done',
      '副町長:active',
      '会計 供覧:pending',
    ]);
    const seenByVice = a;

    const replace = `${a.id}/attachments/${first.body.id}/versions`;
    expect((await upload(replace, null, 'estimate-v2')).status).toBe(400);
    expect((await upload(replace, a.version - 1, 'estimate-v2')).status).toBe(409);
    const v2 = await upload(replace, a.version, 'estimate-v2');
    expect(v2.status).toBe(201);
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    a = (await api.get(drafter, a.id)).body;
    expect(a).toMatchObject({ status: 'in_progress', version: seenByVice.version + 1, currentStage: 2 });
    expect(a.route[2]).toMatchObject({ kind: 'consultation', state: 'active', needsReapproval: true });
    expect(a.route.slice(0, 2).map((s) => s.state)).toEqual(['done', 'done']);
    expect(a.route[3]).toMatchObject({ state: 'pending' });
    expect(ApprovalsClient.waiting(a)).toEqual([u['tanaka.kikaku'].user.id]);
    expect(a.actions.map((x) => x.kind).slice(-2)).toEqual(['approve', 'attach']);
    // The 副町長 decided on what they had loaded: stale now; and with the new version it is not their turn.
    expect((await api.act(u['fukuchocho'], seenByVice, 'approve')).status).toBe(409);
    expect((await api.act(u['fukuchocho'], a, 'approve')).status).toBe(403);
    // A removal is a change from a version too.
    expect(
      (await t.request('DELETE', `/api/approvals/${a.id}/attachments/${first.body.id}?version=${a.version - 1}`, { token: drafter.token }))
        .status,
    ).toBe(409);
    a = await api.ok(u['tanaka.kikaku'], a, 'approve', { comment: '差替え後の見積で了' });
    expect(a).toMatchObject({ currentStage: 3 });
    expect(a.route[2]).toMatchObject({ state: 'done', needsReapproval: false });
    a = await api.ok(u['fukuchocho'], a, 'approve');
    expect(a.status).toBe('decided');
    expect(a.attachments[0].versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('send back to an earlier stage; withdraw only until the next approver acts', async () => {
    let a = await api.submit(u['suzuki.somu'], await api.draft(u['suzuki.somu'], 'shishutsu', { amount: 2_000_000 }));
    a = await api.ok(u['admin'], a, 'approve');
    a = await api.ok(u['sato.somu'], a, 'approve');
    a = await api.ok(u['tanaka.kikaku'], a, 'send_back', { toStage: 0 });
    expect(a).toMatchObject({ status: 'in_progress', currentStage: 0 });
    expect((await api.act(u['suzuki.somu'], a, 'withdraw')).status).toBe(409);
    const b = await api.submit(u['suzuki.somu'], await api.draft(u['suzuki.somu'], 'ippan'));
    const withdrawn = await api.ok(u['suzuki.somu'], b, 'withdraw');
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.allowedActions).not.toContain('withdraw');
  });

  it('代決 only while the approver is registered absent, by the designated proxy; then 後閲 stays open until done', async () => {
    const drafter = await t.login('watanabe.kikaku');
    let a = await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '代決のテスト' }));
    // 伊藤 (課長補佐) approves in their own right first; only then waits 田中課長, who is away.
    expect((await api.act(u['ito.kikaku'], a, 'proxy_approve')).status).toBe(403);
    a = await api.ok(u['ito.kikaku'], a, 'approve');
    // The demo already has 田中課長 absent with 伊藤 as proxy; the absence list shows it.
    const absences = await t.request('GET', '/api/approvals/absences', { token: drafter.token });
    expect(
      absences.body.some(
        (x: { userId: string; proxyId: string }) => x.userId === u['tanaka.kikaku'].user.id && x.proxyId === u['ito.kikaku'].user.id,
      ),
    ).toBe(true);
    expect((await api.act(u['kato.zeimu'], a, 'proxy_approve')).status).toBe(404);
    a = await api.ok(u['ito.kikaku'], a, 'proxy_approve', { comment: '代決' });
    expect(a.status).toBe('decided');
    expect(a.reviews).toEqual([
      expect.objectContaining({ approverId: u['tanaka.kikaku'].user.id, proxyId: u['ito.kikaku'].user.id, doneAt: null }),
    ]);
    const inbox = await t.request('GET', '/api/approvals/inbox', { token: u['tanaka.kikaku'].token });
    expect(inbox.body.reviews.map((x: ApprovalView) => x.id)).toContain(a.id);
    a = await api.ok(u['tanaka.kikaku'], a, 'review');
    expect(a.reviews[0].doneAt).not.toBeNull();
    const important = await api.ok(
      u['ito.kikaku'],
      await api.submit(drafter, await api.draft(drafter, 'ippan', { important: true })),
      'approve',
    );
    expect(ApprovalsClient.waiting(important)).toEqual([u['tanaka.kikaku'].user.id]);
    expect((await api.act(u['ito.kikaku'], important, 'proxy_approve')).status).toBe(403);
  });

  it("the drafter never gives the 代決 on their own draft, even as the absent approver's proxy; nobody is their own proxy", async () => {
    // The demo has 田中課長 absent with 伊藤 (課長補佐) as proxy; 伊藤 drafts, and 田中課長 decides 企画財政課's 一般文書.
    const ito = u['ito.kikaku'];
    let a = await api.submit(ito, await api.draft(ito, 'ippan', { title: '自分の起案の代決' }));
    expect(ApprovalsClient.waiting(a)).toEqual([u['tanaka.kikaku'].user.id]);
    expect(a.route[a.currentStage!].approvers[0]).toMatchObject({ absent: true, absenceProxyId: ito.user.id });
    expect(a.allowedActions).not.toContain('proxy_approve');
    const refused = await api.act(ito, a, 'proxy_approve');
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as { message: string }).message).toMatch(/起案者/);
    a = (await api.get(ito, a.id)).body;
    expect(a).toMatchObject({ status: 'in_progress', documentNumber: null, reviews: [] });
    // The absent approver still decides in their own right.
    a = await api.ok(u['tanaka.kikaku'], a, 'approve');
    expect(a.status).toBe('decided');

    const from = new Date(Date.now() + 3600_000).toISOString();
    const to = new Date(Date.now() + 2 * 3600_000).toISOString();
    const self = await t.request('POST', '/api/approvals/absences', {
      token: ito.token,
      json: { proxyId: ito.user.id, startsAt: from, endsAt: to },
    });
    expect(self.status).toBe(400);
    expect(self.body.message).toMatch(/proxyId/);
    const byAdmin = await t.request('POST', '/api/approvals/absences', {
      token: u['admin'].token,
      json: { userId: u['kato.zeimu'].user.id, proxyId: u['kato.zeimu'].user.id, startsAt: from, endsAt: to },
    });
    expect(byAdmin.status).toBe(400);
  });

  it('bulk-approves routine items, each its own transition', async () => {
    const a = await api.submit(u['takahashi.somu'], await api.draft(u['takahashi.somu'], 'fukumu', { title: '出張A' }));
    const b = await api.submit(u['takahashi.somu'], await api.draft(u['takahashi.somu'], 'fukumu', { title: '出張B' }));
    const c = await api.submit(u['takahashi.somu'], await api.draft(u['takahashi.somu'], 'ippan', { title: '定型でない' }));
    const res = await t.request('POST', '/api/approvals/bulk-approve', {
      token: u['sato.somu'].token,
      json: { items: [a, b, c, { id: a.id, version: a.version }].map((x) => ({ id: x.id, version: x.version })) },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean; statusCode?: number }) => r.ok || r.statusCode)).toEqual([true, true, 409, 409]);
  });

  it('searches the archive in Japanese and lists what ends retention; KPI figures and the 別表', async () => {
    const s = await t.request('GET', `/api/approvals/search?q=${encodeURIComponent('防災')}`, { token: u['sato.somu'].token });
    expect(s.status).toBe(200);
    expect(s.body.total).toBeGreaterThanOrEqual(1);
    const one = await t.request('GET', `/api/approvals/search?q=${encodeURIComponent('無')}&status=decided`, {
      token: u['sato.somu'].token,
    });
    expect(one.body.results.every((r: { approval: ApprovalView }) => r.approval.status === 'decided')).toBe(true);
    const byNumber = await t.request('GET', `/api/approvals/search?number=${encodeURIComponent('住総第')}`, {
      token: u['sato.somu'].token,
    });
    expect(byNumber.body.total).toBeGreaterThanOrEqual(1);
    const retention = await t.request('GET', '/api/approvals/retention?fiscalYear=2030', { token: u['admin'].token });
    expect(retention.status).toBe(200);
    const kpis = await t.request('GET', '/api/approvals/kpis', { token: u['admin'].token });
    expect(kpis.status).toBe(200);
    expect(kpis.body.months).toHaveLength(12);
    expect(kpis.body.leadTime.decided).toBeGreaterThan(0);
    // The demo's paper baseline (decisions still made on paper, falling month by month) gives a share below 100%.
    expect(kpis.body.months.reduce((n: number, m: { paper: number }) => n + m.paper, 0)).toBeGreaterThan(0);
    expect(kpis.body.electronicShare).toBeGreaterThan(0);
    expect(kpis.body.electronicShare).toBeLessThan(1);
    expect((await t.request('GET', '/api/approvals/kpis', { token: u['suzuki.somu'].token })).status).toBe(403);
    const table = await t.request('GET', '/api/approvals/authority-table', { token: u['suzuki.somu'].token });
    expect(
      table.body.rows.find((r: { typeName: string; minAmount: number }) => r.typeName === '支出負担行為' && r.minAmount === 5_000_000)
        .marks,
    ).toMatchObject({ 町長: '◎', 副町長: '○' });
  });

  it('stamps keep the name and position recorded with each act: a later promotion or rename changes no old stamp', async () => {
    const drafter = u['takahashi.somu'];
    const chief = u['sato.somu'];
    let a = await api.submit(drafter, await api.draft(drafter, 'fukumu', { title: '印影の不変' }));
    a = await api.ok(chief, a, 'approve');
    expect(a.status).toBe('decided');
    const [before] = await t.query<{ display_name: string; position: string }>('SELECT display_name, position FROM users WHERE id = $1', [
      chief.user.id,
    ]);
    const [drafterBefore] = await t.query<{ display_name: string; position: string }>(
      'SELECT display_name, position FROM users WHERE id = $1',
      [drafter.user.id],
    );
    expect(before.position).toBe('課長');
    // 佐藤課長 is promoted to 副町長 and changes name; the drafter is promoted too.
    await t.query(`UPDATE users SET display_name = '改名 後子', position = '副町長' WHERE id = $1`, [chief.user.id]);
    await t.query(`UPDATE users SET display_name = '昇任 後夫', position = '課長補佐' WHERE id = $1`, [drafter.user.id]);
    try {
      const view = (await api.get(drafter, a.id)).body;
      const approver = view.route.find((s) => s.decision)!.approvers[0];
      // The route says who they are now; their stamp says who they were when they approved.
      expect(approver).toMatchObject({ displayName: '改名 後子', position: '副町長' });
      expect(approver.stamp).toMatchObject({ name: before.display_name, position: '課長', onBehalfOfName: null });
      expect(view.drafterStamp).toMatchObject({ name: drafterBefore.display_name, position: drafterBefore.position });
      const res = await fetch(`${t.url}/api/approvals/${a.id}/pdf`, { headers: { authorization: `Bearer ${drafter.token}` } });
      expect(res.status).toBe(200);
      const text = (await readPdfText(new Uint8Array(await res.arrayBuffer()))).join('\n').replace(/\s+/g, '');
      for (const old of [before.display_name, drafterBefore.display_name]) expect(text).toContain(old.replace(/\s+/g, ''));
      for (const renamed of ['改名後子', '昇任後夫', '副町長']) expect(text).not.toContain(renamed);
    } finally {
      await t.query(`UPDATE users SET display_name = $2, position = $3 WHERE id = $1`, [
        chief.user.id,
        before.display_name,
        before.position,
      ]);
      await t.query(`UPDATE users SET display_name = $2, position = $3 WHERE id = $1`, [
        drafter.user.id,
        drafterBefore.display_name,
        drafterBefore.position,
      ]);
    }
  });
});
