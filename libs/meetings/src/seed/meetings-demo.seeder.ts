import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User, type Principal } from '@yakuba/platform';
import { MeetingDocumentsService } from '../meeting-documents.service';
import { MeetingsService } from '../meetings.service';
import { demoPaper } from './demo-papers';

const DAY = 24 * 60 * 60 * 1000;

/** Two meetings with papers so the meetings screens are never empty: 庁議 (coming) and 災害対応訓練 打合せ (held). */
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
    const tomorrow = new Date(Math.ceil(Date.now() / DAY) * DAY + 1 * 3600_000); // 10:00 JST

    const chogi = await this.meetings.create(principal(somu), {
      title: '令和6年度 第1回 庁議',
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
          '3. 時期：令和6年10月から段階的に導入。',
        ],
      },
      { heading: 'スケジュール', lines: ['7月　各課説明会', '8月　試行（総務課・企画財政課）', '10月　全庁で本格運用'] },
      { heading: '期待される効果', lines: ['決裁日数：平均5.2日 → 2日以内', '用紙使用量：年間約12万枚の削減', '保存文書の検索時間の短縮'] },
    ]);
    await this.upload(somu, chogi.id, '災害対応訓練 実施計画（案）', agenda[1].id, [
      {
        heading: '災害対応訓練の実施計画',
        lines: [
          '日時：令和6年9月1日（日）8時30分～12時',
          '想定：震度6強の地震、土砂災害警戒情報の発表',
          '参加：全職員、消防団、自主防災組織',
        ],
      },
      {
        heading: '訓練の内容',
        lines: ['1. 職員参集訓練（安否確認メール）', '2. 災害対策本部設置・運営訓練', '3. 避難所開設訓練（世田米小学校）'],
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
