import { defineMessages } from '../i18n/i18n';

/** What the sign-in page says when an open page's session ended (auth/session.tsx, `ended`). */
export const sessionMessages = defineMessages<
  'endedTitle' | 'account_disabled' | 'signed_out' | 'expired' | 'none' | 'signInAgain' | 'offlineUser'
>('session', {
  ja: {
    endedTitle: 'サインアウトしました',
    account_disabled: 'このアカウントは管理者によって無効にされました。利用を続ける場合は、総務課（システム管理者）に連絡してください。',
    signed_out: 'このセッションは終了しました（別の画面でのサインアウト、管理者による終了、またはパスワードの変更）。もう一度サインインしてください。',
    expired: '一定時間操作がなかったため、または有効期間が過ぎたため、セッションが終了しました。もう一度サインインしてください。',
    none: 'セッションが確認できなくなりました。もう一度サインインしてください。',
    signInAgain: 'もう一度サインイン',
    offlineUser: 'オフラインのため、前回の情報で表示しています',
  },
  en: {
    endedTitle: 'Signed out',
    account_disabled: 'This account has been disabled by an administrator. Contact the general affairs section (system administrator) to continue.',
    signed_out: 'This session has ended (signed out elsewhere, ended by an administrator, or the password was changed). Please sign in again.',
    expired: 'The session ended after a period without activity or at the end of its lifetime. Please sign in again.',
    none: 'The session could no longer be confirmed. Please sign in again.',
    signInAgain: 'Sign in again',
    offlineUser: 'Offline: showing what was known at the last connection',
  },
});
