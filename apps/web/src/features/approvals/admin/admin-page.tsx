import { useSearchParams } from 'react-router-dom';
import { useT } from '../../../i18n/i18n';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';
import { AuditStatus } from './audit-status';
import { FiguresPanel } from './figures-panel';
import { PrefixesEditor } from './prefixes-editor';
import { RegulationTable } from './regulation-table';
import { TypesEditor } from './types-editor';

const TABS = ['types', 'table', 'prefixes', 'figures', 'audit'] as const;
type Tab = (typeof TABS)[number];

/** 決裁規程 (approvals.manage): document types and their routes, 専決, number prefixes, the 別表, the audit chain. */
export function AdminPage() {
  const t = useT(approvalsAdminMessages);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'types';
  return (
    <>
      <h1>{t('title')}</h1>
      <nav className={styles.tabs} role="tablist">
        {TABS.map((k) => (
          <button key={k} role="tab" aria-selected={tab === k} onClick={() => setParams({ tab: k })}>
            {t(k)}
          </button>
        ))}
      </nav>
      {tab === 'types' && <TypesEditor />}
      {tab === 'table' && <RegulationTable />}
      {tab === 'prefixes' && <PrefixesEditor />}
      {tab === 'figures' && <FiguresPanel />}
      {tab === 'audit' && <AuditStatus />}
    </>
  );
}
