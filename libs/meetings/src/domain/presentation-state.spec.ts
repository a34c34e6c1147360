import type { PresentationState } from '@yakuba/contracts';
import { handOver, present } from './presentation-state';

const state: PresentationState = { meetingId: 'm1', documentId: null, page: 1, zoom: 1, presenterId: 'p', version: 0 };
const doc = { id: 'd1', meetingId: 'm1', pageCount: 3 };

describe('presentation state', () => {
  it('turns pages and bumps the version by exactly one per change', () => {
    const a = present(state, 'p', { documentId: 'd1', page: 2 }, doc);
    expect(a).toEqual({ ...state, documentId: 'd1', page: 2, zoom: 1, version: 1 });
    const b = present(a, 'p', { documentId: 'd1', page: 3, zoom: 1.5 }, doc);
    expect(b.version).toBe(2);
    expect(b.zoom).toBe(1.5);
    // The zoom stays when only the page changes in the same document.
    expect(present(b, 'p', { documentId: 'd1', page: 1 }, doc)).toMatchObject({ page: 1, zoom: 1.5, version: 3 });
  });

  it('does not bump the version when nothing changes', () => {
    const a = present(state, 'p', { documentId: 'd1', page: 2 }, doc);
    expect(present(a, 'p', { documentId: 'd1', page: 2 }, doc)).toBe(a);
  });

  it('lets only the presenter present', () => {
    expect(() => present(state, 'someone', { documentId: 'd1', page: 1 }, doc)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('keeps pages 1-based and within the document, zoom within range', () => {
    for (const page of [0, 4, -1, 1.5]) {
      expect(() => present(state, 'p', { documentId: 'd1', page }, doc)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    }
    for (const zoom of [0, 0.1, 9, Number.NaN]) {
      expect(() => present(state, 'p', { documentId: 'd1', page: 1, zoom }, doc)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    }
  });

  it('refuses a document of another meeting as not found', () => {
    expect(() => present(state, 'p', { documentId: 'd2', page: 1 }, { id: 'd2', meetingId: 'other', pageCount: 5 })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => present(state, 'p', { documentId: 'd2', page: 1 }, null)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('hands the presenter role over by the organiser only, to a participant', () => {
    expect(handOver(state, 'org', 'org', 'q', true)).toMatchObject({ presenterId: 'q', version: 1 });
    expect(() => handOver(state, 'p', 'org', 'q', true)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => handOver(state, 'org', 'org', 'x', false)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(handOver(state, 'org', 'org', 'p', true)).toBe(state);
  });
});
