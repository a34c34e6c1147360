import type { Principal } from './principal';
import { mayUseSocketEvent, scopeVerdict } from './scope';

const base: Principal = { id: 'u', username: 'u', displayName: 'u', roles: ['staff'], departmentId: null, position: null, sessionId: 's' };
const guest: Principal = { ...base, roles: [], guest: { channelId: 'c1', expiresAt: '2099-01-01T00:00:00Z' } };
const token: Principal = { ...base, roles: [], apiToken: { id: 't', name: 'relay', scopes: ['disasters'] } };

describe('principal scopes', () => {
  it('leaves staff to their roles', () => {
    expect(scopeVerdict(base, {}, {})).toBe('roles');
    expect(mayUseSocketEvent(base, 'chat:send')).toBe(true);
    expect(mayUseSocketEvent(base, 'meeting:join')).toBe(true);
  });

  it('lets a guest reach only marked routes, and only its own channel where the route names one', () => {
    expect(scopeVerdict(guest, {}, {})).toBe('forbidden');
    expect(scopeVerdict(guest, { guest: {} }, {})).toBe('allowed');
    expect(scopeVerdict(guest, { guest: { channelParam: 'id' } }, { params: { id: 'c1' } })).toBe('allowed');
    expect(scopeVerdict(guest, { guest: { channelParam: 'id' } }, { params: { id: 'c2' } })).toBe('not_found');
    expect(scopeVerdict(guest, { guest: { channelQuery: 'channelId' } }, { query: {} })).toBe('not_found');
    expect(scopeVerdict(guest, { guest: { channelQuery: 'channelId' } }, { query: { channelId: 'c1' } })).toBe('allowed');
    expect(mayUseSocketEvent(guest, 'chat:send')).toBe(true);
    expect(mayUseSocketEvent(guest, 'disaster:ack')).toBe(true);
    expect(mayUseSocketEvent(guest, 'chat:presence')).toBe(false);
    expect(mayUseSocketEvent(guest, 'meeting:join')).toBe(false);
    expect(mayUseSocketEvent(guest, 'disaster:roll-call')).toBe(false);
  });

  it('lets an API token reach only routes of a scope it holds, and no socket event', () => {
    expect(scopeVerdict(token, {}, {})).toBe('forbidden');
    expect(scopeVerdict(token, { guest: {} }, {})).toBe('forbidden');
    expect(scopeVerdict(token, { apiTokenScope: 'disasters' }, {})).toBe('allowed');
    expect(scopeVerdict(token, { apiTokenScope: 'surveys' }, {})).toBe('forbidden');
    expect(mayUseSocketEvent(token, 'chat:send')).toBe(false);
  });
});
