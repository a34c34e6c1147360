import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ApprovalKpiGroup } from '@yakuba/contracts';
import { useErrorText } from '../../../api/errors';
import { useSession } from '../../../auth/session';
import { useT } from '../../../i18n/i18n';
import { toTokyoInput } from '../../../shared/format-date';
import { useDepartments } from '../../admin/directory-queries';
import { approvalsApi } from '../approvals-api';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';

const thisMonth = () => toTokyoInput(new Date().toISOString()).slice(0, 7);
const days = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function Groups({ title, groups }: { title: string; groups: ApprovalKpiGroup[] }) {
  const t = useT(approvalsAdminMessages);
  return (
    <div className="table-wrap" style={{ marginBottom: '1rem' }}>
      <table className="table">
        <thead>
          <tr>
            <th>{title}</th>
            <th className={styles.num}>{t('decisions')}</th>
            <th className={styles.num}>{t('median')}</th>
            <th className={styles.num}>{t('p90')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td>{g.name}</td>
              <td className={styles.num}>{g.decided}</td>
              <td className={styles.num}>{days(g.medianDays)}</td>
              <td className={styles.num}>{days(g.p90Days)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 決裁の指標: decisions per month, electronic share, lead time (median, 90th percentile) by department and type, and
 * the paper decisions of a month that the electronic share is measured against.
 */
export function FiguresPanel() {
  const t = useT(approvalsAdminMessages);
  const errorText = useErrorText();
  const { can } = useSession();
  const departments = useDepartments();
  const [range, setRange] = useState(() => {
    const to = thisMonth();
    const [y, m] = to.split('-').map(Number);
    const from = m! >= 4 ? `${y}-04` : `${y! - 1}-04`;
    return { from, to };
  });
  const figures = useQuery({
    queryKey: ['approvals', 'kpis', range],
    queryFn: () => approvalsApi.kpis(range.from, range.to),
    enabled: can('kpis.read'),
  });
  const [paper, setPaper] = useState({ month: thisMonth(), departmentId: '', count: '' });
  const [note, setNote] = useState<string | null>(null);
  async function savePaper(e: FormEvent) {
    e.preventDefault();
    try {
      await approvalsApi.paperDecisions({ month: paper.month, departmentId: paper.departmentId, count: Number(paper.count) });
      setNote(t('saved'));
      await figures.refetch();
    } catch (err) {
      setNote(errorText(err));
    }
  }
  const f = figures.data;
  return (
    <section data-testid="approval-figures">
      <div className="toolbar">
        <label>
          {t('from')}
          <input type="month" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
        </label>
        <label>
          {t('until')}
          <input type="month" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
        </label>
      </div>
      {figures.error && <p className="error">{errorText(figures.error)}</p>}
      {f && (
        <>
          <div className="card" style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem', marginBottom: '1rem' }}>
            <div>
              <div style={{ fontSize: '1.5rem', fontWeight: 700 }}>
                {f.electronicShare === null ? '—' : `${Math.round(f.electronicShare * 100)}%`}
              </div>
              <div className="muted small">{t('electronicShare')}</div>
            </div>
            <div>
              <div style={{ fontSize: '1.5rem', fontWeight: 700 }}>{days(f.leadTime.medianDays)}</div>
              <div className="muted small">{t('median')}</div>
            </div>
            <div>
              <div style={{ fontSize: '1.5rem', fontWeight: 700 }}>{days(f.leadTime.p90Days)}</div>
              <div className="muted small">{t('p90')}</div>
            </div>
            <div>
              <div style={{ fontSize: '1.5rem', fontWeight: 700 }}>{f.reviewBacklog.open}</div>
              <div className="muted small">{t('reviewBacklog')}</div>
            </div>
          </div>
          <div className="table-wrap" style={{ marginBottom: '1rem' }}>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('month')}</th>
                  <th className={styles.num}>{t('electronic')}</th>
                  <th className={styles.num}>{t('paper')}</th>
                </tr>
              </thead>
              <tbody>
                {f.months.map((m) => (
                  <tr key={m.month}>
                    <td>{m.month}</td>
                    <td className={styles.num}>{m.decisions}</td>
                    <td className={styles.num}>{m.paper}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Groups title={t('department')} groups={f.byDepartment} />
          <Groups title={t('matter')} groups={f.byType} />
        </>
      )}
      <form className={`card ${styles.filters} ${styles.filterForm}`} onSubmit={(e) => void savePaper(e)} aria-label={t('paperTitle')}>
        <h2 className={styles.full} style={{ gridColumn: '1 / -1' }}>
          {t('paperTitle')}
        </h2>
        <label>
          {t('month')}
          <input type="month" required value={paper.month} onChange={(e) => setPaper((p) => ({ ...p, month: e.target.value }))} />
        </label>
        <label>
          {t('department')}
          <select required value={paper.departmentId} onChange={(e) => setPaper((p) => ({ ...p, departmentId: e.target.value }))}>
            <option value="" />
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('paper')}
          <input type="number" min={0} required value={paper.count} onChange={(e) => setPaper((p) => ({ ...p, count: e.target.value }))} />
        </label>
        <div className="form-actions">
          <button className="primary" type="submit">
            {t('save')}
          </button>
        </div>
        {note && <p className="small">{note}</p>}
      </form>
    </section>
  );
}
