import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TotpEnrolment } from '@yakuba/contracts';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { accountApi, accountKeys } from './account-api';
import { accountMessages } from './messages';
import styles from './account.module.css';

/** Enrol an authenticator (QR + key, confirmed by a code; recovery codes shown once), or remove it with a code. */
export function TotpSection() {
  const t = useT(accountMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: accountKeys.totp, queryFn: accountApi.totp });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const codeError = (err: unknown) => (err instanceof ApiError && err.status === 400 ? t('wrongCode') : errorText(err));
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.totp });

  const start = useMutation({
    mutationFn: accountApi.enrol,
    onSuccess: (e) => {
      setEnrolment(e);
      setMessage(null);
      setCode('');
    },
    onError: (err) => setMessage({ ok: false, text: errorText(err) }),
  });
  const confirm = useMutation({
    mutationFn: accountApi.confirm,
    onSuccess: (r) => {
      setEnrolment(null);
      setRecoveryCodes(r.recoveryCodes);
      setCode('');
      void refresh();
    },
    onError: (err) => setMessage({ ok: false, text: codeError(err) }),
  });
  const disable = useMutation({
    mutationFn: accountApi.disable,
    onSuccess: () => {
      setCode('');
      setMessage({ ok: true, text: t('disabled') });
      void refresh();
    },
    onError: (err) => setMessage({ ok: false, text: codeError(err) }),
  });

  const submit = (e: FormEvent, action: (code: string) => void) => {
    e.preventDefault();
    setMessage(null);
    action(code.trim());
  };
  const s = status.data;

  return (
    <section className={`card ${styles.section}`} aria-labelledby="totp-title">
      <h2 id="totp-title">{t('totp')}</h2>
      <p className="muted">{t('totpIntro')}</p>
      {s?.requiredOutsideInternal && <p className="small">{t('totpRequired')}</p>}
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {recoveryCodes ? (
        <div data-testid="recovery-codes">
          <h3>{t('recoveryTitle')}</h3>
          <p className="small">{t('recoveryHint')}</p>
          <ul className={styles.codes}>
            {recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <button className="primary" onClick={() => setRecoveryCodes(null)}>
            {t('recoveryDone')}
          </button>
        </div>
      ) : enrolment ? (
        <div className={styles.enrolGrid}>
          <img className={styles.qr} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('qrAlt')} />
          <form className={`form ${styles.narrowForm}`} onSubmit={(e) => submit(e, (c) => confirm.mutate(c))}>
            <p>{t('scan')}</p>
            <p className="small muted">
              {t('secretText')}: <span className={styles.secret} data-testid="totp-secret">{enrolment.secret}</span>
            </p>
            <label>
              {t('confirmCode')}
              <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} required />
            </label>
            <div className={styles.inline}>
              <button className="primary" type="submit" disabled={confirm.isPending}>
                {t('confirm')}
              </button>
              <button type="button" onClick={() => setEnrolment(null)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        </div>
      ) : s?.enrolled ? (
        <>
          <dl className="facts">
            <dt>{t('enrolled')}</dt>
            <dd>{s.enrolledAt ? `${t('enrolledAt')}: ${formatDateTime(s.enrolledAt, locale)}` : '✓'}</dd>
            <dt>{t('recoveryLeft')}</dt>
            <dd>{s.recoveryCodesLeft}</dd>
          </dl>
          <form className={styles.inline} onSubmit={(e) => submit(e, (c) => disable.mutate(c))}>
            <label>
              <span className="small">{t('disableHint')}</span>
              <input name="disableCode" autoComplete="one-time-code" maxLength={40} value={code} onChange={(e) => setCode(e.target.value)} required />
            </label>
            <button type="submit" disabled={disable.isPending}>
              {t('disable')}
            </button>
          </form>
        </>
      ) : (
        <>
          {s && <p>{t('notEnrolled')}</p>}
          <div>
            <button className="primary" onClick={() => start.mutate()} disabled={start.isPending || !s}>
              {t('enrol')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
