import { defineMessages } from '../i18n/i18n';

export const authMessages = defineMessages<
  | 'totpTitle'
  | 'totpHint'
  | 'code'
  | 'verify'
  | 'verifying'
  | 'back'
  | 'totpWrong'
  | 'totpReplayed'
  | 'totpExpired'
  | 'outsideRequired'
  | 'forcedTitle'
  | 'forcedIntro'
  | 'currentPassword'
  | 'newPassword'
  | 'confirmPassword'
  | 'mismatch'
  | 'ruleLength'
  | 'ruleClasses'
  | 'ruleHistory'
  | 'class_lower'
  | 'class_upper'
  | 'class_digit'
  | 'class_symbol'
  | 'reused'
  | 'weak'
  | 'currentWrong'
  | 'changePassword'
  | 'changed'
  | 'signOut'
  | 'directoryManaged'
>('auth', {
  ja: {
    totpTitle: '確認コード',
    totpHint: '認証アプリに表示されている6桁のコードを入力してください。アプリが使えないときは回復コードを入力できます。',
    code: '確認コード',
    verify: '確認',
    verifying: '確認しています…',
    back: 'やり直す',
    totpWrong: 'コードが違います。',
    totpReplayed: 'このコードは使用済みです。次のコードが表示されるまでお待ちください。',
    totpExpired: '時間が経ちすぎました。パスワードからやり直してください。',
    outsideRequired:
      '庁外のネットワークからサインインするには二要素認証（認証アプリ）の登録が必要です。庁内の端末でサインインし、「アカウント」から登録してください。',
    forcedTitle: 'パスワードの変更',
    forcedIntro: '管理者が設定したパスワードです。続けるには、ご自身のパスワードに変更してください。',
    currentPassword: '現在のパスワード',
    newPassword: '新しいパスワード',
    confirmPassword: '新しいパスワード（確認）',
    mismatch: '確認用のパスワードが一致しません。',
    ruleLength: '{count}文字以上',
    ruleClasses: '次の文字を含む: {classes}',
    ruleHistory: '直近{count}回のパスワードは使えません',
    class_lower: '英小文字',
    class_upper: '英大文字',
    class_digit: '数字',
    class_symbol: '記号',
    reused: '最近使ったパスワードは使えません。別のパスワードにしてください。',
    weak: 'パスワードの条件を満たしていません。',
    currentWrong: '現在のパスワードが違います。',
    changePassword: 'パスワードを変更',
    changed: 'パスワードを変更しました。ほかの端末のセッションは終了しました。',
    signOut: 'サインアウト',
    directoryManaged: 'このアカウントは庁内のディレクトリ（Active Directory / LDAP）のパスワードでサインインします。パスワードはディレクトリで変更してください。',
  },
  en: {
    totpTitle: 'Verification code',
    totpHint: 'Enter the 6-digit code shown in your authenticator app. Without the app, you can enter a recovery code.',
    code: 'Code',
    verify: 'Verify',
    verifying: 'Verifying…',
    back: 'Start again',
    totpWrong: 'Wrong code.',
    totpReplayed: 'This code was used already. Wait for the next one.',
    totpExpired: 'This took too long. Please enter your password again.',
    outsideRequired:
      'Signing in from outside the town hall network needs two-step verification (an authenticator app). Sign in on a town hall computer and enrol one under “Account”.',
    forcedTitle: 'Change your password',
    forcedIntro: 'An administrator set this password. Choose your own to continue.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'New password (again)',
    mismatch: 'The two new passwords differ.',
    ruleLength: 'At least {count} characters',
    ruleClasses: 'Contains: {classes}',
    ruleHistory: 'Not one of your last {count} passwords',
    class_lower: 'lower-case letters',
    class_upper: 'upper-case letters',
    class_digit: 'digits',
    class_symbol: 'symbols',
    reused: 'You used this password recently. Please choose another.',
    weak: 'The password does not meet the rules.',
    currentWrong: 'The current password is wrong.',
    changePassword: 'Change password',
    changed: 'Password changed. Your sessions on other devices have ended.',
    signOut: 'Sign out',
    directoryManaged: 'This account signs in with the town hall directory (Active Directory / LDAP). Change the password there.',
  },
});
