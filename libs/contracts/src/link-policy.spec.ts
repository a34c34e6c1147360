import { SAFE_LINK_HREF } from './link-policy';

describe('SAFE_LINK_HREF', () => {
  it('allows web and mail links and paths of this site', () => {
    for (const href of ['https://www.town.sumita.iwate.jp/', 'http://10.0.0.5/x', 'mailto:somu@example.lg.jp', '/chat/abc', '/'])
      expect(SAFE_LINK_HREF.test(href)).toBe(true);
  });
  it('refuses protocol-relative links, scripts and other schemes', () => {
    for (const href of ['//evil.example/login', '/\\evil.example', 'javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd'])
      expect(SAFE_LINK_HREF.test(href)).toBe(false);
  });
});
