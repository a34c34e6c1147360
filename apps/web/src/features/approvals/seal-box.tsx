import type { ApprovalView, RouteApproverView, RouteStageView } from '@yakuba/contracts';
import { useT } from '../../i18n/i18n';
import { calendarDay, formatStampDate } from '../../shared/format-date';
import { approvalsMessages } from './messages';
import { SealStamp } from './seal-stamp';
import styles from './approvals.module.css';

interface Cell {
  key: string;
  head: string;
  approver?: RouteApproverView;
  stage?: RouteStageView;
  drafter?: { name: string; position: string | null; at: string };
}

/**
 * 決裁欄 as on the paper form: one box per approver, the head on the left and the drafter on the right, each filled
 * with a 電子印 once they acted (a 代決 shows the proxy's seal marked 代決, and 後閲 under it once reviewed). 合議 and
 * 供覧 get their own rows.
 */
export function SealBox({ approval }: { approval: ApprovalView }) {
  const t = useT(approvalsMessages);
  const line = approval.route.filter((s) => s.kind === 'approval' && s.state !== 'skipped');
  const consult = approval.route.filter((s) => s.kind === 'consultation' && s.state !== 'skipped');
  const circulate = approval.route.filter((s) => s.kind === 'circulation' && s.state !== 'skipped');
  // Every stamp shows the name and position recorded with the act, never the directory's current ones.
  const seal = approval.drafterStamp;
  const drafterCell: Cell = {
    key: 'drafter',
    head: t('drafter'),
    drafter: seal ? { name: seal.name, position: seal.position, at: seal.at } : undefined,
  };
  const cells = (stages: RouteStageView[]): Cell[] =>
    stages.flatMap((s) => s.approvers.map((a) => ({ key: `${s.stage}:${a.userId}`, head: a.position ?? s.label, approver: a, stage: s })));
  return (
    <div data-testid="seal-box">
      <SealRow cells={[...cells(line).reverse(), drafterCell]} approval={approval} />
      {consult.length > 0 && (
        <>
          <h3 className="small muted">{t('consultation')}</h3>
          <SealRow cells={cells(consult).reverse()} approval={approval} />
        </>
      )}
      {circulate.length > 0 && (
        <>
          <h3 className="small muted">{t('circulation')}</h3>
          <SealRow cells={cells(circulate).reverse()} approval={approval} />
        </>
      )}
    </div>
  );
}

function SealRow({ cells, approval }: { cells: Cell[]; approval: ApprovalView }) {
  const t = useT(approvalsMessages);
  return (
    <div className={styles.sealTable}>
      {cells.map((c) => {
        const a = c.approver;
        const done = a && (a.state === 'approved' || a.state === 'proxy_approved' || a.state === 'seen') && a.actedAt;
        const review = a?.proxyId ? approval.reviews.find((r) => r.approverId === a.userId && r.stage === c.stage?.stage) : undefined;
        const stated = c.stage?.decision && approval.statedDecisionDate;
        return (
          <div
            key={c.key}
            className={`${styles.sealCell} ${a?.state === 'waiting' ? styles.sealCurrent : ''}`}
            data-testid="seal-cell"
            data-state={a?.state ?? (c.drafter ? 'drafted' : 'pending')}
          >
            <div className={styles.sealCellHead}>
              {c.head}
              {c.stage?.decision && <span className={styles.stageGroup}> ({t('decide')})</span>}
            </div>
            <div className={styles.sealCellBody}>
              {c.drafter && <SealStamp name={c.drafter.name} position={c.drafter.position} at={c.drafter.at} />}
              {a && done && a.state === 'proxy_approved' && a.proxyName && (
                <SealStamp
                  name={a.stamp?.name ?? a.proxyName}
                  position={a.stamp?.position ?? null}
                  at={a.stamp?.at ?? a.actedAt!}
                  proxy
                  label={`${t('proxyFor', { name: a.stamp?.onBehalfOfName ?? a.displayName })} ${a.stamp?.name ?? a.proxyName}`}
                />
              )}
              {a && done && a.state !== 'proxy_approved' && (
                <SealStamp
                  name={a.stamp?.name ?? a.displayName}
                  position={a.stamp?.position ?? a.position}
                  at={a.stamp?.at ?? a.actedAt!}
                />
              )}
              {a && !done && (
                <span className={a.state === 'sent_back' || a.state === 'rejected' ? styles.sealReturned : styles.sealWaiting}>
                  {a.state === 'waiting'
                    ? t('current')
                    : a.state === 'sent_back'
                      ? t('send_back')
                      : a.state === 'rejected'
                        ? t('reject')
                        : ''}
                </span>
              )}
            </div>
            <div className={styles.sealCellFoot}>
              {(done && a?.stamp ? (a.stamp.onBehalfOfName ?? a.stamp.name) : a?.displayName) ?? c.drafter?.name ?? ''}
              {review && (
                <div className={review.doneAt ? 'success' : 'error'}>
                  {review.doneAt ? `${t('reviewDone')} ${formatStampDate(review.doneAt)}` : t('reviewPending')}
                </div>
              )}
              {stated && done && <div className="small">（{formatStampDate(calendarDay(stated))}）</div>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
