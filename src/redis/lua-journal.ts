import { FORGET } from './lua-common.js';

/**
 * append(prefix, entries, sessionBytes, totalBytes, [name, epoch, bytes, method, path, template,
 * operationId, status, text] ...) -> {seq, ...}: the entries of one or more requests (of any
 * sessions), in order. For each: counts the request (its id is `req_<seq>` whether kept or not)
 * and keeps its entry, already redacted and cut, in the session's stream; then evicts the oldest
 * past the session's entry and byte budgets, and the oldest entries of any session past the
 * store-wide byte budget: the memory journal's rules, shared by every replica. An entry for a
 * session reset or evicted meanwhile is dropped (0), as the memory store drops it with the old
 * journal.
 */
export const APPEND = `
local p = ARGV[1]
local max_entries, session_budget, total_budget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local all, total_key = p .. 'journal:all', p .. 'journal:bytes'
local function append(name, epoch, bytes, method, path, template, operation, status, text)
  local s = p .. 's:' .. name .. ':'
  local m, j = s .. 'm', s .. 'j'
  if redis.call('HGET', m, 'epoch') ~= epoch then return 0 end
  local seq = redis.call('HINCRBY', m, 'seq', 1)
  if max_entries == 0 or bytes > session_budget or bytes > total_budget then return seq end
  -- No expiry on the stream: forget() deletes it and takes its entries out of the budget together.
  redis.call('XADD', j, seq .. '-0', 'm', method, 'p', path, 't', template, 'o', operation, 's', status, 'b', bytes, 'e', text)
  local kept = redis.call('HINCRBY', m, 'jb', bytes)
  redis.call('ZADD', all, redis.call('INCR', p .. 'journal:n'), name .. '\\n' .. seq .. '\\n' .. bytes)
  local total = redis.call('INCRBY', total_key, bytes)
  while redis.call('XLEN', j) > max_entries or kept > session_budget do
    local oldest = redis.call('XRANGE', j, '-', '+', 'COUNT', 1)[1]
    local fields, size = oldest[2], 0
    for i = 1, #fields, 2 do if fields[i] == 'b' then size = tonumber(fields[i + 1]) end end
    redis.call('XDEL', j, oldest[1])
    kept = redis.call('HINCRBY', m, 'jb', -size)
    redis.call('ZREM', all, name .. '\\n' .. string.match(oldest[1], '^(%d+)') .. '\\n' .. size)
    total = redis.call('DECRBY', total_key, size)
  end
  while total > total_budget do
    local popped = redis.call('ZPOPMIN', all)
    if #popped == 0 then break end
    local victim, vseq, vbytes = string.match(popped[1], '^(.*)\\n(%d+)\\n(%d+)$')
    total = redis.call('DECRBY', total_key, vbytes)
    local vs = p .. 's:' .. victim .. ':'
    if redis.call('XDEL', vs .. 'j', vseq .. '-0') == 1 then redis.call('HINCRBY', vs .. 'm', 'jb', -tonumber(vbytes)) end
  end
  return seq
end
local seqs = {}
for i = 5, #ARGV, 9 do
  seqs[#seqs + 1] = append(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7], ARGV[i + 8])
end
return seqs`;

/** clear(prefix, name) -> how many entries there were; the ids keep counting. */
export const CLEAR = `${FORGET}
local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local count = unbudget(p, name, s .. 'j')
redis.call('DEL', s .. 'j')
if redis.call('EXISTS', s .. 'm') == 1 then redis.call('HSET', s .. 'm', 'jb', 0) end
return count`;
