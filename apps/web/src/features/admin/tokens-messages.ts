import { defineMessages } from '../../i18n/i18n';

/** The API tokens tab (kept apart from messages.ts, which the other admin tabs share). */
export const tokensMessages = defineMessages<
  | 'tab'
  | 'help'
  | 'name'
  | 'namePlaceholder'
  | 'scopes'
  | 'scope_disasters'
  | 'create'
  | 'createdTitle'
  | 'createdHelp'
  | 'copy'
  | 'copied'
  | 'done'
  | 'none'
  | 'createdAt'
  | 'createdBy'
  | 'lastUsed'
  | 'never'
  | 'status'
  | 'revoked'
  | 'activeToken'
  | 'revoke'
  | 'confirmRevoke'
>('admin-tokens', {
  ja: {
    tab: 'APIトークン',
    help: '外部の中継（気象警報の配信など）が災害の宣言と緊急連絡の送信を行うためのトークンです。トークンは作成時に一度だけ表示され、サーバーには照合用のハッシュだけが保存されます。',
    name: '名前',
    namePlaceholder: '例: 気象警報中継',
    scopes: '権限',
    scope_disasters: '災害（宣言・緊急連絡）',
    create: '作成',
    createdTitle: 'トークンを作成しました',
    createdHelp: 'このトークンは二度と表示されません。今すぐコピーして中継の設定に保存してください。',
    copy: 'コピー',
    copied: 'コピーしました',
    done: '閉じる',
    none: 'トークンはまだありません。',
    createdAt: '作成日時',
    createdBy: '作成者',
    lastUsed: '最終利用',
    never: '未使用',
    status: '状態',
    revoked: '失効',
    activeToken: '有効',
    revoke: '失効させる',
    confirmRevoke: 'トークン「{name}」を失効させます。これを使う中継は直ちに利用できなくなります。よろしいですか？',
  },
  en: {
    tab: 'API tokens',
    help: 'Tokens with which an outside relay (a weather-warning feed, for example) declares disasters and posts urgent messages. A token is shown once, when it is created; the server keeps only a hash to check it against.',
    name: 'Name',
    namePlaceholder: 'e.g. Weather warning relay',
    scopes: 'Scopes',
    scope_disasters: 'Disasters (declare, urgent messages)',
    create: 'Create',
    createdTitle: 'Token created',
    createdHelp: 'This token is never shown again. Copy it now and store it in the relay’s settings.',
    copy: 'Copy',
    copied: 'Copied',
    done: 'Close',
    none: 'No tokens yet.',
    createdAt: 'Created',
    createdBy: 'Created by',
    lastUsed: 'Last used',
    never: 'Never',
    status: 'Status',
    revoked: 'Revoked',
    activeToken: 'Active',
    revoke: 'Revoke',
    confirmRevoke: 'Revoke the token “{name}”? Any relay using it stops working at once.',
  },
});
