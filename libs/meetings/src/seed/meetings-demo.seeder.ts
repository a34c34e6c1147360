import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fiscalYear, formatWareki, formatWarekiFiscalYear, tokyoCalendarDate, User, type Principal } from '@yakuba/platform';
import { MeetingDocumentsService } from '../meeting-documents.service';
import { MeetingsService } from '../meetings.service';
import { demoPaper } from './demo-papers';

const DAY = 24 * 60 * 60 * 1000;

/** 令和8年12月 (a month in the Japanese calendar, as papers write it). */
const warekiMonth = (date: Date) => formatWareki(date).replace(/\d+日$/, '');
/** 12月2日(水): a day of this week or the next, as a weekly schedule writes it. */
const monthDay = (date: Date) => formatWareki(date, { weekday: true }).replace(/^.*?年/, '');
/** A date some months after `date` (the papers' schedules are relative to the day the demo is made). */
const monthsAfter = (date: Date, months: number) => new Date(date.getTime() + months * 30.5 * DAY);
/** Today in Tokyo at `hour`:00. */
function todayAt(hour: number): Date {
  const { year, month, day } = tokyoCalendarDate(new Date());
  return new Date(Date.UTC(year, month - 1, day, hour - 9));
}

/**
 * Three meetings with papers so the meetings screens and the home page are never empty: 庁議 (tomorrow), today's
 * 総務課 定例ミーティング (a newcomer opening it sees its paper), and 災害対応訓練 打合せ (held). Titles and papers name the fiscal year and months of their own
 * dates (a meeting in December 2026 is 令和8年度), whatever day the demo is made.
 */
@Injectable()
export class MeetingsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly documents: MeetingDocumentsService,
  ) {}

  async seed(): Promise<void> {
    const users = await this.db.getRepository(User).find({ relations: { department: true } });
    const by = (username: string) => users.find((u) => u.username === username)!;
    const principal = (u: User): Principal => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      departmentId: u.departmentId,
      position: u.position,
      sessionId: 'seed',
    });
    const somu = by('sato.somu');
    const chiefs = users.filter((u) => u.position === '課長' || u.position === '町長' || u.position === '副町長');
    const tomorrow = new Date(todayAt(10).getTime() + DAY); // 10:00 in Tokyo, the day after today in Tokyo

    const { month } = tokyoCalendarDate(tomorrow);
    // 庁議 meets monthly from April: the n-th of the fiscal year.
    const round = ((month + 8) % 12) + 1;
    const drillDay = new Date(tomorrow.getTime() + 21 * DAY);
    const chogi = await this.meetings.create(principal(somu), {
      title: `${formatWarekiFiscalYear(fiscalYear(tomorrow))} 第${round}回 庁議`,
      startsAt: tomorrow.toISOString(),
      endsAt: new Date(tomorrow.getTime() + 90 * 60_000).toISOString(),
      place: '本庁舎 3階 第1会議室',
      participantIds: chiefs
        .filter((u) => u.id !== somu.id)
        .map((u) => u.id)
        .concat(by('suzuki.somu').id),
      agenda: [
        { title: '電子決裁の導入について', durationMinutes: 30 },
        { title: '災害対応訓練の実施計画', durationMinutes: 30 },
        { title: '各課報告', durationMinutes: 20 },
      ],
    });
    const agenda = chogi.agenda;
    await this.upload(somu, chogi.id, '庁議資料 電子決裁の導入', agenda[0].id, [
      {
        heading: '電子決裁の導入について',
        lines: [
          '1. 目的：紙の回議を廃止し、決裁の迅速化と文書管理の効率化を図る。',
          '2. 対象：起案・供覧・合議の全文書（一部の例規を除く）。',
          `3. 時期：${warekiMonth(monthsAfter(tomorrow, 4))}から段階的に導入。`,
        ],
      },
      {
        heading: 'スケジュール',
        lines: [
          `${warekiMonth(monthsAfter(tomorrow, 1))}\u3000各課説明会`,
          `${warekiMonth(monthsAfter(tomorrow, 2))}\u3000試行（総務課・企画財政課）`,
          `${warekiMonth(monthsAfter(tomorrow, 4))}\u3000全庁で本格運用`,
        ],
      },
      { heading: '期待される効果', lines: ['決裁日数：平均5.2日 → 2日以内', '用紙使用量：年間約12万枚の削減', '保存文書の検索時間の短縮'] },
    ]);
    await this.upload(somu, chogi.id, '災害対応訓練 実施計画（案）', agenda[1].id, [
      {
        heading: '災害対応訓練の実施計画',
        lines: [
          `日時：${formatWareki(drillDay, { weekday: true })} 8時30分～12時`,
          '想定：震度6強の地震、土砂災害警戒情報の発表',
          '参加：全職員、消防団、自主防災組織',
        ],
      },
      {
        heading: '訓練の内容',
        lines: ['1. 職員参集訓練（安否確認メール）', '2. 災害対策本部設置・運営訓練', '3. 避難所開設訓練（世田米小学校）'],
      },
    ]);

    // Today's: the 総務課's weekly meeting, late in the afternoon (the home page lists it under 今日の会議).
    const weekly = todayAt(16);
    const teiki = await this.meetings.create(principal(somu), {
      title: '総務課 定例ミーティング',
      startsAt: weekly.toISOString(),
      endsAt: new Date(weekly.getTime() + 30 * 60_000).toISOString(),
      place: '総務課 打合せコーナー',
      participantIds: users.filter((u) => u.active && u.department?.id === somu.departmentId && u.id !== somu.id).map((u) => u.id),
      agenda: [{ title: '今週の予定の確認' }, { title: '災害対応訓練の準備' }],
    });
    const inDays = (days: number) => new Date(weekly.getTime() + days * DAY);
    await this.upload(somu, teiki.id, `総務課 定例ミーティング資料（${monthDay(weekly)}）`, teiki.agenda[0].id, [
      {
        heading: '今週の予定の確認',
        lines: [
          `${monthDay(weekly)} 16時\u3000総務課 定例ミーティング（本日）`,
          `${monthDay(tomorrow)} 10時\u3000${chogi.title}（本庁舎 3階 第1会議室）`,
          `${monthDay(inDays(2))}\u3000新任職員向け 電子決裁・文書管理研修（総務課担当）`,
          `${monthDay(inDays(3))}\u3000例規集の更新作業（法規担当）`,
          '来客・電話の応対は当番表のとおり。不在時は庁内チャットで共有してください。',
        ],
      },
      {
        heading: '災害対応訓練の準備',
        lines: [
          `訓練日：${formatWareki(drillDay, { weekday: true })} 8時30分～12時`,
          '総務課の担当：職員参集訓練（安否確認）と災害対策本部の設置',
          `参集名簿の更新：${monthDay(new Date(drillDay.getTime() - 7 * DAY))}までに各係で確認`,
          '防災無線・衛星携帯電話の動作確認、非常用発電機の燃料の確認',
        ],
      },
      {
        heading: '連絡事項',
        lines: [
          '年末年始の閉庁期間は12月29日から1月3日まで。窓口当番は別途調整する。',
          '庁内の連絡は全庁連絡チャンネルで行う。会議資料はこの画面で閲覧し、印刷は控える。',
        ],
      },
    ]);

    const held = new Date(Date.now() - 7 * DAY);
    const kunren = await this.meetings.create(principal(by('shimizu.kensetsu')), {
      title: '災害対応訓練 打合せ',
      startsAt: held.toISOString(),
      place: '建設課 打合せコーナー',
      participantIds: [somu.id, by('suzuki.somu').id, by('yamada.hoken').id, by('kimura.rinsei').id],
      agenda: [{ title: '避難所運営の役割分担' }, { title: '資機材の確認' }],
    });
    await this.upload(by('shimizu.kensetsu'), kunren.id, '訓練打合せ資料', kunren.agenda[0].id, [
      { heading: '避難所運営の役割分担', lines: ['総務班：本部との連絡、記録', '保健福祉班：要配慮者の受付', '建設班：施設の安全確認'] },
      { heading: '資機材の確認', lines: ['発電機 2台（点検済）', '簡易トイレ 30基', '毛布 200枚（追加要）'] },
    ]);
    const organiser = principal(by('shimizu.kensetsu'));
    await this.meetings.saveMinutes(organiser, kunren.id, kunren.agenda[0].id, {
      minutes: '役割分担案について説明があり、各班の責任者を確認した。',
      decisions: '各班の責任者は案のとおりとする。',
    });
    await this.meetings.setStatus(organiser, kunren.id, 'live');
    await this.db.query('UPDATE meeting_participants SET joined_at = $2 WHERE meeting_id = $1', [kunren.id, held]);
    await this.meetings.setStatus(organiser, kunren.id, 'ended');
  }

  private async upload(
    user: User,
    meetingId: string,
    title: string,
    agendaItemId: string,
    pages: Parameters<typeof demoPaper>[1],
  ): Promise<void> {
    const bytes = await demoPaper(title, pages);
    const principal: Principal = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      departmentId: user.departmentId,
      position: user.position,
      sessionId: 'seed',
    };
    await this.documents.upload(
      principal,
      meetingId,
      { buffer: bytes, originalname: `${title}.pdf`, size: bytes.length },
      { title, agendaItemId },
    );
  }
}
