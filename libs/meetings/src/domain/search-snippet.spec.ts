import { searchSnippet } from './search-snippet';

describe('search snippet', () => {
  it('shows the match with up to 30 characters either side, on one line', () => {
    expect(searchSnippet('予算案\nについて', 'について')).toBe('予算案 について');
    const long = 'あ'.repeat(40) + '防災' + 'い'.repeat(40);
    expect(searchSnippet(long, '防災')).toBe('…' + 'あ'.repeat(30) + '防災' + 'い'.repeat(30) + '…');
  });

  it('matches regardless of case', () => {
    expect(searchSnippet('The PDF file', 'pdf')).toBe('The PDF file');
  });
});
