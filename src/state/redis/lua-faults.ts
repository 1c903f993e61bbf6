import { SESSION, SYNC_TTL } from './lua-common.js';

// A session's rules: fo lists the ids in the order added; fr holds r:<id> (the rule's JSON, without
// id and times) and t:<id> (the uses left, absent for "until cleared"). Rules are matched in
// JavaScript (fault-match.ts); a script only takes one use. (m:<id>, no longer written, is still
// deleted.) The meta hash's fbytes: every r:<id>'s length, the rules' share of the byte budget.

/** Removes a rule, its JSON taken out of the session's fault bytes; 1 when the session had it. */
const REMOVE = `${SESSION}
local function remove(id)
  local size = redis.call('HSTRLEN', s .. 'fr', 'r:' .. id)
  local removed = redis.call('LREM', s .. 'fo', 1, id)
  if removed == 1 and size > 0 and redis.call('EXISTS', m) == 1 then redis.call('HINCRBY', m, 'fbytes', -size) end
  redis.call('HDEL', s .. 'fr', 'r:' .. id, 'm:' .. id, 't:' .. id)
  return removed
end`;

/** The fault rule scripts, by the command name each is defined as (redis-client.ts). */
export const luaFaults = {
  /** add(prefix, name, json, times, byteLimit, maxRules) -> id | {'many', max} | {'full', bytes} | false (gone). */
  wmAddFault: `${SYNC_TTL}
${SESSION}
if redis.call('EXISTS', m) == 0 then return false end
if redis.call('LLEN', s .. 'fo') >= tonumber(ARGV[6]) then return {'many', ARGV[6]} end
local meta = redis.call('HMGET', m, 'bytes', 'fbytes')
local total = tonumber(meta[1] or 0) + tonumber(meta[2] or 0) + string.len(ARGV[3])
if total > tonumber(ARGV[5]) then return {'full', total} end
redis.call('HINCRBY', m, 'fbytes', string.len(ARGV[3]))
local id = 'flt_' .. redis.call('HINCRBY', m, 'fseq', 1)
redis.call('RPUSH', s .. 'fo', id)
redis.call('HSET', s .. 'fr', 'r:' .. id, ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', s .. 'fr', 't:' .. id, ARGV[4]) end
sync_ttl(m, s .. 'fo', s .. 'fr')
return id`,

  /**
   * take(prefix, name, id, ...) -> {id, json, uses} | false: one use of the first given rule still
   * there (one another replica used up is passed over), so a rule for N requests fires N times in
   * all. `uses`: what it had left before ('' for "until cleared"), so a sequence knows its step.
   */
  wmTakeFault: `${REMOVE}
local fr = s .. 'fr'
for i = 3, #ARGV do
  local id = ARGV[i]
  local json = redis.call('HGET', fr, 'r:' .. id)
  if json then
    local times = redis.call('HGET', fr, 't:' .. id)
    if times then
      if tonumber(times) <= 1 then
        remove(id)
      else
        redis.call('HINCRBY', fr, 't:' .. id, -1)
      end
    end
    return {id, json, times or ''}
  end
end
return false`,

  /** list(prefix, name) -> {id, json, times, ...} in the order added. */
  wmListFaults: `${SESSION}
local reply = {}
for _, id in ipairs(redis.call('LRANGE', s .. 'fo', 0, -1)) do
  local rule = redis.call('HMGET', s .. 'fr', 'r:' .. id, 't:' .. id)
  reply[#reply + 1] = id
  reply[#reply + 1] = rule[1] or '{}'
  reply[#reply + 1] = rule[2] or ''
end
return reply`,

  /** remove(prefix, name, id) -> 1 when the session had that rule, else 0. */
  wmRemoveFault: `${REMOVE}
return remove(ARGV[3])`,

  /** clear(prefix, name) -> how many rules there were. */
  wmClearFaults: `${SESSION}
local count = redis.call('LLEN', s .. 'fo')
redis.call('DEL', s .. 'fo', s .. 'fr')
if redis.call('EXISTS', m) == 1 then redis.call('HSET', m, 'fbytes', 0) end
return count`,
};
