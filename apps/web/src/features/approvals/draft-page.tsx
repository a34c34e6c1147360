import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { ApprovalView, ExtraStageInput } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { Flags, StatusBadge, formatYen, parseYen, useRetentionLabel } from './approval-bits';
import { approvalsApi } from './approvals-api';
import { useApproval, useApprovalChanged, useDocumentTypes } from './approvals-queries';
import { AttachmentsPanel } from './attachments-panel';
import { ExtraStagesEditor } from './extra-stages-editor';
import { approvalsMessages } from './messages';
import { RouteView } from './route-view';
import styles from './approvals.module.css';

/** What the chat message menu's 「起案する」 hands over (router state, so a long message stays out of the URL). */
export interface DraftFromMessage {
  sourceMessageId: string;
  title: string;
  body: string;
  channelName: string;
}

/** 起案: a new draft, or my saved / returned one resumed. Route resolved live from type, department and amount. */
export function DraftPage() {
  const { id } = useParams();
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const fromMessage = (location.state as { fromMessage?: DraftFromMessage } | null)?.fromMessage;
  const errorText = useErrorText();
  const retentionLabel = useRetentionLabel();
  const changed = useApprovalChanged();
  const typesQuery = useDocumentTypes();
  const types = useMemo(() => typesQuery.data ?? [], [typesQuery.data]);
  const existing = useApproval(id);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [approval, setApproval] = useState<ApprovalView | null>(null);
  const [typeId, setTypeId] = useState('');
  const [title, setTitle] = useState(fromMessage?.title ?? '');
  const [body, setBody] = useState(fromMessage?.body ?? '');
  const [amountText, setAmountText] = useState('');
  const [important, setImportant] = useState(false);
  const [unusual, setUnusual] = useState(false);
  const [extra, setExtra] = useState<ExtraStageInput[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Resume: the saved draft fills the form once.
  useEffect(() => {
    const a = existing.data;
    if (!a || loadedId === a.id) return;
    setLoadedId(a.id);
    setApproval(a);
    setTypeId(a.typeId);
    setTitle(a.title);
    setBody(a.body);
    setAmountText(a.amount === null ? '' : String(a.amount));
    setImportant(a.important);
    setUnusual(a.unusual);
    setExtra(a.extraStages);
  }, [existing.data, loadedId]);
  useEffect(() => {
    if (!typeId && !id && types[0]) setTypeId(types[0].id);
  }, [types, typeId, id]);

  const type = types.find((x) => x.id === typeId);
  const amount = type?.hasAmount ? parseYen(amountText) : null;
  const stages = useMemo(() => extra.filter((s) => s.approverIds.length > 0), [extra]);
  const previewInput = useMemo(
    () => ({ typeId, amount, important, unusual, extraStages: stages }),
    [typeId, amount, important, unusual, stages],
  );
  const [debounced, setDebounced] = useState(previewInput);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(previewInput), 300);
    return () => clearTimeout(timer);
  }, [previewInput]);
  const preview = useQuery({
    queryKey: ['approvals', 'preview', debounced],
    queryFn: () => approvalsApi.preview(debounced),
    enabled: !!debounced.typeId,
    staleTime: 30_000,
  });

  const current = approval ?? existing.data ?? null;
  if (current && !current.canEdit && current.status !== 'draft') {
    return (
      <section className="page narrow">
        <p className="empty-state">
          <Link to={`/approvals/${current.id}`}>{current.title}</Link>
        </p>
      </section>
    );
  }

  async function save(): Promise<ApprovalView> {
    const fields = { typeId, title, body, amount, important, unusual, extraStages: stages };
    const saved = current
      ? await approvalsApi.update(current.id, { ...fields, version: current.version })
      : await approvalsApi.create({ ...fields, sourceMessageId: fromMessage?.sourceMessageId ?? null });
    setApproval(saved);
    setLoadedId(saved.id);
    await changed(saved);
    if (!current) void navigate(`/approvals/${saved.id}/edit`, { replace: true });
    return saved;
  }
  async function onSave(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await save();
      setNote(t('saved'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function onSubmit() {
    const form = document.getElementById('draft-form') as HTMLFormElement | null;
    if (form && !form.reportValidity()) return;
    const route = preview.data?.route.map((s) => `${s.stage + 1}. ${s.label}（${s.approvers.map((a) => a.displayName).join('、')}）`) ?? [];
    const decider = preview.data?.decider ? `\n${t('finalDecider')}: ${preview.data.decider}` : '';
    if (!window.confirm(`${t('submitConfirm')}\n\n${route.join('\n')}${decider}`)) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await save();
      const submitted = await approvalsApi.submit(saved.id, saved.version);
      await changed(submitted);
      void navigate(`/approvals/${submitted.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function onDelete() {
    if (!current || !window.confirm(t('confirmAction', { action: t('deleteDraft') }))) return;
    try {
      await approvalsApi.remove(current.id);
      await changed();
      void navigate('/approvals?tab=drafting');
    } catch (err) {
      setError(errorText(err));
    }
  }

  const returned = current && (current.status === 'sent_back' || current.status === 'withdrawn');
  return (
    <section className="page">
      <Link to="/approvals" className="small">
        ← {t('backToInbox')}
      </Link>
      <div className={styles.head}>
        <h1>{current ? current.title || t('newDraft') : t('newDraft')}</h1>
        {current && <StatusBadge status={current.status} />}
        {current && <Flags approval={current} />}
      </div>
      {returned && <p className={styles.conflict}>{t('resubmitHint')}</p>}
      {(fromMessage || current?.source) && (
        <p className="muted small" data-testid="draft-source">
          {t('sourceMessage')}: #{fromMessage?.channelName ?? current?.source?.channelName}
          {current?.source?.disaster && <span className={`${styles.flag} ${styles.flagInfo}`}> {t('afterTheFact')}</span>}
        </p>
      )}
      <div className={styles.detailGrid}>
        <form id="draft-form" className="card form" onSubmit={(e) => void onSave(e)} aria-label={t('newDraft')}>
          <div className={styles.formGrid}>
            <label>
              {t('documentType')}
              <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required data-testid="draft-type">
                {types.map((x) => (
                  <option key={x.id} value={x.id}>
                    {locale === 'en' && x.nameEn ? x.nameEn : x.name}（{retentionLabel(x.retentionYears)}）
                  </option>
                ))}
              </select>
            </label>
            {type?.hasAmount ? (
              <label>
                {t('amount')}
                <input
                  className={styles.amountInput}
                  inputMode="numeric"
                  value={amount === null ? amountText : new Intl.NumberFormat('ja-JP').format(amount)}
                  onChange={(e) => setAmountText(e.target.value)}
                  placeholder="0"
                  data-testid="draft-amount"
                  aria-describedby="amount-shown"
                />
                <span id="amount-shown" className="small">
                  {amount !== null ? formatYen(amount, locale) : ''}
                </span>
              </label>
            ) : (
              <span />
            )}
            <label className={styles.full}>
              {t('docTitle')}
              <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="draft-title" />
            </label>
            <label className={styles.full}>
              {t('body')}
              <textarea required rows={10} value={body} onChange={(e) => setBody(e.target.value)} data-testid="draft-body" />
            </label>
            <fieldset className={`checkbox-group ${styles.full}`}>
              <legend>{t('flags')}</legend>
              <label className="checkbox" title={t('importantHint')}>
                <input type="checkbox" checked={important} onChange={(e) => setImportant(e.target.checked)} />
                {t('important')}
              </label>
              <label className="checkbox" title={t('unusualHint')}>
                <input type="checkbox" checked={unusual} onChange={(e) => setUnusual(e.target.checked)} />
                {t('unusual')}
              </label>
              {(important || unusual) && <span className="muted small">{important ? t('importantHint') : t('unusualHint')}</span>}
            </fieldset>
          </div>
          <ExtraStagesEditor stages={extra} onChange={setExtra} />
          <h2>{t('attachments')}</h2>
          <AttachmentsPanel
            approvalId={current?.id ?? null}
            version={current?.version ?? null}
            attachments={current?.attachments ?? []}
            editable
            onChanged={async () => {
              if (!current) return;
              const next = await approvalsApi.get(current.id);
              setApproval(next);
              await changed(next);
            }}
          />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {note && (
            <p className="success" role="status">
              {note}
            </p>
          )}
          <div className="form-actions">
            {current?.status === 'draft' && (
              <button type="button" className="danger" onClick={() => void onDelete()}>
                {t('deleteDraft')}
              </button>
            )}
            <button type="submit" disabled={busy} data-testid="draft-save">
              {t('saveDraft')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void onSubmit()} data-testid="draft-submit">
              {returned ? t('resubmit') : t('submit')}
            </button>
          </div>
        </form>
        <aside className="card" data-testid="route-preview">
          <h2>{t('resolvedRoute')}</h2>
          <p className="muted small">{t('routeHint')}</p>
          {preview.error && <p className="error">{errorText(preview.error)}</p>}
          {preview.data && (
            <>
              <p>
                {t('finalDecider')}: <strong data-testid="route-decider">{preview.data.decider ?? '—'}</strong>
              </p>
              <RouteView route={preview.data.route} />
            </>
          )}
        </aside>
      </div>
    </section>
  );
}
