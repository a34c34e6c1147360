import { historyDepth, passwordClasses, passwordProblems } from './password-policy';

describe('password policy', () => {
  const policy = { minLength: 12, requiredClasses: ['lower', 'upper', 'digit'] as const, historyCount: 3 };

  it('names every class a password has', () => {
    expect(passwordClasses('abcDEF123!')).toEqual(['lower', 'upper', 'digit', 'symbol']);
    expect(passwordClasses('やくばのパスワード')).toEqual(['symbol']);
    expect(passwordClasses('ＡＢＣ１２３')).toEqual(['upper', 'digit']);
  });

  it('accepts a password that meets every rule', () => {
    expect(passwordProblems('Correct1Horse', { ...policy, requiredClasses: [...policy.requiredClasses] })).toEqual([]);
  });

  it('measures length in characters, not bytes', () => {
    expect(passwordProblems('役場の新しい合言葉です', { minLength: 11, requiredClasses: [], historyCount: 0 })).toEqual([]);
    expect(passwordProblems('役場の合言葉', { minLength: 11, requiredClasses: [], historyCount: 0 })).toEqual([
      'must be at least 11 characters',
    ]);
  });

  it('lists every missing class and a reuse', () => {
    expect(passwordProblems('short', { ...policy, requiredClasses: [...policy.requiredClasses] }, true)).toEqual([
      'must be at least 12 characters',
      'must contain upper, digit characters',
      'must differ from the last 3 passwords',
    ]);
  });

  it('always keeps at least the current password in the history', () => {
    expect(historyDepth({ ...policy, requiredClasses: [], historyCount: 0 })).toBe(1);
    expect(historyDepth({ ...policy, requiredClasses: [], historyCount: 5 })).toBe(5);
  });
});
