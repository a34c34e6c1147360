import type { ApprovalView } from '@yakuba/contracts';
import { TestServer, type SignedIn } from '../support/test-server';
import { ApprovalsClient } from './support/approvals-client';

/** The rules that keep the record honest: one winner per transition, a tamper-evident history, numbers that never repeat. */
describe('approvals: concurrency, audit chain, 文書番号', () => {
  let t: TestServer;
  let api: ApprovalsClient;
  const u: Record<string, SignedIn> = {};
  const chiefs = [
    'sato.somu',
    'tanaka.kikaku',
    'yamamoto.chomin',
    'kato.zeimu',
    'yamada.hoken',
    'matsumoto.nosei',
    'kimura.rinsei',
    'shimizu.kensetsu',
  ];
  let consultType: string;

  beforeAll(async () => {
    t = await TestServer.start();
    api = new ApprovalsClient(t);
    for (const name of ['admin', 'yoshida.zeimu', 'fukuchocho', ...chiefs]) u[name] = await t.login(name);
    // A type with a 合議 stage of every 課長 (all-of) before the 副町長 decides.
    const created = await t.request('POST', '/api/approvals/types', {
      token: u.admin.token,
      json: {
        code: 'zencho-goghi',
        name: '全課合議',
        retentionYears: 3,
        stages: [
          {
            key: 'goghi',
            label: '全課長 合議',
            kind: 'consultation',
            mode: 'all',
            approvers: chiefs.map((c) => ({ kind: 'user', userId: u[c].user.id })),
            rank: null,
            minAmount: null,
            afterDecision: false,
          },
          {
            key: 'fuku',
            label: '副町長',
            kind: 'approval',
            mode: 'sequential',
            approvers: [{ kind: 'user', userId: u.fukuchocho.user.id }],
            rank: '副町長',
            minAmount: null,
            afterDecision: false,
          },
        ],
        authority: [],
      },
    });
    expect(created.status).toBe(201);
    consultType = created.body.code;
  });
  afterAll(() => t.close());

  it('a double click, or every approver of a 合議 stage at once: exactly one transition, the others 409', async () => {
    const drafter = u['yoshida.zeimu'];
    let a = await api.submit(drafter, await api.draft(drafter, consultType, { title: '同時承認' }));
    const others = chiefs.filter((c) => c !== 'kato.zeimu');
    // The same approver, twenty times at once with the same version.
    const clicks = await Promise.all(Array.from({ length: 20 }, () => api.act(u['sato.somu'], a, 'approve')));
    expect(clicks.filter((r) => r.status === 200)).toHaveLength(1);
    expect(clicks.filter((r) => r.status === 409)).toHaveLength(19);
    a = clicks.find((r) => r.status === 200)!.body;
    // Every remaining approver of the stage at once, all with the version they loaded.
    const race = await Promise.all(others.filter((c) => c !== 'sato.somu').map((c) => api.act(u[c], a, 'approve')));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409)).toHaveLength(race.length - 1);
    const after = (await api.get(drafter, a.id)).body;
    expect(after.version).toBe(a.version + 1);
    const approvals = after.actions.filter((x) => x.kind === 'approve');
    expect(approvals).toHaveLength(2);
    expect(after.route[0].approvers.filter((x) => x.state === 'approved')).toHaveLength(2);
    // A not-yet-visible approval to an outsider stays 404, and a stale version after all is still 409.
    expect((await api.act(u['sato.somu'], a, 'approve')).status).toBe(409);
  });

  it('a deleted or edited approval action fails /api/audit/verify at its entry, even with the triggers disabled', async () => {
    const verify = async () => (await t.request('GET', '/api/audit/verify', { token: u.admin.token })).body;
    const drafter = u['yoshida.zeimu'];
    // A draft never submitted may still be deleted by its drafter: its actions go with it, and the chain says so.
    const scrap = await api.draft(drafter, 'ippan', { title: '破棄する起案' });
    expect((await t.request('DELETE', `/api/approvals/${scrap.id}`, { token: drafter.token })).status).toBe(204);
    let a = await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '行の削除検知' }));
    a = await api.ok(u['kato.zeimu'], a, 'approve', { comment: '承認' });
    expect(a.status).toBe('decided');
    expect(await verify()).toMatchObject({ valid: true });
    // The index refuses DELETE and TRUNCATE as it refuses UPDATE.
    await expect(t.query(`DELETE FROM approval_actions WHERE approval_id = $1`, [a.id])).rejects.toThrow(/append-only/);
    await expect(t.query(`TRUNCATE approval_actions`)).rejects.toThrow(/append-only/);
    const [approve] = await t.query<Record<string, unknown> & { id: string; audit_id: string; at: Date }>(
      `SELECT * FROM approval_actions WHERE approval_id = $1 AND kind = 'approve'`,
      [a.id],
    );
    const restore = () =>
      t.query(
        `INSERT INTO approval_actions (id, approval_id, seq, kind, stage, actor_id, on_behalf_of_id, to_stage, at, audit_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        ['id', 'approval_id', 'seq', 'kind', 'stage', 'actor_id', 'on_behalf_of_id', 'to_stage', 'at', 'audit_id'].map((c) => approve[c]),
      );
    // A database owner gets past the triggers: the rows no longer match the chain, and verify says where.
    await t.query(`ALTER TABLE approval_actions DISABLE TRIGGER USER`);
    try {
      await t.query(`DELETE FROM approval_actions WHERE id = $1`, [approve.id]);
      expect((await api.get(drafter, a.id)).body.actions.map((x) => x.kind)).toEqual(['create', 'submit', 'decide']);
      expect(await verify()).toMatchObject({
        valid: false,
        brokenAtId: String(approve.audit_id),
        reason: expect.stringMatching(/deleted/),
      });
      await restore();
      expect(await verify()).toMatchObject({ valid: true });
      // Someone else's name on the approval.
      await t.query(`UPDATE approval_actions SET actor_id = $2 WHERE id = $1`, [approve.id, u['sato.somu'].user.id]);
      expect(await verify()).toMatchObject({
        valid: false,
        brokenAtId: String(approve.audit_id),
        reason: expect.stringMatching(/changed/),
      });
      // The approval moved a day earlier.
      await t.query(`UPDATE approval_actions SET actor_id = $2, at = at - interval '1 day' WHERE id = $1`, [approve.id, approve.actor_id]);
      expect(await verify()).toMatchObject({ valid: false, brokenAtId: String(approve.audit_id) });
      // An approval turned into a rejection.
      await t.query(`UPDATE approval_actions SET at = $2, kind = 'reject' WHERE id = $1`, [approve.id, approve.at]);
      expect(await verify()).toMatchObject({ valid: false, brokenAtId: String(approve.audit_id) });
      await t.query(`DELETE FROM approval_actions WHERE id = $1`, [approve.id]);
      await restore();
      expect(await verify()).toMatchObject({ valid: true });
    } finally {
      await t.query(`ALTER TABLE approval_actions ENABLE TRIGGER USER`);
    }
  });

  it('the history is in the audit chain: editing or deleting a stored action makes /api/audit/verify fail there', async () => {
    const drafter = u['yoshida.zeimu'];
    let a = await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '改ざん検知' }));
    a = await api.ok(u['kato.zeimu'], a, 'approve', { comment: '本物のコメント' });
    expect(a.status).toBe('decided');
    expect((await t.request('GET', '/api/audit/verify', { token: u.admin.token })).body).toMatchObject({ valid: true });
    // The index of the history cannot be edited in place at all.
    await expect(t.query(`UPDATE approval_actions SET kind = 'reject' WHERE approval_id = $1`, [a.id])).rejects.toThrow(/append-only/);
    const [approve] = await t.query<{ audit_id: string }>(
      `SELECT audit_id FROM approval_actions WHERE approval_id = $1 AND kind = 'approve'`,
      [a.id],
    );
    const [submit] = await t.query<{ audit_id: string }>(
      `SELECT audit_id FROM approval_actions WHERE approval_id = $1 AND kind = 'submit'`,
      [a.id],
    );
    // Someone with superuser rights gets past the audit log's trigger and rewrites the comment.
    await t.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    try {
      await t.query(`UPDATE audit_log SET data = jsonb_set(data, '{comment}', '"改ざんされたコメント"') WHERE id = $1`, [approve.audit_id]);
      const changed = (await t.request('GET', '/api/audit/verify', { token: u.admin.token })).body;
      expect(changed).toMatchObject({ valid: false, brokenAtId: String(approve.audit_id), reason: 'entry content was changed' });
      expect((await api.get(drafter, a.id)).body.actions.find((x) => x.kind === 'approve')!.comment).toBe('改ざんされたコメント');
      // Restore the entry, then delete another action's entry: the chain breaks at the next one.
      await t.query(`UPDATE audit_log SET data = jsonb_set(data, '{comment}', '"本物のコメント"') WHERE id = $1`, [approve.audit_id]);
      expect((await t.request('GET', '/api/audit/verify', { token: u.admin.token })).body).toMatchObject({ valid: true });
      await t.query(`DELETE FROM audit_log WHERE id = $1`, [submit.audit_id]);
      const deleted = (await t.request('GET', '/api/audit/verify', { token: u.admin.token })).body;
      expect(deleted).toMatchObject({ valid: false, brokenAtId: String(BigInt(submit.audit_id) + 1n) });
      expect((await api.get(drafter, a.id)).body.actions.find((x) => x.kind === 'submit')!.actorName).toBe('（記録なし）');
    } finally {
      await t.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    }
  });

  it('文書番号 restarts with the fiscal year on 1 April and never repeats when many decisions land at once', async () => {
    // 農政課 has decided nothing yet (the demo sent its draft back).
    const [{ id: nosei }] = await t.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'nosei'`);
    const [{ fy }] = await t.query<{ fy: number }>(
      `SELECT (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo') - CASE WHEN extract(month FROM now() AT TIME ZONE 'Asia/Tokyo') < 4 THEN 1 ELSE 0 END)::int AS fy`,
    );
    expect(await t.query(`SELECT 1 FROM approval_counters WHERE department_id = $1`, [nosei])).toEqual([]);
    const drafter = await t.login('inoue.nosei');
    const chief = u['matsumoto.nosei'];
    // A real decision, 住農第1号, then moved back into last fiscal year (decided on 31 March, as if the clock had run
    // a year): last year's 第1号 stays, and last year ended at 第812号.
    const lastYear = await api.ok(chief, await api.submit(drafter, await api.draft(drafter, 'ippan', { title: '昨年度の決裁' })), 'approve');
    expect(lastYear).toMatchObject({ status: 'decided', documentNumber: '住農第1号', documentFiscalYear: fy });
    await t.query(`ALTER TABLE approvals DISABLE TRIGGER approvals_lock`);
    try {
      await t.query(
        `UPDATE approvals SET decided_fiscal_year = $2, decided_at = make_timestamptz($2 + 1, 3, 31, 15, 0, 0, 'Asia/Tokyo') WHERE id = $1`,
        [lastYear.id, fy - 1],
      );
    } finally {
      await t.query(`ALTER TABLE approvals ENABLE TRIGGER approvals_lock`);
    }
    await t.query(`UPDATE approval_counters SET fiscal_year = $2, last_number = 812 WHERE department_id = $1`, [nosei, fy - 1]);
    const before = (await api.get(drafter, lastYear.id)).body;
    expect(before).toMatchObject({ documentNumber: '住農第1号', documentFiscalYear: fy - 1 });
    expect(before.documentYearLabel).toMatch(/^令和(\d+|元)年度$/);

    const drafts: ApprovalView[] = [];
    for (let i = 0; i < 12; i++) drafts.push(await api.submit(drafter, await api.draft(drafter, 'ippan', { title: `同時決裁 ${i}` })));
    const decided = await Promise.all(drafts.map((d) => api.act(chief, d, 'approve')));
    expect(decided.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = decided.map((r) => r.body.documentNumber!);
    expect(new Set(numbers).size).toBe(numbers.length);
    // This year's 第1号 again, beside last year's: the pair (年度, 文書番号) is what is unique.
    expect(numbers.map((n) => Number(/第(\d+)号/.exec(n)![1])).sort((x, y) => x - y)).toEqual(numbers.map((_, i) => i + 1));
    expect(numbers).toContain('住農第1号');
    expect(numbers.every((n) => n.startsWith('住農第'))).toBe(true);
    expect(decided.every((r) => r.body.documentFiscalYear === fy)).toBe(true);
    expect(decided[0].body.documentYearLabel).not.toBe(before.documentYearLabel);
    const counters = await t.query(`SELECT fiscal_year, last_number FROM approval_counters WHERE department_id = $1 ORDER BY fiscal_year`, [
      nosei,
    ]);
    expect(counters).toEqual([
      { fiscal_year: fy - 1, last_number: 812 },
      { fiscal_year: fy, last_number: 12 },
    ]);
    // The same number twice in one fiscal year is refused by the schema itself.
    const spare = await api.draft(drafter, 'ippan', { title: '番号の重複' });
    await expect(
      t.query(
        `UPDATE approvals SET status = 'decided', document_number = '住農第2号', decided_at = now(), decided_fiscal_year = $2 WHERE id = $1`,
        [spare.id, fy],
      ),
    ).rejects.toThrow(/approvals_document_number_fy_key/);
    // A number is locked once given, and so is the year it belongs to.
    await expect(t.query(`UPDATE approvals SET document_number = '住農第1000号' WHERE id = $1`, [drafts[0].id])).rejects.toThrow(/locked/);
    await expect(t.query(`UPDATE approvals SET decided_fiscal_year = $2 WHERE id = $1`, [drafts[0].id, fy + 1])).rejects.toThrow(/locked/);
  });
});
