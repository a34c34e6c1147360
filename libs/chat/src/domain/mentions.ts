/**
 * @mentions in a message body, ignoring code (`inline` and ``` fenced ```), where an @ is literal text.
 * `@channel` / `@all` / `@全員` notify every member, `@here` every member online; a Latin name is a username; a name in
 * Japanese (kanji, kana) may name a department (`@総務課`): `groups` keeps those runs, and
 * `resolveDepartmentMentions` matches them against the directory's department names.
 */
export interface ParsedMentions {
  usernames: string[];
  channel: boolean;
  here: boolean;
  /** Japanese runs written after an @ (`総務課の皆さん` for `@総務課の皆さん`): candidates for a department. */
  groups: string[];
}

const BROADCAST_CHANNEL = new Set(['channel', 'all', '全員']);
const JAPANESE_RUN = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆ヶ・]{1,40}';
const MENTION = new RegExp(`(^|[^A-Za-z0-9_.@+-])@([a-z0-9][a-z0-9._-]{0,62}|${JAPANESE_RUN})`, 'giu');
const LATIN = /^[a-z0-9]/i;

export function stripCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

export function parseMentions(body: string): ParsedMentions {
  const usernames = new Set<string>();
  const groups = new Set<string>();
  let channel = false;
  let here = false;
  for (const match of stripCode(body).matchAll(MENTION)) {
    const raw = match[2];
    if (raw.startsWith('全員')) {
      channel = true;
      continue;
    }
    if (!LATIN.test(raw)) {
      groups.add(raw);
      continue;
    }
    // A sentence may end right after a name: "@sato.somu." mentions sato.somu.
    const name = raw.toLowerCase().replace(/[._-]+$/, '');
    if (BROADCAST_CHANNEL.has(name)) channel = true;
    else if (name === 'here') here = true;
    else if (name.length >= 2) usernames.add(name);
  }
  return { usernames: [...usernames], channel, here, groups: [...groups] };
}

export interface DepartmentName {
  id: string;
  name: string;
}

/** What may follow a department's name in the same run and still mean the whole department (総務課各位, 総務課の皆さん). */
const GROUP_SUFFIX = /^(?:[\p{Script=Hiragana}]|各位|御中|皆様|皆さん|全員|一同|職員)/u;

/**
 * The departments that `@` runs name: the longest department name a run starts with, when what follows is nothing,
 * hiragana (a particle: の, へ, さん) or a collective suffix (各位, 御中, 皆様). `@総務課長` names the section chief, not
 * the department: a longer noun follows, so it names none.
 */
export function resolveDepartmentMentions(groups: readonly string[], departments: readonly DepartmentName[]): string[] {
  const byLength = [...departments].filter((d) => d.name.length > 0).sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  for (const run of groups) {
    const normalised = run.normalize('NFKC');
    const match = byLength.find((d) => {
      const name = d.name.normalize('NFKC');
      if (!normalised.startsWith(name)) return false;
      const rest = normalised.slice(name.length);
      return rest === '' || GROUP_SUFFIX.test(rest);
    });
    if (match) found.add(match.id);
  }
  return [...found];
}
