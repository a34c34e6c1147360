import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getSocket } from '../../api/socket';
import { useT } from '../../i18n/i18n';
import { surveysMessages } from './messages';
import { mySurveysQuery, surveysKeys } from './surveys-queries';

/**
 * The menu's count of open surveys I have not answered. A survey opening, a reminder or a close (socket events to
 * `user:<id>`) refreshes it at once.
 */
export function UnansweredBadge() {
  const t = useT(surveysMessages);
  const queryClient = useQueryClient();
  const count = useQuery({ ...mySurveysQuery, select: (list) => list.filter((s) => !s.answered).length }).data ?? 0;
  useEffect(() => {
    const socket = getSocket();
    const refresh = () => void queryClient.invalidateQueries({ queryKey: surveysKeys.mine });
    socket.on('survey:opened', refresh);
    socket.on('survey:reminder', refresh);
    socket.on('survey:closed', refresh);
    return () => {
      socket.off('survey:opened', refresh);
      socket.off('survey:reminder', refresh);
      socket.off('survey:closed', refresh);
    };
  }, [queryClient]);
  if (count === 0) return null;
  return (
    <span className="badge" aria-label={t('unansweredCount', { count })} data-testid="surveys-nav-badge">
      {count}
    </span>
  );
}
