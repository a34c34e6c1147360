import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { memo, useMemo } from 'react';
import styles from './chat.module.css';
import { drawBundledEmoji } from './emoji';
import { SAFE_LINK_HREF } from '@yakuba/contracts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The safe Markdown subset: marked parses (bold, italics, lists, code, links, line breaks), raw HTML in a message is
 * shown as text, and DOMPurify removes anything dangerous that remains. @mentions become highlighted spans.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
  },
  extensions: [
    {
      name: 'mention',
      level: 'inline',
      start: (src: string) => {
        const i = src.indexOf('@');
        return i < 0 ? undefined : i;
      },
      tokenizer(src: string) {
        // A username, a broadcast, or a department's name in kanji and katakana (@総務課: the server decides whether
        // it names one; here it is only marked).
        const match = /^@([a-z0-9][a-z0-9._-]*[a-z0-9]|channel|here|all|全員|[\p{Script=Han}\p{Script=Katakana}ー々ヶ]+)/iu.exec(src);
        return match ? { type: 'mention', raw: match[0], name: match[1] } : undefined;
      },
      renderer(token) {
        const name = String((token as unknown as { name: string }).name);
        const broadcast = ['channel', 'here', 'all', '全員'].includes(name.toLowerCase());
        return `<span class="chat-mention${broadcast ? ' broadcast' : ''}" data-mention="${escapeHtml(name)}">@${escapeHtml(name)}</span>`;
      },
    },
  ],
});

const PURIFY = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'a',
    'blockquote',
    'span',
    'h1',
    'h2',
    'h3',
    'h4',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  ALLOWED_ATTR: ['href', 'class', 'data-mention', 'target', 'rel', 'title'],
  ALLOWED_URI_REGEXP: SAFE_LINK_HREF,
};

let hooked = false;
export function renderMarkdown(body: string, me?: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  let html = DOMPurify.sanitize(marked.parse(body) as string, PURIFY);
  if (me) html = html.replaceAll(`data-mention="${me}"`, `data-mention="${me}" data-me="true"`);
  // Emoji as the bundled pictures, added after sanitising (our own elements, never the message's markup).
  return drawBundledEmoji(html);
}

export const MessageBody = memo(function MessageBody({ body, me }: { body: string; me?: string }) {
  const html = useMemo(() => renderMarkdown(body, me), [body, me]);
  return <div className={`${styles.chatBody} chat-body`} dangerouslySetInnerHTML={{ __html: html }} />;
});

/** Plain text with highlighted ranges (search results): React escapes the text. */
export function Highlighted({ text, ranges }: { text: string; ranges: { start: number; end: number }[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach((r, i) => {
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(<mark key={i}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <span className="chat-highlighted">{parts}</span>;
}
