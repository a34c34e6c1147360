import { defineMessages } from '../../i18n/i18n';

export const adminMessages = defineMessages<
  | 'title'
  | 'users'
  | 'import'
  | 'audit'
  | 'search'
  | 'includeDisabled'
  | 'newUser'
  | 'username'
  | 'displayName'
  | 'kana'
  | 'department'
  | 'position'
  | 'roles'
  | 'status'
  | 'active'
  | 'disabled'
  | 'edit'
  | 'disable'
  | 'enable'
  | 'resetPassword'
  | 'initialPassword'
  | 'create'
  | 'save'
  | 'cancel'
  | 'newPasswordPrompt'
  | 'passwordReset'
  | 'adminRole'
  | 'disasterOfficerRole'
  | 'surveyAdminRole'
  | 'none'
  | 'importHelp'
  | 'chooseFile'
  | 'dryRun'
  | 'runImport'
  | 'importDone'
  | 'importErrors_one'
  | 'importErrors_other'
  | 'row'
  | 'field'
  | 'message'
  | 'verify'
  | 'chainOk_one'
  | 'chainOk_other'
  | 'chainBroken'
  | 'time'
  | 'action'
  | 'actor'
  | 'target'
  | 'ip'
  | 'loadMore'
  | 'checkOnly_one'
  | 'checkOnly_other'
  | 'confirmDisable'
  | 'rowInvalid'
  | 'actionPrefix'
  | 'everyone'
  | 'from'
  | 'until'
  | 'exportCsv'
  | 'exportCsvSjis'
  | 'signIn'
  | 'signInHelp'
  | 'failures'
  | 'delayedUntil'
  | 'notDelayed'
  | 'device'
  | 'release'
  | 'released'
  | 'noDelays'
>('admin', {
  ja: {
    title: '管理',
    users: '職員',
    import: 'CSV取込',
    audit: '監査ログ',
    search: '氏名・ユーザー名で検索',
    includeDisabled: '無効なアカウントも表示',
    newUser: '職員を追加',
    username: 'ユーザー名',
    displayName: '氏名',
    kana: 'ふりがな',
    department: '所属',
    position: '職名',
    roles: '権限',
    status: '状態',
    active: '有効',
    disabled: '無効',
    edit: '編集',
    disable: '無効にする',
    enable: '有効にする',
    resetPassword: 'パスワード再設定',
    initialPassword: '初期パスワード（パスワードポリシーに従う）',
    create: '追加',
    save: '保存',
    cancel: 'キャンセル',
    newPasswordPrompt: '新しいパスワードを入力してください（パスワードポリシーに従う。次回サインイン時に本人が変更します）',
    passwordReset: 'パスワードを再設定しました。',
    adminRole: '管理者',
    disasterOfficerRole: '防災担当',
    surveyAdminRole: 'アンケート管理',
    none: '—',
    importHelp:
      'Excel で保存した CSV（UTF-8 または Shift_JIS）。列: ユーザー名, 氏名, フリガナ, 所属, 職名, 権限, 初期パスワード。1行でも誤りがあれば何も取り込みません。',
    chooseFile: 'CSVファイル',
    dryRun: '確認のみ',
    runImport: '取り込む',
    importDone: '{created}件追加、{updated}件更新しました。',
    importErrors_one: '{count}件の誤りがあります。何も取り込んでいません。',
    importErrors_other: '{count}件の誤りがあります。何も取り込んでいません。',
    row: '行',
    field: '項目',
    message: '内容',
    verify: '改ざん検査',
    chainOk_one: '改ざんはありません（{count}件を検査）',
    chainOk_other: '改ざんはありません（{count}件を検査）',
    chainBroken: '改ざんを検出: #{id} {reason}',
    time: '日時',
    action: '操作',
    actor: '実行者',
    target: '対象',
    ip: 'IP',
    loadMore: 'さらに表示',
    checkOnly_one: '問題ありません（{count}行）。取り込めます。',
    checkOnly_other: '問題ありません（{count}行）。取り込めます。',
    confirmDisable: 'このアカウントを無効にしますか？ 全てのセッションが終了します。',
    rowInvalid: 'この項目の値を確認してください。',
    actionPrefix: '操作（前方一致: auth. など）',
    everyone: 'すべての職員',
    from: '開始日',
    until: '終了日',
    exportCsv: 'CSV出力（UTF-8）',
    exportCsvSjis: 'CSV出力（Shift_JIS）',
    signIn: 'サインイン制限',
    signInHelp:
      '直近15分にサインインに失敗した相手先です。失敗が続くと待ち時間が倍々に延びます（正しいパスワードを持つ職員が締め出されることはありません）。解除すると失敗回数を数え直します。',
    failures: '失敗回数',
    delayedUntil: '次に試せる時刻',
    notDelayed: '制限なし',
    device: 'この端末でサインイン済み',
    release: '解除',
    released: '解除しました',
    noDelays: '制限中のサインインはありません。',
  },
  en: {
    title: 'Admin',
    users: 'Staff',
    import: 'CSV import',
    audit: 'Audit log',
    search: 'Search name or username',
    includeDisabled: 'Show disabled accounts',
    newUser: 'Add staff',
    username: 'Username',
    displayName: 'Name',
    kana: 'Reading (kana)',
    department: 'Department',
    position: 'Position',
    roles: 'Roles',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    edit: 'Edit',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    initialPassword: 'Initial password (as the password policy requires)',
    create: 'Add',
    save: 'Save',
    cancel: 'Cancel',
    newPasswordPrompt: 'Enter the new password (as the password policy requires; they change it at their next sign-in)',
    passwordReset: 'Password reset.',
    adminRole: 'Administrator',
    disasterOfficerRole: 'Disaster officer',
    surveyAdminRole: 'Survey administrator',
    none: '—',
    importHelp:
      'CSV saved by Excel (UTF-8 or Shift_JIS). Columns: username, name, kana, department, position, roles, initial password. Any bad row means nothing is imported.',
    chooseFile: 'CSV file',
    dryRun: 'Check only',
    runImport: 'Import',
    importDone: '{created} added, {updated} updated.',
    importErrors_one: '{count} error: nothing was imported.',
    importErrors_other: '{count} errors: nothing was imported.',
    row: 'Row',
    field: 'Field',
    message: 'Message',
    verify: 'Verify chain',
    chainOk_one: 'Intact ({count} entry checked)',
    chainOk_other: 'Intact ({count} entries checked)',
    chainBroken: 'Tampering detected: #{id} {reason}',
    time: 'Time',
    action: 'Action',
    actor: 'Actor',
    target: 'Target',
    ip: 'IP',
    loadMore: 'Load more',
    checkOnly_one: 'No problems ({count} row). Ready to import.',
    checkOnly_other: 'No problems ({count} rows). Ready to import.',
    confirmDisable: 'Disable this account? All its sessions end.',
    rowInvalid: 'Please check this value.',
    actionPrefix: 'Action (prefix, e.g. auth.)',
    everyone: 'All staff',
    from: 'From',
    until: 'Until',
    exportCsv: 'Export CSV (UTF-8)',
    exportCsvSjis: 'Export CSV (Shift_JIS)',
    signIn: 'Sign-in delays',
    signInHelp:
      'Sources with failed sign-ins in the last 15 minutes. Each further failure doubles the wait (staff with the right password are never locked out). Releasing starts the count again.',
    failures: 'Failures',
    delayedUntil: 'May try again at',
    notDelayed: 'Not delayed',
    device: 'Signed in on this device before',
    release: 'Release',
    released: 'Released',
    noDelays: 'No sign-in is delayed.',
  },
});
