// `node scripts/bench.mjs --help`.

export const USAGE = `Usage: npm run bench [-- --quick | --profile | --help]
       node scripts/bench.mjs [--quick | --profile | --help]   (after npm run build)
       node scripts/bench.mjs --report .bench/results-<date>.json

Measures the built whop-mock (dist/bin/whop-mock.js, the package's bin, through its CLI and flags) against Stoplight Prism
(pinned: scripts/bench/prism/), an Express 5 constant app and a node:http constant app, in one
run on this machine, 127.0.0.1 only. Prints progress on stderr and a markdown report on stdout;
writes every sample to .bench/results-<date>.json. Asserts nothing about speed; exits 1 only if
whop-mock answers a valid request with a non-2xx or a connection error (the figures would be
wrong), if it cannot start, or if the run passes its time budget.

Duration on 2 cores: the default run about 15 minutes; --quick about 2 minutes (a smoke run:
one round, short windows, scale only to 10,000 users; not figures to quote). The exact plan and
its estimate are printed when a run starts.

  --quick     BENCH_QUICK=1: 1 round, 0.25 s warm-up + 1.5 s windows, 2 spawns, 1k and 10k users
  --profile   CPU profile of whop-mock under GET load, summarised by top self-time functions
              (BENCH_PROFILE_SCENARIO=get|list|members|patch|...; BENCH_SECONDS, BENCH_WARMUP)
              (BENCH_PROFILE_SERVER=whop|whop-log|whop-no-validation|whop-redis: which configuration)
  --report F  print the markdown report of a saved results file again (measures nothing)
  --help      this text

Environment (defaults: full run / --quick):
  BENCH_ROUNDS        rounds; every cell once per round, servers interleaved (3 / 1)
  BENCH_SECONDS       measured seconds per cell (5 / 1.5)
  BENCH_WARMUP        warm-up seconds before each measured window, thrown away (1 / 0.25)
  BENCH_SETTLE        unmeasured seconds of load per server after each start, before any cell (4 / 0.5)
  BENCH_CONNECTIONS   connections for the scenarios outside the sweep (50)
  BENCH_SWEEP         connection counts for GET /users/{id} (1,10,50,200)
  BENCH_SPAWNS        cold starts per server for spawn-to-first-answer and idle RSS (5 / 2)
  BENCH_SCALE_USERS   generated-user counts for the scale table (1000,10000,100000 / 1000,10000)
  BENCH_SEARCH        substring for GET /users?query= (mar)
  BENCH_ONLY          ;-separated server ids: whop whop-log whop-no-validation prism prism-log
                      express node-http whop-<users> whop-redis whop-base
  BENCH_SCENARIOS     ;-separated scenario ids: get get-original list members patch search churn
                      new-session
  BENCH_SKIP_PRISM=1  neither install nor run Prism
  BENCH_SKIP_REDIS=1  do not measure the Redis store (whop-redis: a redis-server the bench starts on
                      loopback, on the load generator's core; skipped with a note when missing)
  BENCH_SESSIONS=0    skip the memory-per-session measurement
  BENCH_PIN=0         do not pin (default: servers on BENCH_SERVER_CPU=1, the load generator on
                      BENCH_LOAD_CPU=0, with taskset, where it exists)
  BENCH_MAX_MINUTES   whole-run budget for the watchdog (default: twice the estimate + 5 min)
  BENCH_WHOP_CLI      another whop-mock cli.js to measure (a candidate build)
  BENCH_BASE_CLI      a second whop-mock cli.js measured beside it in the same rounds, as server
                      whop-base (GET sweep and PATCH): a build before a change, compared per round
`;
