import type { SurveyDraftInput, SurveyTemplate } from '@yakuba/contracts';

/**
 * The DX perception survey of the 住田町 DX 推進計画 action plan (令和5年3月): the two staff-side perception KPIs,
 * 取組事項②-Ⅱ (業務量が減ったと感じる職員の割合 70%) and ②-Ⅳ-ⅲ (ビジネスチャット利用により情報伝達が向上したと
 * 感じる職員割合 70%), pre-written and bound to their KPIs (agree = top two boxes), with context questions.
 */
export const DX_TEMPLATE_KEY = 'dx_perception';

export function dxTemplateDefinition(closesAt: string): SurveyDraftInput {
  return {
    title: 'DX推進に関する職員意識調査',
    description:
      '住田町DX推進計画アクションプランの取組の効果を測るための調査です。回答は無記名で、誰がどう答えたかは管理者にも分かりません。所要時間は約3分です。',
    anonymous: true,
    audience: { all: true },
    closesAt,
    allowEdit: true,
    threshold: 5,
    breakdowns: ['department', 'position'],
    sections: [
      { key: 'workload', title: '業務量について', description: '取組事項②-Ⅱ BPR 取組の推進など業務最適化の推進' },
      { key: 'chat', title: 'ビジネスチャットについて', description: '取組事項②-Ⅳ-ⅲ 職員間のコミュニケーションツールの拡充' },
      { key: 'paperless', title: 'ペーパーレス化について', description: '取組事項②-Ⅳ-ⅳ ペーパーレス化の推進' },
      { key: 'free', title: '自由意見' },
    ],
    questions: [
      {
        key: 'workload_reduced',
        section: 'workload',
        type: 'likert5',
        text: 'この1年で、あなた一人当たりの業務量は減ったと感じますか。',
        required: true,
        kpi: { key: 'workload_reduced', target: 0.7, agree: [4, 5] },
      },
      {
        key: 'workload_factors',
        section: 'workload',
        type: 'multi',
        text: '業務量が減った主な理由を選んでください（複数選択可）。',
        options: ['電子決裁', 'ペーパーレス会議', 'ビジネスチャット', '業務の見直し（BPR）', 'RPA・AI-OCR', 'その他'],
        showIf: { questionKey: 'workload_reduced', anyOf: [4, 5] },
      },
      {
        key: 'chat_information_improved',
        section: 'chat',
        type: 'likert5',
        text: 'ビジネスチャットの利用により、職員間の情報伝達は向上したと感じますか。',
        required: true,
        kpi: { key: 'chat_information_improved', target: 0.7, agree: [4, 5] },
      },
      {
        key: 'chat_usage',
        section: 'chat',
        type: 'single',
        text: 'ビジネスチャットをどのくらい使っていますか。',
        options: ['毎日', '週に数回', '月に数回', 'ほとんど使わない'],
        required: true,
      },
      {
        key: 'tools',
        section: 'paperless',
        type: 'matrix',
        text: '次の取組は、あなたの業務に役立っていますか。',
        items: [
          { key: 'paperless_meetings', text: 'ペーパーレス会議' },
          { key: 'e_approvals', text: '電子決裁' },
          { key: 'disaster_channel', text: '災害時のチャット連絡' },
        ],
      },
      { key: 'comments', section: 'free', type: 'text', text: 'DXの取組についてご意見があれば自由にお書きください。' },
    ],
  };
}

export function surveyTemplates(now: Date): SurveyTemplate[] {
  const closesAt = new Date(now.getTime() + 14 * 24 * 3600 * 1000).toISOString();
  return [
    {
      key: DX_TEMPLATE_KEY,
      title: 'DX推進に関する職員意識調査',
      description: 'アクションプランの2つの意識KPI（業務量の減少、チャットによる情報伝達の向上、各目標70%）を測る設問入り。',
      definition: dxTemplateDefinition(closesAt),
    },
  ];
}
