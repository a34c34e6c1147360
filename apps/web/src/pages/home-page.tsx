import { useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AtSign, ClipboardList, FileCheck2, MessagesSquare, Presentation, Siren, TriangleAlert, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { ChannelView, DisasterView, MeetingSummary } from '@yakuba/contracts';
import { useErrorText } from '../api/errors';
import { getSocket } from '../api/socket';
import { useSession } from '../auth/session';
import { useUsers } from '../features/admin/directory-queries';
import { useInbox } from '../features/approvals/approvals-queries';
import { chatApi } from '../features/chat/chat-api';
import { kindAndLevel } from '../features/disasters/disaster-banner';
import { boardMessages } from '../features/disasters/board-messages';
import { disastersApi } from '../features/disasters/disasters-api';
import { disasterKeys, useActiveDisasters } from '../features/disasters/disasters-queries';
import { disastersMessages } from '../features/disasters/messages';
import { meetingListQuery } from '../features/meetings/meetings-queries';
import { mySurveysQuery } from '../features/surveys/surveys-queries';
import { useLocale, useT } from '../i18n/i18n';
import { dayKey, formatDate, formatDateTime, formatTime } from '../shared/format-date';
import { homeMessages } from './home-messages';
import { PaperlessKpi } from './paperless-kpi';
import styles from './home-page.module.css';

/** How many rows a block lists before "ほか n件" (the block's link opens the whole list). */
const ROWS = 5;

const homeKeys = { channels: ['home', 'channels'] as const };

/**
 * The personal home page: during a disaster my roll-call status first, then unread mentions and channels, today's
 * meetings, approvals waiting for me and surveys I have not answered, each linking to its page; the DX plan's KPI
 * tiles for those who read the KPIs (administrators). Every block reads the feature's own API through the query
 * cache, so the menus' badges and these blocks share their requests.
 */
export function HomePage() {
  const t = useT(homeMessages);
  const { user, can } = useSession();
  const { locale } = useLocale();
  return (
    <section className="page">
      <h1>{t('greeting', { name: user?.displayName ?? '' })}</h1>
      <p className="muted">{t('today', { date: formatDate(new Date(), locale) })}</p>
      <DisasterBlock />
      <div className={styles.blocks}>
        <ChatBlock />
        <MeetingsBlock />
        {can('approvals.use') && <ApprovalsBlock />}
        <SurveysBlock />
      </div>
      {can('kpis.read') && <PaperlessKpi />}
    </section>
  );
}

interface BlockProps {
  id: string;
  title: string;
  Icon: LucideIcon;
  count?: number;
  to: string;
  linkLabel: string;
  children: ReactNode;
}

function Block({ id, title, Icon, count, to, linkLabel, children }: BlockProps) {
  return (
    <section className={`card ${styles.block}`} aria-labelledby={`home-${id}`} data-testid={`home-${id}`}>
      <header className={styles.blockHead}>
        <Icon size={20} aria-hidden className={styles.blockIcon} />
        <h2 id={`home-${id}`}>{title}</h2>
        {!!count && <span className="badge">{count}</span>}
      </header>
      <div className={styles.blockBody}>{children}</div>
      <Link to={to} className={styles.blockLink}>
        {linkLabel} →
      </Link>
    </section>
  );
}

/** Loading, failed or empty: said in words, kindly; otherwise the rows. */
function BlockState({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { isPending: boolean; error: unknown };
  empty: string;
  isEmpty: boolean;
  children: ReactNode;
}) {
  const t = useT(homeMessages);
  const errorText = useErrorText();
  if (query.isPending) return <p className="muted small">{t('loading')}</p>;
  if (query.error) return <p className="error small">{errorText(query.error)}</p>;
  if (isEmpty)
    return (
      <p className={styles.empty} data-testid="home-empty">
        {empty}
      </p>
    );
  return <>{children}</>;
}

function More({ count }: { count: number }) {
  const t = useT(homeMessages);
  return count > 0 ? <p className="muted small">{t('moreItems', { count })}</p> : null;
}

/** Unread channels, those that mention me first. New messages refresh the counts (at most twice a second). */
function ChatBlock() {
  const t = useT(homeMessages);
  const { user } = useSession();
  const { users } = useUsers();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: homeKeys.channels, queryFn: chatApi.channels, staleTime: 0 });
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: homeKeys.channels });
      }, 500);
    };
    socket.on('chat:message', refresh);
    return () => {
      socket.off('chat:message', refresh);
      clearTimeout(timer);
    };
  }, [queryClient]);
  const nameOf = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);
  const unread = (channels.data ?? [])
    .filter((c) => c.joined && !c.archived && c.unread > 0)
    .sort((a, b) => b.mentions - a.mentions || b.unread - a.unread);
  const mentions = unread.reduce((n, c) => n + c.mentions, 0);
  const title = (c: ChannelView) => {
    if (c.type !== 'direct') return `${c.type === 'public' ? '#' : ''}${c.name}`;
    // As the chat's sidebar names it: the other people, else the channel's own name (the notices' sender is no staff).
    const others = (c.memberIds ?? []).filter((id) => id !== user?.id).map((id) => nameOf.get(id));
    return others.length && others.every(Boolean) ? others.join('、') : c.name || t('directMessage');
  };
  return (
    <Block id="chat" title={t('chatTitle')} Icon={MessagesSquare} count={mentions} to="/chat" linkLabel={t('openChat')}>
      <BlockState query={channels} isEmpty={unread.length === 0} empty={t('chatEmpty')}>
        <p className={styles.summary}>
          {mentions > 0 && (
            <strong className={styles.mentions} data-testid="home-mentions">
              <AtSign size={16} aria-hidden /> {t('mentions', { count: mentions })}
            </strong>
          )}
          <span>{t('unreadChannels', { count: unread.length })}</span>
        </p>
        <ul className={styles.rows}>
          {unread.slice(0, ROWS).map((c) => (
            <li key={c.id}>
              <Link to={`/chat/${c.id}`} className={styles.row} data-testid="home-channel">
                <span className={styles.rowTitle}>{title(c)}</span>
                {c.mentions > 0 && <span className={`badge ${styles.mentionBadge}`}>{t('mentionCount', { count: c.mentions })}</span>}
                <span className={styles.rowMeta}>{t('unreadCount', { count: c.unread })}</span>
              </Link>
            </li>
          ))}
        </ul>
        <More count={unread.length - ROWS} />
      </BlockState>
    </Block>
  );
}

/** Meetings of the town hall's today (its time zone, not the device's), and the next one when today has none. */
function MeetingsBlock() {
  const t = useT(homeMessages);
  const { locale } = useLocale();
  const meetings = useQuery(meetingListQuery);
  const now = new Date();
  const today = dayKey(now);
  const all = meetings.data ?? [];
  const todays = all
    .filter((m) => m.status === 'live' || dayKey(m.startsAt) === today)
    .sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || a.startsAt.localeCompare(b.startsAt));
  const next = all
    .filter((m) => m.status === 'scheduled' && new Date(m.startsAt) > now && dayKey(m.startsAt) !== today)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const span = (m: MeetingSummary) => `${formatTime(m.startsAt, locale)}${m.endsAt ? `–${formatTime(m.endsAt, locale)}` : ''}`;
  return (
    <Block id="meetings" title={t('meetingsTitle')} Icon={Presentation} count={todays.length} to="/meetings" linkLabel={t('openMeetings')}>
      <BlockState query={meetings} isEmpty={todays.length === 0} empty={t('meetingsEmpty')}>
        <ul className={styles.rows}>
          {todays.slice(0, ROWS).map((m) => (
            <li key={m.id}>
              <Link
                to={`/meetings/${m.id}`}
                className={`${styles.row} ${m.status === 'ended' ? styles.done : ''}`}
                data-testid="home-meeting"
              >
                <time className={styles.rowTime} dateTime={m.startsAt}>
                  {span(m)}
                </time>
                <span className={styles.rowTitle}>{m.title}</span>
                {m.status === 'live' && <span className={`badge ${styles.liveBadge}`}>{t('live')}</span>}
                {m.place && <span className={styles.rowMeta}>{m.place}</span>}
              </Link>
            </li>
          ))}
        </ul>
        <More count={todays.length - ROWS} />
      </BlockState>
      {meetings.isSuccess && todays.length === 0 && next && (
        <p className="small">
          <Link to={`/meetings/${next.id}`} data-testid="home-next-meeting">
            {t('nextMeeting', { when: formatDateTime(next.startsAt, locale), title: next.title })}
          </Link>
        </p>
      )}
    </Block>
  );
}

/** 未決 (my turn on the route) and open 後閲, oldest first: what the approvals badge counts. */
function ApprovalsBlock() {
  const t = useT(homeMessages);
  const { locale } = useLocale();
  const inbox = useInbox();
  const items = [
    ...(inbox.data?.waiting ?? []).map((a) => ({ a, review: false })),
    ...(inbox.data?.reviews ?? []).map((a) => ({ a, review: true })),
  ];
  return (
    <Block id="approvals" title={t('approvalsTitle')} Icon={FileCheck2} count={items.length} to="/approvals" linkLabel={t('openApprovals')}>
      <BlockState query={inbox} isEmpty={items.length === 0} empty={t('approvalsEmpty')}>
        <ul className={styles.rows}>
          {items.slice(0, ROWS).map(({ a, review }) => (
            <li key={`${a.id}:${review}`}>
              <Link to={`/approvals/${a.id}`} className={styles.row} data-testid="home-approval">
                <span className={styles.rowTitle}>{a.title}</span>
                {review && <span className={`badge ${styles.reviewBadge}`}>{t('reviewWaiting')}</span>}
                <span className={styles.rowMeta}>
                  {t('approvalFrom', { type: a.typeName, drafter: a.drafterName })}
                  {a.submittedAt && ` ・ ${formatDate(a.submittedAt, locale)}`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <More count={items.length - ROWS} />
      </BlockState>
    </Block>
  );
}

/** Open surveys I was invited to and have not answered, the soonest to close first. */
function SurveysBlock() {
  const t = useT(homeMessages);
  const { locale } = useLocale();
  const surveys = useQuery(mySurveysQuery);
  const open = (surveys.data ?? []).filter((s) => !s.answered).sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  return (
    <Block id="surveys" title={t('surveysTitle')} Icon={ClipboardList} count={open.length} to="/surveys" linkLabel={t('openSurveys')}>
      <BlockState query={surveys} isEmpty={open.length === 0} empty={t('surveysEmpty')}>
        <ul className={styles.rows}>
          {open.slice(0, ROWS).map((s) => (
            <li key={s.id}>
              <Link to={`/surveys/${s.id}`} className={styles.row} data-testid="home-survey">
                <span className={styles.rowTitle}>{s.title}</span>
                <span className={styles.rowMeta}>{t('closes', { when: formatDateTime(s.closesAt, locale) })}</span>
              </Link>
            </li>
          ))}
        </ul>
        <More count={open.length - ROWS} />
      </BlockState>
    </Block>
  );
}

/** During a disaster (or a drill): each active one with my roll-call answer, or a button to give it. */
function DisasterBlock() {
  const active = useActiveDisasters();
  if (!active.length) return null;
  return (
    <div className={styles.disasters}>
      {active.map((d) => (
        <DisasterRow key={d.id} disaster={d} />
      ))}
    </div>
  );
}

function DisasterRow({ disaster: d }: { disaster: DisasterView }) {
  const t = useT(homeMessages);
  const td = useT(disastersMessages);
  const tb = useT(boardMessages);
  const { locale } = useLocale();
  // The shell's live disaster queries refresh this on every roll-call event.
  const tally = useQuery({ queryKey: disasterKeys.rollCall(d.id), queryFn: () => disastersApi.rollCall(d.id), staleTime: 10_000 });
  const mine = tally.data?.mine ?? null;
  const safety = { safe: 'safe', injured: 'injured', needs_help: 'needsHelp' } as const;
  const attendance = { available: 'available', unavailable: 'unavailable', arrived: 'arrived' } as const;
  return (
    <section
      className={`${styles.disaster} ${d.drill ? styles.disasterDrill : ''}`}
      aria-labelledby={`home-disaster-${d.id}`}
      data-testid="home-disaster"
      data-answered={mine ? 'true' : 'false'}
    >
      <header className={styles.blockHead}>
        {d.drill ? <TriangleAlert size={20} aria-hidden /> : <Siren size={20} aria-hidden />}
        <h2 id={`home-disaster-${d.id}`}>
          {d.drill && <span className={styles.drillTag}>{t('drill')}</span>} {d.title}
        </h2>
        <span className={styles.rowMeta}>{kindAndLevel(d, td)}</span>
      </header>
      {tally.isPending ? (
        <p className="small">{t('loading')}</p>
      ) : mine ? (
        <p data-testid="home-roll-call">
          {t('rollCallDone', {
            safety: tb(safety[mine.safety]),
            attendance: tb(attendance[mine.attendance]),
            when: formatDateTime(mine.answeredAt, locale),
          })}
        </p>
      ) : (
        <p data-testid="home-roll-call">
          <strong>{t('rollCallMissing')}</strong>
        </p>
      )}
      <div className={styles.disasterActions}>
        <Link
          to={`/disasters/${d.id}/roll-call`}
          className={`button ${mine ? '' : styles.primaryLink}`}
          data-testid="home-answer-roll-call"
        >
          {mine ? t('changeRollCall') : t('answerRollCall')}
        </Link>
        <Link to={`/disasters/${d.id}`}>{t('openDisaster')} →</Link>
      </div>
    </section>
  );
}
