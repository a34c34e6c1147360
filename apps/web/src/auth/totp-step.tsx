import { useState } from 'react';
import { ApiError } from '../api/client';
import { useErrorText } from '../api/errors';
import { useT } from '../i18n/i18n';
import { ErrorLine } from '../shared/error-line';
import { useFormSubmit } from '../shared/use-form-submit';
import { authMessages } from './messages';
import { useSession } from './session';
import styles from './auth.module.css';

/** The second step of signing in, after a right password, for an account with an authenticator. */
export function TotpStep({ onRestart }: { onRestart(): void }) {
  const t = useT(authMessages);
  const { completeTotp, cancelTotp } = useSession();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const { busy, error, onSubmit } = useFormSubmit(
    () => completeTotp(code),
    (err) => {
      setCode('');
      const message = err instanceof ApiError ? (err.body?.message ?? '') : '';
      if (err instanceof ApiError && err.status === 429) return errorText(err);
      if (/took too long|sign in again/.test(message)) {
        cancelTotp();
        onRestart();
        return null;
      }
      return /used already/.test(message) ? t('totpReplayed') : t('totpWrong');
    },
  );

  return (
    <form className={styles.form} onSubmit={onSubmit} data-testid="totp-step">
      <h2>{t('totpTitle')}</h2>
      <p className="muted small">{t('totpHint')}</p>
      <label>
        {t('code')}
        <input
          name="code"
          className={styles.codeInput}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={40}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          autoFocus
        />
      </label>
      <ErrorLine text={error} />
      <button className="primary" type="submit" disabled={busy}>
        {busy ? t('verifying') : t('verify')}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          cancelTotp();
          onRestart();
        }}
      >
        {t('back')}
      </button>
    </form>
  );
}
