import type { SignedIn, TestServer } from '../../support/test-server';

/** Small helpers over the meetings REST routes, for the meetings tests. */
export async function createMeeting(t: TestServer, organiser: SignedIn, participants: SignedIn[], extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/meetings', {
    token: organiser.token,
    json: {
      title: '定例会議',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      participantIds: participants.map((p) => p.user.id),
      ...extra,
    },
  });
  if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; agenda: { id: string }[] } & Record<string, any>;
}

export function uploadPdf(
  t: TestServer,
  who: SignedIn,
  meetingId: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
  name = 'paper.pdf',
  path = `/api/meetings/${meetingId}/documents`,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return t.request('POST', path, { token: who.token, body: form });
}
