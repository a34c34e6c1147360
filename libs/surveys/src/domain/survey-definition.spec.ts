import { DomainError } from '@yakuba/contracts';
import { dxTemplateDefinition } from './dx-template';
import { effectiveStatus, openTransition, reminderText } from './survey-lifecycle';
import { isShown, normaliseDefinition, normaliseThreshold, validateAnswers } from './survey-definition';

const def = () => normaliseDefinition(dxTemplateDefinition('2026-12-01T00:00:00Z'));
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'none';
};

describe('survey definition', () => {
  it('the DX template binds its two KPI questions with target 0.7 and the top two boxes', () => {
    const kpis = def().questions.filter((q) => q.kpi);
    expect(kpis.map((q) => [q.kpi!.key, q.kpi!.target, q.kpi!.agree])).toEqual([
      ['workload_reduced', 0.7, [4, 5]],
      ['chat_information_improved', 0.7, [4, 5]],
    ]);
  });

  it('refuses duplicate keys, unknown sections, conditions on later questions, KPI on text', () => {
    const q = { key: 'a', type: 'likert5' as const, text: 'A' };
    expect(code(() => normaliseDefinition({ questions: [q, q] }))).toBe('bad_request');
    expect(code(() => normaliseDefinition({ questions: [{ ...q, section: 'x' }] }))).toBe('bad_request');
    expect(
      code(() =>
        normaliseDefinition({
          questions: [
            { ...q, showIf: { questionKey: 'b', anyOf: [1] } },
            { ...q, key: 'b' },
          ],
        }),
      ),
    ).toBe('bad_request');
    expect(code(() => normaliseDefinition({ questions: [{ key: 't', type: 'text', text: 'T', kpi: { target: 0.7 } }] }))).toBe(
      'bad_request',
    );
    expect(code(() => normaliseDefinition({ questions: [{ key: 's', type: 'single', text: 'S', options: ['x'] }] }))).toBe('bad_request');
    expect(normaliseDefinition({ questions: [{ ...q, kpi: { target: 0.7 } }] }).questions[0].kpi).toEqual({ target: 0.7, agree: [4, 5] });
  });

  it('k is 5 by default and never below 3', () => {
    expect(normaliseThreshold(undefined)).toBe(5);
    expect(normaliseThreshold(3)).toBe(3);
    expect(code(() => normaliseThreshold(2))).toBe('bad_request');
  });

  it('answers: required, conditional display, shapes', () => {
    const d = def();
    const ok = {
      workload_reduced: 4,
      workload_factors: ['電子決裁'],
      chat_information_improved: 2,
      chat_usage: '毎日',
      tools: { e_approvals: 5 },
    };
    expect(validateAnswers(d, ok)).toEqual(ok);
    expect(code(() => validateAnswers(d, { ...ok, workload_reduced: undefined as never }))).toBe('bad_request');
    // Shown only when workload_reduced is 4 or 5.
    expect(code(() => validateAnswers(d, { ...ok, workload_reduced: 2 }))).toBe('bad_request');
    expect(isShown(d.questions[1], { workload_reduced: 5 })).toBe(true);
    expect(code(() => validateAnswers(d, { ...ok, chat_usage: '毎時' }))).toBe('bad_request');
    expect(code(() => validateAnswers(d, { ...ok, tools: { nope: 3 } }))).toBe('bad_request');
    expect(code(() => validateAnswers(d, { ...ok, unknown: 1 }))).toBe('bad_request');
    expect(code(() => validateAnswers(d, { ...ok, workload_reduced: 6 }))).toBe('bad_request');
  });

  it('lifecycle: scheduled opens at opensAt, open closes at closesAt', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const later = new Date('2026-06-02T00:00:00Z');
    const close = new Date('2026-06-10T00:00:00Z');
    expect(openTransition({ status: 'draft', opensAt: null, closesAt: close }, now, later)).toEqual({
      status: 'scheduled',
      opensAt: later,
    });
    expect(openTransition({ status: 'draft', opensAt: null, closesAt: close }, now, null).status).toBe('open');
    expect(effectiveStatus({ status: 'scheduled', opensAt: later, closesAt: close }, now)).toBe('scheduled');
    expect(effectiveStatus({ status: 'scheduled', opensAt: later, closesAt: close }, new Date('2026-06-03T00:00:00Z'))).toBe('open');
    expect(effectiveStatus({ status: 'open', opensAt: now, closesAt: close }, close)).toBe('closed');
    expect(code(() => openTransition({ status: 'closed', opensAt: null, closesAt: close }, now, null))).toBe('conflict');
  });

  it('the reminder text names nobody', () => {
    expect(reminderText('調査', '6月10日')).not.toMatch(/様|さん/);
  });
});
