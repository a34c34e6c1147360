import type { AppConfig } from '../config/app-config';
import { proxyTrust, requestClientAddress, type AddressedRequest, type ProxyTrust } from './domain/client-address';

const compiled = new WeakMap<object, ProxyTrust>();

/** TRUSTED_PROXIES of this configuration as one predicate (read once per configuration). */
export function proxyTrustOf(config: Pick<AppConfig, 'trustedProxies'>): ProxyTrust {
  let trust = compiled.get(config);
  if (!trust) {
    trust = proxyTrust(config.trustedProxies);
    compiled.set(config, trust);
  }
  return trust;
}

/**
 * The one rule for "who is the client" (domain/client-address.ts): Express's `req.ip` is this function
 * (configureHttp), and so is the socket.io handshake's address (AuthenticatedIoAdapter), so sign-in throttling,
 * session records and the audit log name the same address for one browser, whether it came over HTTP or a socket.
 */
export function clientAddressOf(req: AddressedRequest, config: Pick<AppConfig, 'trustedProxies'>): string | null {
  return requestClientAddress(req, proxyTrustOf(config));
}
