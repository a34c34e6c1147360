import { isOrganiser, requireOrganiser } from './meeting-roles';

describe('meeting roles', () => {
  it('lets only the organiser run the meeting', () => {
    expect(isOrganiser('organiser')).toBe(true);
    expect(isOrganiser('participant')).toBe(false);
    expect(() => requireOrganiser('organiser')).not.toThrow();
    expect(() => requireOrganiser('participant')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
