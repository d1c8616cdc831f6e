# syntax=docker/dockerfile:1
# One image for the admin API (default command) and the projector
# (command: node -r ./tools/register.cjs apps/api/src/cli/projector.cli.ts, or `npm run projector`;
# the direct node command lets SIGTERM reach the process without npm in between).
# The API has no build step: @swc-node/register compiles the TypeScript sources on load,
# so the image carries the sources and the full node_modules (typescript is a dev dependency).
# The console (apps/console) is built once here with Vite and served by the API under /console.

FROM node:20-bookworm AS build
# better-sqlite3 compiles from source when no prebuilt binary fits: python3, make and g++.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# NODE_ENV stays unset here, so dev dependencies are installed too.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run -s build:console

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LICENCES_DATA_DIR=/var/lib/licences \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code and dependencies belong to root and are read-only for the app user.
COPY --from=build /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/dist/console ./dist/console
# The data directory belongs to the app user (uid 1000 "node"); a new volume mounted here (or on
# its imports folder, which several API replicas may share) inherits that owner. The SWC
# transform cache goes to /tmp: keep /tmp writable.
RUN mkdir -p /var/lib/licences/imports && chown -R node:node /var/lib/licences
USER node
EXPOSE 3000
# The API's; the projector answers /health/ready on LICENCES_METRICS_PORT (9464) instead, so
# compose and Kubernetes give it a check of its own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "-r", "./tools/register.cjs", "apps/api/src/main.ts"]
