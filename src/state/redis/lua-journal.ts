import { FORGET, NOW, SESSION, SESSION_KEYS } from './lua-common.js';

/** How many newline-ended fields come before an entry's text in an append argument. */
const ENTRY_FIELDS = 9;

/** The journal scripts, by the command name each is defined as (redis-client.ts). */
export const luaJournal = {
  /**
   * append(prefix, entries, sessionBytes, totalBytes, idleMs, touchEveryMs, defaultName, fields,
   * text, ...) -> {seq | 0 | -1, ...}: entries of any sessions, in order, each two arguments: its
   * newline-ended fields (name, epoch, bytes, method, path, template, operationId, status, check)
   * and its text. Each counts the request (`req_<seq>`, kept or not), keeps the entry, then evicts
   * past the session's and the store-wide budgets, as the memory journal does. 0: the session was
   * reset or evicted meanwhile. `check` (a version, or empty): answered unopened, the entry is kept
   * only at that epoch and version with no fault rules (else -1: the request runs again); it then
   * refreshes expiry and LRU place as an open does.
   */
  wmAppend: `local ENTRY_FIELDS = ${ENTRY_FIELDS}
${NOW}
${SESSION_KEYS}
local p = ARGV[1]
local max_entries, session_budget, total_budget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local idle, touch_every, default_name = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local all, total_key = p .. 'journal:all', p .. 'journal:bytes'
local count = (#ARGV - 7) / 2
-- The store-wide order of the entries (journal:all's scores), taken for the whole batch at once.
local order = redis.call('INCRBY', p .. 'journal:n', count) - count
-- Per session: its epoch, and whether js ('seq:bytes' of the stream's entries, oldest first, so the
-- oldest is evicted without reading it back) mirrors its stream; one it does not is read instead.
local epochs, sized, touched, checked = {}, {}, {}, {}
-- Counters only this script changes, written back once at the end: per session its sequence,
-- journal bytes (jb) and stream length; the store-wide bytes (nil until read).
local counts, total = {}, nil
local function counted(name, m, j)
  local c = counts[name]
  if c == nil then
    local meta = redis.call('HMGET', m, 'seq', 'jb')
    c = {m = m, seq = tonumber(meta[1] or 0), jb = tonumber(meta[2] or 0), length = redis.call('XLEN', j)}
    counts[name] = c
  end
  return c
end
local now
local function confirm(name, s, m, check)
  -- This script changes neither a session's version nor its fault rules: one check per session
  -- and version holds for every entry of the call.
  local known = checked[name]
  if known ~= nil and known[1] == check then return known[2] end
  local meta = redis.call('HMGET', m, 'v', 't')
  local current = meta[1] == check and redis.call('LLEN', s .. 'fo') == 0
  checked[name] = {check, current}
  if not current then return false end
  if touched[name] == nil and name ~= default_name then
    touched[name] = true
    now = now or now_ms()
    if now - tonumber(meta[2] or 0) >= touch_every then
      for _, k in ipairs(EXPIRING) do redis.call('PEXPIRE', s .. k, idle) end
      redis.call('HSET', m, 't', now)
      redis.call('ZADD', p .. 'lru', now, name)
    end
  end
  return true
end
local function append(name, epoch, bytes, method, path, template, operation, status, check, text)
  local s = p .. 's:' .. name .. ':'
  local m, j, js = s .. 'm', s .. 'j', s .. 'js'
  if epochs[name] == nil then epochs[name] = redis.call('HGET', m, 'epoch') or false end
  if check ~= '' and (epochs[name] ~= epoch or not confirm(name, s, m, check)) then
    return -1
  end
  if epochs[name] ~= epoch then return 0 end
  local c = counted(name, m, j)
  c.seq = c.seq + 1
  local seq = c.seq
  order = order + 1
  if max_entries == 0 or bytes > session_budget or bytes > total_budget then return seq end
  if sized[name] == nil then
    sized[name] = redis.call('LLEN', js) == c.length
    if not sized[name] then redis.call('DEL', js) end
  end
  -- No expiry on the stream: forget() deletes it and takes its entries out of the budget together.
  local function add(id) return redis.pcall('XADD', j, id .. '-0', 'm', method, 'p', path, 't', template, 'o', operation, 's', status, 'b', bytes, 'e', text) end
  local added = add(seq)
  if type(added) == 'table' and added.err then
    -- The stream ahead of the session's counter (a call stopped part-way, before writing its
    -- counters back): catch up with the stream's last id, once, rather than fail every append.
    local last = redis.call('XREVRANGE', j, '+', '-', 'COUNT', 1)[1]
    if last == nil then return redis.error_reply(added.err) end
    c.seq = tonumber(string.match(last[1], '^(%d+)')) + 1
    seq = c.seq
    added = add(seq)
    if type(added) == 'table' and added.err then return redis.error_reply(added.err) end
  end
  c.length = c.length + 1
  if sized[name] then redis.call('RPUSH', js, seq .. ':' .. bytes) end
  c.jb = c.jb + bytes
  redis.call('ZADD', all, order, name .. '\\n' .. seq .. '\\n' .. bytes)
  total = (total or tonumber(redis.call('GET', total_key) or 0)) + bytes
  while c.length > max_entries or c.jb > session_budget do
    local oldest, size
    if sized[name] then
      oldest, size = string.match(redis.call('LPOP', js), '^(%d+):(%d+)$')
      size = tonumber(size)
    else
      local entry = redis.call('XRANGE', j, '-', '+', 'COUNT', 1)[1]
      local fields = entry[2]
      oldest, size = string.match(entry[1], '^(%d+)'), 0
      for i = 1, #fields, 2 do if fields[i] == 'b' then size = tonumber(fields[i + 1]) end end
    end
    redis.call('XDEL', j, oldest .. '-0')
    c.length = c.length - 1
    c.jb = c.jb - size
    redis.call('ZREM', all, name .. '\\n' .. oldest .. '\\n' .. size)
    total = total - size
  end
  while total > total_budget do
    local popped = redis.call('ZPOPMIN', all)
    if #popped == 0 then break end
    local victim, vseq, vbytes = string.match(popped[1], '^(.*)\\n(%d+)\\n(%d+)$')
    total = total - tonumber(vbytes)
    local vs = p .. 's:' .. victim .. ':'
    if redis.call('XDEL', vs .. 'j', vseq .. '-0') == 1 then
      local vc = counts[victim]
      if vc == nil then
        redis.call('HINCRBY', vs .. 'm', 'jb', -tonumber(vbytes))
      else
        vc.jb = vc.jb - tonumber(vbytes)
        vc.length = vc.length - 1
      end
      -- The store's oldest kept entry is its session's oldest: the head of that session's js.
      if redis.call('LINDEX', vs .. 'js', 0) == vseq .. ':' .. vbytes then
        redis.call('LPOP', vs .. 'js')
      else
        redis.call('DEL', vs .. 'js')
        sized[victim] = false
      end
    end
  end
  return seq
end
local seqs = {}
local f = {}
for i = 8, #ARGV, 2 do
  local a, at = ARGV[i], 1
  for k = 1, ENTRY_FIELDS do
    local nl = string.find(a, '\\n', at, true)
    f[k] = string.sub(a, at, nl - 1)
    at = nl + 1
  end
  seqs[#seqs + 1] = append(f[1], f[2], tonumber(f[3]), f[4], f[5], f[6], f[7], f[8], f[9], ARGV[i + 1])
end
for _, c in pairs(counts) do redis.call('HSET', c.m, 'seq', c.seq, 'jb', c.jb) end
if total ~= nil then redis.call('SET', total_key, total) end
return seqs`,

  /** clear(prefix, name) -> how many entries there were; the ids keep counting. */
  wmClearJournal: `${FORGET}
${SESSION}
local count = unbudget(p, name, s .. 'j')
redis.call('DEL', s .. 'j', s .. 'js')
if redis.call('EXISTS', m) == 1 then redis.call('HSET', m, 'jb', 0) end
return count`,
};
