import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Camera, ImagePlus, LocateFixed, MapPin, MessageSquare, Plus, X } from 'lucide-react';
import {
  DAMAGE_CATEGORIES,
  DAMAGE_STATUSES,
  type DamageCategory,
  type DamageReportView,
  type DamageStatus,
  type DisasterView,
} from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { ThreadPane } from '../chat/thread-pane';
import { reportMessages } from './report-messages';
import { useDisasterStore } from './disaster-live';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { useNames, useStaff } from './use-names';
import styles from './disasters.module.css';

export const CATEGORY_KEY = {
  road: 'catRoad',
  river: 'catRiver',
  building: 'catBuilding',
  power: 'catPower',
  water: 'catWater',
  landslide: 'catLandslide',
  casualty: 'catCasualty',
  other: 'catOther',
} as const satisfies Record<DamageCategory, string>;
export const STATUS_KEY = { open: 'statusOpen', in_progress: 'statusInProgress', done: 'statusDone' } as const satisfies Record<
  DamageStatus,
  string
>;
const SEVERITY_KEY = { 1: 'severity1', 2: 'severity2', 3: 'severity3' } as const;

const coords = (lat: number, lng: number) => `${lat.toFixed(5)}, ${lng.toFixed(5)}`;

/** A place on the device's own map app (geo: URI); nothing is fetched from outside the closed network. */
function Coordinates({ lat, lng, label }: { lat: number | null; lng: number | null; label?: string }) {
  if (lat === null || lng === null) return null;
  return (
    <a className={`small ${styles.withIcon}`} href={`geo:${lat},${lng}`} title={label}>
      <MapPin size={14} aria-hidden />
      {coords(lat, lng)}
    </a>
  );
}

/** 被害報告: place, category, severity, photos (the camera on a tablet or phone), coordinates, a note. */
function ReportForm({ disaster, onDone }: { disaster: DisasterView; onDone(): void }) {
  const t = useT(reportMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [place, setPlace] = useState('');
  const [category, setCategory] = useState<DamageCategory>('road');
  const [severity, setSeverity] = useState(2);
  const [note, setNote] = useState('');
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [progress, setProgress] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const store = useDisasterStore();
  const previews = useMemo(() => photos.map((f) => URL.createObjectURL(f)), [photos]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);
  // Through the disasters outbox: without a connection the report waits (photos included) and goes once it returns.
  const send = async () => {
    if (!store) return;
    setSending(true);
    setError('');
    const input = {
      place: place.trim(),
      category,
      severity,
      lat: position?.lat ?? null,
      lng: position?.lng ?? null,
      note: note.trim() || null,
    };
    const res = await store.reportDamage(disaster.id, input, photos, setProgress);
    setSending(false);
    if (res.sent || 'queued' in res) {
      if (res.sent) void queryClient.invalidateQueries({ queryKey: disasterKeys.damage(disaster.id) });
      onDone();
    } else
      setError(
        res.error === 'unsupported_media_type' ? t('photoType') : res.error === 'too_large' ? t('photoTooLarge') : errorText(res.error),
      );
  };
  const locate = () => {
    if (!('geolocation' in navigator)) return setGeoError(t('geoUnavailable'));
    setLocating(true);
    setGeoError('');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lat: p.coords.latitude, lng: p.coords.longitude });
        setLocating(false);
      },
      () => {
        setGeoError(t('geoFailed'));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (place.trim()) void send();
  };
  const addPhotos = (list: FileList | null) => list && setPhotos((x) => [...x, ...Array.from(list)].slice(0, 10));
  return (
    <form className={`card form ${styles.reportForm}`} onSubmit={submit} aria-label={t('newReport')} data-testid="damage-form">
      <h2>{t('newReport')}</h2>
      <label>
        {t('place')}
        <input value={place} onChange={(e) => setPlace(e.target.value)} placeholder={t('placePlaceholder')} maxLength={300} required />
      </label>
      <div className="toolbar">
        <button type="button" className={styles.withIcon} onClick={locate} disabled={locating}>
          <LocateFixed size={18} aria-hidden /> {locating ? t('locating') : t('useLocation')}
        </button>
        {position && (
          <span className={styles.withIcon}>
            <Coordinates lat={position.lat} lng={position.lng} />
            <button type="button" className="link-button small" onClick={() => setPosition(null)}>
              {t('clear')}
            </button>
          </span>
        )}
        {geoError && <span className="error small">{geoError}</span>}
        {!position && <span className="muted small">{t('photoLocationHint')}</span>}
      </div>
      <fieldset className={styles.choiceGroup}>
        <legend>{t('category')}</legend>
        {DAMAGE_CATEGORIES.map((c) => (
          <label key={c} className={`${styles.choice} ${category === c ? styles.chosen : ''}`}>
            <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
            {t(CATEGORY_KEY[c])}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.choiceGroup}>
        <legend>{t('severity')}</legend>
        {([1, 2, 3] as const).map((s) => (
          <label key={s} className={`${styles.choice} ${severity === s ? styles.chosen : ''} ${styles[`sev-${s}`]}`}>
            <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
            {t(SEVERITY_KEY[s])}
          </label>
        ))}
      </fieldset>
      <div className={styles.photoPickers}>
        <label className={`button ${styles.filePick}`}>
          <Camera size={18} aria-hidden /> {t('takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={(e) => addPhotos(e.target.files)}
            className={styles.visuallyHidden}
          />
        </label>
        <label className={`button ${styles.filePick}`}>
          <ImagePlus size={18} aria-hidden /> {t('choosePhoto')}
          <input
            type="file"
            accept="image/*"
            multiple
            onChange={(e) => addPhotos(e.target.files)}
            className={styles.visuallyHidden}
            data-testid="damage-photos"
          />
        </label>
      </div>
      {photos.length > 0 && (
        <ul className={styles.thumbs}>
          {photos.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <img src={previews[i]} alt={f.name} />
              <button
                type="button"
                className="icon-button small"
                aria-label={t('removePhoto', { name: f.name })}
                onClick={() => setPhotos((x) => x.filter((_, j) => j !== i))}
              >
                <X size={16} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t('note')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} />
      </label>
      {sending && photos.length > 0 && <progress max={1} value={progress} aria-label={t('uploading')} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" className="primary" disabled={!place.trim() || sending}>
          {t('submitReport')}
        </button>
      </div>
    </form>
  );
}

/** Reports made without a connection, waiting in the outbox (or refused when sent later: shown with why). */
function QueuedReports({ disasterId }: { disasterId: string }) {
  const t = useT(reportMessages);
  const errorText = useErrorText();
  const store = useDisasterStore();
  const waiting = store?.waitingDamage(disasterId) ?? [];
  if (!waiting.length) return null;
  return (
    <ul className={styles.reportList} aria-label={t('reportQueued')}>
      {waiting.map((e) => (
        <li key={e.id} className={`card ${styles.reportCard}`} data-testid="damage-queued">
          <strong>
            {t('reportQueued')}・{t(CATEGORY_KEY[e.input.category])}・{e.input.place}
          </strong>
          <p className={e.failed ? 'error small' : 'muted small'} role="status">
            {e.failed ? t('reportFailed', { reason: errorText(e.failed) }) : t('reportQueuedHint', { count: e.photos })}
          </p>
          {e.failed && (
            <button className="small" onClick={() => store?.discard(e.id)}>
              {t('discardReport')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReportCard({
  disaster,
  report,
  officer,
  onDiscuss,
}: {
  disaster: DisasterView;
  report: DamageReportView;
  officer: boolean;
  onDiscuss(): void;
}) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const nameOf = useNames(disaster.id);
  const { staff } = useStaff();
  const queryClient = useQueryClient();
  const patch = useMutation({
    mutationFn: (change: { status?: DamageStatus; assigneeId?: string | null }) => disastersApi.patchDamage(disaster.id, report.id, change),
    onSuccess: (next) =>
      queryClient.setQueriesData<DamageReportView[]>({ queryKey: disasterKeys.damage(disaster.id) }, (list) =>
        list?.map((r) => (r.id === next.id ? next : r)),
      ),
  });
  const active = disaster.status === 'active';
  return (
    <li
      className={`card ${styles.reportCard} ${styles[`report-${report.status}`]}`}
      data-testid="damage-report"
      data-status={report.status}
    >
      <div className={styles.reportHead}>
        <span className={`${styles.sevChip} ${styles[`sev-${report.severity}`]}`}>
          {t(SEVERITY_KEY[report.severity as 1 | 2 | 3] ?? 'severity2')}
        </span>
        <span className={styles.catChip}>{t(CATEGORY_KEY[report.category])}</span>
        <strong>
          #{report.number} {report.place}
        </strong>
        <span className={`${styles.statusPill} ${styles[`pill-${report.status}`]}`}>{t(STATUS_KEY[report.status])}</span>
      </div>
      <p className="muted small">
        {t('reportedBy', { name: nameOf(report.reporterId), time: formatDateTime(report.createdAt, locale) })}
        {report.assigneeId && ` ・ ${t('assignedTo', { name: nameOf(report.assigneeId) })}`}
      </p>
      <Coordinates lat={report.lat} lng={report.lng} />
      {report.note && <p className={styles.reportNote}>{report.note}</p>}
      {report.photos.length > 0 && (
        <ul className={styles.photos}>
          {report.photos.map((p) => (
            <li key={p.id}>
              <a href={p.url} target="_blank" rel="noopener noreferrer">
                <img src={p.url} alt={p.name} loading="lazy" />
              </a>
              <span className="small">
                {p.lat !== null && p.lng !== null ? (
                  <Coordinates lat={p.lat} lng={p.lng} label={t('photoLocation')} />
                ) : (
                  <span className="muted">{t('noPhotoLocation')}</span>
                )}
                {p.takenAt && <span className="muted"> {formatDateTime(p.takenAt, locale)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.reportActions}>
        {active && (
          <span role="group" aria-label={t('status')} className={styles.segmented}>
            {DAMAGE_STATUSES.map((s) => (
              <button
                key={s}
                aria-pressed={report.status === s}
                className={report.status === s ? styles.selectedFilter : ''}
                disabled={patch.isPending}
                onClick={() => report.status !== s && patch.mutate({ status: s })}
                data-testid={`damage-status-${s}`}
              >
                {t(STATUS_KEY[s])}
              </button>
            ))}
          </span>
        )}
        {active && officer && (
          <select
            value={report.assigneeId ?? ''}
            onChange={(e) => patch.mutate({ assigneeId: e.target.value || null })}
            aria-label={t('assignee')}
          >
            <option value="">{t('noAssignee')}</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        )}
        <button className={styles.withIcon} onClick={onDiscuss}>
          <MessageSquare size={16} aria-hidden /> {t('discussion')}
        </button>
        {patch.error && <span className="error small">{errorText(patch.error)}</span>}
      </div>
    </li>
  );
}

/** The damage board: filtered by status and category, live; the report form; each report's thread beside it. */
export function DamagePanel({ disaster, officer }: { disaster: DisasterView; officer: boolean; guest: boolean }) {
  const t = useT(reportMessages);
  const errorText = useErrorText();
  const [status, setStatus] = useState<DamageStatus | ''>('');
  const [category, setCategory] = useState<DamageCategory | ''>('');
  const [reporting, setReporting] = useState(false);
  const [thread, setThread] = useState<string | null>(null);
  const query = useQuery({ queryKey: disasterKeys.damageList(disaster.id, {}), queryFn: () => disastersApi.damage(disaster.id) });
  const all = query.data ?? [];
  const byCategory = category ? all.filter((r) => r.category === category) : all;
  const shown = status ? byCategory.filter((r) => r.status === status) : byCategory;
  const count = (s: DamageStatus) => byCategory.filter((r) => r.status === s).length;
  return (
    <div className={`${styles.damage} ${thread ? styles.damageWithThread : ''}`}>
      <div>
        <div className="toolbar">
          <span role="group" aria-label={t('status')} className={styles.segmented}>
            <button aria-pressed={!status} className={!status ? styles.selectedFilter : ''} onClick={() => setStatus('')}>
              {t('all')} {byCategory.length}
            </button>
            {DAMAGE_STATUSES.map((s) => (
              <button
                key={s}
                aria-pressed={status === s}
                className={status === s ? styles.selectedFilter : ''}
                onClick={() => setStatus(s)}
                data-testid={`damage-filter-${s}`}
              >
                {t(STATUS_KEY[s])} {count(s)}
              </button>
            ))}
          </span>
          <select value={category} onChange={(e) => setCategory(e.target.value as DamageCategory | '')} aria-label={t('category')}>
            <option value="">{t('allCategories')}</option>
            {DAMAGE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(CATEGORY_KEY[c])}
              </option>
            ))}
          </select>
          <span className="spacer" />
          {disaster.status === 'active' && !reporting && (
            <button className={`primary ${styles.withIcon}`} onClick={() => setReporting(true)} data-testid="damage-new">
              <Plus size={18} aria-hidden /> {t('newReport')}
            </button>
          )}
        </div>
        {reporting && <ReportForm disaster={disaster} onDone={() => setReporting(false)} />}
        <QueuedReports disasterId={disaster.id} />
        {query.error && <p className="error">{errorText(query.error)}</p>}
        {query.isSuccess && shown.length === 0 && <p className="empty-state">{all.length ? t('noneMatch') : t('noReports')}</p>}
        <ul className={styles.reportList}>
          {shown.map((r) => (
            <ReportCard key={r.id} disaster={disaster} report={r} officer={officer} onDiscuss={() => setThread(r.threadRootId)} />
          ))}
        </ul>
      </div>
      {thread && <ThreadPane channelId={disaster.channelId} rootId={thread} onClose={() => setThread(null)} />}
    </div>
  );
}
