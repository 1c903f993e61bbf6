import { FORGET, NOW, SESSION, SYNC_TTL } from './lua-common.js';

/** The session scripts, by the command name each is defined as (redis-client.ts). */
export const luaSession = {
  /**
   * open(prefix, name, fingerprint, cursorSecret, newEpoch, cachedEpoch, cachedVersion, idleMs,
   * maxSessions, touchEveryMs, isDefault) -> {'mismatch', theirs} | {'ok', epoch, version,
   * faultCount, bytes, mode, field, json, ...}: checks the world, creates the session on first use
   * (evicting past the cap), refreshes its expiry at most once per touchEveryMs, and answers what
   * the cached copy lacks: nothing (`same`), the records written since (`delta`), or all (`full`).
   */
  wmOpen: `${NOW}
${FORGET}
${SESSION}
local store = p .. 'store'
local fp = redis.call('HGET', store, 'fingerprint')
if not fp then
  -- The store lost its data (a Redis restart without persistence): register again.
  redis.call('HSET', store, 'fingerprint', ARGV[3])
  redis.call('HSETNX', store, 'cursor_secret', ARGV[4])
  fp = ARGV[3]
end
if fp ~= ARGV[3] then return {'mismatch', fp} end
local now = now_ms()
local idle = tonumber(ARGV[8])
local isDefault = ARGV[11] == '1'
local meta = redis.call('HMGET', m, 'epoch', 'v', 'bytes', 't')
local epoch, version, bytes = meta[1], meta[2], meta[3]
if not epoch then
  -- What an earlier life of this session left (its journal does not expire) goes first.
  forget(p, name)
  forget_idle(p, now - idle)
  epoch, version, bytes = ARGV[5], '0', '0'
  redis.call('HSET', m, 'epoch', epoch, 'v', 0, 'seq', 0, 'fseq', 0, 'bytes', 0, 'fbytes', 0, 'jb', 0, 't', now)
  if not isDefault then
    redis.call('PEXPIRE', m, idle)
    local lru = p .. 'lru'
    redis.call('ZADD', lru, now, name)
    local over = redis.call('ZCARD', lru) - tonumber(ARGV[9])
    if over > 0 then
      for _, victim in ipairs(redis.call('ZRANGE', lru, 0, over - 1)) do
        if victim ~= name then forget(p, victim) end
      end
    end
  end
elseif not isDefault and now - tonumber(meta[4] or 0) >= tonumber(ARGV[10]) then
  for _, k in ipairs(EXPIRING) do redis.call('PEXPIRE', s .. k, idle) end
  redis.call('HSET', m, 't', now)
  redis.call('ZADD', p .. 'lru', now, name)
end
local reply = {'ok', epoch, version, redis.call('LLEN', s .. 'fo'), bytes}
if epoch ~= ARGV[6] then
  reply[6] = 'full'
  for _, value in ipairs(redis.call('HGETALL', s .. 'o')) do reply[#reply + 1] = value end
  return reply
end
if version == ARGV[7] then
  reply[6] = 'same'
  return reply
end
reply[6] = 'delta'
local since = tonumber(ARGV[7])
local rv = redis.call('HGETALL', s .. 'rv')
for i = 1, #rv, 2 do
  if tonumber(rv[i + 1]) > since then
    reply[#reply + 1] = rv[i]
    reply[#reply + 1] = redis.call('HGET', s .. 'o', rv[i]) or ''
  end
end
return reply`,

  /**
   * commit(prefix, name, epoch, expectedVersion, byteLimit, faultFree, field, json, ...) -> {'ok',
   * version, bytes} | {'conflict'} | {'faults'} | {'full', bytes}: one request's writes (json '' for
   * deleted), applied only at the same epoch and version and within the byte budget (records and
   * fault rules). faultFree '1' (answered unopened, no rule taken): only while the session has none.
   */
  wmCommit: `${SYNC_TTL}
${SESSION}
local meta = redis.call('HMGET', m, 'epoch', 'v', 'bytes', 'fbytes')
if meta[1] ~= ARGV[3] or meta[2] ~= ARGV[4] then return {'conflict'} end
if ARGV[6] == '1' and redis.call('LLEN', s .. 'fo') ~= 0 then return {'faults'} end
local bytes = tonumber(meta[3])
for i = 7, #ARGV, 2 do bytes = bytes - redis.call('HSTRLEN', s .. 'o', ARGV[i]) + string.len(ARGV[i + 1]) end
local fbytes = tonumber(meta[4] or 0)
if bytes + fbytes > tonumber(ARGV[5]) then return {'full', bytes + fbytes} end
local version = tonumber(meta[2]) + 1
for i = 7, #ARGV, 2 do
  redis.call('HSET', s .. 'o', ARGV[i], ARGV[i + 1])
  redis.call('HSET', s .. 'rv', ARGV[i], version)
end
redis.call('HSET', m, 'v', version, 'bytes', bytes)
sync_ttl(m, s .. 'o', s .. 'rv')
return {'ok', version, bytes}`,

  /**
   * restore(prefix, name, newEpoch, bytes, byteLimit, field, json, ...) -> 1 | 0 (gone: open it) |
   * {'full', bytes}: a snapshot's records under a new epoch (every replica reloads it whole).
   */
  wmRestore: `${SYNC_TTL}
${SESSION}
if redis.call('EXISTS', m) == 0 then return 0 end
local total = tonumber(ARGV[4]) + tonumber(redis.call('HGET', m, 'fbytes') or 0)
if total > tonumber(ARGV[5]) then return {'full', total} end
redis.call('DEL', s .. 'o', s .. 'rv')
for i = 6, #ARGV, 2 do
  redis.call('HSET', s .. 'o', ARGV[i], ARGV[i + 1])
  redis.call('HSET', s .. 'rv', ARGV[i], 1)
end
redis.call('HSET', m, 'epoch', ARGV[3], 'v', 1, 'bytes', ARGV[4])
sync_ttl(m, s .. 'o', s .. 'rv')
return 1`,

  /** reset(prefix, name): the session's keys deleted (its journal's bytes returned to the budget); the next use creates it afresh. */
  wmReset: `${FORGET}
forget(ARGV[1], ARGV[2])
return 1`,

  /** init(prefix, fingerprint, cursorSecret) -> {fingerprint, cursorSecret}: the first replica's, registered. */
  wmInit: `local store = ARGV[1] .. 'store'
redis.call('HSETNX', store, 'fingerprint', ARGV[2])
redis.call('HSETNX', store, 'cursor_secret', ARGV[3])
return redis.call('HMGET', store, 'fingerprint', 'cursor_secret')`,

  /** names(prefix, idleMs) -> live session names besides the default one, least recently used first. */
  wmNames: `${NOW}
${FORGET}
forget_idle(ARGV[1], now_ms() - tonumber(ARGV[2]))
return redis.call('ZRANGE', ARGV[1] .. 'lru', 0, -1)`,

  /**
   * adopt(prefix, from, to, epochBase) -> {'ok'} | {'already'} | {'mismatch', theirs}: a reload moved
   * the fingerprint `from` -> `to`. If the store holds `from`, every session loses its own records
   * under a new epoch (journal and fault rules stay). 'already': it holds `to`; 'mismatch': neither.
   */
  wmAdopt: `local p = ARGV[1]
local store = p .. 'store'
local fp = redis.call('HGET', store, 'fingerprint')
if fp == ARGV[3] then return {'already'} end
if fp and fp ~= ARGV[2] then return {'mismatch', fp} end
redis.call('HSET', store, 'fingerprint', ARGV[3])
local names = redis.call('ZRANGE', p .. 'lru', 0, -1)
names[#names + 1] = 'default'
for i, name in ipairs(names) do
  local s = p .. 's:' .. name .. ':'
  if redis.call('EXISTS', s .. 'm') == 1 then
    redis.call('DEL', s .. 'o', s .. 'rv')
    redis.call('HSET', s .. 'm', 'epoch', ARGV[4] .. '.' .. i, 'v', 0, 'bytes', 0)
  end
end
return {'ok'}`,
};
