import { defineMessages } from '../../i18n/i18n';

export const pushMessages = defineMessages<
  | 'title'
  | 'intro'
  | 'on'
  | 'off'
  | 'switchLabel'
  | 'unsupported'
  | 'denied'
  | 'test'
  | 'testSent_one'
  | 'testSent_other'
  | 'devices'
  | 'service'
  | 'since'
  | 'lastDelivered'
  | 'thisDevice'
  | 'remove'
  | 'none'
>('account-push', {
  ja: {
    title: 'スマートフォンへのプッシュ通知',
    intro: 'この端末に、緊急の災害連絡と自分あての @メンション を通知します（アプリを閉じていても届きます）。通知は各ブラウザーのプッシュサービスを経由します（内容は暗号化されます）。',
    on: 'この端末で受け取る',
    off: 'この端末では受け取らない',
    switchLabel: 'この端末でプッシュ通知を受け取る',
    unsupported: 'このブラウザーはプッシュ通知に対応していません（iPhone・iPad はホーム画面に追加したアプリから設定できます）。',
    denied: '通知が許可されていません。ブラウザーのサイト設定で通知を許可してください。',
    test: 'テスト通知を送る',
    testSent_one: '{count} 台の端末に送信しました',
    testSent_other: '{count} 台の端末に送信しました',
    devices: '通知を受け取る端末',
    service: 'プッシュサービス',
    since: '登録日時',
    lastDelivered: '最終配信',
    thisDevice: 'この端末',
    remove: '解除',
    none: '登録された端末はありません',
  },
  en: {
    title: 'Push notifications to phones',
    intro: 'Urgent disaster messages and @mentions of you reach this device even when the app is closed. They pass through the browser’s own push service (encrypted).',
    on: 'Receive on this device',
    off: 'Do not receive on this device',
    switchLabel: 'Receive push notifications on this device',
    unsupported: 'This browser does not support push notifications (on iPhone and iPad, use the app added to the home screen).',
    denied: 'Notifications are blocked. Allow them in the browser’s site settings.',
    test: 'Send a test notification',
    testSent_one: 'Sent to {count} device',
    testSent_other: 'Sent to {count} devices',
    devices: 'Devices receiving notifications',
    service: 'Push service',
    since: 'Registered',
    lastDelivered: 'Last delivered',
    thisDevice: 'This device',
    remove: 'Remove',
    none: 'No device registered',
  },
});
