import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { passwordClassesOf, passwordLength, type PasswordClass, type PasswordPolicyView } from '@yakuba/contracts';
import { ApiError } from '../api/client';
import { useErrorText } from '../api/errors';
import { useT } from '../i18n/i18n';
import { authApi } from './auth-api';
import { authMessages } from './messages';
import styles from './auth.module.css';

export const passwordPolicyQuery = { queryKey: ['auth', 'password-policy'] as const, queryFn: authApi.passwordPolicy, staleTime: 60_000 };

/** The policy as a checklist that ticks itself while the new password is typed (the server checks it again). */
export function PasswordRules({ policy, password }: { policy: PasswordPolicyView; password: string }) {
  const t = useT(authMessages);
  const have = new Set(passwordClassesOf(password));
  const classLabel = (c: PasswordClass) => t(`class_${c}`);
  return (
    <ul className={styles.rules}>
      <li className={passwordLength(password) >= policy.minLength ? styles.met : undefined}>{t('ruleLength', { count: policy.minLength })}</li>
      {policy.requiredClasses.length > 0 && (
        <li className={policy.requiredClasses.every((c) => have.has(c)) ? styles.met : undefined}>
          {t('ruleClasses', { classes: policy.requiredClasses.map(classLabel).join('・') })}
        </li>
      )}
      {policy.historyCount > 0 && <li>{t('ruleHistory', { count: policy.historyCount })}</li>}
    </ul>
  );
}

const meets = (policy: PasswordPolicyView, password: string) =>
  passwordLength(password) >= policy.minLength && policy.requiredClasses.every((c) => passwordClassesOf(password).includes(c));

/** Current password, new password twice, the policy's checklist: used by the forced-change screen and the account page. */
export function ChangePasswordForm({ onChanged }: { onChanged(): void | Promise<void> }) {
  const t = useT(authMessages);
  const errorText = useErrorText();
  const policy = useQuery(passwordPolicyQuery).data;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (next !== again) return setError(t('mismatch'));
    if (policy && !meets(policy, next)) return setError(t('weak'));
    setBusy(true);
    try {
      await authApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      await onChanged();
    } catch (err) {
      const message = err instanceof ApiError ? (err.body?.message ?? '') : '';
      setError(
        message.startsWith('currentPassword') ? t('currentWrong') : /must differ/.test(message) ? t('reused') : message.startsWith('newPassword') ? t('weak') : errorText(err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="change-password-form">
      <label>
        {t('currentPassword')}
        <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </label>
      <label>
        {t('newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
      </label>
      {policy && <PasswordRules policy={policy} password={next} />}
      <label>
        {t('confirmPassword')}
        <input name="confirmPassword" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {t('changePassword')}
      </button>
    </form>
  );
}
