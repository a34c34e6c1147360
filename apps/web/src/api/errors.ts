import { useCallback } from 'react';
import { ERROR_CODES, HTTP_STATUS_BY_CODE, type ErrorCode } from '@yakuba/contracts';
import { defineMessages, translate, useT } from '../i18n/i18n';
import { ApiError } from './client';

/**
 * The one place that turns a failure (an HTTP error body, a socket acknowledgement's `{ code, message }`, a lost
 * network) into a sentence in the reader's language. The server's English message goes to the console only.
 */
type ErrorKey = ErrorCode | 'network' | 'server' | 'unknown';

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

/** What went wrong, as one of our keys, and the HTTP status when there was one. */
export function describeError(err: unknown): { key: ErrorKey; status?: number } {
  if (err instanceof ApiError) {
    if (err.status === 0) return { key: 'network' };
    const key = isCode(err.body?.code) ? err.body.code : (CODE_BY_STATUS.get(err.status) ?? (err.status >= 500 ? 'server' : 'unknown'));
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

/** The translated sentence for a failure (outside React: the current language). */
export function errorText(err: unknown): string {
  logged(err);
  const { key, status } = describeError(err);
  const text = translate(errorMessages, key);
  return status ? translate(errorMessages, 'withStatus', { text, status }) : text;
}

/** `const errorText = useErrorText(); setError(errorText(err))`: re-renders with the language. */
export function useErrorText(): (err: unknown) => string {
  const t = useT(errorMessages);
  return useCallback(
    (err: unknown) => {
      logged(err);
      const { key, status } = describeError(err);
      const text = t(key);
      return status ? t('withStatus', { text, status }) : text;
    },
    [t],
  );
}
