import type { RedisClientType } from 'redis';
import type { PresenceMap, PresenceStatus } from '@yakuba/contracts';
import type { ConnectedStatus } from './domain/presence';

/** A user's status over every node, just before and just after one node's change. */
export interface PresenceChange {
  before: PresenceStatus;
  after: PresenceStatus;
}

/**
 * Where each node puts the combined status of the users whose sockets it holds, and where everyone's status over
 * all nodes is read. One process (no REDIS_URL): a map. Several nodes: Redis (RedisPresenceStore).
 */
export interface PresenceStore {
  /** Whether `all` can be answered now (Redis reachable); a node without it answers from its own sockets. */
  readonly reachable: boolean;
  /** This node's status of a user (null: no socket of theirs here); answers their status over all nodes around it. */
  set(userId: string, status: ConnectedStatus | null): Promise<PresenceChange>;
  /** Everyone connected to any live node. */
  all(): Promise<PresenceMap>;
  /**
   * Says this node is alive and takes out nodes that stopped saying so: answers whether this node had been taken
   * out itself (Redis was away too long; then it must write its users again) and the users whose status that changed.
   */
  heartbeat(): Promise<{ rejoined: boolean; changes: [string, PresenceStatus][] }>;
  /** A node stopping: the next heartbeat of another node takes its users out (and says who went offline). */
  leave(): Promise<void>;
}

export class LocalPresenceStore implements PresenceStore {
  private readonly statuses = new Map<string, ConnectedStatus>();
  readonly reachable = true;

  set(userId: string, status: ConnectedStatus | null): Promise<PresenceChange> {
    const before = this.statuses.get(userId) ?? 'offline';
    if (status) this.statuses.set(userId, status);
    else this.statuses.delete(userId);
    return Promise.resolve({ before, after: status ?? 'offline' });
  }

  all(): Promise<PresenceMap> {
    return Promise.resolve(Object.fromEntries(this.statuses));
  }

  heartbeat(): Promise<{ rejoined: boolean; changes: [string, PresenceStatus][] }> {
    return Promise.resolve({ rejoined: false, changes: [] });
  }

  leave(): Promise<void> {
    return Promise.resolve();
  }
}

/** A node that has not said it is alive for this long is taken out (its users are offline unless on another node). */
export const NODE_STALE_MS = 15_000;
export const HEARTBEAT_MS = 5_000;
const PREFIX = 'yakuba:presence:node:';
const NODES = 'yakuba:presence:nodes';

/**
 * Shared head of the scripts: Redis's own clock (the nodes' clocks may differ), the live nodes (a heartbeat within
 * NODE_STALE_MS) and a user's status over them (combinePresence in domain/presence.ts, the same rule).
 */
const HEAD = `
local nodes_key, prefix, stale_ms = KEYS[1], ARGV[1], tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function live_nodes() return redis.call('ZRANGEBYSCORE', nodes_key, now - stale_ms, '+inf') end
local function status_of(user, nodes)
  local best = 'offline'
  for _, n in ipairs(nodes) do
    local s = redis.call('HGET', prefix .. n, user)
    if s == 'online' then return 'online' end
    if s == 'away' then best = 'away' end
  end
  return best
end
`;

/** ARGV[3] node, ARGV[4] user, ARGV[5] status ('' = none here) → { before, after }. */
const SET = `${HEAD}
local node, user, status = ARGV[3], ARGV[4], ARGV[5]
local nodes = live_nodes()
local before = status_of(user, nodes)
if status == '' then redis.call('HDEL', prefix .. node, user) else redis.call('HSET', prefix .. node, user, status) end
return { before, status_of(user, nodes) }
`;

/** ARGV[3] node → { 1 if the node was (re-)added, then user, status after, … for users whose status changed }. */
const HEARTBEAT = `${HEAD}
local added = redis.call('ZADD', nodes_key, now, ARGV[3])
redis.call('PEXPIRE', prefix .. ARGV[3], stale_ms * 4)
local changes = { added }
local dead = redis.call('ZRANGEBYSCORE', nodes_key, '-inf', '(' .. (now - stale_ms))
if #dead > 0 then
  local nodes = live_nodes()
  for _, d in ipairs(dead) do
    local entries = redis.call('HGETALL', prefix .. d)
    for i = 1, #entries, 2 do
      local user, was = entries[i], entries[i + 1]
      local after = status_of(user, nodes)
      if after ~= 'online' and after ~= was then
        table.insert(changes, user)
        table.insert(changes, after)
      end
    end
    redis.call('DEL', prefix .. d)
    redis.call('ZREM', nodes_key, d)
  end
end
return changes
`;

/** → { user, status, … } over the live nodes. */
const ALL = `${HEAD}
local merged = {}
for _, n in ipairs(live_nodes()) do
  local entries = redis.call('HGETALL', prefix .. n)
  for i = 1, #entries, 2 do
    if entries[i + 1] == 'online' or merged[entries[i]] == nil then merged[entries[i]] = entries[i + 1] end
  end
end
local out = {}
for user, status in pairs(merged) do
  table.insert(out, user)
  table.insert(out, status)
end
return out
`;

/**
 * Presence over several nodes: each node keeps a hash in Redis (user → its combined status there) and a heartbeat
 * in a sorted set; a user's status is the union over the live nodes' hashes. Each change runs as one script, so
 * "before" and "after" are exact even when two nodes change the same user at once, and a dead node (SIGKILL, no
 * goodbye) is taken out by exactly one surviving node's heartbeat, which then publishes who went offline with it.
 * Keys are named inside the scripts: one Redis (or a primary with replicas), not Redis Cluster.
 */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly client: RedisClientType,
    private readonly nodeId: string,
  ) {}

  get reachable(): boolean {
    return this.client.isReady;
  }

  async set(userId: string, status: ConnectedStatus | null): Promise<PresenceChange> {
    const [before, after] = await this.run<[PresenceStatus, PresenceStatus]>(SET, this.nodeId, userId, status ?? '');
    return { before, after };
  }

  async all(): Promise<PresenceMap> {
    const flat = await this.run<string[]>(ALL);
    const map: PresenceMap = {};
    for (let i = 0; i < flat.length; i += 2) map[flat[i]] = flat[i + 1] as PresenceStatus;
    return map;
  }

  async heartbeat(): Promise<{ rejoined: boolean; changes: [string, PresenceStatus][] }> {
    const [added, ...flat] = await this.run<[number, ...string[]]>(HEARTBEAT, this.nodeId);
    const changes: [string, PresenceStatus][] = [];
    for (let i = 0; i < flat.length; i += 2) changes.push([flat[i], flat[i + 1] as PresenceStatus]);
    return { rejoined: Number(added) === 1, changes };
  }

  async leave(): Promise<void> {
    // Stale at once: the next heartbeat of any node takes it out and publishes the change.
    await this.client.sendCommand(['ZADD', NODES, '0', this.nodeId]);
  }

  private run<T>(script: string, ...args: string[]): Promise<T> {
    return this.client.sendCommand<T>(['EVAL', script, '1', NODES, PREFIX, String(NODE_STALE_MS), ...args]);
  }
}
