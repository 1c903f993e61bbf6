# whop-mock: a stateful, versioned, spec-validated test double for the Whop REST API.
#
#   docker build -t whop-mock .
#   docker run --rm -p 4010:4010 whop-mock
#
# Custom specs and fixtures replace the bundled ones by volume mount (read-only is fine):
#   docker run --rm -p 4010:4010 -v "$PWD/my-fixtures:/app/fixtures:ro" whop-mock
#   docker run --rm -p 4010:4010 -v "$PWD/my-specs:/app/specs:ro" whop-mock
# or mount anywhere and point the env at it:
#   docker run --rm -p 4010:4010 -v "$PWD/f:/data/f:ro" -e WHOP_MOCK_FIXTURES=/data/f whop-mock
# Every CLI flag has an env twin (PORT, WHOP_MOCK_LOG_LEVEL, WHOP_MOCK_ADMIN_TOKEN, ...):
#   docker run --rm whop-mock --help
ARG NODE_IMAGE=node:20-slim

# ---- build: all dependencies, compile, then drop the dev dependencies (Prism stays) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only two dev dependencies have install scripts (package-lock.json's hasInstallScript), and neither
# is needed: esbuild finds its binary in its platform package, msw's only copies its worker file.
# Our own build is the explicit `npm run build` below: lifecycle scripts are not run here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
# The build also precompiles the bundled specs' validators into dist/precompiled/ (and checks the
# fixtures): a container start then evaluates them instead of compiling. It bundles whop-mock/browser
# too (scripts/build-browser.mjs, with esbuild: no install script needed).
COPY scripts/build.mjs scripts/build-inputs.mjs scripts/precompile.mjs scripts/build-browser.mjs scripts/build-cli.mjs ./scripts/
COPY specs ./specs
COPY schemas ./schemas
COPY fixtures ./fixtures
# Prism (@stoplight/prism-http) is an optional peer dependency of the npm package, installed here
# as a dev dependency; the image keeps it, so custom specs with operations only Prism can answer
# (a body in another media type than JSON) work in the container too. It is made a production
# dependency of this build stage's package.json before the prune, which keeps the lockfile's
# versions of its tree (the runtime stage copies the original package.json).
RUN npm run build \
 && test -n "$(ls dist/precompiled/specs-*.json)" \
 && rm -f dist/.tsbuildinfo dist/.build-stamp \
 && prism="$(node -p 'require("./package.json").devDependencies["@stoplight/prism-http"]')" \
 && npm pkg delete "devDependencies.@stoplight/prism-http" \
 && npm pkg set "dependencies.@stoplight/prism-http=$prism" \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && test -f node_modules/@stoplight/prism-http/package.json \
 && npm cache clean --force

# ---- runtime: production dependencies, compiled code, specs, fixtures, schemas ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4010
WORKDIR /app
# Files stay owned by root: the server only reads them, and the node user cannot change them.
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY specs ./specs
COPY fixtures ./fixtures
COPY schemas ./schemas
COPY inspector ./inspector
USER node
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4010) + '/__mock/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The health check needs no secret (GET /__mock/health stays open with an admin token); it
# assumes the server listens on 127.0.0.1 inside the container (HOST=0.0.0.0 does).
# Exec form: node is PID 1 and receives docker stop's SIGTERM itself (it closes and exits 0).
ENTRYPOINT ["node", "dist/bin/whop-mock.js"]
