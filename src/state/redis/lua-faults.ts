import { SYNC_TTL } from './lua-common.js';

// A session's rules: fo lists the ids in the order added; fr holds r:<id> (the rule's JSON, without
// id and times) and t:<id> (the uses left, absent for "until cleared"). Rules are matched in
// JavaScript (fault-match.ts); a script only takes one use. (m:<id>, no longer written, is still
// deleted.) The meta hash's fbytes: every r:<id>'s length, the rules' share of the byte budget.

/** Takes a rule's JSON out of the session's fault bytes (before its r:<id> is deleted). */
const UNCOUNT = `local function uncount(m, fr, id)
  local size = redis.call('HSTRLEN', fr, 'r:' .. id)
  if size > 0 and redis.call('EXISTS', m) == 1 then redis.call('HINCRBY', m, 'fbytes', -size) end
end`;

/** add(prefix, name, json, times, byteLimit, maxRules) -> id | {'many', max} | {'full', bytes} | false (gone). */
export const ADD = `${SYNC_TTL}
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local m = s .. 'm'
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
return id`;

/**
 * take(prefix, name, id, ...) -> {id, json, uses} | false: one use of the first given rule still
 * there (one another replica used up is passed over), so a rule for N requests fires N times in
 * all. `uses`: what it had left before ('' for "until cleared"), so a sequence knows its step.
 */
export const TAKE = `${UNCOUNT}
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local fo, fr = s .. 'fo', s .. 'fr'
for i = 3, #ARGV do
  local id = ARGV[i]
  local json = redis.call('HGET', fr, 'r:' .. id)
  if json then
    local times = redis.call('HGET', fr, 't:' .. id)
    if times then
      if tonumber(times) <= 1 then
        uncount(s .. 'm', fr, id)
        redis.call('LREM', fo, 1, id)
        redis.call('HDEL', fr, 'r:' .. id, 'm:' .. id, 't:' .. id)
      else
        redis.call('HINCRBY', fr, 't:' .. id, -1)
      end
    end
    return {id, json, times or ''}
  end
end
return false`;

/** list(prefix, name) -> {id, json, times, ...} in the order added. */
export const LIST = `local s = ARGV[1] .. 's:' .. ARGV[2] .. ':'
local reply = {}
for _, id in ipairs(redis.call('LRANGE', s .. 'fo', 0, -1)) do
  local rule = redis.call('HMGET', s .. 'fr', 'r:' .. id, 't:' .. id)
  reply[#reply + 1] = id
  reply[#reply + 1] = rule[1] or '{}'
  reply[#reply + 1] = rule[2] or ''
end
return reply`;

/** remove(prefix, name, id) -> 1 when the session had that rule, else 0. */
export const REMOVE_FAULT = `${UNCOUNT}
local s = ARGV[1] .. 's:' .. ARGV[2] .. ':'
local removed = redis.call('LREM', s .. 'fo', 1, ARGV[3])
if removed == 1 then uncount(s .. 'm', s .. 'fr', ARGV[3]) end
redis.call('HDEL', s .. 'fr', 'r:' .. ARGV[3], 'm:' .. ARGV[3], 't:' .. ARGV[3])
return removed`;

/** clear(prefix, name) -> how many rules there were. */
export const CLEAR_FAULTS = `local s = ARGV[1] .. 's:' .. ARGV[2] .. ':'
local count = redis.call('LLEN', s .. 'fo')
redis.call('DEL', s .. 'fo', s .. 'fr')
if redis.call('EXISTS', s .. 'm') == 1 then redis.call('HSET', s .. 'm', 'fbytes', 0) end
return count`;
