import { BlockList, isIP } from 'node:net';
import { parseCidr, unmapIpv4 } from '../../auth/domain/networks';

/** The names Express's `trust proxy` (proxy-addr) accepts for address ranges, with the same ranges. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Whether an address (the peer of a connection, or a hop of X-Forwarded-For) is a proxy we believe. */
export type ProxyTrust = (address: string) => boolean;

/** `255.255.0.0` → 16; null when it is not a contiguous IPv4 mask. */
function maskPrefix(mask: string): number | null {
  if (isIP(mask) !== 4) return null;
  const bits = mask
    .split('.')
    .map((octet) => Number(octet).toString(2).padStart(8, '0'))
    .join('');
  if (!/^1*0*$/.test(bits)) return null;
  const zero = bits.indexOf('0');
  return zero === -1 ? 32 : zero;
}

/**
 * TRUSTED_PROXIES (addresses, CIDRs, IPv4 `address/netmask`, or the names loopback, linklocal, uniquelocal) as one
 * predicate. Throws on an entry that is none of these, so a mistyped proxy stops the start-up instead of trusting
 * nothing (or everything) in silence. An empty list trusts nobody: the connection's own peer is the client.
 */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList();
  let any = false;
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const named = NAMED_RANGES[entry.toLowerCase()];
    const cidrs = named ?? [entry];
    for (const text of cidrs) {
      const [address, mask] = text.split('/');
      const prefix = mask !== undefined && mask.includes('.') ? maskPrefix(mask) : undefined;
      const cidr = prefix === undefined ? parseCidr(text) : prefix === null || isIP(address) !== 4 ? null : parseCidr(`${address}/${prefix}`);
      if (!cidr) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address, a network or loopback/linklocal/uniquelocal`);
      list.addSubnet(cidr.address, cidr.prefix, cidr.family);
      any = true;
    }
  }
  if (!any) return () => false;
  return (address) => {
    const plain = unmapIpv4(address.trim());
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address, by the rule of Express's `trust proxy`, for HTTP requests and the socket.io handshake alike:
 * start from the connection's peer and, while the address in hand is a trusted proxy, step to the hop that proxy
 * put at the right end of X-Forwarded-For. A forged header from an untrusted peer is never read (the peer is the
 * client), and entries a client wrote to the left of what our proxies appended are never reached. A hop that is not
 * an IP address ends the walk at the last real address (the proxy that sent it). Several X-Forwarded-For headers
 * count as one list, in order.
 *
 * Express's own walk (proxy-addr) is not a dependency of ours, only of Express, and the socket handshake never
 * passes through Express: this is the same walk in a few lines, on node's BlockList and the CIDR parsing the TOTP
 * rule already uses (auth/domain/networks.ts).
 */
export function clientAddress(
  peer: string | undefined | null,
  forwardedFor: string | readonly string[] | undefined,
  trusted: ProxyTrust,
): string | null {
  if (!peer) return null;
  let address = peer;
  if (forwardedFor === undefined) return address;
  const hops = (typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(','))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (hops.length && trusted(address)) {
    const next = hops.pop()!;
    if (isIP(unmapIpv4(next)) === 0) break;
    address = next;
  }
  return address;
}

/** What clientAddress needs of a Node request (an Express request, the socket.io handshake's IncomingMessage). */
export interface AddressedRequest {
  socket?: { remoteAddress?: string } | null;
  headers: Record<string, string | string[] | undefined>;
}

/** clientAddress of a request: its connection's peer and its X-Forwarded-For header(s). */
export function requestClientAddress(req: AddressedRequest, trusted: ProxyTrust): string | null {
  return clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trusted);
}
