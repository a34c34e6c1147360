import { KPI_KEYS } from '@yakuba/contracts';
import { KPI_CATALOGUE, objectiveVerdict, roundFigure } from './kpi-catalogue';

describe('KPI catalogue', () => {
  it('describes every KPI once, in the contract’s order', () => {
    expect(KPI_CATALOGUE.map((k) => k.key)).toEqual([...KPI_KEYS]);
    for (const k of KPI_CATALOGUE) expect(k.ja.length && k.en.length).toBeTruthy();
  });

  it('the two perception KPIs have the plan’s 70% target; paperless meetings 100%', () => {
    const target = (key: string) => KPI_CATALOGUE.find((k) => k.key === key)!.target;
    expect([target('workload_reduced'), target('chat_information_improved'), target('paperless_meetings')]).toEqual([0.7, 0.7, 1]);
  });

  it('objective verdicts', () => {
    expect(objectiveVerdict(1, 1, true)).toBe('met');
    expect(objectiveVerdict(0.95, 1, true)).toBe('not_met');
    expect(objectiveVerdict(null, 1, true)).toBe('unclear');
    expect(objectiveVerdict(12, null, false)).toBe('unclear');
    expect(objectiveVerdict(10, 12, false)).toBe('met');
  });

  it('rounds figures by unit', () => {
    expect(roundFigure(0.123456, 'share')).toBe(0.1235);
    expect(roundFigure(12.34, 'hours')).toBe(12.3);
    expect(roundFigure(7.6, 'count')).toBe(8);
    expect(roundFigure(null, 'count')).toBeNull();
  });
});
