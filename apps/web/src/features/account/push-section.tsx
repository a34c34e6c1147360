import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { devicePushId, enableDevicePush, forgetDevicePush, pushApi, pushSupported } from '../../auth/device-push';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { Feedback } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format-date';
import { pushMessages } from './push-messages';
import styles from './account.module.css';

const pushKeys = { config: ['push', 'config'] as const, mine: ['push', 'subscriptions'] as const };

/**
 * Web Push on this device, shown only when the server enables it (WEB_PUSH_ENABLED; off inside LGWAN): the switch,
 * a test notification, and the devices that receive the user's pushes (each can be removed).
 */
export function PushSection() {
  const t = useT(pushMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const config = useQuery({ queryKey: pushKeys.config, queryFn: pushApi.config, staleTime: 5 * 60_000 });
  const enabled = config.data?.enabled === true;
  const devices = useQuery({ queryKey: pushKeys.mine, queryFn: pushApi.mine, enabled });
  const [thisId, setThisId] = useState(() => (user ? devicePushId(user.id) : null));
  const [denied, setDenied] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: pushKeys.mine });
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      if (!user || !config.data?.publicKey) return;
      if (on) setThisId((await enableDevicePush(user.id, config.data.publicKey)).id);
      else {
        await forgetDevicePush(user.id);
        setThisId(null);
      }
    },
    onError: (e) => setDenied(e instanceof Error && e.message === 'permission'),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      if (user && id === thisId) {
        await forgetDevicePush(user.id);
        setThisId(null);
      } else await pushApi.remove(id);
    },
    onSettled: refresh,
  });
  const test = useMutation({ mutationFn: pushApi.test, onSettled: refresh });

  if (!enabled) return null;
  const supported = pushSupported();
  const on = thisId !== null && (devices.data ?? []).some((d) => d.id === thisId);
  return (
    <section className={`card ${styles.section}`} aria-labelledby="push-title" data-testid="push-section">
      <h2 id="push-title">{t('title')}</h2>
      <p className="muted small">{t('intro')}</p>
      {!supported ? (
        <p>{t('unsupported')}</p>
      ) : (
        <>
          <label>
            <input
              type="checkbox"
              role="switch"
              aria-label={t('switchLabel')}
              checked={on}
              disabled={toggle.isPending}
              onChange={(e) => toggle.mutate(e.target.checked)}
            />{' '}
            {on ? t('on') : t('off')}
          </label>
          {denied && <p className="error">{t('denied')}</p>}
          <Feedback
            success={test.isSuccess && t('testSent', { count: test.data.sent })}
            errors={[config.error, devices.error, denied ? null : toggle.error, remove.error, test.error]}
          />
          <div>
            <button onClick={() => test.mutate()} disabled={test.isPending || !(devices.data ?? []).length}>
              {t('test')}
            </button>
          </div>
        </>
      )}
      <h3 className="small">{t('devices')}</h3>
      <DataTable
        rows={devices.data ?? []}
        rowKey={(d) => d.id}
        label={t('devices')}
        busy={devices.isPending}
        columns={[
          { header: t('service'), className: 'small', cell: (d) => (d.id === thisId ? `${d.endpointHost}（${t('thisDevice')}）` : d.endpointHost) },
          { header: t('since'), className: 'small', cell: (d) => formatDateTime(d.createdAt, locale) },
          { header: t('lastDelivered'), className: 'small', cell: (d) => (d.lastSuccessAt ? formatDateTime(d.lastSuccessAt, locale) : '—') },
          {
            header: '',
            cell: (d) => (
              <button onClick={() => remove.mutate(d.id)} disabled={remove.isPending}>
                {t('remove')}
              </button>
            ),
          },
        ]}
      />
      {devices.isSuccess && devices.data.length === 0 && <p className="small muted">{t('none')}</p>}
    </section>
  );
}
