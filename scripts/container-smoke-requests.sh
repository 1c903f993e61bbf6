#!/usr/bin/env bash
# A real request set against a running whop-mock at $BASE_URL (a fresh server: it PATCHes alex).
# Run by ../shared/tools/container-smoke.sh through SMOKE_CMD while the container is up, and by
# scripts/pack-smoke.sh against the server started from the installed npm package:
#   BASE_URL=http://127.0.0.1:4010 bash scripts/container-smoke-requests.sh
# Needs curl and node on the machine running it (no jq). Exits non-zero on the first failure.
set -euo pipefail
BASE_URL=${BASE_URL:?set BASE_URL, e.g. http://127.0.0.1:4010}
BASE_URL=${BASE_URL%/}
TOKEN=tok_user_alex_full
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
checks=0

fail() { echo "FAIL: $*" >&2; if [ -s "$TMP/body" ]; then echo "  last response body: $(head -c 600 "$TMP/body")" >&2; fi; exit 1; }

# request METHOD PATH [curl args...] -> sets STATUS, body in $TMP/body
request() {
  local method=$1 path=$2; shift 2
  : >"$TMP/body"
  STATUS=$(curl -sS -m 10 -o "$TMP/body" -w '%{http_code}' -X "$method" "$@" "$BASE_URL$path") \
    || fail "$method $path: curl could not complete the request"
  LAST="$method $path"
}

expect_status() { [ "$STATUS" = "$1" ] || fail "$LAST: expected HTTP $1, got $STATUS"; }

# json EXPR: evaluates a JS expression over the parsed body (as `b`) and prints the result
json() {
  node -e '
    const fs = require("node:fs");
    let b; try { b = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("<not JSON>"); process.exit(0); }
    const v = (0, eval)("(b) => (" + process.argv[2] + ")")(b);
    console.log(typeof v === "string" ? v : JSON.stringify(v));
  ' "$TMP/body" "$1"
}

expect_json() { # EXPR EXPECTED DESCRIPTION
  local got; got=$(json "$1")
  [ "$got" = "$2" ] || fail "$LAST: $3: expected $1 to be $2, got $got"
  checks=$((checks + 1))
}

auth=(-H "Authorization: Bearer $TOKEN")

# 1. the current user, default (oldest) version
request GET /users/me "${auth[@]}"
expect_status 200
expect_json 'b.id' user_alex123 'the token belongs to alex'
expect_json 'b.username' alex 'GET /users/me'

# 2. PATCH then GET: state persists across requests
new_name="Container Smoke $$-$RANDOM"
request PATCH /users/me "${auth[@]}" -H 'Content-Type: application/json' --data "{\"name\":\"$new_name\"}"
expect_status 200
expect_json 'b.name' "$new_name" 'the PATCH response shows the new name'
request GET /users/me "${auth[@]}"
expect_status 200
expect_json 'b.name' "$new_name" 'a GET after the PATCH shows the new name (persistence)'

# 3. an unknown token: 401 in the Whop error envelope
request GET /users/me -H 'Authorization: Bearer tok_not_a_real_token'
expect_status 401
expect_json 'typeof b.error === "object" && b.error !== null && typeof b.error.type === "string"' true 'the Whop error envelope {"error":{"type":...}}'

# 4. the SDK's /api/v1 prefix
request GET /api/v1/users/me "${auth[@]}"
expect_status 200
expect_json 'b.username' alex 'GET /api/v1/users/me'

# 5. versions: a recent Api-Version-Date adds total_usd, no header (the oldest version) does not
request GET /users/me "${auth[@]}" -H 'Api-Version-Date: 2026-07-20'
expect_status 200
expect_json '"total_usd" in b' true 'Api-Version-Date: 2026-07-20 includes total_usd'
request GET /users/me "${auth[@]}"
expect_status 200
expect_json '"total_usd" in b' false 'no Api-Version-Date header omits total_usd'

# 6. the inspector ships with it: the page at /__mock/, a browser at / is sent there
page=$(curl -sS -m 10 "$BASE_URL/__mock/") || { echo "FAIL: GET /__mock/: no response" >&2; exit 1; }
case $page in *'<title>whop-mock inspector</title>'*) checks=$((checks + 1)) ;; *) echo "FAIL: GET /__mock/ is not the inspector page" >&2; exit 1 ;; esac
location=$(curl -sS -m 10 -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$BASE_URL/")
case $location in */__mock/) checks=$((checks + 1)) ;; *) echo "FAIL: GET / from a browser redirects to '$location', not /__mock/" >&2; exit 1 ;; esac

echo "OK: $checks checks passed against $BASE_URL"
