import { randomBytes } from 'node:crypto';
import type { TestServer } from '../support/test-server';

/** A browser's edit secret: 32 random bytes, base64url (the server only ever sees it to hash it). */
export const newSecret = () => randomBytes(32).toString('base64url');

export const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

export const basicQuestions = [
  { key: 'q1', type: 'likert5', text: '業務量は減ったと感じますか', required: true, kpi: { target: 0.7 } },
  { key: 'q2', type: 'single', text: 'チャットの頻度', options: ['毎日', '週に数回', 'ほとんど使わない'] },
  { key: 'q3', type: 'text', text: '自由意見' },
];

export async function createSurvey(t: TestServer, token: string, body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/surveys', {
    token,
    json: { title: 'テスト調査', anonymous: true, audience: { all: true }, closesAt: inDays(7), questions: basicQuestions, ...body },
  });
  if (res.status !== 201) throw new Error(`create survey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; status: string };
}

export async function openSurvey(t: TestServer, token: string, body: Record<string, unknown> = {}) {
  const s = await createSurvey(t, token, body);
  const res = await t.request('POST', `/api/surveys/${s.id}/open`, { token, json: {} });
  if (res.status !== 200) throw new Error(`open survey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; invited: number };
}
