import { parse } from 'content-disposition';
import { downloadDisposition, uploadFileName } from './uploads';

const asMulterReadsIt = (name: string) => Buffer.from(name, 'utf8').toString('latin1');

describe('upload file names', () => {
  it('decodes the UTF-8 bytes that multer reads as latin1', () => {
    expect(uploadFileName(asMulterReadsIt('庁議資料.pdf'))).toBe('庁議資料.pdf');
  });
  it('keeps a name that is not UTF-8 as it was sent', () => {
    expect(uploadFileName('caf\u00e9.pdf')).toBe('caf\u00e9.pdf');
  });
  it('replaces path separators and control characters, and falls back when empty', () => {
    expect(uploadFileName(asMulterReadsIt('../a\\b\r\n\0.png'))).toBe('.._a_b___.png');
    expect(uploadFileName('')).toBe('file');
    expect(uploadFileName(undefined, '資料')).toBe('資料');
  });
  it('cuts long names to 255 characters', () => {
    expect(uploadFileName('a'.repeat(300))).toHaveLength(255);
  });
});

describe('download headers', () => {
  it('carries a Japanese file name that parses back to itself', () => {
    const header = downloadDisposition('attachment', '議事録 第1回.pdf');
    expect(header.startsWith('attachment;')).toBe(true);
    expect(parse(header).parameters.filename).toBe('議事録 第1回.pdf');
  });
  it('marks inline files as inline', () => {
    expect(parse(downloadDisposition('inline', 'photo.png')).type).toBe('inline');
  });
});
