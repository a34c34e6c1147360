import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { APPROVAL_STATUSES, type ApprovalSearchQuery, type ApprovalStatus } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import { toTokyoInput } from '../../shared/format-date';
import { useDepartments } from '../admin/directory-queries';
import { fullDocumentNumber, StatusBadge, useDocDate, useRetentionLabel } from './approval-bits';
import { approvalsApi } from './approvals-api';
import { approvalsKeys, useDocumentTypes } from './approvals-queries';
import { approvalHref } from './inbox-page';
import { approvalsMessages } from './messages';
import { PersonSelect } from './person-picker';
import styles from './approvals.module.css';

const PAGE = 50;
const FIELDS = ['q', 'number', 'title', 'typeId', 'drafterId', 'departmentId', 'status', 'from', 'to'] as const;

/** The fiscal year (April to March) of today in Tokyo. */
function currentFiscalYear(): number {
  const [y, m] = toTokyoInput(new Date().toISOString()).split('-').map(Number);
  return m! >= 4 ? y! : y! - 1;
}

/** 文書検索: decided (and all other) documents the caller may read, by any field and full text; retention shown. */
export function ArchivePage() {
  const t = useT(approvalsMessages);
  const errorText = useErrorText();
  const docDate = useDocDate();
  const departments = useDepartments();
  const types = useDocumentTypes().data ?? [];
  const [params, setParams] = useSearchParams();
  const query: ApprovalSearchQuery = { limit: PAGE, offset: Number(params.get('offset') ?? 0) || 0 };
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) (query as Record<string, string>)[f] = v;
  }
  const [form, setForm] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])));
  const set = (f: string, v: string) => setForm((x) => ({ ...x, [f]: v }));
  const results = useQuery({ queryKey: approvalsKeys.search(query), queryFn: () => approvalsApi.search(query) });
  const [fy, setFy] = useState(currentFiscalYear);
  const due = useQuery({ queryKey: approvalsKeys.retention(fy), queryFn: () => approvalsApi.retention(fy) });

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(form).filter(([, v]) => v)));
  }
  const page = (offset: number) => setParams({ ...Object.fromEntries(params), offset: String(offset) });

  return (
    <>
      <h1>{t('archive')}</h1>
      <form className={`card ${styles.filters} ${styles.filterForm}`} onSubmit={submit} role="search" aria-label={t('archive')}>
        <label style={{ gridColumn: 'span 2' }}>
          {t('keyword')}
          <input type="search" value={form.q} onChange={(e) => set('q', e.target.value)} data-testid="archive-q" />
        </label>
        <label>
          {t('documentNumber')}
          <input value={form.number} onChange={(e) => set('number', e.target.value)} placeholder={t('numberPlaceholder')} />
        </label>
        <label>
          {t('docTitle')}
          <input value={form.title} onChange={(e) => set('title', e.target.value)} />
        </label>
        <label>
          {t('documentType')}
          <select value={form.typeId} onChange={(e) => set('typeId', e.target.value)}>
            <option value="">{t('anyone')}</option>
            {types.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <PersonSelect label={t('drafter')} value={form.drafterId ?? ''} onChange={(v) => set('drafterId', v)} allowEmpty={t('anyone')} />
        <label>
          {t('department')}
          <select value={form.departmentId} onChange={(e) => set('departmentId', e.target.value)}>
            <option value="">{t('anyone')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select value={form.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('any_status')}</option>
            {APPROVAL_STATUSES.map((s: ApprovalStatus) => (
              <option key={s} value={s}>
                {s === 'decided' ? t('decided_status') : t(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dateFrom')}
          <input type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t('dateTo')}
          <input type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="button" onClick={() => setForm(Object.fromEntries(FIELDS.map((f) => [f, ''])))}>
            {t('cancel')}
          </button>
          <button className="primary" type="submit">
            {t('search')}
          </button>
        </div>
      </form>
      {results.error && <p className="error">{errorText(results.error)}</p>}
      {results.data && (
        <>
          <p className="muted" data-testid="archive-total">
            {t('results', { count: results.data.total })}
          </p>
          <ResultTable
            rows={results.data.results.map((h) => ({ ...h.approval, snippet: h.snippet, retentionEndsOn: h.retentionEndsOn }))}
            docDate={docDate}
          />
          <div className="toolbar" style={{ marginTop: '0.5rem' }}>
            <button disabled={(query.offset ?? 0) === 0} onClick={() => page(Math.max(0, (query.offset ?? 0) - PAGE))}>
              ←
            </button>
            <button disabled={(query.offset ?? 0) + PAGE >= results.data.total} onClick={() => page((query.offset ?? 0) + PAGE)}>
              →
            </button>
          </div>
        </>
      )}
      <section style={{ marginTop: '1.5rem' }} data-testid="retention-due">
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>{t('expiring')}</h2>
          <select value={fy} onChange={(e) => setFy(Number(e.target.value))} aria-label={t('fiscalYear', { year: fy })}>
            {[0, 1, 2, 3].map((d) => (
              <option key={d} value={currentFiscalYear() + d}>
                {t('fiscalYear', { year: currentFiscalYear() + d })}
              </option>
            ))}
          </select>
        </div>
        {due.data?.items.length === 0 && <p className="empty-state">{t('noExpiring')}</p>}
        {!!due.data?.items.length && (
          <ResultTable
            rows={due.data.items.map((i) => ({ ...i.approval, snippet: '', retentionEndsOn: i.retentionEndsOn }))}
            docDate={docDate}
          />
        )}
      </section>
    </>
  );
}

function ResultTable({
  rows,
  docDate,
}: {
  rows: (import('@yakuba/contracts').ApprovalSummary & { snippet: string; retentionEndsOn: string | null })[];
  docDate: (v: string | null | undefined) => string;
}) {
  const t = useT(approvalsMessages);
  const types = useDocumentTypes().data ?? [];
  const retentionLabel = useRetentionLabel();
  const retentionOf = (typeId: string) => types.find((x) => x.id === typeId)?.retentionYears;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="archive-results">
        <thead>
          <tr>
            <th>{t('documentNumber')}</th>
            <th>{t('docTitle')}</th>
            <th>{t('department')}</th>
            <th>{t('decidedAt')}</th>
            <th>{t('retentionEnd')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const retention = retentionOf(r.typeId);
            return (
              <tr key={r.id}>
                <td className={styles.nowrap}>{fullDocumentNumber(r) ?? <StatusBadge status={r.status} />}</td>
                <td>
                  <Link to={approvalHref(r)}>{r.title}</Link>
                  <div className="muted small">
                    {r.typeName} ・ {r.drafterName}
                  </div>
                  {r.snippet && <div className="small">{r.snippet}</div>}
                </td>
                <td>{r.departmentName}</td>
                <td className={styles.nowrap}>{docDate(r.decidedAt)}</td>
                <td className={styles.nowrap}>
                  {r.retentionEndsOn ? docDate(r.retentionEndsOn) : retention === 'permanent' ? t('permanent') : '—'}
                  {retention && retention !== 'permanent' && <div className="muted small">{retentionLabel(retention)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
