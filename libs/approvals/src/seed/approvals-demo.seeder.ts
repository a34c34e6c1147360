import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApprovalActionInput, ApprovalView, DocumentTypeInput, StageDefinition } from '@yakuba/contracts';
import {
  fiscalYear,
  fiscalYearRange,
  tokyoCalendarDate,
  formatWareki,
  formatWarekiFiscalYear,
  JapanesePdfWriter,
  MESSAGE_PORT,
  type MessagePort,
  type Principal,
} from '@yakuba/platform';
import { AbsencesService } from '../absences.service';
import { ApprovalAttachmentsService } from '../approval-attachments.service';
import { ApprovalTypesService } from '../approval-types.service';
import { ApprovalsService } from '../approvals.service';

const PREFIXES: Record<string, string> = {
  executive: '住町',
  somu: '住総',
  kikaku: '住企',
  chomin: '住民',
  zeimu: '住税',
  hoken: '住保',
  nosei: '住農',
  rinsei: '住林',
  kensetsu: '住建',
  kyoiku: '住教',
};

const stage = (key: string, label: string, over: Partial<StageDefinition>): StageDefinition => ({
  key,
  label,
  kind: 'approval',
  mode: 'sequential',
  approvers: [],
  rank: null,
  minAmount: null,
  afterDecision: false,
  ...over,
});

/**
 * The demo 事務決裁規程 and 20–30 drafts in every state, made through the services (so history, audit chain,
 * numbers and notices are what real use gives): 一般文書, 支出負担行為 whose route grows with the amount, 契約,
 * 供覧, routine 服務 items for bulk approval, 例規; a 代決 by 伊藤 (課長補佐) for the absent 田中課長 with its 後閲 open.
 */
@Injectable()
export class ApprovalsDemoSeeder {
  private readonly logger = new Logger('approvals-seed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly types: ApprovalTypesService,
    private readonly approvals: ApprovalsService,
    private readonly attachments: ApprovalAttachmentsService,
    private readonly absences: AbsencesService,
    @Inject(MESSAGE_PORT) private readonly messages: MessagePort,
  ) {}

  async seed(): Promise<void> {
    const users = (await this.db.query(
      `SELECT id, username, display_name, roles, department_id, position FROM users WHERE NOT system`,
    )) as {
      id: string;
      username: string;
      display_name: string;
      roles: Principal['roles'];
      department_id: string | null;
      position: string | null;
    }[];
    const departments = (await this.db.query('SELECT id, code FROM departments')) as { id: string; code: string }[];
    const dep = (code: string) => departments.find((d) => d.code === code)!.id;
    const who = (username: string): Principal => {
      const u = users.find((x) => x.username === username)!;
      return {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        roles: u.roles,
        departmentId: u.department_id,
        position: u.position,
        sessionId: 'seed',
      };
    };
    const admin = who('admin');
    for (const [code, prefix] of Object.entries(PREFIXES))
      if (departments.some((d) => d.code === code)) await this.types.setPrefix(admin, dep(code), prefix);

    const line = {
      kakari: stage('kakari', '係長', { rank: '係長', approvers: [{ kind: 'drafter_department_position', position: '係長' }] }),
      hosa: stage('hosa', '課長補佐', { rank: '課長補佐', approvers: [{ kind: 'drafter_department_position', position: '課長補佐' }] }),
      kacho: stage('kacho', '課長', { rank: '課長', approvers: [{ kind: 'drafter_department_position', position: '課長' }] }),
      fuku: (minAmount: number | null = null) =>
        stage('fuku', '副町長', {
          rank: '副町長',
          minAmount,
          approvers: [{ kind: 'department_position', departmentId: dep('executive'), position: '副町長' }],
        }),
      cho: (minAmount: number | null = null) =>
        stage('cho', '町長', {
          rank: '町長',
          minAmount,
          approvers: [{ kind: 'department_position', departmentId: dep('executive'), position: '町長' }],
        }),
      zaisei: (minAmount: number | null = null) =>
        stage('zaisei', '企画財政課 合議', {
          kind: 'consultation',
          mode: 'all',
          minAmount,
          approvers: [{ kind: 'department_position', departmentId: dep('kikaku'), position: '課長' }],
        }),
    };
    const definitions: DocumentTypeInput[] = [
      {
        code: 'ippan',
        name: '一般文書',
        nameEn: 'General document',
        description: '照会・回答、通知、事業の実施など一般の起案',
        retentionYears: 5,
        stages: [line.kakari, line.hosa, line.kacho, line.fuku(), line.cho()],
        authority: [{ minAmount: 0, maxAmount: null, decider: '課長' }],
      },
      {
        code: 'shishutsu',
        name: '支出負担行為',
        nameEn: 'Spending commitment',
        description: '100万円以上は副町長、500万円以上は町長の決裁。100万円以上は企画財政課に合議。',
        retentionYears: 5,
        hasAmount: true,
        stages: [
          line.kakari,
          line.hosa,
          line.kacho,
          line.zaisei(1_000_000),
          line.fuku(1_000_000),
          line.cho(5_000_000),
          stage('kaikei', '会計 供覧', {
            kind: 'circulation',
            mode: 'any',
            afterDecision: true,
            approvers: [{ kind: 'department_position', departmentId: dep('kikaku'), position: '課長補佐' }],
          }),
        ],
        authority: [
          { minAmount: 0, maxAmount: 1_000_000, decider: '課長' },
          { minAmount: 1_000_000, maxAmount: 5_000_000, decider: '副町長' },
          { minAmount: 5_000_000, maxAmount: null, decider: '町長' },
        ],
      },
      {
        code: 'keiyaku',
        name: '契約',
        nameEn: 'Contract',
        description: '契約の締結。企画財政課に合議。1,000万円以上は町長の決裁。',
        retentionYears: 10,
        hasAmount: true,
        stages: [line.kakari, line.kacho, line.zaisei(), line.fuku(), line.cho(10_000_000)],
        authority: [
          { minAmount: 0, maxAmount: 1_000_000, decider: '課長' },
          { minAmount: 1_000_000, maxAmount: 10_000_000, decider: '副町長' },
          { minAmount: 10_000_000, maxAmount: null, decider: '町長' },
        ],
      },
      {
        code: 'kyoran',
        name: '供覧（通知・資料）',
        nameEn: 'Circulation',
        description: '受けた通知や資料を課内で供覧する',
        retentionYears: 1,
        routine: true,
        stages: [
          line.kacho,
          stage('ka-nai', '課内供覧', {
            kind: 'circulation',
            mode: 'all',
            afterDecision: true,
            approvers: [
              { kind: 'drafter_department_position', position: '主任' },
              { kind: 'drafter_department_position', position: '主事' },
            ],
          }),
        ],
        authority: [],
      },
      {
        code: 'fukumu',
        name: '服務（出張・研修）',
        nameEn: 'Duty (trips, training)',
        description: '出張命令・研修参加など定型の服務',
        retentionYears: 3,
        routine: true,
        stages: [line.kacho],
        authority: [],
      },
      {
        code: 'reiki',
        name: '例規・重要施策',
        nameEn: 'Ordinances and major policy',
        description: '条例・規則の制定改廃、重要な施策。総務課に合議、町長の決裁。',
        retentionYears: 'permanent',
        stages: [
          line.kacho,
          stage('homu', '総務課 合議（法規）', {
            kind: 'consultation',
            mode: 'all',
            approvers: [{ kind: 'department_position', departmentId: dep('somu'), position: '課長' }],
          }),
          line.fuku(),
          line.cho(),
        ],
        authority: [{ minAmount: 0, maxAmount: null, decider: '町長' }],
      },
    ];
    const typeIds: Record<string, string> = {};
    for (const d of definitions) typeIds[d.code] = (await this.types.create(admin, d)).id;

    const draft = (
      username: string,
      code: string,
      title: string,
      body: string,
      extra: { amount?: number; important?: boolean; sourceMessageId?: string } = {},
    ) => this.approvals.create(who(username), { typeId: typeIds[code], title, body, ...extra });
    const submit = (username: string, a: ApprovalView) => this.approvals.submit(who(username), a.id, a.version);
    const act = (username: string, a: ApprovalView, action: ApprovalActionInput['action'], more: Partial<ApprovalActionInput> = {}) =>
      this.approvals.act(who(username), a.id, { action, version: a.version, ...more });
    /** Approves along the route by whoever waits, `steps` times. */
    const advance = async (a: ApprovalView, steps: number, comments: string[] = []) => {
      for (let i = 0; i < steps && a.status === 'in_progress'; i++) {
        const waiting = a.route[a.currentStage!].approvers.find((x) => x.state === 'waiting')!;
        a = await act(users.find((u) => u.id === waiting.userId)!.username, a, 'approve', { comment: comments[i] ?? null });
      }
      return a;
    };
    const body = (...lines: string[]) => lines.join('\n');
    // The drafts speak of the fiscal year they are written in (the demo is made today): 令和8年度 in December 2026.
    const fy = fiscalYear(new Date());
    const thisYear = formatWarekiFiscalYear(fy);
    const nextApril = formatWareki(fiscalYearRange(fy + 1).start);
    const endOfWorks = formatWareki(new Date(Date.UTC(fy + 1, 2, 19, 3)));
    const training = new Date(Date.now() + 50 * 24 * 3600_000);

    // 起案中 (saved, not submitted)
    await draft(
      'takahashi.somu',
      'ippan',
      '庁舎清掃業務の仕様見直しについて',
      body(
        '標記について、次年度の仕様を下記のとおり見直したいので伺います。',
        '1. 清掃回数　週3回→週2回（会議室を除く）',
        `2. 実施時期\u3000${nextApril}から`,
      ),
    );
    await draft(
      'mori.kensetsu',
      'keiyaku',
      '町道 上有住線 舗装補修工事の請負契約について',
      body(
        '標記工事について、指名競争入札の結果、下記のとおり契約を締結したい。',
        '契約金額　7,480,000円',
        `工期\u3000契約の日から${endOfWorks}まで`,
      ),
      { amount: 7_480_000 },
    );
    await draft(
      'hashimoto.kyoiku',
      'kyoran',
      '県教育委員会からの通知（学校給食費の取扱い）',
      '県教育委員会から標記の通知がありましたので供覧します。',
    );

    // 未決: in progress at several stages
    const s1 = await draft(
      'suzuki.somu',
      'shishutsu',
      '防災備蓄品（保存水・非常食）の購入について',
      body(
        '防災備蓄品の更新時期を迎えるため、下記のとおり購入したい。',
        '1. 保存水 2L×1,200本',
        '2. 非常食 1,500食',
        '金額 842,600円（税込）',
      ),
      { amount: 842_600 },
    );
    await this.attachDemoPdf(who('suzuki.somu'), s1.id, '見積書（防災備蓄品）', [
      '見積書',
      '保存水 2L×1,200本　312,000円',
      '非常食 1,500食　530,600円',
      '合計　842,600円（税込）',
    ]);
    await submit('suzuki.somu', await this.approvals.get(who('suzuki.somu'), s1.id));
    const s2 = await submit(
      'watanabe.kikaku',
      await draft(
        'watanabe.kikaku',
        'shishutsu',
        'ふるさと納税返礼品 発送業務委託料の支出について',
        body(`${thisYear} 上半期分の発送業務委託料を支出したい。`, '金額 3,256,000円'),
        { amount: 3_256_000 },
      ),
    );
    await advance(s2, 1, ['内容確認しました。']);
    const s3 = await submit(
      'mori.kensetsu',
      await draft(
        'mori.kensetsu',
        'keiyaku',
        '橋梁点検業務委託の契約について',
        body('町内橋梁 42橋の定期点検業務を委託したい。', '契約金額 12,650,000円（税込）'),
        { amount: 12_650_000 },
      ),
    );
    await advance(s3, 3, ['設計書確認済み', '', '予算執行上問題ありません。']);
    const s4 = await submit(
      'kobayashi.chomin',
      await draft(
        'kobayashi.chomin',
        'ippan',
        'マイナンバーカード休日交付窓口の開設について',
        body('交付率向上のため、毎月第2日曜日に休日交付窓口を開設したい。', '開設場所　本庁舎1階 町民生活課窓口'),
      ),
    );
    void s4;
    await submit(
      'yamaguchi.hoken',
      await draft(
        'yamaguchi.hoken',
        'ippan',
        '高齢者見守りネットワーク協定の締結について（重要）',
        body('町内の事業者と高齢者見守りに関する協定を締結したい。', '協定先　住田町商工会ほか5団体'),
        { important: true },
      ),
    );
    for (const [username, title] of [
      ['takahashi.somu', '出張命令（岩手県庁 文書事務研修）'],
      ['ishikawa.somu', '研修参加（情報セキュリティ研修 オンライン）'],
      ['suzuki.somu', '出張命令（大船渡市 防災担当者会議）'],
    ] as const)
      await submit(username, await draft(username, 'fukumu', title, '標記のとおり出張（研修参加）したいので伺います。'));

    // 差戻し (to the drafter) and back to an earlier stage
    const b1 = await advance(
      await submit(
        'inoue.nosei',
        await draft(
          'inoue.nosei',
          'shishutsu',
          '有害鳥獣 捕獲用わなの購入について',
          body('シカ被害対策としてくくりわな 40基を購入したい。', '金額 396,000円'),
          { amount: 396_000 },
        ),
      ),
      0,
    );
    await act('matsumoto.nosei', b1, 'send_back', { comment: '見積りを2者以上から取ってください。' });
    const b2 = await submit(
      'hayashi.rinsei',
      await draft(
        'hayashi.rinsei',
        'shishutsu',
        '町有林 間伐作業の委託料支出について',
        body('町有林 18haの間伐作業を委託したい。', '金額 2,140,000円'),
        { amount: 2_140_000 },
      ),
    );
    const b2b = await advance(b2, 2, ['', '合議了']);
    await act('fukuchocho', b2b, 'send_back', { toStage: 0, comment: '面積の根拠を課長から説明してください。' });
    // 引戻し
    const w1 = await submit(
      'yoshida.zeimu',
      await draft('yoshida.zeimu', 'ippan', '軽自動車税 減免申請様式の改正について', '様式第3号を別紙のとおり改正したい。'),
    );
    await act('yoshida.zeimu', w1, 'withdraw', { comment: '別紙の差し替えのため引き戻します。' });
    // 否決
    const r1 = await submit(
      'ikeda.kyoiku',
      await draft(
        'ikeda.kyoiku',
        'shishutsu',
        '図書館 開館時間延長に伴う臨時職員賃金の支出について',
        body('図書館の開館時間を21時まで延長し、臨時職員を配置したい。', '金額 1,780,000円'),
        { amount: 1_780_000 },
      ),
    );
    await act('abe.kyoiku', r1, 'reject', { comment: '利用状況の調査結果を踏まえ、来年度改めて検討してください。' });

    // 決裁済
    await advance(
      await submit(
        'takahashi.somu',
        await draft(
          'takahashi.somu',
          'ippan',
          `${formatWarekiFiscalYear(fiscalYear(training))} 文書事務研修の実施について`,
          body(
            '職員の文書事務能力向上のため、下記のとおり研修を実施したい。',
            `日時\u3000${formatWareki(training)} 午後1時30分から`,
            '講師　総務課長',
          ),
        ),
      ),
      5,
      ['', '了'],
    );
    await advance(
      await submit(
        'watanabe.kikaku',
        await draft(
          'watanabe.kikaku',
          'shishutsu',
          '庁内ネットワーク機器 保守委託料の支出について',
          body(`${thisYear}の保守委託料を支出したい。`, '金額 6,270,000円'),
          { amount: 6_270_000 },
        ),
      ),
      6,
      ['', '', '合議了。予算の範囲内です。', '', '決裁します。'],
    );
    await advance(
      await submit(
        'mori.kensetsu',
        await draft(
          'mori.kensetsu',
          'keiyaku',
          '除雪機械 借上げ契約について',
          body('冬期の除雪に備え、除雪ドーザ2台を借り上げたい。', '契約金額 2,970,000円'),
          { amount: 2_970_000 },
        ),
      ),
      5,
    );
    await advance(
      await submit(
        'kobayashi.chomin',
        await draft(
          'kobayashi.chomin',
          'kyoran',
          '岩手県からの通知（戸籍の振り仮名記載について）',
          '岩手県から標記の通知がありましたので供覧します。',
        ),
      ),
      3,
    );
    await advance(
      await submit(
        'sasaki.hoken',
        await draft(
          'sasaki.hoken',
          'reiki',
          '住田町国民健康保険税条例の一部を改正する条例（案）について',
          body('地方税法の改正に伴い、課税限度額を改正したい。', `施行期日\u3000${nextApril}`),
        ),
      ),
      6,
      ['', '法規審査済み', '', ''],
    );
    // 遡及: the stated decision date differs from the real one, with its reason
    const late = await advance(
      await submit(
        'ishikawa.somu',
        await draft(
          'ishikawa.somu',
          'ippan',
          '台風第12号に伴う臨時休庁の決定について',
          body('台風第12号の接近に伴い、下記のとおり臨時休庁とした。', '（災害対応中に口頭で決定した事項の事後決裁）'),
        ),
      ),
      1,
    );
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    const tokyo = new Date(yesterday.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    await act('sato.somu', late, 'approve', {
      statedDate: tokyo,
      statedReason: '台風接近時に課長が口頭で決定したため、その日を決裁日とする',
      comment: '口頭決定の事後決裁',
    });
    // 事後決裁 from the disaster headquarters channel, when the chat demo has one
    const [message] = (await this.messages.readableMessagesIn(who('suzuki.somu'), '災害対策本部', 1)).map((r) => r.message);
    if (message) {
      await advance(
        await submit(
          'suzuki.somu',
          await draft(
            'suzuki.somu',
            'shishutsu',
            '避難所用 発電機燃料の緊急調達について',
            body('災害対策本部の指示により調達した燃料の支出について、事後に決裁を受けるもの。', '金額 186,450円'),
            { amount: 186_450, sourceMessageId: message.id },
          ),
        ),
        3,
      );
    }

    // 代決 + 後閲: 田中課長 is away; 伊藤課長補佐 is the designated proxy
    const now = Date.now();
    await this.absences.create(who('tanaka.kikaku'), {
      proxyId: who('ito.kikaku').id,
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3 * 24 * 3600_000).toISOString(),
      note: '県市町村課との協議（盛岡）',
    });
    // 伊藤 approves as 課長補佐 first, then decides for the absent 課長 (代決).
    const byProxy = async (a: ApprovalView, comment: string) => act('ito.kikaku', await advance(a, 1), 'proxy_approve', { comment });
    await byProxy(
      await submit(
        'watanabe.kikaku',
        await draft(
          'watanabe.kikaku',
          'ippan',
          '地域おこし協力隊 募集要項の公表について',
          `${formatWarekiFiscalYear(fy + 1)}採用の募集要項を別紙のとおり町ホームページで公表したい。`,
        ),
      ),
      '課長不在のため代決',
    );
    const reviewed = await byProxy(
      await submit(
        'watanabe.kikaku',
        await draft(
          'watanabe.kikaku',
          'shishutsu',
          '広報紙 印刷製本費の支出について',
          body('広報すみた 12月号の印刷製本費を支出したい。', '金額 218,900円'),
          { amount: 218_900 },
        ),
      ),
      '代決します',
    );
    await act('tanaka.kikaku', reviewed, 'review', { comment: '後閲しました。' });
    await this.seedPaperDecisions(admin, dep);
    const count = ((await this.db.query('SELECT count(*)::int AS n FROM approvals')) as { n: number }[])[0].n;
    this.logger.log(`demo approvals: ${count}`);
  }

  /**
   * The paper baseline of the electronic share: decisions still made on paper in the last six months, falling as the
   * departments moved to Yakuba (entered each month by the 総務課, as the 決裁規程 screen lets them).
   */
  private async seedPaperDecisions(admin: Principal, dep: (code: string) => string): Promise<void> {
    const { year, month } = tokyoCalendarDate(new Date());
    const shares: [string, number][] = [
      ['somu', 0.3],
      ['kikaku', 0.2],
      ['zeimu', 0.2],
      ['kensetsu', 0.2],
      ['nosei', 0.1],
    ];
    const totals = [64, 55, 41, 26, 12, 3]; // five months ago … this month
    for (const [i, total] of totals.entries()) {
      const back = totals.length - 1 - i;
      const m = (((month - 1 - back) % 12) + 12) % 12;
      const key = `${year + Math.floor((month - 1 - back) / 12)}-${String(m + 1).padStart(2, '0')}`;
      for (const [code, share] of shares) {
        const count = Math.round(total * share);
        if (count) await this.types.setPaperDecisions(admin, { month: key, departmentId: dep(code), count });
      }
    }
  }

  private async attachDemoPdf(user: Principal, approvalId: string, title: string, lines: string[]): Promise<void> {
    const pdf = new JapanesePdfWriter({ title });
    pdf.addPage().title(lines[0]);
    for (const l of lines.slice(1)) pdf.paragraph(l);
    const bytes = Buffer.from(await pdf.finish());
    const [{ version }] = (await this.db.query('SELECT version FROM approvals WHERE id = $1', [approvalId])) as { version: number }[];
    await this.attachments.add(user, approvalId, version, { buffer: bytes, originalname: `${title}.pdf`, size: bytes.length }, title);
  }
}
