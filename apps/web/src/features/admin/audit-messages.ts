import { defineMessages, type Locale } from '../../i18n/i18n';

/**
 * The audit log in words a 総務 clerk reads: each action and each kind of target named in Japanese (English second).
 * An action not listed here is shown as recorded. Also the import screen's sentence for each refused CSV row.
 */
const ACTIONS = {
  'auth.login': ['サインイン', 'Signed in'],
  'auth.logout': ['サインアウト', 'Signed out'],
  'auth.login_failed': ['サインイン失敗', 'Sign-in failed'],
  'auth.login_throttled': ['サインインの一時制限', 'Sign-in delayed (throttled)'],
  'auth.login_refused_outside': ['庁外からのサインインを拒否', 'Sign-in from outside refused'],
  'auth.throttle_cleared': ['サインイン制限の解除', 'Sign-in delay released'],
  'auth.password_changed': ['パスワード変更', 'Password changed'],
  'auth.totp_enrolled': ['二要素認証の登録', 'Authenticator enrolled'],
  'auth.totp_disabled': ['二要素認証の解除', 'Authenticator removed'],
  'auth.totp_failed': ['二要素認証の失敗', 'Authenticator code refused'],
  'auth.session_ended': ['端末のサインアウト', 'Session ended'],
  'auth.session_ended_by_admin': ['管理者による強制サインアウト', 'Session ended by an administrator'],
  'auth.ldap_account_created': ['ディレクトリからアカウント作成', 'Account created from the directory'],
  'auth.ldap_account_updated': ['ディレクトリからアカウント更新', 'Account updated from the directory'],
  'authz.refused': ['権限のない操作を拒否', 'Refused: not allowed'],
  'user.created': ['職員の登録', 'Staff account created'],
  'user.updated': ['職員情報の変更', 'Staff account changed'],
  'user.changed': ['職員情報の変更', 'Staff account changed'],
  'user.disabled': ['アカウントの無効化', 'Account disabled'],
  'user.enabled': ['アカウントの有効化', 'Account enabled'],
  'user.imported': ['職員の一括登録（CSV）', 'Staff imported (CSV)'],
  'user.password_reset': ['パスワードの再設定', 'Password reset'],
  'security.settings_changed': ['セキュリティ設定の変更', 'Security settings changed'],
  'api_token.created': ['APIトークンの発行', 'API token issued'],
  'api_token.revoked': ['APIトークンの失効', 'API token revoked'],
  'audit.exported': ['監査ログの書き出し', 'Audit log exported'],
  'chat.channel.created': ['チャンネルの作成', 'Channel created'],
  'chat.channel.updated': ['チャンネルの変更', 'Channel changed'],
  'chat.member.removed': ['チャンネルからメンバーを外す', 'Member removed from a channel'],
  'chat.message.moderated': ['メッセージの削除（管理）', 'Message removed by a moderator'],
  'meeting.created': ['会議の作成', 'Meeting created'],
  'meeting.updated': ['会議の変更', 'Meeting changed'],
  'meeting.live': ['会議の開始', 'Meeting started'],
  'meeting.ended': ['会議の終了', 'Meeting ended'],
  'meeting.scheduled': ['会議を予定に戻す', 'Meeting rescheduled'],
  'meeting.document_uploaded': ['会議資料の登録', 'Meeting paper added'],
  'meeting.minutes_saved': ['議事録の保存', 'Minutes saved'],
  'meeting.presenter_changed': ['発表者の交代', 'Presenter handed over'],
  'approval.create': ['起案', 'Draft created'],
  'approval.edit': ['起案の修正', 'Draft edited'],
  'approval.attach': ['添付ファイルの変更', 'Attachments changed'],
  'approval.submit': ['回議（提出）', 'Submitted'],
  'approval.resubmit': ['再提出', 'Resubmitted'],
  'approval.approve': ['承認', 'Approved'],
  'approval.proxy_approve': ['代決', 'Approved by proxy'],
  'approval.reject': ['否決', 'Rejected'],
  'approval.send_back': ['差戻し', 'Sent back'],
  'approval.withdraw': ['引戻し（取下げ）', 'Withdrawn'],
  'approval.comment': ['意見', 'Commented'],
  'approval.review': ['後閲', 'Reviewed after the fact'],
  'approval.decide': ['決裁', 'Decided'],
  'approval.deleted': ['起案の削除', 'Draft deleted'],
  'approval.type_created': ['文書の種類の作成', 'Document type created'],
  'approval.type_updated': ['文書の種類の変更', 'Document type changed'],
  'approval.prefix_set': ['文書番号の記号の設定', 'Document number prefix set'],
  'approval.paper_decisions_set': ['紙決裁の件数の記録', 'Paper decisions recorded'],
  'approval.absence_registered': ['不在の登録', 'Absence registered'],
  'approval.absence_removed': ['不在の取消し', 'Absence removed'],
  'survey.create': ['アンケートの作成', 'Survey created'],
  'survey.update': ['アンケートの変更', 'Survey changed'],
  'survey.delete': ['アンケートの削除', 'Survey deleted'],
  'survey.open': ['アンケートの公開', 'Survey opened'],
  'survey.close': ['アンケートの締切', 'Survey closed'],
  'survey.remind': ['アンケートの督促', 'Survey reminder sent'],
  'disaster.declared': ['災害対応の開始', 'Disaster declared'],
  'disaster.closed': ['災害対応の終了', 'Disaster closed'],
  'disaster.guest.invited': ['外部応援者の招待', 'Guest responder invited'],
} as const satisfies Record<string, readonly [string, string]>;

const TARGETS = {
  user: ['職員', 'Staff'],
  department: ['課', 'Department'],
  settings: ['設定', 'Settings'],
  route: ['画面・API', 'Screen or API'],
  socket: ['接続', 'Connection'],
  api_token: ['APIトークン', 'API token'],
  approval: ['決裁', 'Approval'],
  approval_type: ['文書の種類', 'Document type'],
  chat_channel: ['チャンネル', 'Channel'],
  chat_message: ['メッセージ', 'Message'],
  meeting: ['会議', 'Meeting'],
  survey: ['アンケート', 'Survey'],
  disaster: ['災害', 'Disaster'],
} as const satisfies Record<string, readonly [string, string]>;

export type AuditActionKey = keyof typeof ACTIONS;
export type AuditTargetKey = keyof typeof TARGETS;

// The recorded names hold dots (i18next's key separator): these two tables are read directly, by language.
const index = (locale: Locale) => (locale === 'ja' ? 0 : 1);
/** The action in the reader's language; an action not listed here as recorded. */
export const auditActionLabel = (action: string, locale: Locale): string =>
  action in ACTIONS ? ACTIONS[action as AuditActionKey][index(locale)] : action;
/** The kind of target in the reader's language; a kind not listed here as recorded. */
export const auditTargetLabel = (type: string, locale: Locale): string =>
  type in TARGETS ? TARGETS[type as AuditTargetKey][index(locale)] : type;

export const auditMessages = defineMessages<
  | 'system'
  | 'actionCode'
  | 'noEntries'
  | 'kindOfAction'
  | 'allActions'
  | 'groupAuth'
  | 'groupUser'
  | 'groupSecurity'
  | 'groupApproval'
  | 'groupMeeting'
  | 'groupSurvey'
  | 'groupChat'
  | 'groupDisaster'
  | 'groupRefused'
  | 'groupAudit'
  | 'groupTokens'
>('audit-extra', {
  ja: {
    system: 'システム',
    actionCode: '記録上の名前: {code}',
    noEntries: '条件に合う記録はありません。',
    kindOfAction: '操作の種類',
    allActions: 'すべての操作',
    groupAuth: 'サインイン・パスワード',
    groupUser: '職員の登録・変更',
    groupSecurity: 'セキュリティ設定',
    groupApproval: '決裁',
    groupMeeting: '会議',
    groupSurvey: 'アンケート',
    groupChat: 'チャット',
    groupDisaster: '災害対応',
    groupRefused: '拒否された操作',
    groupAudit: '監査ログ',
    groupTokens: 'APIトークン',
  },
  en: {
    system: 'System',
    actionCode: 'Recorded as: {code}',
    noEntries: 'No entries match.',
    kindOfAction: 'Kind of action',
    allActions: 'All actions',
    groupAuth: 'Sign-in and passwords',
    groupUser: 'Staff accounts',
    groupSecurity: 'Security settings',
    groupApproval: 'Approvals',
    groupMeeting: 'Meetings',
    groupSurvey: 'Surveys',
    groupChat: 'Chat',
    groupDisaster: 'Disasters',
    groupRefused: 'Refused actions',
    groupAudit: 'Audit log',
    groupTokens: 'API tokens',
  },
});

/** The import screen's sentence for each refused row (CsvImportRowError.reason, with `value`). */
export const importRowMessages = defineMessages<
  | 'invalid_username'
  | 'duplicate'
  | 'display_name_invalid'
  | 'unknown_department'
  | 'unknown_position'
  | 'unknown_role'
  | 'unknown_value'
  | 'password_too_short'
  | 'password_required'
  | 'password_policy'
>('import-rows', {
  ja: {
    invalid_username: 'ユーザー名「{value}」は使えません（半角の英小文字・数字と . _ - で2〜63文字）。',
    duplicate: 'ユーザー名が {value}行目と重複しています。',
    display_name_invalid: '氏名を入力してください（100文字以内）。',
    unknown_department: '所属「{value}」が見つかりません（課の名前かコードを書いてください）。',
    unknown_position: '職名「{value}」は使えません。',
    unknown_role: '権限「{value}」はありません（staff, admin, disaster_officer, survey_admin）。',
    unknown_value: '「{value}」は使えない値です。',
    password_too_short: '初期パスワードは {value}文字以上にしてください。',
    password_required: '新しいアカウントには初期パスワードが必要です。',
    password_policy: '初期パスワードがパスワードの規則（文字の種類など）を満たしていません。',
  },
  en: {
    invalid_username: 'The username “{value}” cannot be used (2–63 of a–z, 0–9, . _ -).',
    duplicate: 'The username repeats row {value}.',
    display_name_invalid: 'Enter a name (at most 100 characters).',
    unknown_department: 'No department “{value}” (write its name or code).',
    unknown_position: 'The position “{value}” cannot be used.',
    unknown_role: 'No role “{value}” (staff, admin, disaster_officer, survey_admin).',
    unknown_value: '“{value}” is not a value that can be used.',
    password_too_short: 'The initial password needs at least {value} characters.',
    password_required: 'A new account needs an initial password.',
    password_policy: 'The initial password does not meet the password rules (kinds of characters, ...).',
  },
});
