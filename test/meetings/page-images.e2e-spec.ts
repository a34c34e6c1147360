import { createCanvas, loadImage } from '@napi-rs/canvas';
import { TestServer, type SignedIn } from '../support/test-server';
import { createMeeting, uploadPdf } from './support/meetings-client';
import { japaneseNonEmbeddedFontPdf, ordinaryPdf } from './support/pdf-fixtures';
import { readPdfText } from './support/pdf-reading';

/** Pixels of a PNG region: dark ones (text) and reddish ones (the watermark). */
async function pixels(png: Uint8Array, region?: { x: number; y: number; width: number; height: number }) {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const r = region ?? { x: 0, y: 0, width: image.width, height: image.height };
  const data = ctx.getImageData(r.x, r.y, r.width, r.height).data;
  let dark = 0;
  let reddish = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 100 && data[i + 1] < 100 && data[i + 2] < 100) dark++;
    if (data[i] - data[i + 1] > 25 && data[i] - data[i + 2] > 25) reddish++;
  }
  return { width: image.width, height: image.height, dark, reddish };
}

describe('meeting documents: confidential papers as server-drawn page images', () => {
  let t: TestServer;
  let organiser: SignedIn;
  let member: SignedIn;
  let outsider: SignedIn;
  let meetingId: string;
  let secretId: string;
  let plainId: string;
  const base = () => `/api/meetings/${meetingId}/documents`;
  const get = (who: SignedIn, path: string, headers?: Record<string, string>) =>
    fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${who.token}`, ...headers } });

  beforeAll(async () => {
    t = await TestServer.start();
    organiser = await t.login('sato.somu');
    member = await t.login('suzuki.somu');
    outsider = await t.login('tanaka.kikaku');
    meetingId = (await createMeeting(t, organiser, [member])).id;
    secretId = (await uploadPdf(t, organiser, meetingId, japaneseNonEmbeddedFontPdf(), { title: '人事案', confidential: 'true' })).body.id;
    plainId = (await uploadPdf(t, organiser, meetingId, await ordinaryPdf(2, 'Plain'))).body.id;
  });
  afterAll(() => t.close());

  it('gives a participant PNG pages of a confidential paper, Japanese text drawn, watermarked, never cached', async () => {
    const res = await get(member, `${base()}/${secretId}/pages/1.png?width=800`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const png = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const whole = await pixels(png);
    expect(whole).toMatchObject({ width: 800, height: Math.floor((842 * 800) / 595) });
    // The line 令和六年度第一回庁議資料 (20 pt at x 60, baseline 760 of 842: HeiseiMin-W3, not embedded) is drawn
    // with Noto Sans JP: dark pixels where it stands, none in the empty band below it.
    const scale = 800 / 595;
    const line = await pixels(png, {
      x: Math.round(55 * scale),
      y: Math.round(58 * scale),
      width: Math.round(250 * scale),
      height: Math.round(30 * scale),
    });
    expect(line.dark).toBeGreaterThan(800);
    const blank = await pixels(png, {
      x: Math.round(55 * scale),
      y: Math.round(300 * scale),
      width: Math.round(250 * scale),
      height: Math.round(30 * scale),
    });
    expect(blank.dark).toBe(0);
    // The diagonal watermark (the viewer's name and the time) covers the page.
    expect(whole.reddish).toBeGreaterThan(5000);
  });

  it('draws an ordinary paper without watermark, at the asked width clamped to 120–2000', async () => {
    const res = await get(member, `${base()}/${plainId}/pages/2.png?width=300`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const plain = await pixels(new Uint8Array(await res.arrayBuffer()));
    expect(plain).toMatchObject({ width: 300, height: Math.floor((842 * 300) / 595), reddish: 0 });
    expect(plain.dark).toBeGreaterThan(50);
    const small = await get(member, `${base()}/${plainId}/pages/1.png?width=10`);
    expect((await pixels(new Uint8Array(await small.arrayBuffer()))).width).toBe(120);
    const large = await get(member, `${base()}/${plainId}/pages/1.png?width=9000`);
    expect((await pixels(new Uint8Array(await large.arrayBuffer()))).width).toBe(2000);
    const defaultWidth = await get(member, `${base()}/${plainId}/pages/1.png`);
    expect((await pixels(new Uint8Array(await defaultWidth.arrayBuffer()))).width).toBe(1200);
  });

  it('refuses bad page numbers and widths with 400', async () => {
    for (const page of ['0', '4', '-1', 'x', '1.5', '99999999999'])
      expect((await t.request('GET', `${base()}/${secretId}/pages/${page}.png`, { token: member.token })).status).toBe(400);
    for (const width of ['0', '-5', 'abc', '1.5', '20000', ''])
      expect((await t.request('GET', `${base()}/${secretId}/pages/1.png?width=${width}`, { token: member.token })).status).toBe(400);
  });

  it('shows pages to participants only', async () => {
    expect((await get(outsider, `${base()}/${secretId}/pages/1.png`)).status).toBe(404);
    expect((await get(member, `${base()}/00000000-0000-4000-8000-000000000000/pages/1.png`)).status).toBe(404);
    expect((await fetch(`${t.url}${base()}/${secretId}/pages/1.png`)).status).toBe(401);
    const draft = await uploadPdf(t, organiser, meetingId, await ordinaryPdf(1), { draft: 'true', confidential: 'true' });
    expect((await get(member, `${base()}/${draft.body.id}/pages/1.png`)).status).toBe(404);
    expect((await get(organiser, `${base()}/${draft.body.id}/pages/1.png`)).status).toBe(200);
  });

  it('never gives a participant the bytes or the whole text of a confidential paper; the organiser keeps them', async () => {
    for (const path of ['view', 'file', 'text']) {
      expect((await get(member, `${base()}/${secretId}/${path}`)).status).toBe(403);
      expect((await get(member, `${base()}/${secretId}/${path}`, { 'x-yakuba-viewer': '1' })).status).toBe(403);
      expect((await get(outsider, `${base()}/${secretId}/${path}`)).status).toBe(404);
    }
    const own = await get(organiser, `${base()}/${secretId}/file`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    const viewed = await get(organiser, `${base()}/${secretId}/view`);
    expect(viewed.status).toBe(200);
    expect(viewed.headers.get('cache-control')).toBe('private, no-store');
    // Searching inside it gives page numbers (and the meeting-wide search a short snippet), not the text.
    const found = await t.request('GET', `${base()}/${secretId}/search?q=${encodeURIComponent('災害')}`, { token: member.token });
    expect(found.body).toEqual({ documentId: secretId, pages: [3] });
    expect((await t.request('GET', `${base()}/${secretId}/search`, { token: member.token })).status).toBe(400);
  });

  it('exports my notes on a confidential paper over the watermarked page image, not a copy of the PDF', async () => {
    const saved = await t.request('PUT', `${base()}/${secretId}/notes/2`, {
      token: member.token,
      json: {
        strokes: [{ tool: 'pen', color: '#d0021b', width: 0.004, points: [0.1, 0.1, 0.3, 0.2] }],
        memos: [{ x: 0.5, y: 0.5, text: '要確認' }],
      },
    });
    expect(saved.status).toBe(200);
    const exported = await get(member, `/api/meetings/${meetingId}/notes.pdf`);
    expect(exported.status).toBe(200);
    const text = await readPdfText(new Uint8Array(await exported.arrayBuffer()));
    expect(text).toEqual(['要確認']);
  });

  it('draws several pages at once, a few at a time, the same page from its short-lived cache', async () => {
    const requests = [1, 2, 3, 1, 2, 3].map((n) => get(member, `${base()}/${secretId}/pages/${n}.png?width=400`));
    const answers = await Promise.all(requests);
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    const sizes = await Promise.all(answers.map(async (r) => (await r.arrayBuffer()).byteLength));
    expect(sizes[0]).toBe(sizes[3]);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  });
});
