import { defineMessages } from '../../i18n/i18n';

export const accountMessages = defineMessages<
  | 'title'
  | 'display'
  | 'dateStyle'
  | 'gregorian'
  | 'wareki'
  | 'dateExample'
  | 'dateStyleSaved'
  | 'timeZone'
  | 'username'
  | 'position'
  | 'password'
  | 'totp'
  | 'totpIntro'
  | 'totpRequired'
  | 'enrolled'
  | 'enrolledAt'
  | 'recoveryLeft'
  | 'notEnrolled'
  | 'enrol'
  | 'scan'
  | 'secretText'
  | 'confirmCode'
  | 'confirm'
  | 'cancel'
  | 'recoveryTitle'
  | 'recoveryHint'
  | 'recoveryDone'
  | 'disable'
  | 'disableHint'
  | 'disabled'
  | 'wrongCode'
  | 'sessions'
  | 'sessionsIntro'
  | 'signedIn'
  | 'lastActive'
  | 'address'
  | 'browser'
  | 'thisDevice'
  | 'end'
  | 'ended'
  | 'noOtherSessions'
  | 'qrAlt'
>('account', {
  ja: {
    title: 'アカウント',
    username: 'ユーザー名',
    position: '職名',
    password: 'パスワード',
    totp: '二要素認証（認証アプリ）',
    totpIntro:
      'スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）を登録すると、サインインのときにパスワードに加えて6桁のコードを入力します。',
    totpRequired: '庁外のネットワークからサインインするには登録が必要です（管理者の設定）。',
    enrolled: '登録済み',
    enrolledAt: '登録日時',
    recoveryLeft: '残りの回復コード',
    notEnrolled: '登録されていません。',
    enrol: '認証アプリを登録',
    scan: '認証アプリでこのQRコードを読み取ってください。',
    secretText: '読み取れないときは次のキーを入力してください',
    confirmCode: 'アプリに表示された6桁のコード',
    confirm: '登録を完了',
    cancel: 'キャンセル',
    recoveryTitle: '回復コード',
    recoveryHint:
      'スマートフォンをなくしたときに使います。それぞれ1回だけ使えます。印刷するか安全な場所に控えてください。この画面を閉じると二度と表示されません。',
    recoveryDone: '控えました',
    disable: '登録を解除',
    disableHint: '解除するには、アプリのコードか回復コードを入力してください。',
    disabled: '二要素認証の登録を解除しました。',
    wrongCode: 'コードが違います。',
    sessions: 'サインイン中の端末',
    sessionsIntro: '心当たりのない端末があれば終了し、パスワードを変更してください。',
    signedIn: 'サインイン',
    lastActive: '最終操作',
    address: 'IPアドレス',
    browser: 'ブラウザ',
    thisDevice: 'この端末',
    end: '終了',
    ended: 'セッションを終了しました。',
    noOtherSessions: 'ほかの端末ではサインインしていません。',
    qrAlt: '認証アプリ用のQRコード',
    display: '表示',
    dateStyle: '日付の表記',
    gregorian: '西暦（2026/12/01）',
    wareki: '和暦（令和8年12月1日）',
    dateExample: '今日：{today}（時刻はこの端末の設定によらず役場の時刻です）',
    dateStyleSaved: 'このアカウントの設定として保存しました（ほかの端末でも同じ表記になります）。',
    timeZone: 'タイムゾーン：{zone}',
  },
  en: {
    title: 'Account',
    username: 'Username',
    position: 'Position',
    password: 'Password',
    totp: 'Two-step verification (authenticator app)',
    totpIntro:
      'With an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, …), signing in asks for a 6-digit code after the password.',
    totpRequired: 'Signing in from outside the town hall network requires it (an administrator’s setting).',
    enrolled: 'Enrolled',
    enrolledAt: 'Enrolled at',
    recoveryLeft: 'Recovery codes left',
    notEnrolled: 'Not enrolled.',
    enrol: 'Set up an authenticator',
    scan: 'Scan this QR code with your authenticator app.',
    secretText: 'If it cannot scan, enter this key',
    confirmCode: '6-digit code from the app',
    confirm: 'Finish',
    cancel: 'Cancel',
    recoveryTitle: 'Recovery codes',
    recoveryHint: 'For when you lose your phone. Each works once. Print them or keep them somewhere safe: they are not shown again.',
    recoveryDone: 'I have saved them',
    disable: 'Remove',
    disableHint: 'Enter a code from the app or a recovery code to remove it.',
    disabled: 'Two-step verification removed.',
    wrongCode: 'Wrong code.',
    sessions: 'Where you are signed in',
    sessionsIntro: 'If you do not recognise a device, end its session and change your password.',
    signedIn: 'Signed in',
    lastActive: 'Last active',
    address: 'IP address',
    browser: 'Browser',
    thisDevice: 'This device',
    end: 'End',
    ended: 'Session ended.',
    noOtherSessions: 'You are not signed in anywhere else.',
    qrAlt: 'QR code for the authenticator app',
    display: 'Display',
    dateStyle: 'Dates in Japanese',
    gregorian: 'Western calendar (2026/12/01)',
    wareki: 'Japanese era (令和8年12月1日)',
    dateExample: 'Today: {today} (times are the town hall’s, whatever this device’s time zone)',
    dateStyleSaved: 'Saved for this account (other devices show dates the same way).',
    timeZone: 'Time zone: {zone}',
  },
});
