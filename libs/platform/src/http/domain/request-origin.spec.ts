import { acceptableBodyType, judgeOrigin } from './request-origin';

const host = 'localhost:3000';

describe('judgeOrigin', () => {
  it('accepts the host and port the request was addressed to, and nothing else, without configured origins', () => {
    expect(judgeOrigin({ origin: 'http://localhost:3000', secFetchSite: 'same-origin', host }, [])).toEqual({ allowed: true });
    expect(judgeOrigin({ origin: 'http://localhost:8080', host }, []).allowed).toBe(false);
    expect(judgeOrigin({ origin: 'https://localhost:3000', host }, []).allowed).toBe(true);
    expect(judgeOrigin({ origin: 'http://localhost:3000', host: undefined }, []).allowed).toBe(false);
    expect(judgeOrigin({ origin: 'null', host }, []).allowed).toBe(false);
  });
  it('refuses what the browser marks as same-site or cross-site, whatever the Origin says', () => {
    expect(judgeOrigin({ origin: 'http://localhost:3000', secFetchSite: 'same-site', host }, []).allowed).toBe(false);
    expect(judgeOrigin({ origin: 'http://localhost:3000', secFetchSite: 'cross-site', host }, []).allowed).toBe(false);
  });
  it('uses the configured public origins instead of the Host when there are some', () => {
    const origins = ['https://yakuba.town.sumita.lg.jp'];
    expect(judgeOrigin({ origin: 'https://yakuba.town.sumita.lg.jp', host: '10.0.0.5:3000' }, origins).allowed).toBe(true);
    expect(judgeOrigin({ origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' }, origins).allowed).toBe(false);
  });
  it('judges a request without browser headers by its credential alone', () => {
    expect(judgeOrigin({ host }, [])).toEqual({ allowed: true });
  });
});

describe('acceptableBodyType', () => {
  it('takes JSON and multipart, refuses the types a page can post without a preflight', () => {
    expect(acceptableBodyType('application/json; charset=utf-8', true)).toBe(true);
    expect(acceptableBodyType('multipart/form-data; boundary=x', true)).toBe(true);
    expect(acceptableBodyType('application/x-www-form-urlencoded', true)).toBe(false);
    expect(acceptableBodyType('text/plain', true)).toBe(false);
    expect(acceptableBodyType(undefined, true)).toBe(false);
    expect(acceptableBodyType(undefined, false)).toBe(true);
  });
});
