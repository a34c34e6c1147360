import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useErrorText } from '../api/errors';
import { useT } from '../i18n/i18n';
import { authMessages } from './messages';
import { useSession } from './session';
import styles from './auth.module.css';

/** The second step of signing in, after a right password, for an account with an authenticator. */
export function TotpStep({ onRestart }: { onRestart(): void }) {
  const t = useT(authMessages);
  const { completeTotp, cancelTotp } = useSession();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await completeTotp(code);
    } catch (err) {
      const message = err instanceof ApiError ? (err.body?.message ?? '') : '';
      if (err instanceof ApiError && err.status === 429) setError(errorText(err));
      else if (/took too long|sign in again/.test(message)) {
        cancelTotp();
        onRestart();
      } else setError(/used already/.test(message) ? t('totpReplayed') : t('totpWrong'));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="totp-step">
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
