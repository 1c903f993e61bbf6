// Coverage counters: cov:all (kept until cleared) and cov:s:<name> (expiring as sessions do); a
// field is `<key>\t<kind>[\t<name>]` (redis-coverage.ts), its value a count.

/** The coverage scripts, by the command name each is defined as (redis-client.ts). */
export const luaCoverage = {
  /**
   * count(prefix, idleMs, maxFields, groups of: session ('' for all), n, n field/increment pairs) -> 1.
   * A hash past maxFields only counts into those it has (error codes an upstream invents stay bounded).
   */
  wmCoverageCount: `local p, idle, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local i = 4
while i <= #ARGV do
  local name, n = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local key = name == '' and (p .. 'cov:all') or (p .. 'cov:s:' .. name)
  local room = redis.call('HLEN', key) < cap
  for _ = 1, n do
    local field, by = ARGV[i], ARGV[i + 1]
    i = i + 2
    if room or redis.call('HEXISTS', key, field) == 1 then redis.call('HINCRBY', key, field, by) end
  end
  if name ~= '' then redis.call('PEXPIRE', key, idle) end
end
return 1`,

  /** read(prefix, session or '') -> {field, count, ...}. */
  wmCoverageRead: `local key = ARGV[2] == '' and (ARGV[1] .. 'cov:all') or (ARGV[1] .. 'cov:s:' .. ARGV[2])
return redis.call('HGETALL', key)`,

  /** clear(prefix, session or '') -> 1: one session's counters, or every counter (a rare call: it scans). */
  wmCoverageClear: `local p = ARGV[1]
if ARGV[2] ~= '' then
  redis.call('DEL', p .. 'cov:s:' .. ARGV[2])
  return 1
end
redis.call('DEL', p .. 'cov:all')
local cursor = '0'
repeat
  local found = redis.call('SCAN', cursor, 'MATCH', p .. 'cov:s:*', 'COUNT', 1000)
  cursor = found[1]
  for _, key in ipairs(found[2]) do redis.call('DEL', key) end
until cursor == '0'
return 1`,
};
