/**
 * @mentions in a message body, ignoring code (`inline` and ``` fenced ```), where an @ is literal text.
 * `@channel` / `@all` / `@全員` notify every member, `@here` every member online; anything else is a username.
 */
export interface ParsedMentions {
  usernames: string[];
  channel: boolean;
  here: boolean;
}

const BROADCAST_CHANNEL = new Set(['channel', 'all', '全員']);
const MENTION = /(^|[^A-Za-z0-9_.@+-])@([a-z0-9][a-z0-9._-]{0,62}|全員)/giu;

export function stripCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

export function parseMentions(body: string): ParsedMentions {
  const usernames = new Set<string>();
  let channel = false;
  let here = false;
  for (const match of stripCode(body).matchAll(MENTION)) {
    // A sentence may end right after a name: "@sato.somu." mentions sato.somu.
    const name = match[2].toLowerCase().replace(/[._-]+$/, '');
    if (BROADCAST_CHANNEL.has(name)) channel = true;
    else if (name === 'here') here = true;
    else if (name.length >= 2) usernames.add(name);
  }
  return { usernames: [...usernames], channel, here };
}
