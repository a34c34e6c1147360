import { TestServer, type SignedIn } from '../support/test-server';

/**
 * The session probe (always 200, with the organisation's time zone) and each account's date preference, stored on
 * the server so that it follows the user to another device; bad input of any shape is a 4xx that changes nothing.
 */
describe('session probe and display preferences', () => {
  let t: TestServer;
  let staff: SignedIn;
  beforeAll(async () => {
    t = await TestServer.start();
    staff = await t.login('suzuki.somu');
  });
  afterAll(() => t.close());

  const stored = async (id: string) =>
    (await t.query<{ date_style: string | null }>('SELECT date_style FROM users WHERE id = $1', [id]))[0].date_style;

  it('answers a signed-out browser 200 with no user and the time zone, a signed-in one with its account', async () => {
    const anonymous = await t.request('GET', '/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ user: null, timeZone: 'Asia/Tokyo' });
    // A credential that is no longer (or never was) valid is a signed-out browser too, not a 401.
    expect((await t.request('GET', '/api/auth/session', { token: 'not-a-token' })).body).toEqual({ user: null, timeZone: 'Asia/Tokyo' });

    const signedIn = await t.request('GET', '/api/auth/session', { cookie: staff.cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      timeZone: 'Asia/Tokyo',
      user: expect.objectContaining({
        id: staff.user.id,
        username: 'suzuki.somu',
        timeZone: 'Asia/Tokyo',
        preferences: { dateStyle: null },
      }),
    });
    const me = await t.request('GET', '/api/auth/me', { token: staff.token });
    expect(me.body).toMatchObject({ timeZone: 'Asia/Tokyo', preferences: { dateStyle: null } });
  });

  it('stores the date style with the account: the next sign-in (another device) gets it', async () => {
    expect((await t.request('GET', '/api/auth/preferences', { token: staff.token })).body).toEqual({ dateStyle: null });
    const put = await t.request('PUT', '/api/auth/preferences', { token: staff.token, json: { dateStyle: 'wareki' } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ dateStyle: 'wareki' });
    expect(await stored(staff.user.id)).toBe('wareki');

    const elsewhere = await t.login('suzuki.somu');
    expect(elsewhere.user).toMatchObject({ preferences: { dateStyle: 'wareki' }, timeZone: 'Asia/Tokyo' });
    expect((await t.request('GET', '/api/auth/session', { token: elsewhere.token })).body.user.preferences).toEqual({
      dateStyle: 'wareki',
    });

    // Someone else's choice is their own.
    const other = await t.login('sato.somu');
    expect((await t.request('GET', '/api/auth/preferences', { token: other.token })).body).toEqual({ dateStyle: null });

    // null clears the choice (the browser's own applies again).
    expect((await t.request('PUT', '/api/auth/preferences', { token: staff.token, json: { dateStyle: null } })).body).toEqual({
      dateStyle: null,
    });
    expect((await t.request('PUT', '/api/auth/preferences', { token: staff.token, json: { dateStyle: 'gregorian' } })).body).toEqual({
      dateStyle: 'gregorian',
    });
  });

  const bad: [string, { json?: unknown; body?: string; headers?: Record<string, string> }][] = [
    ['an unknown style', { json: { dateStyle: 'heisei' } }],
    ['a number', { json: { dateStyle: 1 } }],
    ['no field at all', { json: {} }],
    ['an unknown field', { json: { dateStyle: 'wareki', theme: 'dark' } }],
    ['an array body', { json: ['wareki'] }],
    ['a string body', { json: 'wareki' }],
    ['broken JSON', { body: '{"dateStyle":', headers: { 'content-type': 'application/json' } }],
    ['a nested object', { json: { dateStyle: { $ne: null } } }],
  ];
  it.each(bad)('refuses %s with 400 and changes nothing', async (_name, options) => {
    const before = await stored(staff.user.id);
    const res = await t.request('PUT', '/api/auth/preferences', { token: staff.token, ...options });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    expect(await stored(staff.user.id)).toBe(before);
  });

  it('documents the probe’s and the preferences’ answers in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    const schemas = doc.components.schemas;
    // The contract types themselves (libs/contracts/src/security.ts), generated into the document.
    expect(schemas.SessionProbe.properties.user).toMatchObject({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/MeView' }],
    });
    expect(schemas.MeView.properties.preferences).toMatchObject({ allOf: [{ $ref: '#/components/schemas/UserPreferences' }] });
    expect(schemas.UserPreferences.properties.dateStyle).toMatchObject({ type: 'string', enum: ['gregorian', 'wareki'], nullable: true });
    expect(doc.paths['/api/auth/session'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SessionProbe',
    });
    expect(doc.paths['/api/auth/preferences'].put.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/UserPreferences',
    });
  });

  it('needs a session for the preferences, not for the probe; an API token is no browser session', async () => {
    expect((await t.request('GET', '/api/auth/preferences')).status).toBe(401);
    expect((await t.request('PUT', '/api/auth/preferences', { json: { dateStyle: 'wareki' } })).status).toBe(401);
    const admin = await t.login('admin');
    const token = await t.request('POST', '/api/api-tokens', {
      token: admin.token,
      json: { name: '防災無線 中継', scopes: ['disasters'] },
    });
    expect(token.status).toBe(201);
    expect((await t.request('GET', '/api/auth/session', { token: token.body.token })).body).toEqual({ user: null, timeZone: 'Asia/Tokyo' });
    expect([403, 404]).toContain(
      (await t.request('PUT', '/api/auth/preferences', { token: token.body.token, json: { dateStyle: 'wareki' } })).status,
    );
  });
});

describe('the organisation’s time zone', () => {
  it('is the configured TIME_ZONE, given to the client with the session', async () => {
    const t = await TestServer.start({ TIME_ZONE: 'America/New_York' });
    try {
      expect((await t.request('GET', '/api/auth/session')).body).toEqual({ user: null, timeZone: 'America/New_York' });
      const staff = await t.login('suzuki.somu');
      expect(staff.user).toMatchObject({ timeZone: 'America/New_York' });
    } finally {
      await t.close();
    }
  });
});
