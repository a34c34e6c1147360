import iconv from 'iconv-lite';
import { readCsv } from './csv-reader';
import { writeCsv } from './csv-writer';

const rows = [
  ['氏名', 'メモ', '金額'],
  ['佐藤 太郎', '予算, 補正（第1号）', 1200],
  ['鈴木 花子', '「いわゆる"二重引用符"」', -5],
  ['高橋', '一行目\n二行目\r\n三行目', 0],
  ['=SUM(A1:A9)', '+81 3-1234', '@cmd'],
  ['-1+1', '\tタブ', ''],
  ['', null, true],
];

const expected = [
  ['氏名', 'メモ', '金額'],
  ['佐藤 太郎', '予算, 補正（第1号）', '1200'],
  ['鈴木 花子', '「いわゆる"二重引用符"」', '-5'],
  ['高橋', '一行目\n二行目\r\n三行目', '0'],
  ["'=SUM(A1:A9)", "'+81 3-1234", "'@cmd"],
  ["'-1+1", "'\tタブ", ''],
  ['', '', 'true'],
];

describe('CSV writer', () => {
  it.each(['utf-8', 'shift_jis'] as const)('reads back what it wrote in %s', (encoding) => {
    const bytes = writeCsv(rows, { encoding });
    expect(readCsv(bytes)).toEqual(expected);
    expect(readCsv(bytes, { encoding })).toEqual(expected);
  });

  it('writes UTF-8 with a BOM and CRLF line ends, quoting only where RFC 4180 needs it', () => {
    const bytes = writeCsv([
      ['a', 'b,c', 'say "hi"'],
      ['x', 'y\nz', 3],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf-8')).toBe('a,"b,c","say ""hi"""\r\nx,"y\nz",3\r\n');
  });

  it('writes Shift_JIS (Windows-31J) bytes without a BOM', () => {
    const bytes = writeCsv([['役場', '①']], { encoding: 'shift_jis' });
    expect(bytes.equals(iconv.encode('役場,①\r\n', 'cp932'))).toBe(true);
  });

  it('maps Mac and JIS look-alikes to their Windows-31J code points', () => {
    const bytes = writeCsv([['9時〜17時', '−3', '‖']], { encoding: 'shift_jis' });
    expect(readCsv(bytes)).toEqual([['9時～17時', '－3', '∥']]);
  });

  it('refuses, or substitutes 〓 for, a character Shift_JIS cannot hold', () => {
    const row = [['𠮷野家', '🙂']];
    expect(() => writeCsv(row, { encoding: 'shift_jis' })).toThrow(/row 1, column 1: "𠮷" \(U\+20BB7\) cannot be written in Shift_JIS/);
    expect(readCsv(writeCsv(row, { encoding: 'shift_jis', unmappable: 'substitute' }))).toEqual([['〓野家', '〓']]);
    expect(readCsv(writeCsv(row))).toEqual(row);
  });
});

describe('CSV reader', () => {
  it('tells UTF-8 from Shift_JIS by the bytes and drops the BOM', () => {
    expect(readCsv(Buffer.from('\uFEFF名前\r\n役場\r\n', 'utf-8'))).toEqual([['名前'], ['役場']]);
    expect(readCsv(iconv.encode('名前\r\n役場\r\n', 'cp932'))).toEqual([['名前'], ['役場']]);
  });

  it('trims on request and says why a broken file cannot be read', () => {
    expect(readCsv(Buffer.from(' a , b \n'), { trim: true })).toEqual([['a', 'b']]);
    expect(() => readCsv(Buffer.from('"unclosed\n'))).toThrow(expect.objectContaining({ code: 'unprocessable' }));
  });
});
