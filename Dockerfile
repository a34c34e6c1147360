# Production image: builds the server and the web client, then runs them on Node 24 LTS against DATABASE_URL.
# Node 24's npm (11) honours package.json `allowScripts`: no dependency runs an install script we did not allow.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/var/lib/yakuba
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY package.json ./
RUN mkdir -p /var/lib/yakuba && chown node:node /var/lib/yakuba
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The V8 flags npm start gives the server (scripts/lib.mjs SERVER_V8_FLAGS): fewer major GCs, a steadier chat tail.
CMD ["node", "--heap-growing-percent=100", "--no-memory-reducer", "--min-semi-space-size=16", "--expose-gc", "dist/apps/server/src/main.js"]
