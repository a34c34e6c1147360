import type { ApprovalView, DocumentTypeView } from '@yakuba/contracts';
import type { SignedIn, TestServer } from '../../support/test-server';

/** Small helpers over the approvals HTTP API for the e2e tests. */
export class ApprovalsClient {
  private types?: DocumentTypeView[];

  constructor(private readonly t: TestServer) {}

  async type(who: SignedIn, code: string): Promise<DocumentTypeView> {
    this.types ??= (await this.t.request('GET', '/api/approvals/types', { token: who.token })).body as DocumentTypeView[];
    const found = this.types.find((x) => x.code === code);
    if (!found) throw new Error(`no type ${code}`);
    return found;
  }

  async draft(
    who: SignedIn,
    code: string,
    fields: { title?: string; body?: string; amount?: number; important?: boolean; unusual?: boolean } = {},
  ): Promise<ApprovalView> {
    const type = await this.type(who, code);
    const res = await this.t.request('POST', '/api/approvals', {
      token: who.token,
      json: { typeId: type.id, title: 'テスト起案', body: '本文', ...fields },
    });
    if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ApprovalView;
  }

  async submit(who: SignedIn, a: ApprovalView): Promise<ApprovalView> {
    const res = await this.t.request('POST', `/api/approvals/${a.id}/submit`, { token: who.token, json: { version: a.version } });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ApprovalView;
  }

  act(who: SignedIn, a: { id: string; version: number }, action: string, more: Record<string, unknown> = {}) {
    return this.t.request<ApprovalView>('POST', `/api/approvals/${a.id}/actions`, {
      token: who.token,
      json: { action, version: a.version, ...more },
    });
  }

  async ok(who: SignedIn, a: { id: string; version: number }, action: string, more: Record<string, unknown> = {}): Promise<ApprovalView> {
    const res = await this.act(who, a, action, more);
    if (res.status !== 200) throw new Error(`${action} by ${who.user.username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  get(who: SignedIn, id: string) {
    return this.t.request<ApprovalView>('GET', `/api/approvals/${id}`, { token: who.token });
  }

  /** Who waits now (user ids) at the current stage. */
  static waiting(a: ApprovalView): string[] {
    return a.currentStage === null ? [] : a.route[a.currentStage].approvers.filter((x) => x.state === 'waiting').map((x) => x.userId);
  }
}
