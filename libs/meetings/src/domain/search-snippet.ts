/** Up to 30 characters either side of the first match, on one line, with … where the page text goes on. */
export function searchSnippet(text: string, q: string): string {
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  const start = Math.max(0, at - 30);
  return (start > 0 ? '…' : '') + text.slice(start, at + q.length + 30).replace(/\n/g, ' ') + (at + q.length + 30 < text.length ? '…' : '');
}
