import { SYNC_TTL } from './lua-common.js';

// A session's rules: fo lists the ids in the order added; fr holds r:<id> (the rule's JSON, without
// id and times), m:<id> (its selectors, "operationId\nMETHOD\npath", empty for any) and t:<id>
// (the uses left, absent for "until cleared").

/** add(prefix, name, json, match, times) -> id, or false when the session is gone (open it again). */
export const ADD = `${SYNC_TTL}
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local m = s .. 'm'
if redis.call('EXISTS', m) == 0 then return false end
local id = 'flt_' .. redis.call('HINCRBY', m, 'fseq', 1)
redis.call('RPUSH', s .. 'fo', id)
redis.call('HSET', s .. 'fr', 'r:' .. id, ARGV[3], 'm:' .. id, ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', s .. 'fr', 't:' .. id, ARGV[5]) end
sync_ttl(m, s .. 'fo', s .. 'fr')
return id`;

/**
 * take(prefix, name, operationId, METHOD, template, path) -> {id, json, times} | false: the first
 * matching rule, one use of it counted, atomically: a rule for the next N requests fires N
 * times in total, however many replicas take from it at once.
 */
export const TAKE = `local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local fo, fr = s .. 'fo', s .. 'fr'
for _, id in ipairs(redis.call('LRANGE', fo, 0, -1)) do
  local match = redis.call('HGET', fr, 'm:' .. id) or '\\n\\n'
  local op, method, path = string.match(match, '^(.-)\\n(.-)\\n(.*)$')
  if (op == '' or op == ARGV[3]) and (method == '' or method == ARGV[4]) and (path == '' or path == ARGV[5] or path == ARGV[6]) then
    local json = redis.call('HGET', fr, 'r:' .. id)
    local times = redis.call('HGET', fr, 't:' .. id)
    if times then
      if tonumber(times) <= 1 then
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
export const REMOVE_FAULT = `local s = ARGV[1] .. 's:' .. ARGV[2] .. ':'
local removed = redis.call('LREM', s .. 'fo', 1, ARGV[3])
redis.call('HDEL', s .. 'fr', 'r:' .. ARGV[3], 'm:' .. ARGV[3], 't:' .. ARGV[3])
return removed`;

/** clear(prefix, name) -> how many rules there were. */
export const CLEAR_FAULTS = `local s = ARGV[1] .. 's:' .. ARGV[2] .. ':'
local count = redis.call('LLEN', s .. 'fo')
redis.call('DEL', s .. 'fo', s .. 'fr')
return count`;
