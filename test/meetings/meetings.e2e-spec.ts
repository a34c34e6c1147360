import { TestServer, type SignedIn } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { ordinaryPdf } from './support/pdf-fixtures';
import { embeddedFonts, readPdfText } from './support/pdf-reading';

describe('meetings: records, agenda, notes, minutes, paper saved', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;

  beforeAll(async () => {
    t = await TestServer.start();
    [organiser, alice, bob] = await Promise.all(['sato.somu', 'suzuki.somu', 'takahashi.somu'].map((u) => t.login(u)));
  });
  afterAll(() => t.close());

  it('creates a meeting (201): the creator organises and presents; departments invite their staff', async () => {
    const depts = await t.request('GET', '/api/departments', { token: organiser.token });
    const kikaku = depts.body.find((d: { name: string }) => d.name === '企画財政課').id;
    const res = await t.request('POST', '/api/meetings', {
      token: organiser.token,
      json: {
        title: '庁議',
        startsAt: '2026-04-08T10:00:00+09:00',
        participantIds: [alice.user.id],
        departmentIds: [kikaku],
        agenda: [{ title: '予算' }, { title: '報告' }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      title: '庁議',
      status: 'scheduled',
      organiserId: organiser.user.id,
      presenterId: organiser.user.id,
      myRole: 'organiser',
    });
    expect(res.body.state).toEqual({
      meetingId: res.body.id,
      documentId: null,
      page: 1,
      zoom: 1,
      presenterId: organiser.user.id,
      version: 0,
    });
    const names = res.body.participants.map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['佐藤 健一', '鈴木 花子', '田中 誠', '伊藤 美咲', '渡辺 大輔']));
    expect(res.body.agenda.map((a: { title: string; position: number }) => [a.position, a.title])).toEqual([
      [1, '予算'],
      [2, '報告'],
    ]);
    const tanaka = await t.login('tanaka.kikaku');
    expect((await t.request('GET', '/api/meetings', { token: tanaka.token })).body.map((m: { id: string }) => m.id)).toContain(res.body.id);
    expect((await t.request('GET', '/api/meetings', { token: bob.token })).body.map((m: { id: string }) => m.id)).not.toContain(
      res.body.id,
    );
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = (await t.query('SELECT count(*)::int AS n FROM meetings'))[0].n;
    for (const json of [
      { title: '', startsAt: '2026-04-08T10:00:00Z', participantIds: [] },
      { title: 'x', startsAt: 'tomorrow', participantIds: [] },
      { title: 'x', startsAt: '2026-04-08T10:00:00Z', participantIds: ['nope'] },
      { title: 'x', startsAt: '2026-04-08T10:00:00Z', participantIds: ['00000000-0000-4000-8000-000000000000'] },
      { title: 'x', startsAt: '2026-04-08T10:00:00Z', endsAt: '2026-04-08T09:00:00Z', participantIds: [] },
      { title: 'x', startsAt: '2026-04-08T10:00:00Z', participantIds: [], extra: true },
    ]) {
      const res = await t.request('POST', '/api/meetings', { token: organiser.token, json });
      expect(res.status).toBe(400);
    }
    expect((await t.query('SELECT count(*)::int AS n FROM meetings'))[0].n).toBe(before);
  });

  it('reorders the agenda and keeps the minutes of kept items; only the organiser edits', async () => {
    const meeting = await createMeeting(t, organiser, [alice], { agenda: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] });
    const [a, b, c] = meeting.agenda as { id: string }[];
    await t.request('PUT', `/api/meetings/${meeting.id}/agenda/${a.id}/minutes`, {
      token: organiser.token,
      json: { minutes: '説明があった。', decisions: '原案どおり' },
    });
    const res = await t.request('PUT', `/api/meetings/${meeting.id}/agenda`, {
      token: organiser.token,
      json: { items: [{ id: c.id, title: 'C' }, { id: a.id, title: 'A2' }, { title: 'D' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.map((i: { title: string; position: number }) => `${i.position}${i.title}`)).toEqual(['1C', '2A2', '3D']);
    expect(res.body[1]).toMatchObject({ id: a.id, minutes: '説明があった。', decisions: '原案どおり' });
    expect(res.body.some((i: { id: string }) => i.id === b.id)).toBe(false);
    expect((await t.request('PUT', `/api/meetings/${meeting.id}/agenda`, { token: alice.token, json: { items: [] } })).status).toBe(403);
  });

  it('keeps notes private to their owner and restores them on another device', async () => {
    const meeting = await createMeeting(t, organiser, [alice, bob]);
    const doc = (await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(3))).body;
    const notes = {
      strokes: [
        { tool: 'pen', color: '#d0021b', width: 0.004, points: [0.1, 0.1, 0.2, 0.15, 0.3, 0.2] },
        { tool: 'highlighter', color: '#ffeb3b', width: 0.02, points: [0.1, 0.5, 0.6, 0.5] },
      ],
      memos: [{ x: 0.6, y: 0.1, text: '要確認：予算額' }],
    };
    const saved = await t.request('PUT', `/api/meetings/${meeting.id}/documents/${doc.id}/notes/2`, { token: alice.token, json: notes });
    expect(saved.status).toBe(200);
    const aliceElsewhere = await t.login('suzuki.somu');
    const mine = await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: aliceElsewhere.token });
    expect(mine.body.pages).toEqual([expect.objectContaining({ page: 2, ...notes })]);
    const bobs = await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: bob.token });
    expect(bobs.body.pages).toEqual([]);
    const orgs = await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: organiser.token });
    expect(orgs.body.pages).toEqual([]);
    const outsider = await t.login('tanaka.kikaku');
    expect((await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: outsider.token })).status).toBe(404);
    expect(
      (await t.request('PUT', `/api/meetings/${meeting.id}/documents/${doc.id}/notes/9`, { token: alice.token, json: notes })).status,
    ).toBe(400);
    const badPoints = { ...notes, strokes: [{ ...notes.strokes[0], points: [2, 3] }] };
    expect(
      (await t.request('PUT', `/api/meetings/${meeting.id}/documents/${doc.id}/notes/1`, { token: alice.token, json: badPoints })).status,
    ).toBe(400);
    // Memos and strokes of any wrong shape are refused and never stored (one broke the notes PDF until overwritten).
    for (const bad of [
      { ...notes, memos: [5] },
      { ...notes, memos: [null] },
      { ...notes, memos: [{ x: 'a', y: 0.1, text: 'x' }] },
      { ...notes, memos: [{ x: 0.1, y: 0.1 }] },
      { ...notes, memos: { x: 0.1 } },
      { ...notes, memos: null },
      { ...notes, strokes: [[0.1, 0.2]] },
    ]) {
      const res = await t.request('PUT', `/api/meetings/${meeting.id}/documents/${doc.id}/notes/1`, { token: alice.token, json: bad });
      expect([JSON.stringify(bad.memos ?? bad.strokes), res.status]).toEqual([JSON.stringify(bad.memos ?? bad.strokes), 400]);
    }
    const stored = await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: alice.token });
    expect(stored.body.pages.map((p: { page: number }) => p.page)).toEqual([2]);

    const exported = await fetch(`${t.url}/api/meetings/${meeting.id}/notes.pdf`, { headers: { authorization: `Bearer ${alice.token}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/pdf');
    const exportedBytes = new Uint8Array(await exported.arrayBuffer());
    expect(await readPdfText(exportedBytes)).toHaveLength(1);
    // The memo is set in the embedded Noto Sans JP: readable without any Japanese font on the reader's machine.
    expect((await readPdfText(exportedBytes))[0]).toContain('要確認：予算額');
    expect(await embeddedFonts(exportedBytes)).toEqual([{ name: expect.stringMatching(/NotoSansJP/), fontFileBytes: expect.any(Number) }]);

    // A replaced document keeps the notes made on its earlier version.
    await uploadPdf(
      t,
      organiser,
      meeting.id,
      await ordinaryPdf(3, 'v2'),
      {},
      'v2.pdf',
      `/api/meetings/${meeting.id}/documents/${doc.id}/versions`,
    );
    const still = await t.request('GET', `/api/meetings/${meeting.id}/documents/${doc.id}/notes`, { token: alice.token });
    expect(still.body.pages).toHaveLength(1);
  });

  it('exports the minutes as a PDF with Japanese text in an embedded font', async () => {
    const meeting = await createMeeting(t, organiser, [alice], { agenda: [{ title: '電子決裁の導入について' }] });
    await t.request('PUT', `/api/meetings/${meeting.id}/agenda/${meeting.agenda[0].id}/minutes`, {
      token: organiser.token,
      json: { minutes: '総務課から説明。質疑なし。', decisions: '10月から導入する。' },
    });
    expect(
      (
        await t.request('PUT', `/api/meetings/${meeting.id}/agenda/${meeting.agenda[0].id}/minutes`, {
          token: alice.token,
          json: { minutes: 'x', decisions: '' },
        })
      ).status,
    ).toBe(403);
    const res = await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.pdf`, { headers: { authorization: `Bearer ${alice.token}` } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = (await readPdfText(bytes)).join('\n');
    for (const expected of [
      '議事録',
      '定例会議',
      '電子決裁の導入について',
      '総務課から説明。質疑なし。',
      '【決定事項】',
      '10月から導入する。',
    ])
      expect(text).toContain(expected);
    // Regular and bold, each a subset of the glyphs used (a few kB, not the 5 MB font).
    const fonts = await embeddedFonts(bytes);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      expect.stringMatching(/NotoSansJP-Bold/),
      expect.stringMatching(/NotoSansJP-Regular/),
    ]);
    for (const font of fonts) expect(font.fontFileBytes).toBeLessThan(60_000);
    expect(bytes.length).toBeLessThan(100_000);
    // Read it back with the server's own ingest (pdf.js with CMaps) through an upload: the text survives.
    const reread = await uploadPdf(t, organiser, meeting.id, bytes);
    expect(reread.status).toBe(201);
    expect(reread.body.text[0]).toContain('電子決裁の導入について');
    expect(reread.body.text[0]).toContain('10月から導入する。');
  });

  it('moves 予定 → 開催中 → 終了 and counts the paper saved', async () => {
    const meeting = await createMeeting(t, organiser, [alice, bob]);
    await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(5));
    await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(3), { draft: 'true' });
    const before = (await t.request('GET', '/api/meetings/stats', { token: alice.token })).body;
    expect((await t.request('POST', `/api/meetings/${meeting.id}/status`, { token: alice.token, json: { status: 'live' } })).status).toBe(
      403,
    );
    expect(
      (await t.request('POST', `/api/meetings/${meeting.id}/status`, { token: organiser.token, json: { status: 'live' } })).body.status,
    ).toBe('live');
    const ended = await t.request('POST', `/api/meetings/${meeting.id}/status`, { token: organiser.token, json: { status: 'ended' } });
    expect(ended.body).toMatchObject({ status: 'ended', paperSaved: { pages: 5, participants: 3, sheets: 15 } });
    expect(
      (await t.request('POST', `/api/meetings/${meeting.id}/status`, { token: organiser.token, json: { status: 'live' } })).status,
    ).toBe(409);
    expect((await uploadPdf(t, organiser, meeting.id, await ordinaryPdf(1))).status).toBe(409);
    const after = (await t.request('GET', '/api/meetings/stats', { token: alice.token })).body;
    expect(after.meetingsHeld).toBe(before.meetingsHeld + 1);
    expect(after.sheetsSaved).toBe(before.sheetsSaved + 15);
    expect(after.paperlessShare).toBeGreaterThan(0);
    await t.request('PATCH', `/api/meetings/${meeting.id}`, { token: organiser.token, json: { paperDistributed: true } });
    expect((await t.request('GET', '/api/meetings/stats', { token: alice.token })).body.sheetsSaved).toBe(before.sheetsSaved);
  });

  it('answers every meetings route with a 4xx, never a 5xx, for ids and bodies of any shape', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const real = await createMeeting(t, organiser, [alice]);
    const paths = Object.entries<Record<string, unknown>>(doc.body.paths).filter(([path]) => path.startsWith('/api/meetings'));
    expect(paths.length).toBeGreaterThanOrEqual(15);
    const bodies = [
      {},
      [],
      { title: 5, startsAt: {}, participantIds: 'x', items: 'x', strokes: [{ points: 'x' }], memos: null, status: 'gone', userId: 7 },
      'null',
    ];
    for (const [path, ops] of paths) {
      for (const method of Object.keys(ops)) {
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', real.id]) {
          const concrete = path.replace('{id}', id).replace(/\{[^}]+\}/g, id === real.id ? '00000000-0000-4000-8000-000000000000' : id);
          for (const json of method === 'get' ? [undefined] : bodies) {
            const res = await t.request(method.toUpperCase(), concrete, {
              token: alice.token,
              ...(typeof json === 'string' ? { body: json, headers: { 'content-type': 'application/json' } } : { json }),
            });
            if (res.status >= 500)
              throw new Error(`${method} ${concrete} ${JSON.stringify(json)} → ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
    }
  });
});
