import { defineMessages } from '../i18n/i18n';

/** The personal home page: what waits for me today, block by block. */
export const homeMessages = defineMessages<
  | 'greeting'
  | 'today'
  | 'loading'
  | 'failed'
  | 'chatTitle'
  | 'mentions_one'
  | 'mentions_other'
  | 'unreadChannels_one'
  | 'unreadChannels_other'
  | 'unreadCount_one'
  | 'unreadCount_other'
  | 'mentionCount_one'
  | 'mentionCount_other'
  | 'chatEmpty'
  | 'openChat'
  | 'directMessage'
  | 'meetingsTitle'
  | 'meetingsEmpty'
  | 'nextMeeting'
  | 'live'
  | 'openMeetings'
  | 'approvalsTitle'
  | 'approvalsEmpty'
  | 'approvalFrom'
  | 'reviewWaiting'
  | 'openApprovals'
  | 'surveysTitle'
  | 'surveysEmpty'
  | 'closes'
  | 'openSurveys'
  | 'moreItems_one'
  | 'moreItems_other'
  | 'disasterTitle'
  | 'drill'
  | 'rollCallDone'
  | 'rollCallMissing'
  | 'answerRollCall'
  | 'changeRollCall'
  | 'openDisaster'
>('home', {
  ja: {
    greeting: 'ようこそ、{name} さん',
    today: '{date} の予定と、あなたを待っていること',
    loading: '読み込み中…',
    failed: '読み込めませんでした。時間をおいてもう一度開いてください。',
    chatTitle: 'チャット',
    mentions_one: 'あなた宛てのメンション {count}件',
    mentions_other: 'あなた宛てのメンション {count}件',
    unreadChannels_one: '未読のあるチャンネル {count}件',
    unreadChannels_other: '未読のあるチャンネル {count}件',
    unreadCount_one: '未読 {count}',
    unreadCount_other: '未読 {count}',
    mentionCount_one: '@{count}',
    mentionCount_other: '@{count}',
    chatEmpty: '未読のメッセージはありません。',
    openChat: 'チャットを開く',
    directMessage: 'ダイレクトメッセージ',
    meetingsTitle: '今日の会議',
    meetingsEmpty: '今日の会議はありません。',
    nextMeeting: '次の会議：{when} {title}',
    live: '開催中',
    openMeetings: '会議の一覧へ',
    approvalsTitle: 'あなたの決裁待ち',
    approvalsEmpty: 'いま決裁を待っている案件はありません。',
    approvalFrom: '{type}・{drafter}',
    reviewWaiting: '後閲',
    openApprovals: '決裁の一覧へ',
    surveysTitle: '未回答のアンケート',
    surveysEmpty: '回答を待っているアンケートはありません。',
    closes: '締切 {when}',
    openSurveys: 'アンケートの一覧へ',
    moreItems_one: 'ほか {count}件',
    moreItems_other: 'ほか {count}件',
    disasterTitle: '災害対応',
    drill: '訓練',
    rollCallDone: '安否を回答済み：{safety}・{attendance}（{when}）',
    rollCallMissing: 'まだ安否を回答していません。',
    answerRollCall: '安否を回答する',
    changeRollCall: '回答を変更する',
    openDisaster: '災害対応の画面へ',
  },
  en: {
    greeting: 'Welcome, {name}',
    today: 'Your day, {date}, and what waits for you',
    loading: 'Loading…',
    failed: 'Could not load. Please open it again in a moment.',
    chatTitle: 'Chat',
    mentions_one: '{count} mention of you',
    mentions_other: '{count} mentions of you',
    unreadChannels_one: '{count} channel with unread messages',
    unreadChannels_other: '{count} channels with unread messages',
    unreadCount_one: '{count} unread',
    unreadCount_other: '{count} unread',
    mentionCount_one: '@{count}',
    mentionCount_other: '@{count}',
    chatEmpty: 'No unread messages.',
    openChat: 'Open chat',
    directMessage: 'Direct message',
    meetingsTitle: 'Today’s meetings',
    meetingsEmpty: 'No meetings today.',
    nextMeeting: 'Next meeting: {when} {title}',
    live: 'In progress',
    openMeetings: 'All meetings',
    approvalsTitle: 'Waiting for your approval',
    approvalsEmpty: 'Nothing is waiting for your approval.',
    approvalFrom: '{type} · {drafter}',
    reviewWaiting: 'Review',
    openApprovals: 'All approvals',
    surveysTitle: 'Surveys to answer',
    surveysEmpty: 'No survey is waiting for your answer.',
    closes: 'Closes {when}',
    openSurveys: 'All surveys',
    moreItems_one: '{count} more',
    moreItems_other: '{count} more',
    disasterTitle: 'Disaster response',
    drill: 'Drill',
    rollCallDone: 'You answered the roll call: {safety}, {attendance} ({when})',
    rollCallMissing: 'You have not answered the roll call yet.',
    answerRollCall: 'Answer the roll call',
    changeRollCall: 'Change my answer',
    openDisaster: 'Open the disaster page',
  },
});
