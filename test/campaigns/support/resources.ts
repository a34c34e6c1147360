import { randomBytes } from 'node:crypto';
import type { SignedIn, TestServer } from '../../support/test-server';
import { ordinaryPdf } from '../../meetings/support/pdf-fixtures';

/** Where a resource stands to the actor: theirs, a colleague's in the same department, or another department's. */
export type Standing = 'own' | 'dept' | 'foreign';
export const STANDINGS: Standing[] = ['own', 'dept', 'foreign'];

/** The kinds of record a route parameter can name. Private kinds must never leak to someone outside them. */
export type Kind =
  | 'channel'
  | 'message'
  | 'attachment'
  | 'meeting'
  | 'document'
  | 'agendaItem'
  | 'user'
  // Records of a set too, whose readers and writers the matrix's policy names (resources-contexts.ts).
  | 'approval'
  | 'approvalAttachment'
  | 'approvalVersion'
  | 'absence'
  | 'pushSubscription'
  | 'survey'
  | 'session'
  // Town-wide records: one of each for the whole campaign, probed once per actor (standing `town`).
  | 'disaster'
  | 'damageReport'
  | 'photo'
  | 'urgentMessage'
  | 'duty'
  | 'dutyRole'
  | 'guest'
  | 'approvalType'
  | 'department'
  | 'surveyTemplate'
  | 'kpi'
  | 'apiToken';
export const PRIVATE_KINDS = new Set<Kind>(['channel', 'message', 'attachment', 'meeting', 'document', 'agendaItem']);
export const TOWN_KINDS = new Set<Kind>([
  'disaster',
  'damageReport',
  'photo',
  'urgentMessage',
  'duty',
  'dutyRole',
  'guest',
  'approvalType',
  'department',
  'surveyTemplate',
  'kpi',
  'apiToken',
]);

/** One set of private records, created by `owner` with `members`, each carrying a canary no outsider may ever read. */
export interface ResourceSet {
  owner: SignedIn;
  ids: Record<Kind, string>;
  /** In names and titles (metadata, which the audit trail records for its readers). */
  canary: string;
  /** In contents: message bodies, PDF text, agenda items. */
  contentCanary: string;
  /** In the set's approval (title, body, attached PDF) and survey (title, question): their readers differ. */
  approvalCanary: string;
  surveyCanary: string;
}

/** A word that tokenises as one search term and appears in every text of the set (names, bodies, titles, PDF text). */
export const newCanary = () => `KANARIA${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * A private channel with a message and an attachment, and a meeting with an agenda item and a published PDF, all
 * made through the public API by `owner` with `members` (the owner included), all marked with one canary.
 */
export async function createResourceSet(t: TestServer, owner: SignedIn, members: SignedIn[]): Promise<ResourceSet> {
  const canary = newCanary();
  const contentCanary = newCanary();
  const must = <T>(what: string, res: { status: number; body: T }, status = 201): T => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const others = members.filter((m) => m.user.id !== owner.user.id).map((m) => m.user.id);
  const channel = must<{ id: string }>(
    'channel',
    await t.request('POST', '/api/chat/channels', {
      token: owner.token,
      json: { name: `秘密 ${canary}`, type: 'private', memberIds: others },
    }),
  );
  const { message } = must<{ message: { id: string } }>(
    'message',
    await t.request('POST', `/api/chat/channels/${channel.id}/messages`, {
      token: owner.token,
      json: { body: `内部の話 ${contentCanary}` },
    }),
  );
  const pdf = await ordinaryPdf(1, contentCanary);
  const attachmentForm = new FormData();
  attachmentForm.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${canary}.pdf`);
  const attachment = must<{ id: string }>(
    'attachment',
    await t.request('POST', `/api/chat/channels/${channel.id}/attachments`, { token: owner.token, body: attachmentForm }),
  );
  const meeting = must<{ id: string; agenda: { id: string }[] }>(
    'meeting',
    await t.request('POST', '/api/meetings', {
      token: owner.token,
      json: {
        title: `非公開会議 ${canary}`,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        participantIds: others,
        agenda: [{ title: `議題 ${contentCanary}` }],
      },
    }),
  );
  const documentForm = new FormData();
  documentForm.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${canary}.pdf`);
  documentForm.append('title', `資料 ${canary}`);
  const document = must<{ id: string }>(
    'document',
    await t.request('POST', `/api/meetings/${meeting.id}/documents`, { token: owner.token, body: documentForm }),
  );
  const published = await t.request('POST', `/api/meetings/${meeting.id}/documents/${document.id}/publish`, {
    token: owner.token,
    json: {},
  });
  if (published.status >= 300) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return {
    owner,
    canary,
    contentCanary,
    approvalCanary: '',
    surveyCanary: '',
    ids: {
      channel: channel.id,
      message: message.id,
      attachment: attachment.id,
      meeting: meeting.id,
      document: document.id,
      agendaItem: meeting.agenda[0].id,
      user: owner.user.id,
    } as Record<Kind, string>,
  };
}

/**
 * Which kind of record each path parameter names, read from the route template. A parameter no rule knows is
 * reported as `unmapped` in the matrix, so a new route shows up in review instead of passing unnoticed.
 */
export function kindOf(path: string, param: string): Kind | 'page' | 'unmapped' {
  const named: Partial<Record<string, Kind | 'page'>> = {
    documentId: 'document',
    itemId: 'agendaItem',
    userId: 'user',
    page: 'page',
    versionId: 'approvalVersion',
    absenceId: 'absence',
    typeId: 'approvalType',
    departmentId: 'department',
    reportId: 'damageReport',
    photoId: 'photo',
    dutyId: 'duty',
    dutyRoleId: 'dutyRole',
    guestId: 'guest',
  };
  if (named[param]) return named[param];
  if (param === 'attachmentId' && path.startsWith('/api/approvals/')) return 'approvalAttachment';
  if (param === 'messageId' && path.startsWith('/api/disasters/')) return 'urgentMessage';
  if (param === 'key') {
    if (path.startsWith('/api/kpis/')) return 'kpi';
    if (path.startsWith('/api/surveys/templates/')) return 'surveyTemplate';
  }
  if (param === 'id') {
    const prefixes: [string, Kind][] = [
      ['/api/chat/channels/', 'channel'],
      ['/api/chat/messages/', 'message'],
      ['/api/chat/attachments/', 'attachment'],
      ['/api/meetings/', 'meeting'],
      ['/api/users/', 'user'],
      ['/api/approvals/', 'approval'],
      ['/api/surveys/', 'survey'],
      ['/api/disasters/', 'disaster'],
      ['/api/api-tokens/', 'apiToken'],
      ['/api/auth/sessions/', 'session'],
      ['/api/push/subscriptions/', 'pushSubscription'],
    ];
    for (const [prefix, kind] of prefixes) if (path.startsWith(prefix)) return kind;
  }
  return 'unmapped';
}
