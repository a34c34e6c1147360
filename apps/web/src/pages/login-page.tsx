import { useState } from 'react';
import { ApiError } from '../api/client';
import { authMessages } from '../auth/messages';
import { SignedOutNotice } from '../auth/signed-out-notice';
import { useSession } from '../auth/session';
import { TotpStep } from '../auth/totp-step';
import { useLocale, useT } from '../i18n/i18n';
import { ErrorLine } from '../shared/error-line';
import { useFormSubmit } from '../shared/use-form-submit';
import { brandMark } from '../shell/brand-mark';
import { shellMessages } from '../shell/messages';
import styles from './login-page.module.css';

function Brand() {
  const t = useT(shellMessages);
  return (
    <div className={styles.loginBrand}>
      <img src={brandMark} alt="" width={48} height={48} />
      <div>
        <h1>
          Yakuba <span className="muted">役場</span>
        </h1>
        <p className="muted">{t('loginHint')}</p>
      </div>
    </div>
  );
}

export function LoginPage() {
  const t = useT(shellMessages);
  const ta = useT(authMessages);
  const { login } = useSession();
  const { locale, setLocale } = useLocale();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      if ((await login(username, password)) === 'totp') {
        setPassword('');
        setStep('totp');
      }
    },
    (err) =>
      err instanceof ApiError && err.status === 429
        ? t('tooManyAttempts')
        : err instanceof ApiError && err.status === 403 && err.body?.message?.startsWith('totp_required')
          ? ta('outsideRequired')
          : t('loginFailed'),
  );

  if (step === 'totp')
    return (
      <div className={styles.loginPage}>
        <div className={styles.loginCard}>
          <Brand />
          <TotpStep onRestart={() => setStep('password')} />
        </div>
      </div>
    );

  return (
    <div className={styles.loginPage}>
      <form className={styles.loginCard} onSubmit={onSubmit}>
        <Brand />
        <SignedOutNotice />
        <h2>{t('loginTitle')}</h2>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorLine text={error} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
          data-testid="language-switch"
        >
          {t('language')}
        </button>
      </form>
    </div>
  );
}
