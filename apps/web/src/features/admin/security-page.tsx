import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PASSWORD_CLASSES, ROLES, type LdapTestResult, type PasswordClass, type Role, type SecuritySettingsView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { useDepartments } from './directory-queries';
import { adminMessages } from './messages';
import { securityApi, securityKeys, type LdapSettingsInput, type SecurityUpdate } from './security-api';
import { securityMessages } from './security-messages';
import styles from './security.module.css';

const ROLE_LABEL: Record<Role, 'adminRole' | 'disasterOfficerRole' | 'surveyAdminRole' | 'none'> = {
  staff: 'none',
  admin: 'adminRole',
  disaster_officer: 'disasterOfficerRole',
  survey_admin: 'surveyAdminRole',
};

/** One section of the settings, saved on its own (PUT with that section only; audited). */
function Section({ title, help, onSave, children }: { title: string; help: string; onSave(): Promise<unknown>; children: ReactNode }) {
  const t = useT(securityMessages);
  const errorText = useErrorText();
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave();
      setState({ ok: true, text: t('saved') });
    } catch (err) {
      setState({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className={`card ${styles.section} form grid-form`} onSubmit={(e) => void submit(e)} aria-label={title}>
      <div className={styles.wide}>
        <h2>{title}</h2>
        <p className="muted small">{help}</p>
      </div>
      {children}
      <div className="form-actions">
        {state && (
          <span className={state.ok ? 'success' : 'error'} role={state.ok ? 'status' : 'alert'}>
            {state.text}
          </span>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}

function SessionSection({ value, save }: { value: SecuritySettingsView['session']; save(u: SecurityUpdate): Promise<unknown> }) {
  const t = useT(securityMessages);
  const [idle, setIdle] = useState(String(Math.max(1, Math.round(value.idleTimeoutSeconds / 60))));
  const [absolute, setAbsolute] = useState(String(Math.max(1, Math.round(value.absoluteTimeoutSeconds / 3600))));
  return (
    <Section
      title={t('sessionsTitle')}
      help={t('sessionsHelp')}
      onSave={() => save({ session: { idleTimeoutSeconds: Number(idle) * 60, absoluteTimeoutSeconds: Number(absolute) * 3600 } })}
    >
      <label>
        {t('idleMinutes')}
        <input name="idleMinutes" type="number" min={1} max={1440} value={idle} onChange={(e) => setIdle(e.target.value)} required />
      </label>
      <label>
        {t('absoluteHours')}
        <input name="absoluteHours" type="number" min={1} max={720} value={absolute} onChange={(e) => setAbsolute(e.target.value)} required />
      </label>
    </Section>
  );
}

function PasswordSection({ value, save }: { value: SecuritySettingsView['password']; save(u: SecurityUpdate): Promise<unknown> }) {
  const t = useT(securityMessages);
  const [draft, setDraft] = useState(value);
  const toggle = (c: PasswordClass, on: boolean) =>
    setDraft({ ...draft, requiredClasses: on ? [...draft.requiredClasses, c] : draft.requiredClasses.filter((x) => x !== c) });
  return (
    <Section title={t('passwordTitle')} help={t('passwordHelp')} onSave={() => save({ password: draft })}>
      <label>
        {t('minLength')}
        <input name="minLength" type="number" min={8} max={128} value={draft.minLength} onChange={(e) => setDraft({ ...draft, minLength: Number(e.target.value) })} required />
      </label>
      <label>
        {t('historyCount')}
        <input name="historyCount" type="number" min={0} max={24} value={draft.historyCount} onChange={(e) => setDraft({ ...draft, historyCount: Number(e.target.value) })} required />
      </label>
      <fieldset className={`checkbox-group ${styles.wide}`}>
        <legend>{t('requiredClasses')}</legend>
        {PASSWORD_CLASSES.map((c) => (
          <label key={c} className="checkbox">
            <input type="checkbox" checked={draft.requiredClasses.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
            {t(`class_${c}`)}
          </label>
        ))}
      </fieldset>
      <label className={`checkbox ${styles.wide}`}>
        <input type="checkbox" checked={draft.changeAtFirstSignIn} onChange={(e) => setDraft({ ...draft, changeAtFirstSignIn: e.target.checked })} />
        {t('changeAtFirstSignIn')}
      </label>
    </Section>
  );
}

function TotpSection({ value, save }: { value: SecuritySettingsView['totp']; save(u: SecurityUpdate): Promise<unknown> }) {
  const t = useT(securityMessages);
  const [required, setRequired] = useState(value.requiredOutsideInternal);
  const [networks, setNetworks] = useState(value.internalNetworks.join('\n'));
  return (
    <Section
      title={t('totpTitle')}
      help={t('totpHelp')}
      onSave={() =>
        save({
          totp: {
            requiredOutsideInternal: required,
            internalNetworks: networks
              .split(/[\s,]+/)
              .map((n) => n.trim())
              .filter(Boolean),
          },
        })
      }
    >
      <label className={`checkbox ${styles.wide}`}>
        <input name="requiredOutsideInternal" type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        {t('requiredOutsideInternal')}
      </label>
      <label className={styles.wide}>
        {t('internalNetworks')}
        <textarea name="internalNetworks" className={styles.mono} value={networks} onChange={(e) => setNetworks(e.target.value)} />
        <span className="muted small">{t('internalNetworksHelp')}</span>
      </label>
    </Section>
  );
}

function LdapSection({ value, save }: { value: SecuritySettingsView['ldap']; save(u: SecurityUpdate): Promise<unknown> }) {
  const t = useT(securityMessages);
  const ta = useT(adminMessages);
  const departments = useDepartments();
  const { bindPasswordSet, ...initial } = value;
  const [draft, setDraft] = useState<LdapSettingsInput>(initial);
  const [password, setPassword] = useState('');
  const [testUser, setTestUser] = useState('');
  const [result, setResult] = useState<LdapTestResult | null>(null);
  const errorText = useErrorText();
  const input = (): LdapSettingsInput => ({ ...draft, ...(password ? { bindPassword: password } : {}) });
  const test = useMutation({ mutationFn: () => securityApi.testLdap(input(), testUser.trim()), onSuccess: setResult });
  const text = (key: 'url' | 'bindDn' | 'baseDn' | 'userFilter' | 'groupBaseDn' | 'groupFilter' | 'displayNameAttribute' | 'kanaAttribute', wide = false) => (
    <label className={wide ? styles.wide : undefined}>
      {t(key)}
      <input name={key} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );
  const check = (key: 'enabled' | 'startTls' | 'tlsRejectUnauthorized', label: string) => (
    <label className={`checkbox ${key === 'enabled' ? styles.wide : ''}`}>
      <input name={key} type="checkbox" checked={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <Section title={t('ldapTitle')} help={t('ldapHelp')} onSave={() => save({ ldap: input() }).then(() => setPassword(''))}>
      {check('enabled', t('ldapEnabled'))}
      {text('url')}
      {text('baseDn')}
      {text('bindDn')}
      <label>
        {t('bindPassword')}
        <input
          name="bindPassword"
          type="password"
          autoComplete="new-password"
          placeholder={bindPasswordSet ? t('bindPasswordSet') : ''}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {text('userFilter', true)}
      {text('groupBaseDn')}
      {text('groupFilter')}
      {text('displayNameAttribute')}
      {text('kanaAttribute')}
      <div className={styles.mappings}>
        <strong>{t('roleMappings')}</strong>
        {draft.roleMappings.map((m, i) => (
          <div key={i} className={styles.mapping}>
            <input
              aria-label={t('group')}
              placeholder={t('group')}
              value={m.group}
              onChange={(e) => setDraft({ ...draft, roleMappings: draft.roleMappings.map((x, j) => (j === i ? { ...x, group: e.target.value } : x)) })}
            />
            <select
              aria-label={t('role')}
              value={m.role}
              onChange={(e) => setDraft({ ...draft, roleMappings: draft.roleMappings.map((x, j) => (j === i ? { ...x, role: e.target.value as Role } : x)) })}
            >
              {ROLES.filter((r) => r !== 'staff').map((r) => (
                <option key={r} value={r}>
                  {ta(ROLE_LABEL[r])}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => setDraft({ ...draft, roleMappings: draft.roleMappings.filter((_, j) => j !== i) })}>
              {t('remove')}
            </button>
          </div>
        ))}
        <div>
          <button type="button" onClick={() => setDraft({ ...draft, roleMappings: [...draft.roleMappings, { group: '', role: 'admin' }] })}>
            {t('add')}
          </button>
        </div>
      </div>
      <div className={styles.mappings}>
        <strong>{t('departmentMappings')}</strong>
        {draft.departmentMappings.map((m, i) => (
          <div key={i} className={styles.mapping}>
            <input
              aria-label={t('group')}
              placeholder={t('group')}
              value={m.group}
              onChange={(e) =>
                setDraft({ ...draft, departmentMappings: draft.departmentMappings.map((x, j) => (j === i ? { ...x, group: e.target.value } : x)) })
              }
            />
            <select
              aria-label={t('department')}
              value={m.departmentId}
              onChange={(e) =>
                setDraft({ ...draft, departmentMappings: draft.departmentMappings.map((x, j) => (j === i ? { ...x, departmentId: e.target.value } : x)) })
              }
            >
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => setDraft({ ...draft, departmentMappings: draft.departmentMappings.filter((_, j) => j !== i) })}>
              {t('remove')}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            disabled={departments.length === 0}
            onClick={() => setDraft({ ...draft, departmentMappings: [...draft.departmentMappings, { group: '', departmentId: departments[0]?.id ?? '' }] })}
          >
            {t('add')}
          </button>
        </div>
      </div>
      {check('startTls', t('startTls'))}
      {check('tlsRejectUnauthorized', t('tlsRejectUnauthorized'))}
      <label>
        {t('timeoutSeconds')}
        <input name="timeoutSeconds" type="number" min={1} max={60} value={draft.timeoutSeconds} onChange={(e) => setDraft({ ...draft, timeoutSeconds: Number(e.target.value) })} />
      </label>
      <label className={styles.wide}>
        {t('tlsCaCertificate')}
        <textarea name="tlsCaCertificate" className={styles.mono} value={draft.tlsCaCertificate} onChange={(e) => setDraft({ ...draft, tlsCaCertificate: e.target.value })} />
      </label>
      <label>
        {t('testUsername')}
        <input name="testUsername" value={testUser} onChange={(e) => setTestUser(e.target.value)} />
      </label>
      <div>
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending} data-testid="ldap-test">
          {t('testConnection')}
        </button>
      </div>
      {test.error && (
        <p className={`error ${styles.testResult}`} role="alert">
          {errorText(test.error)}
        </p>
      )}
      {result && (
        <div className={styles.testResult} role="status" data-testid="ldap-test-result">
          <p className={result.ok ? 'success' : 'error'}>{result.ok ? (result.user ? t('testFound', { dn: result.user.dn }) : t('testOk')) : t('testFailed', { message: result.message })}</p>
          {result.user && (
            <>
              <p className="small">
                {result.user.displayName ?? '—'} · {t('role')}: {result.user.roles.join(', ')} · {t('department')}:{' '}
                {departments.find((d) => d.id === result.user?.departmentId)?.name ?? '—'}
              </p>
              <ul className={styles.groups} aria-label={t('groups')}>
                {result.user.groups.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** Session timeouts, password policy, the TOTP requirement outside LGWAN and LDAP: each section saved on its own. */
export function SecurityPage() {
  const t = useT(securityMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: securityKeys.settings, queryFn: securityApi.settings, staleTime: 0 });
  const save = async (update: SecurityUpdate) => {
    const next = await securityApi.save(update);
    queryClient.setQueryData(securityKeys.settings, next);
    return next;
  };
  if (settings.error)
    return (
      <p className="error" role="alert">
        {errorText(settings.error)}
      </p>
    );
  const s = settings.data;
  if (!s) return <p aria-busy="true">…</p>;
  return (
    <div className={styles.sections}>
      {s.updatedAt && (
        <p className="muted small">
          {t('updatedAt')}: {formatDateTime(s.updatedAt, locale)}
        </p>
      )}
      <SessionSection value={s.session} save={save} />
      <PasswordSection value={s.password} save={save} />
      <TotpSection value={s.totp} save={save} />
      <LdapSection value={s.ldap} save={save} />
    </div>
  );
}
