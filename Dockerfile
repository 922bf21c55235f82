# backbuddy: a multi-stage build. The first stage installs everything and builds dist/; the runtime
# stage holds only production dependencies, the built files and the knowledge base, and runs as a
# non-root user. Base images cannot be pulled on the development machines, so
# test/e2e/prod-install.test.ts performs this recipe's runtime install (the COPY --from=build lines
# below, then the same npm ci) in a clean directory and checks that it answers.
#
#   docker build -t backbuddy .
#   docker run --env-file .env -p 3000:3000 -v backbuddy-data:/data backbuddy

ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: prepare would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/package-lock.json ./package-lock.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/knowledge ./knowledge
COPY --from=build /app/scripts/prepare.js ./scripts/prepare.js
COPY --from=build /app/scripts/pglite-template.js ./scripts/pglite-template.js
# Production dependencies only; then the empty-database template, so a new DATA_DIR opens in about
# 2 s instead of running initdb (it never fails the build).
RUN npm ci --omit=dev --no-audit --no-fund \
 && node scripts/pglite-template.js \
 && npm cache clean --force \
 && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness from /healthz (app/health.ts); the first PGlite start can take a while, hence the start period.
# Orchestrators that separate readiness should probe /readyz instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# One replica on the embedded PGlite store in /data, or several with DATABASE_URL (see README.md, Deploy).
CMD ["node", "bin/backbuddy.js", "start"]
