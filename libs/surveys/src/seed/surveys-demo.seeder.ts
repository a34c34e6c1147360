import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SurveyAnswers, SurveyDetail } from '@yakuba/contracts';
import { fiscalYear, formatWarekiFiscalYear, User, type Principal } from '@yakuba/platform';
import { DX_TEMPLATE_KEY } from '../domain/dx-template';
import { SurveyBuilderService } from '../survey-builder.service';
import { SurveyResponseService } from '../survey-response.service';

const DAY = 24 * 3600 * 1000;

/** How one wave of the demo answered: the chance of agreeing with each KPI question, and who answers. */
interface WaveShape {
  workloadAgree: number;
  chatAgree: number;
  answerShare: number;
  /** Days ago it opened and closed (null: still open). */
  openedDaysAgo: number;
  closedDaysAgo: number | null;
}

const WAVES: WaveShape[] = [
  {
    workloadAgree: 0.42,
    chatAgree: 0.56,
    answerShare: 0.86,
    openedDaysAgo: 240,
    closedDaysAgo: 226,
  },
  {
    workloadAgree: 0.6,
    chatAgree: 0.74,
    answerShare: 0.9,
    openedDaysAgo: 60,
    closedDaysAgo: 46,
  },
  {
    workloadAgree: 0.7,
    chatAgree: 0.8,
    answerShare: 0.45,
    openedDaysAgo: 2,
    closedDaysAgo: null,
  },
];

const COMMENTS = [
  'チャットで課をまたいだ相談がしやすくなった。',
  '電子決裁で出張中でも決裁できるのが助かる。',
  '会議資料の印刷がなくなり準備が楽になった。',
  'タブレットの操作に慣れるまで時間がかかった。',
  '紙との二重管理が残っている業務がある。',
];

/**
 * The DX perception survey as three waves: two closed ones with answers from the demo staff (so the dashboard has a
 * history on first start) and one open now that most of the staff have not answered yet. Every answer goes through
 * the real write path, so the demo's anonymous rows are stored exactly as real ones would be.
 */
@Injectable()
export class SurveysDemoSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly builder: SurveyBuilderService,
    private readonly responses: SurveyResponseService,
  ) {}

  async seed(): Promise<void> {
    const users = await this.db.getRepository(User).find({ where: { active: true, system: false } as never, order: { username: 'ASC' } });
    const principal = (u: User): Principal => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      departmentId: u.departmentId,
      position: u.position,
      sessionId: 'seed',
    });
    const owner = principal(users.find((u) => u.username === 'ito.kikaku') ?? users[0]);
    let previous: string | null = null;
    const titles = waveTitles(WAVES, new Date());
    for (const [index, wave] of WAVES.entries()) {
      const title = titles[index];
      const random = lcg(20260401 + index);
      const draft: SurveyDetail = previous
        ? await this.builder.duplicate(owner, previous, { title, closesAt: new Date(Date.now() + 14 * DAY).toISOString() })
        : await this.builder.fromTemplate(owner, DX_TEMPLATE_KEY, { title });
      // 28 demo staff: k = 3 so that some groups show (the template's default is 5).
      await this.db.query('UPDATE surveys SET threshold = 3 WHERE id = $1', [draft.id]);
      await this.builder.open(owner, draft.id, {});
      // Demo people who must find the open wave unanswered: the admin and the survey admin try it themselves.
      const keepOpen = new Set(['admin', 'ito.kikaku', 'suzuki.somu']);
      for (const u of users) {
        if (wave.closedDaysAgo === null && keepOpen.has(u.username)) continue;
        if (random() > wave.answerShare) continue;
        await this.responses.submit(principal(u), draft.id, answers(wave, random), randomBytes(32).toString('base64url'));
      }
      if (wave.closedDaysAgo !== null) {
        await this.builder.close(null, draft.id);
        const opened = new Date(Date.now() - wave.openedDaysAgo * DAY);
        const closed = new Date(Date.now() - wave.closedDaysAgo * DAY);
        await this.db.query(
          `UPDATE surveys SET opens_at = $2::timestamptz, opened_at = $2::timestamptz, closes_at = $3, closed_at = $3, created_at = $2::timestamptz - interval '3 days' WHERE id = $1`,
          [draft.id, opened, closed],
        );
      } else {
        await this.db.query('UPDATE surveys SET opens_at = $2, opened_at = $2, created_at = $2 WHERE id = $1', [
          draft.id,
          new Date(Date.now() - wave.openedDaysAgo * DAY),
        ]);
      }
      previous = draft.id;
    }
  }
}

/**
 * Each wave named after the fiscal year it opened in, numbered within that year: DX推進に関する職員意識調査（令和8年度
 * 第2回）. The waves are placed relative to the day the demo is made, so their names are too.
 */
function waveTitles(waves: readonly WaveShape[], now: Date): string[] {
  const years = waves.map((w) => fiscalYear(new Date(now.getTime() - w.openedDaysAgo * DAY)));
  return years.map((year, i) => {
    const round = years.slice(0, i + 1).filter((y) => y === year).length;
    return `DX推進に関する職員意識調査（${formatWarekiFiscalYear(year)} 第${round}回）`;
  });
}

function answers(wave: WaveShape, random: () => number): SurveyAnswers {
  const likert = (agreeChance: number) => (random() < agreeChance ? (random() < 0.35 ? 5 : 4) : 1 + Math.floor(random() * 3));
  const workload = likert(wave.workloadAgree);
  const out: SurveyAnswers = {
    workload_reduced: workload,
    chat_information_improved: likert(wave.chatAgree),
    chat_usage: ['毎日', '毎日', '週に数回', '月に数回', 'ほとんど使わない'][Math.floor(random() * 5)],
    tools: { paperless_meetings: likert(0.7), e_approvals: likert(0.6), disaster_channel: likert(0.5) },
  };
  if (workload >= 4)
    out.workload_factors = ['電子決裁', 'ペーパーレス会議', 'ビジネスチャット', '業務の見直し（BPR）']
      .filter(() => random() < 0.5)
      .slice(0, 3);
  if ((out.workload_factors as string[] | undefined)?.length === 0) delete out.workload_factors;
  if (random() < 0.3) out.comments = COMMENTS[Math.floor(random() * COMMENTS.length)];
  return out;
}

/** A small deterministic generator so the demo looks the same on every first start. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
