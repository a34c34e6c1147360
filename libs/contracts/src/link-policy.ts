/**
 * Which link targets a message may carry (the web client's Markdown sanitiser uses it): web and mail links, and
 * paths of this site. A protocol-relative `//host` (or `/\host`, which browsers read the same way) leaves the site
 * while looking like a path, so it is refused.
 */
export const SAFE_LINK_HREF = /^(?:https?:|mailto:|\/(?![/\\]))/i;
