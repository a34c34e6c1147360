import { defineMessages } from '../../i18n/i18n';

type Key =
  | 'channels'
  | 'directMessages'
  | 'newChannel'
  | 'browse'
  | 'newDirect'
  | 'search'
  | 'searchPlaceholder'
  | 'noChannel'
  | 'composerPlaceholder'
  | 'send'
  | 'attach'
  | 'dropFiles'
  | 'uploading'
  | 'pending'
  | 'failed'
  | 'retry'
  | 'discard'
  | 'edited'
  | 'deleted'
  | 'edit'
  | 'delete'
  | 'save'
  | 'cancel'
  | 'reply'
  | 'replies_one'
  | 'replies_other'
  | 'thread'
  | 'alsoSend'
  | 'close'
  | 'read_one'
  | 'read_other'
  | 'readBy'
  | 'pin'
  | 'unpin'
  | 'pinned'
  | 'system'
  | 'guest'
  | 'urgent'
  | 'react'
  | 'typing'
  | 'typingMany_one'
  | 'typingMany_other'
  | 'offline'
  | 'online'
  | 'away'
  | 'members'
  | 'invite'
  | 'leave'
  | 'join'
  | 'topic'
  | 'rename'
  | 'archive'
  | 'archived'
  | 'name'
  | 'type'
  | 'public'
  | 'private'
  | 'direct'
  | 'create'
  | 'people'
  | 'loadingOlder'
  | 'beginning'
  | 'enableNotifications'
  | 'noResults'
  | 'channel'
  | 'author'
  | 'from'
  | 'to'
  | 'any'
  | 'results_one'
  | 'results_other'
  | 'confirmDelete'
  | 'newMessages'
  | 'notMember'
  | 'department'
  | 'unreadMentions_one'
  | 'unreadMentions_other'
  | 'mentionAll'
  | 'reconnecting'
  | 'fileTooLarge'
  | 'fileType'
  | 'openPdf'
  | 'jumpToLatest'
  | 'removeMember'
  | 'memberCount_one'
  | 'memberCount_other'
  | 'unreadCount_one'
  | 'unreadCount_other'
  | 'composerHint'
  | 'editHint'
  | 'emojiPicker'
  | 'emojiSearch'
  | 'emojiNone'
  | 'emojiFrequent'
  | 'emoji_smileys'
  | 'emoji_hands'
  | 'emoji_symbols'
  | 'emoji_work'
  | 'emoji_nature'
  | 'addReaction'
  | 'unreadBy'
  | 'readersTitle'
  | 'important'
  | 'disasterChannel'
  | 'allStaffChannel'
  | 'departmentMention'
  | 'attachmentMatch'
  | 'searchIn'
  | 'clearFilters'
  | 'openMessage'
  | 'jumpedTo'
  | 'loadingNewer';

export const chatMessages = defineMessages<Key>('chat', {
  ja: {
    channels: 'チャンネル',
    directMessages: 'ダイレクトメッセージ',
    newChannel: 'チャンネルを作成',
    browse: 'チャンネルを探す',
    newDirect: 'メッセージを送る相手',
    search: '検索',
    searchPlaceholder: 'メッセージ・添付ファイルを検索（例: 災害、会議）',
    noChannel: 'チャンネルを選んでください',
    composerPlaceholder: '{channel} へのメッセージ',
    send: '送信',
    attach: 'ファイルを添付',
    dropFiles: 'ここにファイルをドロップ（画像・PDF）',
    uploading: 'アップロード中',
    pending: '送信待ち',
    failed: '送信できませんでした',
    retry: '再送',
    discard: '破棄',
    edited: '（編集済み）',
    deleted: 'このメッセージは削除されました',
    edit: '編集',
    delete: '削除',
    save: '保存',
    cancel: 'キャンセル',
    reply: '返信',
    replies_one: '{count}件の返信',
    replies_other: '{count}件の返信',
    thread: 'スレッド',
    alsoSend: 'チャンネルにも投稿する',
    close: '閉じる',
    read_one: '既読 {count}',
    read_other: '既読 {count}',
    readBy: '既読にした人',
    pin: 'ピン留め',
    unpin: 'ピン留めを外す',
    pinned: 'ピン留め',
    system: 'システム',
    guest: 'ゲスト',
    urgent: '緊急',
    react: 'リアクション',
    typing: '{name}さんが入力中…',
    typingMany_one: '{count}人が入力中…',
    typingMany_other: '{count}人が入力中…',
    offline: 'オフライン',
    online: 'オンライン',
    away: '離席中',
    members: 'メンバー',
    invite: '招待',
    leave: '退出',
    join: '参加する',
    topic: 'トピック',
    rename: '名前を変更',
    archive: 'アーカイブ',
    archived: 'アーカイブ済み（閲覧のみ）',
    name: '名前',
    type: '種類',
    public: '公開',
    private: '非公開',
    direct: 'ダイレクト',
    create: '作成',
    people: 'メンバーを選択',
    loadingOlder: '過去のメッセージを読み込み中…',
    beginning: 'このチャンネルの最初のメッセージです',
    enableNotifications: 'デスクトップ通知を有効にする',
    noResults: '見つかりませんでした',
    channel: 'チャンネル',
    author: '投稿者',
    from: '開始日',
    to: '終了日',
    any: 'すべて',
    results_one: '{count}件',
    results_other: '{count}件',
    confirmDelete: 'このメッセージを削除しますか？',
    newMessages: '新着メッセージ',
    notMember: 'このチャンネルに参加していません',
    department: '部署',
    unreadMentions_one: 'あなた宛て {count}件',
    unreadMentions_other: 'あなた宛て {count}件',
    mentionAll: '全員宛て',
    reconnecting: '接続が切れています。再接続中…',
    fileTooLarge: 'ファイルが大きすぎます',
    fileType: '画像またはPDFのみ添付できます',
    openPdf: 'PDFを開く',
    jumpToLatest: '最新へ',
    removeMember: 'メンバーから外す',
    memberCount_one: 'メンバー（{count}人）',
    memberCount_other: 'メンバー（{count}人）',
    unreadCount_one: '未読 {count}件',
    unreadCount_other: '未読 {count}件',
    composerHint: 'Enterで送信・Shift+Enterで改行・@で宛先',
    editHint: 'Enterで保存・Escでキャンセル',
    emojiPicker: '絵文字',
    emojiSearch: '絵文字を検索（例: いいね、台風）',
    emojiNone: '該当する絵文字がありません',
    emojiFrequent: 'よく使う絵文字',
    emoji_smileys: '顔',
    emoji_hands: '手・人',
    emoji_symbols: '記号',
    emoji_work: '仕事',
    emoji_nature: '天気・自然',
    addReaction: 'リアクションを追加',
    unreadBy: '未読の人',
    readersTitle: '既読・未読',
    important: '重要なチャンネル',
    disasterChannel: '災害対応',
    allStaffChannel: '全職員',
    departmentMention: '部署の全員',
    attachmentMatch: '添付ファイル',
    searchIn: '検索対象: メッセージ本文・添付ファイル名・PDFの本文',
    clearFilters: '条件をクリア',
    openMessage: 'このメッセージを開く',
    jumpedTo: '検索したメッセージ',
    loadingNewer: '新しいメッセージを読み込み中…',
  },
  en: {
    channels: 'Channels',
    directMessages: 'Direct messages',
    newChannel: 'Create channel',
    browse: 'Browse channels',
    newDirect: 'Message someone',
    search: 'Search',
    searchPlaceholder: 'Search messages and files (e.g. 災害, meeting)',
    noChannel: 'Choose a channel',
    composerPlaceholder: 'Message {channel}',
    send: 'Send',
    attach: 'Attach a file',
    dropFiles: 'Drop files here (images, PDF)',
    uploading: 'Uploading',
    pending: 'Sending…',
    failed: 'Not sent',
    retry: 'Retry',
    discard: 'Discard',
    edited: '(edited)',
    deleted: 'This message was deleted',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    cancel: 'Cancel',
    reply: 'Reply',
    replies_one: '{count} reply',
    replies_other: '{count} replies',
    thread: 'Thread',
    alsoSend: 'Also send to the channel',
    close: 'Close',
    read_one: 'Read by {count}',
    read_other: 'Read by {count}',
    readBy: 'Read by',
    pin: 'Pin',
    unpin: 'Unpin',
    pinned: 'Pinned',
    system: 'System',
    guest: 'Guest',
    urgent: 'Urgent',
    react: 'React',
    typing: '{name} is typing…',
    typingMany_one: '{count} person is typing…',
    typingMany_other: '{count} people are typing…',
    offline: 'Offline',
    online: 'Online',
    away: 'Away',
    members: 'Members',
    invite: 'Invite',
    leave: 'Leave',
    join: 'Join',
    topic: 'Topic',
    rename: 'Rename',
    archive: 'Archive',
    archived: 'Archived (read only)',
    name: 'Name',
    type: 'Type',
    public: 'Public',
    private: 'Private',
    direct: 'Direct',
    create: 'Create',
    people: 'Choose people',
    loadingOlder: 'Loading older messages…',
    beginning: 'This is the first message of the channel',
    enableNotifications: 'Enable desktop notifications',
    noResults: 'Nothing found',
    channel: 'Channel',
    author: 'Author',
    from: 'From',
    to: 'To',
    any: 'Any',
    results_one: '{count} result',
    results_other: '{count} results',
    confirmDelete: 'Delete this message?',
    newMessages: 'New messages',
    notMember: 'You are not a member of this channel',
    department: 'Department',
    unreadMentions_one: '{count} for you',
    unreadMentions_other: '{count} for you',
    mentionAll: 'For everyone',
    reconnecting: 'Disconnected. Reconnecting…',
    fileTooLarge: 'The file is too large',
    fileType: 'Only images and PDF files can be attached',
    openPdf: 'Open PDF',
    jumpToLatest: 'Latest',
    removeMember: 'Remove from channel',
    memberCount_one: 'Members ({count})',
    memberCount_other: 'Members ({count})',
    unreadCount_one: '{count} unread message',
    unreadCount_other: '{count} unread messages',
    composerHint: 'Enter to send, Shift+Enter for a new line, @ to mention',
    editHint: 'Enter to save, Esc to cancel',
    emojiPicker: 'Emoji',
    emojiSearch: 'Search emoji (Japanese names, e.g. いいね)',
    emojiNone: 'No emoji found',
    emojiFrequent: 'Recent and frequent',
    emoji_smileys: 'Faces',
    emoji_hands: 'Hands and people',
    emoji_symbols: 'Symbols',
    emoji_work: 'Work',
    emoji_nature: 'Weather and nature',
    addReaction: 'Add a reaction',
    unreadBy: 'Not read yet',
    readersTitle: 'Read and unread',
    important: 'Important channels',
    disasterChannel: 'Disaster',
    allStaffChannel: 'All staff',
    departmentMention: 'Everyone in the department',
    attachmentMatch: 'Attachment',
    searchIn: 'Searches message text, attachment names and the text of PDFs',
    clearFilters: 'Clear filters',
    openMessage: 'Open this message',
    jumpedTo: 'The message you searched for',
    loadingNewer: 'Loading newer messages…',
  },
});
