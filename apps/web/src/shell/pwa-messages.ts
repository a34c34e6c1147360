import { defineMessages } from '../i18n/i18n';

/** The installed app's status line: offline, messages waiting to be sent, a new version ready. */
export const pwaMessages = defineMessages<'offline' | 'offlineKnown' | 'pending_one' | 'pending_other' | 'pendingList' | 'updateReady' | 'update' | 'failed'>('pwa', {
  ja: {
    offline: 'オフラインです。接続が戻ると自動で再接続します。',
    offlineKnown: 'オフラインです（前回の接続時の情報を表示しています）。',
    pending_one: '未送信のメッセージ {count} 件：接続が戻ると送信します',
    pending_other: '未送信のメッセージ {count} 件：接続が戻ると送信します',
    pendingList: '未送信のメッセージ',
    updateReady: '新しいバージョンがあります。',
    update: '更新',
    failed: '送信できませんでした',
  },
  en: {
    offline: 'You are offline. Yakuba reconnects when the network is back.',
    offlineKnown: 'You are offline (showing what was known at the last connection).',
    pending_one: '{count} unsent message: it is sent when the network is back',
    pending_other: '{count} unsent messages: they are sent when the network is back',
    pendingList: 'Unsent messages',
    updateReady: 'A new version is available.',
    update: 'Update',
    failed: 'Could not be sent',
  },
});
