import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, FileText, Paperclip } from 'lucide-react';
import { Link, useSearchParams } from 'react-router-dom';
import { useErrorText } from '../../api/errors';
import { chatApi, type ChatSearchQuery } from './chat-api';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime, fromTokyoInput } from '../../shared/format-date';
import { useChat } from './chat-context';
import type { ChatSearchResult } from '@yakuba/contracts';
import { Highlighted } from './markdown';
import { chatMessages } from './messages';
import styles from './chat.module.css';

const DAY_MS = 86_400_000;
const FILTERS = ['q', 'channel', 'author', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** The API's query from the page's filters: dates are whole days on the town's clock, `to` included. */
function apiQuery(f: Record<Filter, string>): ChatSearchQuery {
  const start = f.from ? fromTokyoInput(`${f.from}T00:00`) : null;
  const end = f.to ? fromTokyoInput(`${f.to}T00:00`) : null;
  return {
    q: f.q,
    channelId: f.channel || undefined,
    authorId: f.author || undefined,
    from: start ?? undefined,
    to: end ? new Date(Date.parse(end) + DAY_MS).toISOString() : undefined,
  };
}

/** Where a result opens: its channel at that message (a thread reply: with its thread open). */
export function resultLink(r: ChatSearchResult): string {
  const thread = r.message.threadRootId && !r.message.alsoInChannel ? `&thread=${r.message.threadRootId}` : '';
  return `/chat/${r.channel.id}?at=${r.message.seq}${thread}`;
}

/**
 * Search across every channel the user may read, in messages, attachment names and the text of attached PDFs, with
 * channel, person and date filters. The query lives in the address (?q=&channel=&author=&from=&to=): going back from
 * a result returns to the same results. A result opens its channel at the message, highlighted.
 */
export function SearchPage() {
  const store = useChat();
  const t = useT(chatMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<Filter, string>;
  const [form, setForm] = useState(applied);
  const appliedKey = FILTERS.map((k) => applied[k]).join('\u0000');
  // Back and forward change the address: the form follows.
  useEffect(() => setForm(applied), [appliedKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const search = useQuery({
    queryKey: ['chat', 'search', appliedKey],
    queryFn: () => chatApi.search(apiQuery(applied)),
    enabled: applied.q.trim().length > 0,
    staleTime: 30_000,
  });
  const set = (k: Filter) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const run = (e: FormEvent) => {
    e.preventDefault();
    if (!form.q.trim()) return;
    setParams(Object.fromEntries(FILTERS.filter((k) => form[k]).map((k) => [k, form[k]])));
  };
  const clear = () => {
    const next = { q: form.q, channel: '', author: '', from: '', to: '' };
    setForm(next);
    if (applied.q) setParams({ q: applied.q });
  };
  // The caller's channels and the public ones (search covers both).
  const browse = useQuery({ queryKey: ['chat', 'browse'], queryFn: chatApi.browse, staleTime: 60_000 });
  const channels = [...new Map([...(browse.data ?? []), ...store.channels.values()].map((c) => [c.id, c])).values()].sort((a, b) =>
    store.channelTitle(a).localeCompare(store.channelTitle(b), 'ja'),
  );
  const people = [...store.users.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja'));
  const results = search.data?.results;
  const filtered = !!(applied.channel || applied.author || applied.from || applied.to);
  return (
    <div className={`page ${styles.chatSearchPage}`}>
      <p>
        <Link to="/chat" className={styles.chatWithIcon}>
          <ArrowLeft size={16} aria-hidden />
          {t('channels')}
        </Link>
      </p>
      <h1>{t('search')}</h1>
      {/* The box and its button on one line, the filters on the next (chat.module.css: by the room the page has). */}
      <form className={styles.chatSearchForm} onSubmit={run} role="search">
        <input
          type="search"
          value={form.q}
          onChange={set('q')}
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          autoFocus
          data-testid="chat-search-input"
          className={styles.chatSearchQuery}
        />
        <button className={`primary ${styles.chatSearchGo}`} type="submit">
          {t('search')}
        </button>
        <label className={styles.chatSearchChannel}>
          {t('channel')}
          <select value={form.channel} onChange={set('channel')} data-testid="chat-search-channel">
            <option value="">{t('any')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {store.channelTitle(c)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.chatSearchAuthor}>
          {t('author')}
          <select value={form.author} onChange={set('author')} data-testid="chat-search-author">
            <option value="">{t('any')}</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.chatSearchFrom}>
          {t('from')}
          <input type="date" value={form.from} onChange={set('from')} max={form.to || undefined} data-testid="chat-search-from" />
        </label>
        <label className={styles.chatSearchTo}>
          {t('to')}
          <input type="date" value={form.to} onChange={set('to')} min={form.from || undefined} data-testid="chat-search-to" />
        </label>
        {(filtered || form.channel || form.author || form.from || form.to) && (
          <button type="button" className={styles.chatSearchClear} onClick={clear}>
            {t('clearFilters')}
          </button>
        )}
      </form>
      <p className="muted small">{t('searchIn')}</p>
      {search.error && (
        <p className="error" role="alert">
          {errorText(search.error)}
        </p>
      )}
      {results && (
        <p className="muted" role="status">
          {results.length ? t('results', { count: results.length }) : t('noResults')}
        </p>
      )}
      <ul className={`${styles.chatSearchResults} chat-search-results`}>
        {results?.map((r) => (
          <li key={r.message.id} data-testid="chat-search-result">
            <Link to={resultLink(r)} className={styles.chatSearchHit} aria-label={`${t('openMessage')}: ${r.channel.name}`}>
              <div className="small muted">
                {r.channel.type === 'direct' ? '' : '# '}
                {r.channel.name} · {r.author.displayName} · {formatDateTime(r.message.createdAt, locale)}
              </div>
              {r.message.body && <Highlighted text={r.message.body} ranges={r.highlights} />}
              {r.attachment && (
                <div className={styles.chatSearchFile} data-testid="chat-search-attachment">
                  <span className={`small ${styles.chatWithIcon}`}>
                    {r.attachment.mediaType === 'application/pdf' ? <FileText size={16} aria-hidden /> : <Paperclip size={16} aria-hidden />}
                    {t('attachmentMatch')}:{' '}
                    {r.attachment.excerpt === r.attachment.name ? (
                      <Highlighted text={r.attachment.name} ranges={r.attachment.highlights} />
                    ) : (
                      r.attachment.name
                    )}
                  </span>
                  {r.attachment.excerpt !== r.attachment.name && <Highlighted text={r.attachment.excerpt} ranges={r.attachment.highlights} />}
                </div>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
