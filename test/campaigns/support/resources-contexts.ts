import type { SignedIn, TestServer } from '../../support/test-server';
import { ordinaryPdf } from '../../meetings/support/pdf-fixtures';
import { jpegWithGps } from '../../disasters/support/disaster-fixtures';
import { newCanary, type Kind, type ResourceSet, type Standing } from './resources';

/**
 * Fixtures and access policy of the contexts added after chat and meetings (disasters, approvals, surveys, KPIs,
 * API tokens, sessions, guests) for the authorization matrix. Records of a set (an approval with an attached PDF, a
 * survey, an absence, a second session) belong to the set's owner and members like its channel; town-wide records
 * (a disaster with its urgent message, damage report, photo and duties; a document type; a guest; an API token; a
 * KPI; a survey template) are one for the whole campaign.
 */

export type MatrixRole = 'staff' | 'admin' | 'disaster_officer' | 'survey_admin' | 'guest' | 'api_token';

const must = <T>(what: string, res: { status: number; body: T }, status = 201): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Adds the set's approval (submitted, with a PDF), survey (open, to the set's members), absence and spare session. */
export async function addContextRecords(t: TestServer, set: ResourceSet, members: SignedIn[], admin: SignedIn): Promise<void> {
  const owner = set.owner;
  set.approvalCanary = newCanary();
  set.surveyCanary = newCanary();
  const types = must<{ id: string; code: string }[]>('types', await t.request('GET', '/api/approvals/types', { token: owner.token }), 200);
  const draft = must<{ id: string; version: number }>(
    'approval',
    await t.request('POST', '/api/approvals', {
      token: owner.token,
      json: { typeId: types.find((x) => x.code === 'ippan')!.id, title: `起案 ${set.approvalCanary}`, body: `本文 ${set.approvalCanary}` },
    }),
  );
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(await ordinaryPdf(1, set.approvalCanary))], { type: 'application/pdf' }),
    `${set.approvalCanary}.pdf`,
  );
  form.append('title', `添付 ${set.approvalCanary}`);
  form.append('version', String(draft.version));
  const attachment = must<{ id: string; versions: { id: string }[] }>(
    'approval attachment',
    await t.request('POST', `/api/approvals/${draft.id}/attachments`, { token: owner.token, body: form }),
  );
  const current = must<{ version: number }>('approval', await t.request('GET', `/api/approvals/${draft.id}`, { token: owner.token }), 200);
  must(
    'submit',
    await t.request('POST', `/api/approvals/${draft.id}/submit`, { token: owner.token, json: { version: current.version } }),
    200,
  );
  const survey = must<{ id: string }>(
    'survey',
    await t.request('POST', '/api/surveys', {
      token: admin.token,
      json: {
        title: `調査 ${set.surveyCanary}`,
        anonymous: false,
        audience: { userIds: members.map((m) => m.user.id) },
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        questions: [{ key: 'q1', type: 'text', text: `設問 ${set.surveyCanary}` }],
      },
    }),
  );
  must('open survey', await t.request('POST', `/api/surveys/${survey.id}/open`, { token: admin.token, json: {} }), 200);
  const proxy = members.find((m) => m.user.id !== owner.user.id) ?? admin;
  const absence = must<{ id: string }>(
    'absence',
    await t.request('POST', '/api/approvals/absences', {
      token: owner.token,
      json: {
        proxyId: proxy.user.id,
        startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 11 * 86_400_000).toISOString(),
      },
    }),
  );
  // A device of the owner's with Web Push on (written directly: push is off by default, so the route refuses to add one).
  const [push] = await t.query<{ id: string }>(
    `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4) RETURNING id`,
    [owner.user.id, `https://fcm.googleapis.com/fcm/send/${set.approvalCanary}`, 'B'.repeat(87), 'a'.repeat(22)],
  );
  // A second session of the owner, so that ending it (by an administrator) leaves the set's owner signed in.
  const spare = await t.login(owner.user.username);
  const sessions = must<{ id: string; current: boolean }[]>(
    'sessions',
    await t.request('GET', '/api/auth/sessions/mine', { token: spare.token }),
    200,
  );
  Object.assign(set.ids, {
    approval: draft.id,
    approvalAttachment: attachment.id,
    approvalVersion: attachment.versions[0].id,
    survey: survey.id,
    absence: absence.id,
    session: sessions.find((s) => s.current)!.id,
    pushSubscription: push.id,
  });
}

export interface TownRecords {
  ids: Partial<Record<Kind, string>>;
  /** In the disaster's title and urgent message: readable by staff and its guests, not by an API token. */
  canary: string;
  guest: SignedIn;
  apiToken: string;
  /** A second drill for the close route: closing ends the disaster's guests, and the matrix's guest must stay. */
  closeable: string;
}

/** One drill disaster with everything its routes name, a guest of it, an API token, a document type, a KPI. */
export async function createTownRecords(
  t: TestServer,
  officer: SignedIn,
  admin: SignedIn,
  foreignDepartmentId: string,
): Promise<TownRecords> {
  const canary = newCanary();
  const disaster = must<{ id: string }>(
    'disaster',
    await t.request('POST', '/api/disasters', {
      token: officer.token,
      json: { title: `訓練 ${canary}`, kind: 'earthquake', level: 3, drill: true },
    }),
  );
  const urgent = must<{ message: { id: string } }>(
    'urgent',
    await t.request('POST', `/api/disasters/${disaster.id}/urgent`, { token: officer.token, json: { body: `緊急 ${canary}` } }),
  );
  const form = new FormData();
  form.set('place', `現場 ${canary}`);
  form.set('category', 'road');
  form.set('severity', '2');
  form.append('photos', new Blob([new Uint8Array(jpegWithGps())], { type: 'image/jpeg' }), '写真.jpg');
  const report = must<{ id: string; photos: { id: string }[] }>(
    'damage report',
    await t.request('POST', `/api/disasters/${disaster.id}/damage-reports`, { token: officer.token, body: form }),
  );
  const duties = must<{ id: string }[]>(
    'duties',
    await t.request('GET', `/api/disasters/${disaster.id}/duties`, { token: officer.token }),
    200,
  );
  const dutyRoles = must<{ id: string }[]>('duty roles', await t.request('GET', '/api/disaster-duties', { token: officer.token }), 200);
  const invite = (name: string) =>
    t.request('POST', `/api/disasters/${disaster.id}/guests`, {
      token: officer.token,
      json: { displayName: name, organisation: '県 防災課', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
  const guestAccount = must<{ username: string; password: string }>('guest', await invite('来訪 一郎'));
  const spareGuest = must<{ guest: { id: string } }>('guest', await invite('来訪 二郎'));
  const token = must<{ id: string; token: string }>(
    'api token',
    await t.request('POST', '/api/api-tokens', { token: admin.token, json: { name: '防災システム連携', scopes: ['disasters'] } }),
  );
  const spareToken = must<{ id: string }>(
    'api token',
    await t.request('POST', '/api/api-tokens', { token: admin.token, json: { name: '予備', scopes: ['disasters'] } }),
  );
  const type = must<{ id: string }>(
    'document type',
    await t.request('POST', '/api/approvals/types', {
      token: admin.token,
      json: {
        code: 'authz-matrix',
        name: '権限表 検証用',
        retentionYears: 1,
        stages: [
          {
            key: 'kacho',
            label: '課長',
            kind: 'approval',
            mode: 'sequential',
            approvers: [{ kind: 'drafter_department_position', position: '課長' }],
            rank: '課長',
            minAmount: null,
            afterDecision: false,
          },
        ],
        authority: [],
      },
    }),
  );
  const closeable = must<{ id: string }>(
    'second disaster',
    await t.request('POST', '/api/disasters', {
      token: officer.token,
      json: { title: '閉じる訓練', kind: 'heavy_rain', level: 1, drill: true },
    }),
  );
  const kpis = must<{ key: string }[]>('kpis', await t.request('GET', '/api/kpis', { token: admin.token }), 200);
  const templates = must<{ key: string }[]>('templates', await t.request('GET', '/api/surveys/templates', { token: admin.token }), 200);
  return {
    canary,
    guest: await t.login(guestAccount.username, guestAccount.password),
    apiToken: token.token,
    closeable: closeable.id,
    ids: {
      disaster: disaster.id,
      urgentMessage: urgent.message.id,
      damageReport: report.id,
      photo: report.photos[0].id,
      duty: duties[0]?.id ?? 'no-duty',
      dutyRole: dutyRoles[0].id,
      guest: spareGuest.guest.id,
      apiToken: spareToken.id,
      approvalType: type.id,
      department: foreignDepartmentId,
      kpi: kpis[0].key,
      surveyTemplate: templates[0].key,
    },
  };
}

/** Who may read a set's approval or survey besides its owner and members: the contract's visibility rules. */
export function mayRead(kind: 'approval' | 'survey', role: MatrixRole, standing: Standing): boolean {
  if (standing === 'own') return true;
  if (kind === 'approval') return role === 'admin' || (standing === 'dept' && role !== 'guest' && role !== 'api_token');
  return role === 'admin' || role === 'survey_admin';
}

/**
 * Writes that succeed by design on a record that is not one's own: managing roles on the records they manage, staff
 * taking part in a disaster (acknowledging, reporting damage, answering the roll call), a guest in its disaster, the
 * API token on its two routes. Any other 2xx on a record outside the caller's own is a foreign write.
 */
export function mayWrite(role: MatrixRole, method: string, path: string, subject: Kind): boolean {
  const key = `${method} ${path}`;
  const participation = [
    'POST /api/disasters/{id}/urgent/{messageId}/ack',
    'POST /api/disasters/{id}/damage-reports',
    'PUT /api/disasters/{id}/roll-call',
    'POST /api/disasters/{id}/duties/{dutyId}/respond',
  ];
  if (role === 'api_token') return key === 'POST /api/disasters/{id}/urgent';
  if (role === 'guest') return ['POST /api/disasters/{id}/urgent/{messageId}/ack', 'POST /api/disasters/{id}/damage-reports'].includes(key);
  if (participation.includes(key)) return true;
  // Administrators hold every permission: they manage town-wide records, surveys, others' absences and sessions;
  // never someone else's approval, nor a response in someone else's name.
  if (role === 'admin')
    return (
      !path.includes('/responses') &&
      (['survey', 'absence', 'session'].includes(subject) ||
        !['approval', 'approvalAttachment', 'approvalVersion', 'pushSubscription'].includes(subject))
    );
  if (['disaster', 'damageReport', 'photo', 'urgentMessage', 'duty', 'dutyRole', 'guest'].includes(subject))
    return role === 'disaster_officer';
  if (subject === 'survey' || subject === 'surveyTemplate') return role === 'survey_admin' && !path.includes('/responses');
  return false;
}
