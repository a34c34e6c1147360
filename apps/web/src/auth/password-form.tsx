import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { passwordClassesOf, passwordLength, type PasswordClass, type PasswordPolicyView } from '@yakuba/contracts';
import { ApiError } from '../api/client';
import { useErrorText } from '../api/errors';
import { useT } from '../i18n/i18n';
import { ErrorLine } from '../shared/error-line';
import { useFormSubmit } from '../shared/use-form-submit';
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
  const { busy, error, setError, onSubmit } = useFormSubmit(
    async () => {
      if (next !== again) return setError(t('mismatch'));
      if (policy && !meets(policy, next)) return setError(t('weak'));
      await authApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      await onChanged();
    },
    (err) => {
      const message = err instanceof ApiError ? (err.body?.message ?? '') : '';
      return message.startsWith('currentPassword') ? t('currentWrong') : /must differ/.test(message) ? t('reused') : message.startsWith('newPassword') ? t('weak') : errorText(err);
    },
  );

  return (
    <form className={styles.form} onSubmit={onSubmit} data-testid="change-password-form">
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
      <ErrorLine text={error} />
      <button className="primary" type="submit" disabled={busy}>
        {t('changePassword')}
      </button>
    </form>
  );
}
