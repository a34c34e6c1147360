import { SYSTEM_ACCOUNT } from '@yakuba/contracts';
import { canPost, canPostSql, canSee, canSeeSql, type ChannelType } from '../../libs/chat/src/domain/channel-access';
import { TestServer } from '../support/test-server';

/** The TS and SQL forms of the channel rule (domain/channel-access) agree on every case, on the real schema. */
describe('channel visibility rule: TS and SQL agree', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  it('on public/private/direct × live/archived × member/non-member/system account', async () => {
    const [member, outsider] = await t.query<{ id: string }>(`SELECT id FROM users WHERE active ORDER BY username LIMIT 2`);
    const cases: { type: ChannelType; archived: boolean; id: string }[] = [];
    for (const type of ['public', 'private', 'direct'] as const) {
      for (const archived of [false, true]) {
        const [row] = await t.query<{ id: string }>(
          `INSERT INTO chat_channels (type, name, direct_key, archived_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [type, `rule-${type}-${archived}`, type === 'direct' ? `rule-${archived}` : null, archived ? new Date() : null],
        );
        await t.query(`INSERT INTO chat_members (channel_id, user_id) VALUES ($1, $2)`, [row.id, member.id]);
        cases.push({ type, archived, id: row.id });
      }
    }
    const readers = [
      { userId: member.id, standing: { member: true } },
      { userId: outsider.id, standing: { member: false } },
      { userId: SYSTEM_ACCOUNT.id, standing: { member: false, system: true } },
    ];
    let compared = 0;
    for (const c of cases) {
      for (const r of readers) {
        const [sql] = await t.query<{ see: boolean; post: boolean }>(
          `SELECT ${canSeeSql('c', '$2')} AS see, ${canPostSql('c', '$2', '$3')} AS post FROM chat_channels c WHERE c.id = $1`,
          [c.id, r.userId, r.standing.system === true],
        );
        expect({ case: c, reader: r.standing, see: sql.see, post: sql.post }).toEqual({
          case: c,
          reader: r.standing,
          see: canSee(c, r.standing),
          post: canPost(c, r.standing),
        });
        compared++;
      }
    }
    expect(compared).toBe(18);
  });
});
