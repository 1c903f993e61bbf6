// Lua shared by the store's scripts. Every script gets the key prefix in ARGV[1] and, for a
// session, its name in ARGV[2]; keys are built in the scripts, so the store needs one Redis (not a
// cluster). Every session key but the journal's (j, js) expires with the session: the journal's
// entries are also counted in the store-wide budget, which an expiring key would leave behind, so
// `forget` deletes it (session evicted, reset, idle past its time, or created again).

/** The keys of one session (for DEL), and those that expire with it (for PEXPIRE). */
export const SESSION_KEYS = `local KINDS = {'m', 'o', 'rv', 'fo', 'fr', 'j', 'js'}
local EXPIRING = {'m', 'o', 'rv', 'fo', 'fr'}`;

/** A session's script starts so: its keys' prefix `s` (from the prefix and name) and its meta `m`. */
export const SESSION = `local p, name = ARGV[1], ARGV[2]
local s = p .. 's:' .. name .. ':'
local m = s .. 'm'`;

/** Milliseconds, from the server's clock (every replica agrees on it). */
export const NOW = `local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end`;

/** Takes a session's journal entries out of the store-wide budget, then deletes its keys. */
export const FORGET = `${SESSION_KEYS}
local function unbudget(p, name, j)
  local entries = redis.call('XRANGE', j, '-', '+')
  local freed = 0
  for _, entry in ipairs(entries) do
    local seq = string.match(entry[1], '^(%d+)')
    local fields = entry[2]
    local bytes = 0
    for i = 1, #fields, 2 do if fields[i] == 'b' then bytes = tonumber(fields[i + 1]) end end
    if redis.call('ZREM', p .. 'journal:all', name .. '\\n' .. seq .. '\\n' .. bytes) == 1 then freed = freed + bytes end
  end
  if freed > 0 then redis.call('DECRBY', p .. 'journal:bytes', freed) end
  return #entries
end
local function forget(p, name)
  local s = p .. 's:' .. name .. ':'
  unbudget(p, name, s .. 'j')
  for _, k in ipairs(KINDS) do redis.call('DEL', s .. k) end
  redis.call('ZREM', p .. 'lru', name)
end
-- Sessions idle past their time (their other keys have expired): journals and budget freed.
local function forget_idle(p, cutoff)
  for _, victim in ipairs(redis.call('ZRANGEBYSCORE', p .. 'lru', '-inf', cutoff)) do forget(p, victim) end
end`;

/** Gives keys a session created since its last touch the TTL its meta has. */
export const SYNC_TTL = `local function sync_ttl(m, ...)
  local ttl = redis.call('PTTL', m)
  if ttl > 0 then for _, key in ipairs({...}) do redis.call('PEXPIRE', key, ttl) end end
end`;
