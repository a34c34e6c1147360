import type { TimelineEventView, TimelineKind } from '@yakuba/contracts';

/** 種別 as the record shows it. */
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  declared: '発令',
  level_changed: '体制変更',
  message: '発言',
  urgent: '緊急連絡',
  acknowledged: '確認',
  renotified: '再通知',
  roll_call: '安否・参集',
  duty_requested: '配備要請',
  duty_confirmed: '配備確認',
  duty_unavailable: '配備不可',
  duty_reassigned: '配備変更',
  damage_reported: '被害報告',
  damage_updated: '被害対応',
  situation: '状況報告',
  guest_invited: 'ゲスト招待',
  guest_removed: 'ゲスト退出',
  closed: '終了',
};

/**
 * One chronological record from the two sources: the disaster's own timeline rows and the channel's messages.
 * Stable: equal times keep their source order (the timeline's row order, then the channel's seq).
 */
export function mergeTimeline(events: readonly TimelineEventView[], messages: readonly TimelineEventView[]): TimelineEventView[] {
  const all = [...events.map((e, i) => ({ e, i })), ...messages.map((e, i) => ({ e, i: events.length + i }))];
  all.sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i);
  return all.map((x) => x.e);
}

/** The record's header lines (CSV and PDF): a drill says so first. */
export function recordTitle(title: string, drill: boolean): string {
  return drill ? `【訓練】${title} 災害対応記録（訓練）` : `${title} 災害対応記録`;
}

/** Rows of timeline.csv: a header, then one row per event; a drill is marked in the title row and on every row. */
export function timelineCsvRows(
  title: string,
  drill: boolean,
  events: readonly TimelineEventView[],
  format: (iso: string) => string,
): string[][] {
  const head = [[recordTitle(title, drill)], ['日時', '種別', '記録者', '内容', '訓練']];
  return [...head, ...events.map((e) => [format(e.at), TIMELINE_KIND_LABELS[e.kind], e.actorName, e.summary, drill ? '訓練' : ''])];
}
