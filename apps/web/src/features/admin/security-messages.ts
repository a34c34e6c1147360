import { defineMessages } from '../../i18n/i18n';

export const securityMessages = defineMessages<
  | 'security'
  | 'sessions'
  | 'saved'
  | 'save'
  | 'updatedAt'
  | 'sessionsTitle'
  | 'sessionsHelp'
  | 'idleMinutes'
  | 'absoluteHours'
  | 'passwordTitle'
  | 'passwordHelp'
  | 'minLength'
  | 'requiredClasses'
  | 'historyCount'
  | 'changeAtFirstSignIn'
  | 'class_lower'
  | 'class_upper'
  | 'class_digit'
  | 'class_symbol'
  | 'totpTitle'
  | 'totpHelp'
  | 'requiredOutsideInternal'
  | 'internalNetworks'
  | 'internalNetworksHelp'
  | 'ldapTitle'
  | 'ldapHelp'
  | 'ldapEnabled'
  | 'url'
  | 'bindDn'
  | 'bindPassword'
  | 'bindPasswordSet'
  | 'baseDn'
  | 'userFilter'
  | 'groupBaseDn'
  | 'groupFilter'
  | 'displayNameAttribute'
  | 'kanaAttribute'
  | 'roleMappings'
  | 'departmentMappings'
  | 'group'
  | 'role'
  | 'department'
  | 'add'
  | 'remove'
  | 'startTls'
  | 'tlsRejectUnauthorized'
  | 'tlsCaCertificate'
  | 'timeoutSeconds'
  | 'testConnection'
  | 'testUsername'
  | 'testOk'
  | 'testFailed'
  | 'testFound'
  | 'groups'
  | 'user'
  | 'signedIn'
  | 'lastActive'
  | 'address'
  | 'browser'
  | 'thisSession'
  | 'end'
  | 'ended'
  | 'confirmEnd'
  | 'noSessions'
  | 'filter'
  | 'count'
  | 'resetTotp'
  | 'confirmResetTotp'
  | 'totpReset'
>('adminSecurity', {
  ja: {
    security: 'セキュリティ',
    sessions: 'セッション',
    saved: '保存しました。',
    save: '保存',
    updatedAt: '最終更新',
    sessionsTitle: 'セッションの有効期限',
    sessionsHelp: '操作がないまま無操作時間を過ぎるか、サインインから最長時間を過ぎると、サインインし直しが必要です。短くすると今のセッションにもすぐ適用されます。',
    idleMinutes: '無操作でのタイムアウト（分）',
    absoluteHours: 'サインインの最長時間（時間）',
    passwordTitle: 'パスワードポリシー',
    passwordHelp: '職員が自分で変更するとき、管理者が作成・再設定するとき、CSV取込の初期パスワードに適用されます。',
    minLength: '最小文字数',
    requiredClasses: '必ず含める文字',
    historyCount: '再使用を禁止する世代数',
    changeAtFirstSignIn: '管理者が設定したパスワードは初回サインイン時に変更させる',
    class_lower: '英小文字',
    class_upper: '英大文字',
    class_digit: '数字',
    class_symbol: '記号',
    totpTitle: '二要素認証（庁外からのアクセス）',
    totpHelp: '有効にすると、庁内ネットワーク以外からのサインインには認証アプリの登録が必要です（未登録の職員は拒否されます。登録は庁内から行います）。',
    requiredOutsideInternal: '庁外からのサインインに二要素認証を必須にする',
    internalNetworks: '庁内ネットワーク（CIDR、1行に1つ）',
    internalNetworksHelp: '例: 10.0.0.0/8（LGWAN 接続系）。プロキシ経由の場合、送信元はサーバー設定 TRUSTED_PROXIES で信頼したプロキシの X-Forwarded-For から求めます。',
    ldapTitle: 'LDAP / Active Directory',
    ldapHelp: '有効にすると、ローカルのアカウント（admin など）以外はディレクトリのパスワードでサインインし、氏名・所属・権限はディレクトリのグループから更新されます。',
    ldapEnabled: 'LDAP でのサインインを有効にする',
    url: 'サーバー URL',
    bindDn: '検索用アカウントの DN',
    bindPassword: '検索用アカウントのパスワード',
    bindPasswordSet: '設定済み（変更するときだけ入力）',
    baseDn: '検索ベース DN',
    userFilter: 'ユーザー検索フィルター',
    groupBaseDn: 'グループ検索ベース DN（空欄: 検索ベース）',
    groupFilter: 'グループ検索フィルター',
    displayNameAttribute: '氏名の属性',
    kanaAttribute: 'ふりがなの属性（任意）',
    roleMappings: 'グループ → 権限',
    departmentMappings: 'グループ → 所属',
    group: 'グループ（cn または DN）',
    role: '権限',
    department: '所属',
    add: '追加',
    remove: '削除',
    startTls: 'StartTLS を使う',
    tlsRejectUnauthorized: 'サーバー証明書を検証する',
    tlsCaCertificate: 'CA 証明書（PEM、任意）',
    timeoutSeconds: 'タイムアウト（秒）',
    testConnection: '接続テスト',
    testUsername: 'テストするユーザー名（任意）',
    testOk: '接続できました。',
    testFailed: '接続できませんでした: {message}',
    testFound: '{dn} が見つかりました',
    groups: 'グループ',
    user: '職員',
    signedIn: 'サインイン',
    lastActive: '最終操作',
    address: 'IPアドレス',
    browser: 'ブラウザ',
    thisSession: 'このセッション',
    end: '終了',
    ended: 'セッションを終了しました。',
    confirmEnd: '{name} さんのこのセッションを終了しますか？',
    noSessions: '有効なセッションはありません。',
    filter: '氏名・ユーザー名・IPで絞り込み',
    count: '{count}件',
    resetTotp: '二要素認証をリセット',
    confirmResetTotp: '{name} さんの認証アプリの登録を解除しますか？（スマートフォンをなくしたときなど。庁内から登録し直せます）',
    totpReset: '認証アプリの登録を解除しました。',
  },
  en: {
    security: 'Security',
    sessions: 'Sessions',
    saved: 'Saved.',
    save: 'Save',
    updatedAt: 'Last changed',
    sessionsTitle: 'Session timeouts',
    sessionsHelp: 'A session ends when unused for the idle timeout or when the maximum time since sign-in has passed. Shorter values apply to current sessions at once.',
    idleMinutes: 'Idle timeout (minutes)',
    absoluteHours: 'Maximum session length (hours)',
    passwordTitle: 'Password policy',
    passwordHelp: 'Applies when staff change their password, when administrators create or reset one, and to initial passwords in CSV imports.',
    minLength: 'Minimum length',
    requiredClasses: 'Must contain',
    historyCount: 'Previous passwords that may not be reused',
    changeAtFirstSignIn: 'Passwords set by an administrator must be changed at the first sign-in',
    class_lower: 'lower-case letters',
    class_upper: 'upper-case letters',
    class_digit: 'digits',
    class_symbol: 'symbols',
    totpTitle: 'Two-step verification (access from outside)',
    totpHelp: 'When on, sign-ins from outside the internal networks need an enrolled authenticator app (staff without one are refused; they enrol from inside).',
    requiredOutsideInternal: 'Require two-step verification outside the internal networks',
    internalNetworks: 'Internal networks (CIDR, one per line)',
    internalNetworksHelp: 'E.g. 10.0.0.0/8 (LGWAN side). Behind a proxy, the address comes from X-Forwarded-For of the proxies trusted by TRUSTED_PROXIES.',
    ldapTitle: 'LDAP / Active Directory',
    ldapHelp: 'When on, everyone but local accounts (such as admin) signs in with the directory password; name, department and roles follow the directory groups.',
    ldapEnabled: 'Sign in with LDAP',
    url: 'Server URL',
    bindDn: 'Search account DN',
    bindPassword: 'Search account password',
    bindPasswordSet: 'Stored (type only to change it)',
    baseDn: 'Search base DN',
    userFilter: 'User filter',
    groupBaseDn: 'Group search base DN (empty: the search base)',
    groupFilter: 'Group filter',
    displayNameAttribute: 'Name attribute',
    kanaAttribute: 'Kana attribute (optional)',
    roleMappings: 'Group → role',
    departmentMappings: 'Group → department',
    group: 'Group (cn or DN)',
    role: 'Role',
    department: 'Department',
    add: 'Add',
    remove: 'Remove',
    startTls: 'Use StartTLS',
    tlsRejectUnauthorized: 'Verify the server certificate',
    tlsCaCertificate: 'CA certificate (PEM, optional)',
    timeoutSeconds: 'Timeout (seconds)',
    testConnection: 'Test connection',
    testUsername: 'Username to look up (optional)',
    testOk: 'Connected.',
    testFailed: 'Could not connect: {message}',
    testFound: 'Found {dn}',
    groups: 'Groups',
    user: 'User',
    signedIn: 'Signed in',
    lastActive: 'Last active',
    address: 'IP address',
    browser: 'Browser',
    thisSession: 'This session',
    end: 'End',
    ended: 'Session ended.',
    confirmEnd: 'End this session of {name}?',
    noSessions: 'No live sessions.',
    filter: 'Filter by name, username or IP',
    count: '{count}',
    resetTotp: 'Reset 2-step',
    confirmResetTotp: 'Remove the authenticator of {name}? (A lost phone: they can enrol again from inside the town hall.)',
    totpReset: 'Authenticator removed.',
  },
});
