import { defineMessages } from '../i18n/i18n';

export const shellMessages = defineMessages<
  | 'appName'
  | 'chat'
  | 'meetings'
  | 'approvals'
  | 'surveys'
  | 'kpis'
  | 'disasters'
  | 'admin'
  | 'logout'
  | 'language'
  | 'profile'
  | 'loginTitle'
  | 'username'
  | 'password'
  | 'signIn'
  | 'signingIn'
  | 'loginFailed'
  | 'tooManyAttempts'
  | 'loginHint'
  | 'home'
  | 'welcome'
  | 'homeIntro'
  | 'notFound'
  | 'menu'
  | 'changePassword'
  | 'currentPassword'
  | 'newPassword'
  | 'save'
  | 'saved'
  | 'department'
  | 'position'
  | 'kpiTitle'
  | 'kpiPaperless'
  | 'kpiTarget'
  | 'kpiSheets'
  | 'kpiMeetings'
  | 'kpiPaperlessMeetings'
  | 'kpiPaperMeetings'
  | 'kpiChartLabel_one'
  | 'kpiChartLabel_other'
  | 'kpiSheetCount_one'
  | 'kpiSheetCount_other'
>('shell', {
  ja: {
    appName: '役場ワークスペース',
    chat: 'チャット',
    meetings: '会議',
    approvals: '決裁',
    surveys: 'アンケート',
    kpis: 'DX指標',
    disasters: '災害対応',
    admin: '管理',
    logout: 'ログアウト',
    language: 'English',
    profile: 'アカウント',
    loginTitle: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    signingIn: 'サインイン中…',
    loginFailed: 'ユーザー名またはパスワードが違います。',
    tooManyAttempts: '失敗が続いたため、しばらくサインインできません。時間をおいてお試しください。',
    loginHint: '住田町役場 職員用（庁内ネットワーク専用）',
    home: 'ホーム',
    welcome: 'ようこそ、{name} さん',
    homeIntro: '左のメニューから業務を選んでください。',
    notFound: 'ページが見つかりません。',
    menu: 'メニュー',
    changePassword: 'パスワード変更',
    currentPassword: '現在のパスワード',
    newPassword: '新しいパスワード（10文字以上）',
    save: '保存',
    saved: '保存しました。',
    department: '所属',
    position: '職名',
    kpiTitle: 'DX推進の指標',
    kpiPaperless: 'ペーパーレス会議の割合',
    kpiTarget: '目標 100%',
    kpiSheets: '印刷しなかった紙（枚）',
    kpiMeetings: 'ペーパーレス会議 / 開催した会議',
    kpiPaperlessMeetings: 'ペーパーレス',
    kpiPaperMeetings: '紙を配布',
    kpiChartLabel_one: '開催した会議 {count}件のうち、ペーパーレス {paperless}件',
    kpiChartLabel_other: '開催した会議 {count}件のうち、ペーパーレス {paperless}件',
    kpiSheetCount_one: '{count, number}',
    kpiSheetCount_other: '{count, number}',
  },
  en: {
    appName: 'Town hall workspace',
    chat: 'Chat',
    meetings: 'Meetings',
    approvals: 'Approvals',
    surveys: 'Surveys',
    kpis: 'DX indicators',
    disasters: 'Disasters',
    admin: 'Admin',
    logout: 'Sign out',
    language: '日本語',
    profile: 'Account',
    loginTitle: 'Sign in',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    loginFailed: 'Wrong username or password.',
    tooManyAttempts: 'Too many failed attempts. Please wait a while and try again.',
    loginHint: 'Sumita town hall staff (closed network only)',
    home: 'Home',
    welcome: 'Welcome, {name}',
    homeIntro: 'Choose your work from the menu.',
    notFound: 'Page not found.',
    menu: 'Menu',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password (10+ characters)',
    save: 'Save',
    saved: 'Saved.',
    department: 'Department',
    position: 'Position',
    kpiTitle: 'DX plan indicators',
    kpiPaperless: 'Meetings held paperless',
    kpiTarget: 'Target 100%',
    kpiSheets: 'Sheets not printed',
    kpiMeetings: 'Paperless / held meetings',
    kpiPaperlessMeetings: 'Paperless',
    kpiPaperMeetings: 'Paper handed out',
    kpiChartLabel_one: '{paperless} of {count} meeting held paperless',
    kpiChartLabel_other: '{paperless} of {count} meetings held paperless',
    kpiSheetCount_one: '{count, number}',
    kpiSheetCount_other: '{count, number}',
  },
});
