import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileText, UserPlus } from 'lucide-react';
import type { DisasterView, GuestInvitation, TimelineKind } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { formatDateTime, fromTokyoInput, toTokyoInput } from '../../shared/format-date';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { reportMessages, type ReportMessageKey } from './report-messages';
import styles from './disasters.module.css';

const KIND_KEY = (kind: TimelineKind) => `tl_${kind}` as ReportMessageKey;

/** 災害対応記録: every event in time order, and the exports (CSV for Excel, PDF to print), drills labelled. */
export function RecordPanel({ disaster }: { disaster: DisasterView }) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const query = useQuery({ queryKey: disasterKeys.timeline(disaster.id), queryFn: () => disastersApi.timeline(disaster.id), staleTime: 0 });
  const events = query.data ?? [];
  const kinds = [...new Set(events.map((e) => e.kind))];
  const shown = kind ? events.filter((e) => e.kind === kind) : events;
  return (
    <div>
      <div className="toolbar">
        <a className={`button ${styles.withIcon}`} href={disastersApi.timelineCsvUrl(disaster.id)} download data-testid="record-csv">
          <Download size={16} aria-hidden /> {t('exportCsv')}
        </a>
        <a
          className={`button ${styles.withIcon}`}
          href={disastersApi.recordPdfUrl(disaster.id)}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="record-pdf"
        >
          <FileText size={16} aria-hidden /> {t('exportPdf')}
        </a>
        <span className="spacer" />
        <select value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | '')} aria-label={t('eventKind')}>
          <option value="">{t('allEvents', { count: events.length })}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(KIND_KEY(k))}
            </option>
          ))}
        </select>
      </div>
      {disaster.drill && <p className="muted small">{t('drillRecord')}</p>}
      {query.error && <p className="error">{errorText(query.error)}</p>}
      {query.isSuccess && events.length === 0 && <p className="empty-state">{t('noEvents')}</p>}
      <ol className={styles.timeline} aria-label={t('timeline')}>
        {shown.map((e, i) => (
          <li key={`${e.at}-${i}`} className={styles[`tl-${e.kind}`]}>
            <time dateTime={e.at} className="muted small">
              {formatDateTime(e.at, locale)}
            </time>
            <span className={styles.tlKind}>{t(KIND_KEY(e.kind))}</span>
            <span className={styles.tlText}>
              {e.actorName && <strong>{e.actorName}</strong>} {e.summary}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The sign-in shown once after an invitation. */
function Invitation({ invitation, onDone }: { invitation: GuestInvitation; onDone(): void }) {
  const t = useT(reportMessages);
  const text = `${t('username')}: ${invitation.username}\n${t('password')}: ${invitation.password}`;
  const [copied, setCopied] = useState(false);
  return (
    <div className={`card ${styles.invitation}`} role="status" data-testid="guest-invitation">
      <h3>{t('invited', { name: invitation.guest.displayName })}</h3>
      <p className="error small">{t('invitationOnce')}</p>
      <dl className="facts">
        <dt>{t('username')}</dt>
        <dd>
          <code>{invitation.username}</code>
        </dd>
        <dt>{t('password')}</dt>
        <dd>
          <code>{invitation.password}</code>
        </dd>
      </dl>
      <div className="toolbar">
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(text)
              .then(() => setCopied(true))
              .catch(() => undefined)
          }
        >
          {copied ? t('copied') : t('copy')}
        </button>
        <button onClick={onDone}>{t('close')}</button>
      </div>
    </div>
  );
}

/** Guests (DMAT, 消防団, volunteers, a supporting town): invited into this channel only, with an expiry. */
export function GuestsPanel({ disaster }: { disaster: DisasterView }) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [expires, setExpires] = useState(() => toTokyoInput(new Date(Date.now() + 3 * 86_400_000).toISOString()));
  const [invitation, setInvitation] = useState<GuestInvitation | null>(null);
  const list = useQuery({ queryKey: disasterKeys.guests(disaster.id), queryFn: () => disastersApi.guests(disaster.id) });
  const changed = () => void queryClient.invalidateQueries({ queryKey: disasterKeys.guests(disaster.id) });
  const invite = useMutation({
    mutationFn: () =>
      disastersApi.invite(disaster.id, {
        displayName: displayName.trim(),
        organisation: organisation.trim(),
        expiresAt: fromTokyoInput(expires) ?? '',
      }),
    onSuccess: (res) => {
      setInvitation(res);
      setDisplayName('');
      setOrganisation('');
      changed();
    },
  });
  const remove = useMutation({ mutationFn: (guestId: string) => disastersApi.removeGuest(disaster.id, guestId), onSuccess: changed });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (displayName.trim() && organisation.trim() && expires) invite.mutate();
  };
  const guests = list.data ?? [];
  const active = disaster.status === 'active';
  return (
    <div>
      <p className="muted">{t('guestsHelp')}</p>
      {invitation && <Invitation invitation={invitation} onDone={() => setInvitation(null)} />}
      {active && (
        <form className="card form grid-form" onSubmit={submit} aria-label={t('invite')}>
          <label>
            {t('guestName')}
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={100} required />
          </label>
          <label>
            {t('organisation')}
            <input
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              placeholder={t('organisationPlaceholder')}
              maxLength={100}
              required
            />
          </label>
          <label>
            {t('expiresAt')}
            <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} required />
          </label>
          <div className="form-actions">
            <button type="submit" className={`primary ${styles.withIcon}`} disabled={invite.isPending}>
              <UserPlus size={16} aria-hidden /> {t('invite')}
            </button>
          </div>
          {invite.error && <p className="error">{errorText(invite.error)}</p>}
        </form>
      )}
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {list.isSuccess && guests.length === 0 && <p className="empty-state">{t('noGuests')}</p>}
      {guests.length > 0 && (
        <DataTable
          rows={guests}
          rowKey={(g) => g.id}
          rowClassName={(g) => (g.active ? undefined : 'muted')}
          columns={[
            { header: t('guestName'), cell: (g) => g.displayName },
            { header: t('organisation'), cell: (g) => g.organisation },
            { header: t('username'), cell: (g) => <code>{g.username}</code> },
            { header: t('expiresAt'), cell: (g) => formatDateTime(g.expiresAt, locale), className: 'small' },
            { header: t('state'), cell: (g) => (g.active ? t('guestActive') : t('guestEnded')), className: 'small' },
            {
              header: '',
              cell: (g) =>
                g.active &&
                active && (
                  <div className="row-actions">
                    <button
                      className="danger"
                      disabled={remove.isPending}
                      onClick={() => window.confirm(t('confirmRemoveGuest', { name: g.displayName })) && remove.mutate(g.id)}
                    >
                      {t('removeGuest')}
                    </button>
                  </div>
                ),
            },
          ]}
        />
      )}
      {remove.error && <p className="error">{errorText(remove.error)}</p>}
    </div>
  );
}
