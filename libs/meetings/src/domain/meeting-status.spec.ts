import { assertEditable, assertTransition } from './meeting-status';

describe('meeting status', () => {
  it('moves forward only: scheduled → live → ended', () => {
    expect(() => assertTransition('scheduled', 'live')).not.toThrow();
    expect(() => assertTransition('live', 'ended')).not.toThrow();
    expect(() => assertTransition('scheduled', 'ended')).not.toThrow();
    expect(() => assertTransition('live', 'live')).not.toThrow();
    expect(() => assertTransition('ended', 'live')).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => assertTransition('live', 'scheduled')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('freezes an ended meeting', () => {
    expect(() => assertEditable('live')).not.toThrow();
    expect(() => assertEditable('ended')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});
