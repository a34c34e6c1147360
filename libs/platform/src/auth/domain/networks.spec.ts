import { inNetworks, parseCidr } from './networks';

describe('internal networks', () => {
  it('parses CIDRs and single addresses, refuses anything else', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('192.168.1.5')).toEqual({ address: '192.168.1.5', prefix: 32, family: 'ipv4' });
    expect(parseCidr('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'lgwan', '10.0.0.0/8/1', '', '::/129', '10.0.0.0/x']) expect(parseCidr(bad)).toBeNull();
  });

  it('places addresses inside or outside, IPv4-mapped IPv6 included', () => {
    const nets = ['10.0.0.0/8', '172.16.0.0/12', 'fd00::/8'];
    expect(inNetworks('10.20.30.40', nets)).toBe(true);
    expect(inNetworks('::ffff:172.20.1.1', nets)).toBe(true);
    expect(inNetworks('fd12::1', nets)).toBe(true);
    expect(inNetworks('203.0.113.9', nets)).toBe(false);
    expect(inNetworks('2001:db8::1', nets)).toBe(false);
    expect(inNetworks('unknown', nets)).toBe(false);
    expect(inNetworks('10.0.0.1', [])).toBe(false);
  });
});
