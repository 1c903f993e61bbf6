#!/usr/bin/env bash
# What a CI job that runs `npx whop-mock` gets: packs this repo, installs the tarball into an empty
# project (its dependencies come from the npm registry), then checks
#   - the tarball holds dist, specs, fixtures, schemas and no tests or sources;
#   - `npx whop-mock --version` / `--help`;
#   - `npx whop-mock --port 0` starts and answers a real request set; SIGTERM stops it (the
#     installed bin run directly exits 0);
#   - `import { createMockServer } from 'whop-mock'` works, and its types resolve under NodeNext;
#   - in another empty project with msw and @whop/sdk, the MSW example of README.md (and of docs/msw-browser.md) runs as written,
#     and whop-mock/browser starts with code generation from strings turned off.
# Usage: bash scripts/pack-smoke.sh        (needs node, npm, curl; network access to the registry)
# Exits non-zero on the first failure; prints how long each step took.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/whop-mock-pack.XXXXXX")
SERVER_PID=   # a server we started: its process group leader (npx) or the bin itself
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() { date +%s%N; }
T_ALL=$(now); T=$T_ALL
step() { local t; t=$(now); printf '  %-66s %6d ms\n' "$1" $(( (t - T) / 1000000 )); T=$t; }
fail() { echo "FAIL: $*" >&2; exit 1; }

VERSION=$(node -p 'require(process.argv[1]).version' "$ROOT/package.json")
echo "pack-smoke: whop-mock $VERSION in $TMP"

# 1. pack (prepack builds dist/)
mkdir -p "$TMP/pack" "$TMP/app"
(cd "$ROOT" && npm pack --pack-destination "$TMP/pack" --silent >"$TMP/pack.log" 2>&1) \
  || { cat "$TMP/pack.log" >&2; fail "npm pack failed"; }
TGZ=$(ls "$TMP"/pack/whop-mock-*.tgz 2>/dev/null | head -1)
[ -n "$TGZ" ] || fail "npm pack produced no whop-mock-*.tgz"
step "npm pack ($(( $(stat -c %s "$TGZ") / 1024 )) KiB)"

tar -tzf "$TGZ" >"$TMP/contents"
for f in package/package.json package/dist/bin/whop-mock.js package/dist/index.js package/dist/index.d.ts \
  package/dist/msw.js package/dist/msw.d.ts package/dist/browser/whop-mock.js package/dist/browser/index.d.ts \
  package/schemas/records.schema.json package/inspector/index.html package/inspector/inspector.js \
  package/inspector/panels.js package/inspector/spec-pointer.js package/inspector/inspector.css; do
  grep -qx "$f" "$TMP/contents" || fail "the tarball lacks ${f#package/}"
done
grep -q '^package/specs/.*\.yaml$' "$TMP/contents" || fail "the tarball has no specs/*.yaml"
grep -q '^package/fixtures/.*\.json$' "$TMP/contents" || fail "the tarball has no fixtures/*.json"
if grep -E '^package/(src|test|node_modules|\.ci|coverage|dist/browser/gen)/' "$TMP/contents" | head -3 | grep -q .; then
  fail "the tarball holds files it should not: $(grep -E '^package/(src|test|node_modules|\.ci|coverage)/' "$TMP/contents" | head -3 | tr '\n' ' ')"
fi
step "tarball contents ($(wc -l <"$TMP/contents") files)"

# 2. install into an empty project
cd "$TMP/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$TGZ" >"$TMP/install.log" 2>&1 \
  || { cat "$TMP/install.log" >&2; fail "npm install of the tarball failed"; }
step "npm install <tarball> into an empty project"

# 3. --version and --help through npx (the local bin; never fetched from the registry)
got=$(npx --no -- whop-mock --version) || fail "npx whop-mock --version exited non-zero"
[ "$got" = "$VERSION" ] || fail "npx whop-mock --version printed '$got', expected '$VERSION'"
step "npx whop-mock --version -> $got"
npx --no -- whop-mock --help >"$TMP/help" || fail "npx whop-mock --help exited non-zero"
grep -q -- '--port' "$TMP/help" || fail "npx whop-mock --help does not list --port"
step "npx whop-mock --help"

# 4. start on a free port, run the request set, stop with a signal.
# start_server LABEL CMD...: runs CMD in its own process group (job control) and sets URL.
start_server() {
  local label=$1; shift
  : >"$TMP/server.out"; : >"$TMP/server.err"
  set -m
  "$@" --port 0 --log-level silent >"$TMP/server.out" 2>"$TMP/server.err" &
  SERVER_PID=$!
  set +m
  URL=
  for _ in $(seq 1 150); do
    URL=$(head -1 "$TMP/server.out" 2>/dev/null | grep -oE 'http://[^ ]+' || true)
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.err" >&2; fail "$label --port 0 exited before listening"; }
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$TMP/server.out" "$TMP/server.err" >&2; fail "$label: no 'listening on http://...' line within 15 s"; }
  head -1 "$TMP/server.out" | grep -qE "^whop-mock $VERSION listening on http://127\.0\.0\.1:[0-9]+$" \
    || fail "$label: unexpected first line: $(head -1 "$TMP/server.out")"
}
# stop_server TARGET: SIGTERM to TARGET (a pid, or -pgid for the whole group); waits up to 5 s for
# the leader to exit and sets CODE; then checks the port no longer answers.
stop_server() {
  local target=$1 port=${URL##*:} t0; t0=$(now)
  kill -TERM -- "$target"
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
  kill -0 "$SERVER_PID" 2>/dev/null && fail "still running 5 s after SIGTERM"
  CODE=0; wait "$SERVER_PID" || CODE=$?
  STOP_MS=$(( ($(now) - t0) / 1000000 ))
  for _ in $(seq 1 50); do curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/" || break; sleep 0.1; done
  curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/" && fail "port $port still answers 5 s after SIGTERM (an orphaned server?)"
  grep -q '^SIGTERM: ' "$TMP/server.out" || fail "the server never logged that it received SIGTERM"
  SERVER_PID=
}

# 4a. through npx, as CI jobs run it. npm does not forward a SIGTERM sent to npx alone to the server
# (npm/cli#6684: the server is orphaned), so the signal goes to the process group, as a CI runner
# or a terminal's Ctrl-C does. npx's own exit code is then 143 (the `sh -c` npm runs the bin through
# dies of the signal) even though the server itself exits 0: 4b checks the server's exit code.
start_server "npx whop-mock" npx --no -- whop-mock
step "npx whop-mock --port 0 -> $URL"
status=$(curl -sS -m 10 -o "$TMP/me.json" -w '%{http_code}' -H 'Authorization: Bearer tok_user_alex_full' "$URL/users/me") \
  || fail "GET $URL/users/me: no response"
[ "$status" = 200 ] || fail "GET /users/me answered $status: $(head -c 300 "$TMP/me.json")"
BASE_URL=$URL bash "$ROOT/scripts/container-smoke-requests.sh" | sed 's/^/  /'
step "requests (GET 200, PATCH+GET, 401, /api/v1, versions)"
# The inspector ships in the package: the page and its scripts, served from the installed files.
curl -sS -m 10 "$URL/__mock/" | grep -q '<title>whop-mock inspector</title>' || fail "GET /__mock/ is not the inspector page"
for asset in inspector.js panels.js spec-pointer.js inspector.css; do
  status=$(curl -sS -m 10 -o /dev/null -w '%{http_code}' "$URL/__mock/$asset") || fail "GET /__mock/$asset: no response"
  [ "$status" = 200 ] || fail "GET /__mock/$asset answered $status"
done
step "inspector page and assets served from the installed package"
stop_server "-$SERVER_PID"
case $CODE in 0|143) ;; *) cat "$TMP/server.err" >&2; fail "npx exited $CODE after SIGTERM to its process group" ;; esac
step "SIGTERM to npx's group -> stopped in $STOP_MS ms (npx exit $CODE)"

# 4b. the installed bin itself (the file npx runs: shebang, symlink, package-relative paths)
start_server "node_modules/.bin/whop-mock" ./node_modules/.bin/whop-mock
status=$(curl -sS -m 10 -o "$TMP/me.json" -w '%{http_code}' -H 'Authorization: Bearer tok_user_alex_full' "$URL/users/me") \
  || fail "GET $URL/users/me: no response"
[ "$status" = 200 ] || fail "GET /users/me answered $status: $(head -c 300 "$TMP/me.json")"
stop_server "$SERVER_PID"
[ "$CODE" = 0 ] || { cat "$TMP/server.err" >&2; fail "node_modules/.bin/whop-mock exited $CODE after SIGTERM, expected 0"; }
step "node_modules/.bin/whop-mock: GET 200, SIGTERM -> exit 0 in $STOP_MS ms"

# 5. the programmatic API from the installed package
node --input-type=module -e "
  import { createMockServer } from 'whop-mock';
  const server = await createMockServer({ port: 0 });
  try {
    const res = await fetch(server.url + '/users/me', { headers: { authorization: 'Bearer tok_user_alex_full' } });
    const body = await res.json();
    if (res.status !== 200 || body.username !== 'alex') throw new Error('GET /users/me answered ' + res.status + ' ' + JSON.stringify(body));
  } finally {
    await server.close();
  }
" 2>"$TMP/import.err" || { cat "$TMP/import.err" >&2; fail "import { createMockServer } from 'whop-mock' did not work"; }
step "import { createMockServer } from 'whop-mock'"

TSC="$ROOT/node_modules/typescript/bin/tsc"
if [ -f "$TSC" ]; then
  cat >"$TMP/app/consumer.mts" <<'EOF'
import { createMockServer, type MockServer } from 'whop-mock';
const server: MockServer = await createMockServer({ port: 0, logLevel: 'silent' });
const url: string = server.url;
await server.close();
export { url };
EOF
  cat >"$TMP/app/tsconfig.json" <<'EOF'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext",
    "target": "es2022", "skipLibCheck": true, "types": [] }, "files": ["consumer.mts"] }
EOF
  node "$TSC" -p tsconfig.json >"$TMP/tsc.log" 2>&1 \
    || { cat "$TMP/tsc.log" >&2; fail "the package's types do not resolve for a NodeNext TypeScript consumer"; }
  step "types: tsc --moduleResolution nodenext consumer"
else
  echo "  (typescript not installed in $ROOT: type check skipped)"
fi

# 6. The MSW example of README.md and of docs/msw-browser.md, as written, in another empty project with msw and @whop/sdk (the
# versions this repository tests with); then whop-mock/browser from the package, with no eval.
mkdir -p "$TMP/msw-app" && cd "$TMP/msw-app"
npm init -y >/dev/null
deps=$(node -p 'const d = require(process.argv[1]).devDependencies; `msw@${d.msw} @whop/sdk@${d["@whop/sdk"]}`' "$ROOT/package.json")
# shellcheck disable=SC2086 # two package specs
npm install --no-audit --no-fund --loglevel=error "$TGZ" $deps >"$TMP/install-msw.log" 2>&1 \
  || { cat "$TMP/install-msw.log" >&2; fail "npm install of the tarball with $deps failed"; }
for doc in README.md docs/msw-browser.md; do
  awk '/<!-- msw-node-example/ { marked = 1; next } marked && /^```js/ { inside = 1; next } inside && /^```/ { exit } inside' "$ROOT/$doc" >example.mjs
  grep -q "from 'whop-mock/msw'" example.mjs || fail "no MSW example found in $doc (the block after <!-- msw-node-example -->)"
  node example.mjs >"$TMP/example.out" 2>"$TMP/example.err" || { cat "$TMP/example.err" >&2; fail "the MSW example of $doc exited non-zero"; }
  printf 'Hello from MSW\n403\nPATCH /users/me 200, GET /users/me 200, GET /users/me 403\n' | diff - "$TMP/example.out" >&2 \
    || fail "the MSW example of $doc printed something else (above: expected vs got)"
  step "$doc's MSW example with $deps"
done
node --disallow-code-generation-from-strings --input-type=module -e "
  import { createMock } from 'whop-mock/browser';
  const mock = await createMock();
  const res = await mock.fetch('https://api.whop.com/api/v1/users/me', { headers: { authorization: 'Bearer tok_user_alex_full' } });
  if (res.status !== 200) throw new Error('whop-mock/browser answered ' + res.status);
" 2>"$TMP/browser.err" || { tail -c 1000 "$TMP/browser.err" >&2; fail "whop-mock/browser did not start without code generation"; }
step "whop-mock/browser from the package, code generation from strings off"

echo "PASS: pack-smoke in $(( ($(now) - T_ALL) / 1000000 )) ms"
