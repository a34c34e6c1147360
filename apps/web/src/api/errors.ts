import { useCallback } from 'react';
import { ERROR_CODES, ERROR_REASONS, HTTP_STATUS_BY_CODE, type ErrorCode, type ErrorReason } from '@yakuba/contracts';
import { defineMessages, translate, useT } from '../i18n/i18n';
import { ApiError } from './client';

/**
 * The one place that turns a failure (an HTTP error body, a socket acknowledgement's `{ code, message }`, a lost
 * network) into a sentence in the reader's language. The server's English message goes to the console only: a
 * named refusal (`reason`, e.g. an encrypted PDF) gets its own sentence, an invalid input names its fields (the
 * contract's 400 message names them) in the reader's language, anything else the sentence of its code.
 */
type ErrorKey = ErrorCode | 'network' | 'server' | 'unknown';

const reasonMessages = defineMessages<ErrorReason>('error-reasons', {
  ja: {
    not_pdf: 'PDFファイルではありません。PDF（.pdf）のファイルを選んでください。',
    file_too_large: 'ファイルが大きすぎます（上限 {maxMb}MB）。',
    pdf_truncated: 'PDFが壊れているか、途中までしかありません。元のファイルからもう一度PDFに保存してください。',
    pdf_encrypted: 'パスワードで保護されたPDFは登録できません。保護を外したPDFを選んでください。',
    pdf_no_pages: 'ページのないPDFは登録できません。',
    pdf_too_many_pages: 'ページ数が多すぎます（上限 {maxPages}ページ）。分けて登録してください。',
    username_taken: 'ユーザー名「{username}」はすでに使われています。別のユーザー名にしてください。',
    directory_managed: 'このアカウントは庁内のディレクトリ（LDAP）で管理されています。パスワードはディレクトリ側で変更してください。',
    own_account_disabled: '自分のアカウントを無効にすることはできません。',
    own_admin_role_removed: '自分の管理者権限を外すことはできません。',
    last_admin: '有効な管理者が1人もいなくなるため、この変更はできません。',
    csv_unreadable: 'CSVファイルを読み取れませんでした。文字コード（UTF-8 または Shift_JIS）と形式を確認してください。',
    csv_empty: 'CSVには見出しの行と、1行以上のデータが必要です。',
    csv_missing_column: 'CSVの見出しに「{column}」の列がありません。',
    csv_too_many_rows: '一度に取り込めるのは {maxRows}行までです。ファイルを分けてください。',
  },
  en: {
    not_pdf: 'This is not a PDF file. Please choose a PDF (.pdf).',
    file_too_large: 'The file is too large (at most {maxMb} MB).',
    pdf_truncated: 'The PDF is damaged or incomplete. Please save it as PDF again from the original.',
    pdf_encrypted: 'Password-protected PDFs cannot be added. Please choose an unprotected copy.',
    pdf_no_pages: 'A PDF without pages cannot be added.',
    pdf_too_many_pages: 'The PDF has too many pages (at most {maxPages}). Please split it.',
    username_taken: 'The username “{username}” is already taken. Please choose another.',
    directory_managed: 'This account is managed by the directory (LDAP): change its password there.',
    own_account_disabled: 'You cannot disable your own account.',
    own_admin_role_removed: 'You cannot remove your own administrator role.',
    last_admin: 'This would leave no active administrator.',
    csv_unreadable: 'The CSV file could not be read. Please check its encoding (UTF-8 or Shift_JIS) and format.',
    csv_empty: 'The CSV needs a header line and at least one row.',
    csv_missing_column: 'The CSV header has no “{column}” column.',
    csv_too_many_rows: 'At most {maxRows} rows can be imported at once. Please split the file.',
  },
});

/** Input fields as the screens call them, for "please check: 件名, 開始日時" (a field not listed is left out). */
type FieldKey =
  | 'title'
  | 'body'
  | 'name'
  | 'topic'
  | 'startsAt'
  | 'endsAt'
  | 'closesAt'
  | 'opensAt'
  | 'place'
  | 'username'
  | 'displayName'
  | 'password'
  | 'newPassword'
  | 'currentPassword'
  | 'departmentId'
  | 'position'
  | 'roles'
  | 'amount'
  | 'comment'
  | 'file'
  | 'code'
  | 'level'
  | 'kind'
  | 'note'
  | 'location'
  | 'eta'
  | 'question'
  | 'text'
  | 'options'
  | 'participantIds'
  | 'memberIds'
  | 'typeId'
  | 'dateStyle';
const fieldMessages = defineMessages<FieldKey | 'invalidFields' | 'separator'>('error-fields', {
  ja: {
    title: '件名',
    body: '本文',
    name: '名前',
    topic: 'トピック',
    startsAt: '開始日時',
    endsAt: '終了日時',
    closesAt: '締切',
    opensAt: '公開日時',
    place: '場所',
    username: 'ユーザー名',
    displayName: '氏名',
    password: 'パスワード',
    newPassword: '新しいパスワード',
    currentPassword: '現在のパスワード',
    departmentId: '所属',
    position: '職名',
    roles: '権限',
    amount: '金額',
    comment: 'コメント',
    file: 'ファイル',
    code: 'コード',
    level: 'レベル',
    kind: '種別',
    note: 'メモ',
    location: '場所',
    eta: '到着予定',
    question: '設問',
    text: '本文',
    options: '選択肢',
    participantIds: '参加者',
    memberIds: 'メンバー',
    typeId: '文書の種類',
    dateStyle: '日付の表記',
    invalidFields: '入力内容に誤りがあります（{fields}）。確認してもう一度お試しください。',
    separator: '、',
  },
  en: {
    title: 'title',
    body: 'text',
    name: 'name',
    topic: 'topic',
    startsAt: 'start',
    endsAt: 'end',
    closesAt: 'closing time',
    opensAt: 'opening time',
    place: 'place',
    username: 'username',
    displayName: 'name',
    password: 'password',
    newPassword: 'new password',
    currentPassword: 'current password',
    departmentId: 'department',
    position: 'position',
    roles: 'roles',
    amount: 'amount',
    comment: 'comment',
    file: 'file',
    code: 'code',
    level: 'level',
    kind: 'kind',
    note: 'note',
    location: 'location',
    eta: 'arrival time',
    question: 'question',
    text: 'text',
    options: 'options',
    participantIds: 'participants',
    memberIds: 'members',
    typeId: 'document type',
    dateStyle: 'date style',
    invalidFields: 'Please check: {fields}.',
    separator: ', ',
  },
});

const errorMessages = defineMessages<ErrorKey | 'withStatus'>('errors', {
  ja: {
    bad_request: '入力内容に誤りがあります。確認してもう一度お試しください。',
    unauthorized: 'サインインが必要です。もう一度サインインしてください。',
    forbidden: 'この操作を行う権限がありません。',
    not_found: '見つかりません。削除されたか、閲覧する権限がありません。',
    conflict: 'ほかの操作と重なりました。画面を更新してもう一度お試しください。',
    rate_limited: '操作が続いたため、しばらくお待ちください。',
    too_large: 'ファイルが大きすぎます。',
    unsupported_media_type: 'この種類のファイルは受け付けられません。',
    unprocessable: '内容を処理できませんでした。',
    internal_error: 'サーバーでエラーが起きました。時間をおいてお試しください。',
    unavailable: 'サーバーが一時的に利用できません。少し待ってからもう一度お試しください。',
    network: 'サーバーに接続できません。ネットワークを確認してください。',
    server: 'サーバーでエラーが起きました。時間をおいてお試しください。',
    unknown: 'エラーが起きました。',
    withStatus: '{text}（コード {status}）',
  },
  en: {
    bad_request: 'Something in the input is not right. Please check and try again.',
    unauthorized: 'Please sign in again.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'Not found: it was deleted, or you may not see it.',
    conflict: 'This clashed with another change. Reload and try again.',
    rate_limited: 'Too many requests. Please wait a moment.',
    too_large: 'The file is too large.',
    unsupported_media_type: 'This kind of file is not accepted.',
    unprocessable: 'The content could not be processed.',
    internal_error: 'The server had an error. Please try again later.',
    unavailable: 'The server is briefly unavailable. Please try again in a moment.',
    network: 'Cannot reach the server. Please check the network.',
    server: 'The server had an error. Please try again later.',
    unknown: 'Something went wrong.',
    withStatus: '{text} (code {status})',
  },
});

const CODE_BY_STATUS = new Map<number, ErrorCode>(Object.entries(HTTP_STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]));
const isCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

const isReason = (value: unknown): value is ErrorReason =>
  typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);

/** The input fields a 400's message names (`title: must not be blank; startsAt must be ...`), as our field keys. */
function namedFields(message: string | undefined): FieldKey[] {
  const keys = new Set<FieldKey>();
  for (const part of (message ?? '').split('; ')) {
    const path = /^([A-Za-z][\w.[\]]*)[\s:]/.exec(part)?.[1];
    const last = path
      ?.split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop();
    if (last && last in fieldMessages.ja && last !== 'invalidFields' && last !== 'separator') keys.add(last as FieldKey);
  }
  return [...keys];
}

interface Described {
  key: ErrorKey;
  status?: number;
  reason?: ErrorReason;
  params?: Record<string, string | number>;
  fields?: FieldKey[];
}

/** What went wrong, as one of our keys, and the HTTP status when there was one. */
export function describeError(err: unknown): Described {
  if (err instanceof ApiError) {
    if (err.status === 0) return { key: 'network' };
    const key = isCode(err.body?.code) ? err.body.code : (CODE_BY_STATUS.get(err.status) ?? (err.status >= 500 ? 'server' : 'unknown'));
    if (isReason(err.body?.reason)) return { key, status: err.status, reason: err.body.reason, params: err.body.params };
    if (key === 'bad_request') return { key, status: err.status, fields: namedFields(err.body?.message) };
    return { key, status: err.status };
  }
  if (isCode(err)) return { key: err };
  if (err && typeof err === 'object' && 'code' in err && isCode(err.code)) return { key: err.code };
  return { key: 'unknown' };
}

function logged(err: unknown): void {
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err))
    console.warn('[yakuba]', (err as { message: unknown }).message);
}

type Plain = (key: string, vars?: Record<string, string | number>) => string;

/** One sentence from the description, with the three tables' `t` (a hook's or the current language's). */
function sentence(d: Described, t: { errors: Plain; reasons: Plain; fields: Plain }): string {
  let text: string;
  if (d.reason) {
    const params = { ...d.params };
    // A column's name is a field: 氏名, not displayName.
    if (typeof params.column === 'string' && params.column in fieldMessages.ja) params.column = t.fields(params.column);
    text = t.reasons(d.reason, params);
  } else if (d.fields?.length) text = t.fields('invalidFields', { fields: d.fields.map((f) => t.fields(f)).join(t.fields('separator')) });
  else text = t.errors(d.key);
  return d.status ? t.errors('withStatus', { text, status: d.status }) : text;
}

/** The translated sentence for a failure (outside React: the current language). */
export function errorText(err: unknown): string {
  logged(err);
  return sentence(describeError(err), {
    errors: (k, v) => translate(errorMessages, k as ErrorKey, v),
    reasons: (k, v) => translate(reasonMessages, k as ErrorReason, v),
    fields: (k, v) => translate(fieldMessages, k as FieldKey, v),
  });
}

/** `const errorText = useErrorText(); setError(errorText(err))`: re-renders with the language. */
export function useErrorText(): (err: unknown) => string {
  const te = useT(errorMessages);
  const tr = useT(reasonMessages);
  const tf = useT(fieldMessages);
  return useCallback(
    (err: unknown) => {
      logged(err);
      return sentence(describeError(err), { errors: te as Plain, reasons: tr as Plain, fields: tf as Plain });
    },
    [te, tr, tf],
  );
}
