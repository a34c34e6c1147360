import { useState, type FormEvent } from 'react';
import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../api/errors';
import { chatApi } from './chat-api';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { useChat } from './chat-context';
import type { ChatSearchResult } from '@yakuba/contracts';
import { Highlighted } from './markdown';
import { chatMessages } from './messages';
import styles from './chat.module.css';

/** Search across every channel the user may read, with channel, author and date filters. */
export function SearchPage() {
  const store = useChat();
  const t = useT(chatMessages);
  const { locale } = useLocale();
  const [q, setQ] = useState('');
  const [channelId, setChannelId] = useState('');
  const [authorId, setAuthorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [results, setResults] = useState<ChatSearchResult[] | null>(null);
  const [error, setError] = useState('');
  const errorText = useErrorText();
  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    const query = {
      q,
      channelId: channelId || undefined,
      authorId: authorId || undefined,
      from: from ? new Date(from).toISOString() : undefined,
      to: to ? new Date(new Date(to).getTime() + 86_400_000).toISOString() : undefined,
    };
    try {
      setError('');
      setResults((await chatApi.search(query)).results);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const channels = [...store.channels.values()];
  return (
    <div className={`page ${styles.chatSearchPage}`}>
      <p>
        <Link to="/chat" className={styles.chatWithIcon}>
          <ArrowLeft size={16} aria-hidden />
          {t('channels')}
        </Link>
      </p>
      <h1>{t('search')}</h1>
      <form className={styles.chatSearchForm} onSubmit={(e) => void run(e)} role="search">
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          autoFocus
          data-testid="chat-search-input"
        />
        <label>
          {t('channel')}
          <select value={channelId} onChange={(e) => setChannelId(e.target.value)}>
            <option value="">{t('any')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {store.channelTitle(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('author')}
          <select value={authorId} onChange={(e) => setAuthorId(e.target.value)}>
            <option value="">{t('any')}</option>
            {[...store.users.values()].map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button className="primary" type="submit">
          {t('search')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {results && <p className="muted">{results.length ? t('results', { count: results.length }) : t('noResults')}</p>}
      <ul className={`${styles.chatSearchResults} chat-search-results`}>
        {results?.map((r) => (
          <li key={r.message.id} data-testid="chat-search-result">
            <div className="small muted">
              <Link to={`/chat/${r.channel.id}`}>
                {r.channel.type === 'direct' ? '' : '# '}
                {r.channel.name}
              </Link>{' '}
              · {r.author.displayName} · {formatDateTime(r.message.createdAt, locale)}
            </div>
            <Highlighted text={r.message.body} ranges={r.highlights} />
          </li>
        ))}
      </ul>
    </div>
  );
}
