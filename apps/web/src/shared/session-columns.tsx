import type { SessionView } from '@yakuba/contracts';
import type { Column } from './data-table';
import { formatDateTime } from './format-date';
import type { Locale } from '../i18n/i18n';

/** The headers of the session columns, in the caller's messages. */
export interface SessionColumnLabels {
  signedIn: string;
  lastActive: string;
  address: string;
  browser: string;
}

/**
 * The columns every list of sessions shows (one's own on the account page, everyone's on the administrators'):
 * when it signed in, when it was last active, from which address, in which browser (cut short, whole on hover).
 */
export function sessionColumns(labels: SessionColumnLabels, locale: Locale): Column<SessionView>[] {
  return [
    { header: labels.signedIn, className: 'small', cell: (s) => formatDateTime(s.createdAt, locale) },
    { header: labels.lastActive, className: 'small', cell: (s) => formatDateTime(s.lastActiveAt, locale) },
    { header: labels.address, className: 'small', cell: (s) => s.ip ?? '—' },
    { header: labels.browser, className: 'small cut-short', title: (s) => s.userAgent ?? '', cell: (s) => s.userAgent ?? '—' },
  ];
}
