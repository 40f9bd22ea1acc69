# syntax=docker/dockerfile:1
# build: install everything and compile the service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json jest.preset.js eslint.config.mjs ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npx nx run api:build

# test: the e2e suite in external mode, pointed at a running service by API_URL.
FROM build AS test
CMD ["npm", "run", "test:external"]

# runtime: production dependencies and the compiled service only.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=39300
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 39300
HEALTHCHECK --interval=5s --timeout=3s --retries=10 CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
