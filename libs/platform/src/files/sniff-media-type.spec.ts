import { sniffMediaType } from './sniff-media-type';

/** A PNG signature and the IHDR chunk that every PNG starts with (file-type reads the first chunk). */
const PNG_HEAD = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);

describe('sniffMediaType', () => {
  it('reads the signature, not the name', async () => {
    expect(await sniffMediaType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(await sniffMediaType(PNG_HEAD)).toBe('image/png');
    expect(await sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(await sniffMediaType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(await sniffMediaType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(await sniffMediaType(Buffer.from('PK\x03\x04 a zip renamed to .pdf'))).toBeNull();
    expect(await sniffMediaType(new Uint8Array())).toBeNull();
  });
  it('finds a PDF behind a little leading garbage, as PDF readers do', async () => {
    expect(await sniffMediaType(Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from('%PDF-1.4\n')]))).toBe('application/pdf');
  });
});
