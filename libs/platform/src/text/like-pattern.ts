/** Escapes `%`, `_` and `\` so that user text matches itself in a LIKE / ILIKE pattern (default escape `\`). */
export const escapeLike = (text: string): string => text.replace(/[%_\\]/g, '\\$&');

/** A LIKE pattern that finds the text anywhere (`contains`) or at the start (`prefix`). */
export const likePattern = (text: string, mode: 'contains' | 'prefix' = 'contains'): string =>
  mode === 'prefix' ? `${escapeLike(text)}%` : `%${escapeLike(text)}%`;
