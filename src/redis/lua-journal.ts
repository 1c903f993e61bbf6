import { FORGET } from './lua-common.js';

/**
 * append(prefix, name, epoch, entries, sessionBytes, totalBytes, bytes, method, path, template,
 * operationId, status, text) -> seq: counts the request (its id is `req_<seq>` whether kept or
 * not) and keeps its entry, already redacted and cut, in the session's stream; then evicts the
 * oldest past the session's entry and byte budgets, and the oldest entries of any session past
 * the store-wide byte budget: the memory journal's rules, shared by every replica. An entry for
 * a session reset or evicted meanwhile is dropped (0), as the memory store drops it with the
 * old journal.
 */
export const APPEND = `
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local m, j = s .. 'm', s .. 'j'
if redis.call('HGET', m, 'epoch') ~= ARGV[3] then return 0 end
local seq = redis.call('HINCRBY', m, 'seq', 1)
local bytes = tonumber(ARGV[7])
if tonumber(ARGV[4]) == 0 or bytes > tonumber(ARGV[5]) or bytes > tonumber(ARGV[6]) then return seq end
local all, total_key = p .. 'journal:all', p .. 'journal:bytes'
-- No expiry on the stream: forget() deletes it and takes its entries out of the budget together.
redis.call('XADD', j, seq .. '-0', 'm', ARGV[8], 'p', ARGV[9], 't', ARGV[10], 'o', ARGV[11], 's', ARGV[12], 'b', bytes, 'e', ARGV[13])
local kept = redis.call('HINCRBY', m, 'jb', bytes)
redis.call('ZADD', all, redis.call('INCR', p .. 'journal:n'), name .. '\\n' .. seq .. '\\n' .. bytes)
local total = redis.call('INCRBY', total_key, bytes)
while redis.call('XLEN', j) > tonumber(ARGV[4]) or kept > tonumber(ARGV[5]) do
  local oldest = redis.call('XRANGE', j, '-', '+', 'COUNT', 1)[1]
  local fields, size = oldest[2], 0
  for i = 1, #fields, 2 do if fields[i] == 'b' then size = tonumber(fields[i + 1]) end end
  redis.call('XDEL', j, oldest[1])
  kept = redis.call('HINCRBY', m, 'jb', -size)
  redis.call('ZREM', all, name .. '\\n' .. string.match(oldest[1], '^(%d+)') .. '\\n' .. size)
  total = redis.call('DECRBY', total_key, size)
end
while total > tonumber(ARGV[6]) do
  local popped = redis.call('ZPOPMIN', all)
  if #popped == 0 then break end
  local victim, vseq, vbytes = string.match(popped[1], '^(.*)\\n(%d+)\\n(%d+)$')
  total = redis.call('DECRBY', total_key, vbytes)
  local vs = p .. 's:' .. victim .. ':'
  if redis.call('XDEL', vs .. 'j', vseq .. '-0') == 1 then redis.call('HINCRBY', vs .. 'm', 'jb', -tonumber(vbytes)) end
end
return seq`;

/** clear(prefix, name) -> how many entries there were; the ids keep counting. */
export const CLEAR = `${FORGET}
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local count = unbudget(p, name, s .. 'j')
redis.call('DEL', s .. 'j')
if redis.call('EXISTS', s .. 'm') == 1 then redis.call('HSET', s .. 'm', 'jb', 0) end
return count`;
