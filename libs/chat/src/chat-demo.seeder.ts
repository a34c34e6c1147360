import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JapanesePdfWriter, type Principal } from '@yakuba/platform';
import { AttachmentService } from './attachment.service';
import { ChannelAdminService } from './channel-admin.service';
import { rows } from './chat-views';
import { DepartmentChannelsService } from './department-channels.service';
import { MessageService } from './message.service';

const DEMO_MESSAGES: { channel: 'all' | 'disaster' | 'somu'; author: string; body: string; replyTo?: number }[] = [
  {
    channel: 'all',
    author: 'sato.somu',
    body: '**【全庁連絡】** 台風14号の接近に伴い、本日17時から庁内の警戒体制を強化します。各課で以下を確認してください。\n\n- 窓口の閉庁時刻の掲示\n- 公用車の燃料補給\n- 非常用電源の点検',
  },
  { channel: 'all', author: 'tanaka.kikaku', body: '企画課、承知しました。町のホームページに臨時のお知らせを掲載します。' },
  {
    channel: 'disaster',
    author: 'fukuchocho',
    body: '@channel 災害対策本部を町役場3階の大会議室に設置しました。第1回本部会議は18時からです。',
  },
  {
    channel: 'disaster',
    author: 'sato.somu',
    body: '職員の安否確認を開始します。各課長は課員の状況を20時までにこのスレッドで報告してください。',
  },
  { channel: 'disaster', author: 'yamada.hoken', body: '保健福祉課、全員の安否を確認しました。避難所の開設準備に入ります。', replyTo: 3 },
  {
    channel: 'disaster',
    author: 'shimizu.kensetsu',
    body: '建設課です。町道の冠水箇所を巡回中。通行止めの情報は後ほど共有します。',
    replyTo: 3,
  },
  {
    channel: 'somu',
    author: 'suzuki.somu',
    body: '@sato.somu 課長、避難所用の毛布と備蓄品の在庫表を更新しました。`備蓄品一覧_最新.xlsx` を共有フォルダに置いています。',
  },
];

/** A manual attached as a PDF in 総務課: its text is found by search (try 段ボールベッド or 受付名簿). */
const MANUAL_TITLE = '避難所運営マニュアル（抜粋）';
const MANUAL_PARAGRAPHS = [
  '1. 開設の手順：避難所担当職員は、施設の鍵を受け取り、建物の安全を確認してから開設する。',
  '2. 受付：避難者の受付名簿に氏名・住所・連絡先・配慮が必要な事項を記入してもらう。',
  '3. 居住スペース：体育館に段ボールベッドと間仕切りを設置し、要配慮者のスペースを優先して確保する。',
  '4. 備蓄品：毛布・飲料水・非常食の在庫を確認し、不足は災害対策本部の物資班へ報告する。',
];

async function manualPdf(): Promise<Buffer> {
  const pdf = new JapanesePdfWriter({ title: MANUAL_TITLE, header: '住田町 総務課', pageNumbers: true });
  pdf.title(MANUAL_TITLE);
  for (const text of MANUAL_PARAGRAPHS) pdf.paragraph(text);
  return Buffer.from(await pdf.finish());
}

/**
 * Demo chat: department channels from the directory, 全庁連絡 (organisation-wide: everyone, new staff too), 災害対策本部,
 * a typhoon-day conversation and a PDF manual whose text search finds.
 */
@Injectable()
export class ChatDemoSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelAdminService,
    private readonly departments: DepartmentChannelsService,
    private readonly messages: MessageService,
    private readonly attachments: AttachmentService,
  ) {}

  async seed(): Promise<void> {
    await this.departments.syncDepartmentChannels();
    const users = await rows<{
      id: string;
      username: string;
      display_name: string;
      roles: string[];
      department_id: string | null;
      position: string | null;
    }>(this.db.manager, 'SELECT id, username, display_name, roles, department_id, position FROM users WHERE active');
    const principal = (username: string): Principal => {
      const u = users.find((x) => x.username === username) ?? users[0];
      return {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        roles: u.roles as Principal['roles'],
        departmentId: u.department_id,
        position: u.position,
        sessionId: 'seed',
      };
    };
    const admin = principal('admin');
    // 全庁連絡 is made by a migration (every installation has it) and holds every active member of staff.
    const [all] = await rows<{ id: string }>(
      this.db.manager,
      `SELECT id FROM chat_channels WHERE all_staff AND managed_by IS NULL AND archived_at IS NULL ORDER BY created_at LIMIT 1`,
    );
    const managers = users
      .filter((u) => ['課長', '副町長', '町長'].includes(u.position ?? '') || u.username.endsWith('.somu'))
      .map((u) => u.id);
    const disaster = await this.channels.create(principal('fukuchocho'), {
      name: '災害対策本部',
      type: 'private',
      topic: '台風・地震など災害時の本部連絡。安否確認はスレッドで。',
      memberIds: managers,
    });
    await this.channels.create(admin, { name: '雑談', type: 'public', topic: '業務外の話題はこちらへ', memberIds: [] });
    const [somu] = await rows<{ id: string }>(
      this.db.manager,
      `SELECT c.id FROM chat_channels c JOIN departments d ON d.id = c.department_id WHERE d.code = 'somu'`,
    );
    const channelIds = { all: all.id, disaster: disaster.id, somu: somu?.id ?? all.id };
    const sent: string[] = [];
    for (const [i, m] of DEMO_MESSAGES.entries()) {
      const threadRootId = m.replyTo !== undefined ? sent[m.replyTo] : undefined;
      const { message } = await this.messages.send(principal(m.author), {
        channelId: channelIds[m.channel],
        clientMsgId: `demo-${i}`,
        body: m.body,
        threadRootId,
      });
      sent.push(message.id);
    }
    const manual = await this.attachments.store(channelIds.somu, principal('suzuki.somu').id, await manualPdf(), `${MANUAL_TITLE}.pdf`, 'application/pdf');
    await this.messages.send(principal('suzuki.somu'), {
      channelId: channelIds.somu,
      clientMsgId: 'demo-manual',
      body: '避難所運営マニュアルの改訂部分をPDFで共有します。受付と居住スペースの項目を見直しました。',
      attachmentIds: [manual.id],
    });
  }
}
