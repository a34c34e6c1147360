import type { DamageCategory, DamageStatus } from '@yakuba/contracts';

export const CATEGORY_LABELS: Record<DamageCategory, string> = {
  road: '道路',
  river: '河川',
  building: '建物',
  power: '停電',
  water: '断水',
  landslide: '土砂',
  casualty: '人的被害',
  other: 'その他',
};

export const STATUS_LABELS: Record<DamageStatus, string> = { open: '未対応', in_progress: '対応中', done: '完了' };

export const SEVERITY_LABELS: Record<number, string> = { 1: '軽微', 2: '中程度', 3: '重大' };

/** Where a report is when the reporter gave no coordinates: the first photo that carries a GPS position. */
export function photoLocation(photos: readonly { lat: number | null; lng: number | null }[]): { lat: number; lng: number } | undefined {
  const found = photos.find((p) => p.lat !== null && p.lng !== null);
  return found ? { lat: found.lat!, lng: found.lng! } : undefined;
}
