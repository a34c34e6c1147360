import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CloudOff } from 'lucide-react';
import { Link, NavLink, useLocation, useParams } from 'react-router-dom';
import type { DisasterView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { usersQuery } from '../admin/directory-queries';
import { ChatProvider } from '../chat/chat-context';
import { ChatPanel, WithPeople } from './chat-panel';
import { DamagePanel } from './damage-panel';
import { DrillBadge, kindAndLevel } from './disaster-banner';
import { useDisasterStore, useWatchDisaster } from './disaster-live';
import { LEVELS } from './disaster-list-page';
import { disastersApi } from './disasters-api';
import { putDisaster, useDisaster, usePeople } from './disasters-queries';
import { GuestsPanel, RecordPanel } from './record-panel';
import { disastersMessages, type DisasterMessageKey } from './messages';
import { OverviewPanel } from './overview-panel';
import { RollCallPanel } from './roll-call-panel';
import { RosterPanel } from './roster-panel';
import { UrgentPanel } from './urgent-panel';
import styles from './disasters.module.css';

export type DisasterTab = 'overview' | 'chat' | 'urgent' | 'roll-call' | 'roster' | 'damage' | 'record' | 'guests';
const TABS: { tab: DisasterTab; key: DisasterMessageKey; officerOnly?: boolean; forGuests?: boolean }[] = [
  { tab: 'overview', key: 'tabOverview', forGuests: true },
  { tab: 'chat', key: 'tabChat', forGuests: true },
  { tab: 'urgent', key: 'tabUrgent' },
  { tab: 'roll-call', key: 'tabRollCall' },
  { tab: 'roster', key: 'tabRoster' },
  { tab: 'damage', key: 'tabDamage', forGuests: true },
  { tab: 'record', key: 'tabRecord' },
  { tab: 'guests', key: 'tabGuests', officerOnly: true },
];

/** Officers: the level and closing. */
function OfficerActions({ disaster }: { disaster: DisasterView }) {
  const t = useT(disastersMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (level: number) => disastersApi.update(disaster.id, { level }),
    onSuccess: (d) => putDisaster(queryClient, d),
  });
  const close = useMutation({ mutationFn: () => disastersApi.close(disaster.id), onSuccess: (d) => putDisaster(queryClient, d) });
  return (
    <div className={styles.headActions}>
      <label className={styles.inlineLabel}>
        {t('levelLabel')}
        <select
          value={disaster.level ?? ''}
          onChange={(e) => e.target.value && update.mutate(Number(e.target.value))}
          disabled={update.isPending}
        >
          {!disaster.level && <option value="">{t('levelNone')}</option>}
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t('levelValue', { level: l })}
            </option>
          ))}
        </select>
      </label>
      <button
        className="danger"
        disabled={close.isPending}
        onClick={() => window.confirm(t('confirmClose', { title: disaster.title })) && close.mutate()}
      >
        {t('closeDisaster')}
      </button>
      {(update.error ?? close.error) && (
        <span className="error small" role="alert">
          {errorText(update.error ?? close.error)}
        </span>
      )}
    </div>
  );
}

/** Answers and acknowledgements made offline, waiting for the connection. */
function OfflineNote() {
  const t = useT(disastersMessages);
  const store = useDisasterStore();
  const waiting = store?.waiting().length ?? 0;
  if (!store || (store.connected && !waiting)) return null;
  return (
    <p className={styles.offline} role="status">
      <CloudOff size={18} aria-hidden />
      {!store.connected && t('offline')} {waiting > 0 && t('queued', { count: waiting })}
    </p>
  );
}

/** /disasters/:id/:tab — one disaster, tab by tab; a guest (`guestDisasterId`) sees only its own few tabs. */
export function DisasterPage({ guestDisasterId }: { guestDisasterId?: string }) {
  const params = useParams();
  const location = useLocation();
  const id = guestDisasterId ?? params.id ?? '';
  const guest = !!guestDisasterId;
  const t = useT(disastersMessages);
  const { locale } = useLocale();
  const { can } = useSession();
  const errorText = useErrorText();
  const query = useDisaster(id);
  useWatchDisaster(id);
  const disaster = query.data;
  const people = usePeople(id);
  const queryClient = useQueryClient();
  // A guest may not read the directory: chat (which names authors from it) gets the channel's members instead.
  if (guest && people.data && !queryClient.getQueryData(usersQuery().queryKey))
    queryClient.setQueryData(
      usersQuery().queryKey,
      people.data.map((p) => ({ id: p.id, username: '', displayName: p.displayName, departmentId: p.departmentId, position: null })),
    );
  const officer = !guest && can('disasters.run');
  const tabs = TABS.filter((x) => (guest ? x.forGuests : !x.officerOnly || officer));
  // A guest's pages live under /guest (whatever the address, the guest shell shows only this).
  const wanted = (guest ? location.pathname.split('/')[2] : params.tab) as DisasterTab | undefined;
  const tab = tabs.find((x) => x.tab === wanted)?.tab ?? 'overview';
  const base = guest ? '/guest' : `/disasters/${id}`;
  if (!disaster || people.isPending)
    return (
      <section className="page">
        {query.error ? (
          <p className="error" role="alert">
            {errorText(query.error)}
          </p>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </section>
    );
  const active = disaster.status === 'active';
  return (
    <section className={`page ${styles.disasterPage}`} data-testid="disaster-page">
      {!guest && (
        <Link to="/disasters" className="link-button small">
          ← {t('backToList')}
        </Link>
      )}
      <header className={`${styles.disasterHead} ${active ? (disaster.drill ? styles.headDrill : styles.headActive) : ''}`}>
        <div>
          <h1 className={styles.headTitle}>
            <DrillBadge drill={disaster.drill} />
            {disaster.title}
          </h1>
          <p className="muted small">
            <span className={`${styles.statusChip} ${active ? styles.statusActive : ''}`}>{active ? t('active') : t('closed')}</span>{' '}
            {kindAndLevel(disaster, t)} ・ {t('declaredAt', { time: formatDateTime(disaster.openedAt, locale) })}
            {disaster.closedAt ? ` ・ ${t('closedAt', { time: formatDateTime(disaster.closedAt, locale) })}` : ''} ・{' '}
            {t('members', { count: disaster.memberCount })}
          </p>
        </div>
        {officer && active && <OfficerActions disaster={disaster} />}
      </header>
      {!active && (
        <p className={styles.readOnly} role="status">
          {t('readOnly')}
        </p>
      )}
      <OfflineNote />
      <nav className={styles.tabs} aria-label={t('title')}>
        {tabs.map((x) => (
          <NavLink
            key={x.tab}
            to={x.tab === 'overview' ? base : `${base}/${x.tab}`}
            end
            className={tab === x.tab ? 'active' : undefined}
            aria-current={tab === x.tab ? 'page' : undefined}
          >
            {t(x.key)}
          </NavLink>
        ))}
      </nav>
      <ChatProvider>
        <WithPeople people={people.data ?? []} channelId={disaster.channelId}>
          <div className={styles.tabBody}>
            {tab === 'overview' && <OverviewPanel disaster={disaster} officer={officer} guest={guest} base={base} />}
            {tab === 'chat' && <ChatPanel disaster={disaster} guest={guest} />}
            {tab === 'urgent' && <UrgentPanel disaster={disaster} officer={officer} />}
            {tab === 'roll-call' && <RollCallPanel disaster={disaster} officer={officer} />}
            {tab === 'roster' && <RosterPanel disaster={disaster} officer={officer} />}
            {tab === 'damage' && <DamagePanel disaster={disaster} officer={officer} guest={guest} />}
            {tab === 'record' && <RecordPanel disaster={disaster} />}
            {tab === 'guests' && officer && <GuestsPanel disaster={disaster} />}
          </div>
        </WithPeople>
      </ChatProvider>
    </section>
  );
}
