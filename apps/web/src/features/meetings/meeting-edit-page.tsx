import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { fromTokyoInput, toTokyoInput } from '../../shared/format-date';
import { useDepartments, useUsers } from '../admin/directory-queries';
import { meetingsApi } from './meetings-api';
import { meetingQuery, useMeetingChanged } from './meetings-queries';
import { meetingsMessages } from './messages';
import styles from './meetings.module.css';

const toLocalInput = toTokyoInput;
const fromLocalInput = fromTokyoInput;

/** Create or edit a meeting: title, time, place, people and whole departments, agenda (on creation). */
export function MeetingEditPage() {
  const { id } = useParams();
  const t = useT(meetingsMessages);
  const navigate = useNavigate();
  const { user } = useSession();
  const { users } = useUsers();
  const departments = useDepartments();
  const changed = useMeetingChanged();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(toLocalInput(new Date(Date.now() + 86_400_000).toISOString()));
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [people, setPeople] = useState<Set<string>>(new Set());
  const [depts, setDepts] = useState<Set<string>>(new Set());
  const [agenda, setAgenda] = useState('');
  const [paperDistributed, setPaperDistributed] = useState(false);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (id)
      void queryClient.fetchQuery(meetingQuery(id)).then((m) => {
        setTitle(m.title);
        setStartsAt(toLocalInput(m.startsAt));
        setEndsAt(toLocalInput(m.endsAt));
        setPlace(m.place ?? '');
        setPeople(new Set(m.participants.filter((p) => p.role !== 'organiser' && !p.viaDepartmentId).map((p) => p.userId)));
        setDepts(new Set(m.departmentIds));
        setPaperDistributed(m.paperDistributed);
      });
  }, [id, queryClient]);

  const shown = useMemo(
    () => users.filter((u) => u.id !== user?.id && (!filter || u.displayName.includes(filter) || u.username.includes(filter))),
    [users, user, filter],
  );
  const toggle = (set: Set<string>, value: string) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const input = {
      title,
      startsAt: fromLocalInput(startsAt) ?? '',
      endsAt: fromLocalInput(endsAt),
      place: place || null,
      participantIds: [...people],
      departmentIds: [...depts],
    };
    try {
      if (id) {
        await changed(await meetingsApi.update(id, { ...input, paperDistributed }));
        void navigate(`/meetings/${id}`);
      } else {
        const items = agenda
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((title) => ({ title }));
        const created = await meetingsApi.create({
          ...input,
          endsAt: input.endsAt ?? undefined,
          place: input.place ?? undefined,
          agenda: items,
        });
        await changed(created);
        void navigate(`/meetings/${created.id}`);
      }
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className={`page ${styles.narrowForm}`}>
      <h1>{id ? t('editMeeting') : t('newMeeting')}</h1>
      <form className="card form" onSubmit={(e) => void submit(e)} aria-label={id ? t('editMeeting') : t('newMeeting')}>
        <label>
          {t('meetingTitle')}
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className={styles.formRow}>
          <label>
            {t('startsAt')}
            <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
          </label>
          <label>
            {t('endsAt')}
            <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
          </label>
        </div>
        <label>
          {t('place')}
          <input maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('departments')}</legend>
          <div className={styles.chips}>
            {departments.map((d) => (
              <label key={d.id} className={`checkbox ${styles.chip}`}>
                <input type="checkbox" checked={depts.has(d.id)} onChange={() => setDepts(toggle(depts, d.id))} />
                {d.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>
            {t('participants')} ({people.size})
          </legend>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label={t('filterPeople')}
            placeholder={t('filterPeople')}
          />
          <div className={styles.peoplePicker}>
            {shown.map((u) => (
              <label key={u.id} className="checkbox">
                <input type="checkbox" checked={people.has(u.id)} onChange={() => setPeople(toggle(people, u.id))} />
                {u.displayName}{' '}
                <span className="muted small">
                  {departments.find((d) => d.id === u.departmentId)?.name} {u.position}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {!id && (
          <label>
            {t('agenda')}
            <textarea rows={4} value={agenda} onChange={(e) => setAgenda(e.target.value)} placeholder={t('agendaPlaceholder')} />
          </label>
        )}
        {id && (
          <label className="checkbox">
            <input type="checkbox" checked={paperDistributed} onChange={(e) => setPaperDistributed(e.target.checked)} />
            {t('paperDistributed')}
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={() => void navigate(-1)}>
            {t('cancel')}
          </button>
          <button className="primary" type="submit">
            {id ? t('save') : t('create')}
          </button>
        </div>
      </form>
    </section>
  );
}
