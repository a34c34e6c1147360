import type { KpiKey, KpiSource, KpiUnit, KpiVerdict } from '@yakuba/contracts';

/** What the dashboard says about each KPI besides its figures: the plan's wording, target and direction. */
export interface KpiSpec {
  key: KpiKey;
  title: string;
  titleEn: string;
  planRef: string | null;
  target: number | null;
  unit: KpiUnit;
  higherIsBetter: boolean;
  source: KpiSource;
  ja: string;
  en: string;
}

export const KPI_CATALOGUE: readonly KpiSpec[] = [
  {
    key: 'workload_reduced',
    title: '一人当たりの業務量が減ったと感じる職員の割合',
    titleEn: 'Staff who feel their workload per person decreased',
    planRef: '②-Ⅱ',
    target: 0.7,
    unit: 'share',
    higherIsBetter: true,
    source: 'surveys',
    ja: 'DX推進に関する職員意識調査の設問（KPI: workload_reduced）で「とてもそう思う」「ややそう思う」と答えた人の割合（x/n）。95%区間はWilsonスコア区間に有限母集団修正（母集団＝対象者数N）をかけたもの。判定は区間の下限が目標以上なら達成、上限が目標未満なら未達成、それ以外は判定保留。回答者がk人未満の回は表示しない。',
    en: 'Share of respondents answering 4 or 5 (top two boxes) to the survey question bound to workload_reduced (x/n); 95% Wilson score interval with finite population correction (population = N invited). Met when the lower bound reaches the target, not met when the upper bound is below it, else unclear. Waves with fewer than k respondents are not shown.',
  },
  {
    key: 'chat_information_improved',
    title: 'ビジネスチャット利用により情報伝達が向上したと感じる職員の割合',
    titleEn: 'Staff who feel business chat improved information sharing',
    planRef: '②-Ⅳ-ⅲ',
    target: 0.7,
    unit: 'share',
    higherIsBetter: true,
    source: 'surveys',
    ja: '職員意識調査の設問（KPI: chat_information_improved）で上位2つの選択肢を選んだ人の割合。区間と判定は上と同じ。',
    en: 'Share of respondents in the top two boxes of the question bound to chat_information_improved; interval and verdict as above.',
  },
  {
    key: 'paperless_meetings',
    title: '庁内会議のペーパーレス化率',
    titleEn: 'Internal meetings held paperless',
    planRef: '②-Ⅳ-ⅳ',
    target: 1,
    unit: 'share',
    higherIsBetter: true,
    source: 'meetings',
    ja: '開催済み（開催中・終了）の会議のうち、紙を配らず（紙配布なし）、公開資料をYakubaだけで配った（資料1ページ以上）会議の割合。直近12か月。あわせて紙の削減枚数（紙を配らなかった会議ごとに、公開資料のページ数×参加者数の合計）を示す。',
    en: 'Of the meetings held (live or ended) in the last 12 months, the share with no paper handed out and at least one published page distributed through Yakuba; beside it the sheets saved (for each meeting without paper, published pages × participants).',
  },
  {
    key: 'electronic_decisions',
    title: '電子決裁の件数（直近30日）',
    titleEn: 'Electronic decisions (last 30 days)',
    planRef: '②-Ⅳ-ⅳ',
    target: null,
    unit: 'count',
    higherIsBetter: true,
    source: 'approvals',
    ja: '直近30日に決裁（decided）となった電子決裁の件数。履歴は月別。紙の決裁に対する割合は「電子決裁率」（electronic_decision_share）。',
    en: 'Approvals decided electronically in the last 30 days; history by month.',
  },
  {
    key: 'electronic_decision_share',
    title: '電子決裁率（直近12か月）',
    titleEn: 'Decisions made electronically (last 12 months)',
    planRef: '②-Ⅳ-ⅳ',
    target: null,
    unit: 'share',
    higherIsBetter: true,
    source: 'approvals',
    ja: '直近12か月（東京の暦月）に電子決裁で決裁（decided）となった件数 ÷（その件数＋紙で決裁したとして登録された件数（approval_paper_decisions））。履歴は月別。計画に数値目標はない。',
    en: 'Decisions made electronically in the last 12 Tokyo calendar months ÷ (those + decisions registered as made on paper, approval_paper_decisions); monthly history. The plan sets no target.',
  },
  {
    key: 'approval_lead_time',
    title: '決裁までの所要時間（中央値、時間）',
    titleEn: 'Lead time to decision (median, hours)',
    planRef: null,
    target: null,
    unit: 'hours',
    higherIsBetter: false,
    source: 'approvals',
    ja: '直近30日に決裁された案件の、最初の回議（first_submitted_at）から決裁（decided_at）までの時間の中央値。',
    en: 'Median hours from first submission to decision of the approvals decided in the last 30 days.',
  },
  {
    key: 'approval_review_backlog',
    title: '後閲待ちの件数',
    titleEn: 'After-the-fact reviews (後閲) waiting',
    planRef: null,
    target: null,
    unit: 'count',
    higherIsBetter: false,
    source: 'approvals',
    ja: '代決のあと、本来の決裁者の後閲が済んでいない件数（現在）。履歴は各月末時点の件数（12か月、今月は現在）。',
    en: 'Reviews after a proxy decision (代決) that the absent approver has not done yet (now); history: the backlog at the end of each month (12 months, this month now).',
  },
  {
    key: 'chat_weekly_active_users',
    title: 'チャットの週間アクティブ職員数',
    titleEn: 'Weekly active chat users',
    planRef: '②-Ⅳ-ⅲ',
    target: null,
    unit: 'count',
    higherIsBetter: true,
    source: 'chat',
    ja: '直近7日間にチャットで1件以上発言した職員の数（システム通知・ゲスト・訓練チャンネル・削除済みを除く）。履歴は週別（12週）。',
    en: 'Staff who posted at least one chat message in the last 7 days (system notices and deleted messages excluded); weekly history (12 weeks).',
  },
  {
    key: 'chat_weekly_messages',
    title: 'チャットの週間メッセージ数',
    titleEn: 'Chat messages per week',
    planRef: '②-Ⅳ-ⅲ',
    target: null,
    unit: 'count',
    higherIsBetter: true,
    source: 'chat',
    ja: '直近7日間に職員が送ったチャットメッセージの数（システム通知・削除済みを除く）。',
    en: 'Chat messages staff sent in the last 7 days (system notices and deleted messages excluded).',
  },
  {
    key: 'chat_first_reply_minutes',
    title: '最初の返信までの時間（中央値、分）',
    titleEn: 'Time to first reply (median, minutes)',
    planRef: '②-Ⅳ-ⅲ',
    target: null,
    unit: 'minutes',
    higherIsBetter: false,
    source: 'chat',
    ja: '直近30日に投稿されたメッセージのうちスレッド返信がついたものについて、投稿から本人以外の最初の返信までの時間の中央値。履歴は投稿した週別（12週）。',
    en: 'For messages of the last 30 days that got a thread reply, the median minutes from the message to the first reply by someone else; history by the week of the message (12 weeks).',
  },
];

/** Objective figures: met when the target is reached; without a target (a supporting figure) there is no verdict. */
export function objectiveVerdict(value: number | null, target: number | null, higherIsBetter: boolean): KpiVerdict {
  if (value === null || target === null) return 'unclear';
  const reached = higherIsBetter ? value >= target - 1e-12 : value <= target + 1e-12;
  return reached ? 'met' : 'not_met';
}

/** Rounds a figure for display (shares to 4 places, others to 1), keeping null. */
export function roundFigure(value: number | null, unit: KpiUnit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const places = unit === 'share' ? 4 : unit === 'count' ? 0 : 1;
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
