import {
  assertCanPublish,
  assertCanReadFile,
  assertCanReadText,
  assertCanSee,
  assertCanUpload,
  assertPageOf,
  canReadFile,
  canSeeDocument,
  canUpload,
  clampPageWidth,
  seesDrafts,
} from './document-rules';

const draft = { publishedAt: null, confidential: false };
const published = { publishedAt: new Date('2026-04-01T00:00:00Z'), confidential: false };
const confidential = { publishedAt: new Date('2026-04-01T00:00:00Z'), confidential: true };

describe('document rules', () => {
  it('keeps drafts with the organiser until published', () => {
    expect(seesDrafts('organiser')).toBe(true);
    expect(seesDrafts('participant')).toBe(false);
    expect(canSeeDocument('organiser', draft)).toBe(true);
    expect(canSeeDocument('participant', draft)).toBe(false);
    expect(canSeeDocument('participant', published)).toBe(true);
  });

  it('answers "not found" for a document the caller may not see, or that does not exist', () => {
    expect(() => assertCanSee('participant', draft)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => assertCanSee('organiser', null)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => assertCanSee('organiser', draft)).not.toThrow();
  });

  it('lets the organiser and the current presenter upload, nobody else', () => {
    expect(canUpload('organiser', 'org', 'someone')).toBe(true);
    expect(canUpload('participant', 'p', 'p')).toBe(true);
    expect(canUpload('participant', 'p', 'org')).toBe(false);
    expect(() => assertCanUpload('participant', 'p', 'org')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('lets only the organiser publish', () => {
    expect(() => assertCanPublish('organiser')).not.toThrow();
    expect(() => assertCanPublish('participant')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('gives the bytes and text of a confidential document to the organiser only', () => {
    expect(canReadFile('participant', published)).toBe(true);
    expect(canReadFile('participant', confidential)).toBe(false);
    expect(canReadFile('organiser', confidential)).toBe(true);
    expect(() => assertCanReadFile('participant', confidential, 'attachment')).toThrow(/cannot be downloaded/);
    expect(() => assertCanReadFile('participant', confidential, 'inline')).toThrow(/page images/);
    expect(() => assertCanReadText('participant', confidential)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertCanReadText('organiser', confidential)).not.toThrow();
  });

  it('checks page numbers and clamps page image widths', () => {
    expect(() => assertPageOf(1, 3)).not.toThrow();
    expect(() => assertPageOf(3, 3)).not.toThrow();
    for (const bad of [0, 4, 1.5]) expect(() => assertPageOf(bad, 3)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(clampPageWidth(undefined)).toBe(1200);
    expect(clampPageWidth(10)).toBe(120);
    expect(clampPageWidth(5000)).toBe(2000);
    expect(clampPageWidth(800.4)).toBe(800);
  });
});
