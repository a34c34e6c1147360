import { clientAddress, proxyTrust, requestClientAddress } from './client-address';

describe('the client address behind trusted proxies', () => {
  const nginx = proxyTrust(['10.0.0.5']);

  it('trusts nobody without TRUSTED_PROXIES: the peer is the client, whatever the header says', () => {
    const nobody = proxyTrust([]);
    expect(clientAddress('198.51.100.7', '203.0.113.9', nobody)).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', '203.0.113.9', nobody)).toBe('127.0.0.1');
    expect(clientAddress('198.51.100.7', undefined, nobody)).toBe('198.51.100.7');
  });

  it('takes the hop a trusted proxy appended, and ignores what the client wrote to its left', () => {
    expect(clientAddress('10.0.0.5', '192.168.3.4', nginx)).toBe('192.168.3.4');
    // The client forged a first entry; nginx appended the real address after it.
    expect(clientAddress('10.0.0.5', '203.0.113.9, 192.168.3.4', nginx)).toBe('192.168.3.4');
    expect(clientAddress('10.0.0.5', ' 203.0.113.9 ,192.168.3.4 ', nginx)).toBe('192.168.3.4');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('192.168.3.4', '10.0.0.5', nginx)).toBe('192.168.3.4');
    expect(clientAddress('192.168.3.4', '203.0.113.9, 10.0.0.5', nginx)).toBe('192.168.3.4');
  });

  it('walks a chain of trusted proxies to the first address that is not one', () => {
    const chain = proxyTrust(['10.0.0.0/8']);
    expect(clientAddress('10.0.0.5', '203.0.113.9, 192.168.3.4, 10.1.2.3', chain)).toBe('192.168.3.4');
    // Only proxies all the way: the leftmost hop is the client.
    expect(clientAddress('10.0.0.5', '10.9.9.9, 10.1.2.3', chain)).toBe('10.9.9.9');
    // Several headers are one list, in order.
    expect(clientAddress('10.0.0.5', ['203.0.113.9', '192.168.3.4, 10.1.2.3'], chain)).toBe('192.168.3.4');
  });

  it('stops at a hop that is not an address, at the last real one', () => {
    expect(clientAddress('10.0.0.5', 'unknown', nginx)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '192.168.3.4, <script>', nginx)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '', nginx)).toBe('10.0.0.5');
    expect(clientAddress(undefined, '192.168.3.4', nginx)).toBeNull();
  });

  it('knows the named ranges, CIDRs, IPv4 netmasks, IPv6 and IPv4 written as IPv6', () => {
    const loopback = proxyTrust(['loopback']);
    expect(clientAddress('127.0.0.1', '192.168.3.4', loopback)).toBe('192.168.3.4');
    expect(clientAddress('::ffff:127.0.0.1', '192.168.3.4', loopback)).toBe('192.168.3.4');
    expect(clientAddress('::1', '2001:db8::7', loopback)).toBe('2001:db8::7');
    expect(clientAddress('127.0.0.2', '::ffff:192.168.3.4', loopback)).toBe('::ffff:192.168.3.4');
    const several = proxyTrust([' uniquelocal', 'LinkLocal', '203.0.113.0/255.255.255.0', 'fd00::/8']);
    for (const proxy of ['172.20.1.1', '169.254.1.1', 'fe80::1', '203.0.113.77', 'fd12::1', '::ffff:10.1.1.1']) {
      expect(clientAddress(proxy, '198.51.100.7', several)).toBe('198.51.100.7');
    }
    for (const stranger of ['198.51.100.8', '2001:db8::1', '127.0.0.1']) expect(clientAddress(stranger, '198.51.100.7', several)).toBe(stranger);
  });

  it('refuses a TRUSTED_PROXIES entry it cannot read, rather than trusting nothing or everything', () => {
    for (const bad of ['lgwan', '10.0.0.0/33', '10.0.0.0/255.0.255.0', 'fd00::/255.0.0.0', '10.0.0/8', '*']) {
      expect(() => proxyTrust([bad])).toThrow(/TRUSTED_PROXIES/);
    }
    expect(() => proxyTrust(['', ' '])).not.toThrow();
  });

  it('reads a Node request: its peer and its X-Forwarded-For', () => {
    expect(requestClientAddress({ socket: { remoteAddress: '10.0.0.5' }, headers: { 'x-forwarded-for': '203.0.113.9, 192.168.3.4' } }, nginx)).toBe(
      '192.168.3.4',
    );
    expect(requestClientAddress({ socket: { remoteAddress: '192.168.3.4' }, headers: { 'x-forwarded-for': '10.0.0.5' } }, nginx)).toBe('192.168.3.4');
    expect(requestClientAddress({ socket: null, headers: {} }, nginx)).toBeNull();
  });
});
