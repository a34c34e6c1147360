import { useState } from 'react';
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { AgendaItemView, MeetingDetail } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

type Props = { meeting: MeetingDetail; reload(): void };

export function AgendaPanel({ meeting, reload }: Props) {
  const t = useT(meetingsMessages);
  const editable = meeting.myRole === 'organiser' && meeting.status !== 'ended';
  const [items, setItems] = useState<{ id?: string; title: string }[]>(meeting.agenda);
  const [dirty, setDirty] = useState(false);
  const update = (next: { id?: string; title: string }[]) => {
    setItems(next);
    setDirty(true);
  };
  const move = (i: number, d: number) => {
    const next = [...items];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    update(next);
  };
  async function save() {
    await meetingsApi.saveAgenda(
      meeting.id,
      items.filter((i) => i.title.trim()).map((i) => ({ id: i.id, title: i.title })),
    );
    setDirty(false);
    reload();
  }
  return (
    <section className={`card ${styles.panel}`}>
      <h2>{t('agenda')}</h2>
      <ol className={styles.agenda}>
        {items.map((item, i) => (
          <li key={item.id ?? `new-${i}`}>
            {editable ? (
              <>
                <input
                  value={item.title}
                  aria-label={`${t('agenda')} ${i + 1}`}
                  onChange={(e) => update(items.map((x, k) => (k === i ? { ...x, title: e.target.value } : x)))}
                />
                <button aria-label={t('moveUp')} disabled={i === 0} onClick={() => move(i, -1)}>
                  <ArrowUp size={16} aria-hidden style={{ verticalAlign: 'middle' }} />
                </button>
                <button aria-label={t('moveDown')} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                  <ArrowDown size={16} aria-hidden style={{ verticalAlign: 'middle' }} />
                </button>
                <button aria-label={t('remove')} onClick={() => update(items.filter((_, k) => k !== i))}>
                  <X size={16} aria-hidden style={{ verticalAlign: 'middle' }} />
                </button>
              </>
            ) : (
              item.title
            )}
          </li>
        ))}
      </ol>
      {editable && (
        <div className="form-actions">
          <button onClick={() => update([...items, { title: '' }])}>{t('addItem')}</button>
          <button className="primary" disabled={!dirty} onClick={() => void save()}>
            {t('save')}
          </button>
        </div>
      )}
    </section>
  );
}

export function DocumentsPanel({ meeting, reload }: Props) {
  const t = useT(meetingsMessages);
  const { user } = useSession();
  const canUpload = (meeting.myRole === 'organiser' || meeting.presenterId === user?.id) && meeting.status !== 'ended';
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confidential, setConfidential] = useState(false);
  const [draft, setDraft] = useState(false);
  const [agendaItemId, setAgendaItemId] = useState('');
  const errorText = useErrorText();

  async function send(file: File | undefined, replacesId?: string) {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      await meetingsApi.upload(
        meeting.id,
        file,
        { confidential: String(confidential), draft: String(draft), agendaItemId },
        setProgress,
        replacesId,
      );
      reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(null);
    }
  }

  const current = meeting.documents.filter((d) => d.current);
  const agendaTitle = (id: string | null) => meeting.agenda.find((a) => a.id === id)?.title;
  return (
    <section className={`card ${styles.panel}`}>
      <h2>{t('documents')}</h2>
      {current.length === 0 && <p className="muted">{t('noDocument')}</p>}
      <ul className={styles.documents}>
        {current.map((d) => {
          const older = meeting.documents.filter((o) => o.seriesId === d.seriesId && !o.current);
          return (
            <li key={d.id}>
              <div>
                {d.confidential && <span className={`${styles.status} ${styles.statusConfidential}`}>{t('confidential')}</span>}{' '}
                <strong>{d.title}</strong>{' '}
                <span className="muted small">
                  v{d.version} ・ {t('pages', { count: d.pageCount })}
                  {agendaTitle(d.agendaItemId) ? ` ・ ${agendaTitle(d.agendaItemId)}` : ''}
                  {d.published ? '' : ` ・ ${t('draft')}`}
                </span>
              </div>
              <div className="row-actions">
                {!d.published && meeting.myRole === 'organiser' && (
                  <button onClick={() => void meetingsApi.publish(meeting.id, d.id).then(reload)}>{t('publish')}</button>
                )}
                {(!d.confidential || meeting.myRole === 'organiser') && (
                  <a className="button-link" href={meetingsApi.downloadUrl(meeting.id, d.id)}>
                    {t('download')}
                  </a>
                )}
                {canUpload && (
                  <label className={`button-link ${styles.fileButton}`}>
                    {t('newVersion')}
                    <input type="file" accept="application/pdf,.pdf" hidden onChange={(e) => void send(e.target.files?.[0], d.id)} />
                  </label>
                )}
              </div>
              {older.length > 0 && (
                <div className="muted small">
                  {t('versions')}:{' '}
                  {older.map((o) =>
                    o.confidential && meeting.myRole !== 'organiser' ? (
                      <span key={o.id}>v{o.version} </span>
                    ) : (
                      <a key={o.id} href={meetingsApi.downloadUrl(meeting.id, o.id)}>
                        v{o.version}{' '}
                      </a>
                    ),
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {canUpload && (
        <div className={styles.uploadBox}>
          <div className={styles.chips}>
            <label className="checkbox">
              <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
              {t('confidentialLabel')}
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
              {t('draft')}
            </label>
            <select aria-label={t('agenda')} value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
              <option value="">{t('noAgendaItem')}</option>
              {meeting.agenda.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.position}. {a.title}
                </option>
              ))}
            </select>
          </div>
          <label className={`button-link primary ${styles.fileButton}`}>
            {t('upload')}
            <input
              type="file"
              accept="application/pdf,.pdf"
              hidden
              data-testid="upload-input"
              onChange={(e) => void send(e.target.files?.[0])}
            />
          </label>
          {progress !== null && (
            <div role="status">
              <progress max={1} value={progress} /> <span className="small">{t('uploading', { pct: Math.round(progress * 100) })}</span>
            </div>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function MinutesItem({ meeting, item }: { meeting: MeetingDetail; item: AgendaItemView }) {
  const t = useT(meetingsMessages);
  const [minutes, setMinutes] = useState(item.minutes);
  const [decisions, setDecisions] = useState(item.decisions);
  const [saved, setSaved] = useState(false);
  const editable = meeting.myRole === 'organiser';
  async function save() {
    await meetingsApi.saveMinutes(meeting.id, item.id, minutes, decisions);
    setSaved(true);
  }
  if (!editable) {
    return (
      <div className={styles.minutesItem}>
        <h3>
          {item.position}. {item.title}
        </h3>
        <p className={styles.pre}>{item.minutes || '—'}</p>
        {item.decisions && (
          <p className={`${styles.pre} ${styles.decisions}`}>
            【{t('decisions')}】{item.decisions}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className={styles.minutesItem}>
      <h3>
        {item.position}. {item.title}
      </h3>
      <label>
        {t('minutesText')}
        <textarea
          rows={3}
          value={minutes}
          onChange={(e) => {
            setMinutes(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <label>
        {t('decisions')}
        <textarea
          rows={2}
          value={decisions}
          onChange={(e) => {
            setDecisions(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <div className="form-actions">
        {saved && <span className="success small">{t('saved')}</span>}
        <button onClick={() => void save()}>{t('save')}</button>
      </div>
    </div>
  );
}

export function MinutesPanel({ meeting }: Props) {
  const t = useT(meetingsMessages);
  return (
    <section className={`card ${styles.panel}`}>
      <div className="toolbar">
        <h2>{t('minutes')}</h2>
        <span className="spacer" />
        <a className="button-link" href={meetingsApi.minutesUrl(meeting.id)}>
          {t('exportMinutes')}
        </a>
        <a className="button-link" href={meetingsApi.notesUrl(meeting.id)}>
          {t('exportNotes')}
        </a>
      </div>
      {meeting.agenda.map((item) => (
        <MinutesItem key={item.id} meeting={meeting} item={item} />
      ))}
    </section>
  );
}

export function ParticipantsPanel({ meeting, reload }: Props) {
  const t = useT(meetingsMessages);
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const handOver = (userId: string) => meetingsApi.handOver(meeting.id, userId).then(reload, (e: unknown) => setError(errorText(e)));
  return (
    <section className={`card ${styles.panel}`}>
      <h2>
        {t('participants')}{' '}
        <span className="muted small">{t('attendance', { joined: meeting.attendance.joined, count: meeting.attendance.invited })}</span>
      </h2>
      <ul className={styles.participants}>
        {meeting.participants.map((p) => (
          <li key={p.userId} className={p.joinedAt ? `${styles.joined}` : ''}>
            <span className={styles.dot} aria-hidden="true" /> {p.displayName} <span className="muted small">{p.position}</span>
            {p.role === 'organiser' && <span className={styles.status}>{t('organiser')}</span>}
            {p.userId === meeting.presenterId && <span className={`${styles.status} ${styles.statusLive}`}>{t('presenter')}</span>}
            {meeting.myRole === 'organiser' && p.userId !== meeting.presenterId && meeting.status !== 'ended' && (
              <button className="link-button small" onClick={() => void handOver(p.userId)}>
                {t('makePresenter')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
