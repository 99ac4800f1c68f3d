# syntax=docker/dockerfile:1
# One image per function: docker build --build-arg FUNCTION=objectbucket .
# The same image `make package` builds without Docker (a test keeps the two
# equal): Node's official build at NODE_VERSION, Debian 12's C libraries
# (distroless cc), the function's production bundle, non-root.
ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG FUNCTION
WORKDIR /src
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY packages/runtime/package.json packages/runtime/
COPY packages/appcat/package.json packages/appcat/
# The bundler lives in the catalog (a dev dependency, never in the image).
COPY packages/catalog/package.json packages/catalog/
COPY packages/function-${FUNCTION}/package.json packages/function-${FUNCTION}/
RUN pnpm install --frozen-lockfile --filter "@appcat/function-${FUNCTION}..." --filter appcat-functions
COPY packages/runtime packages/runtime
COPY packages/appcat packages/appcat
COPY packages/catalog packages/catalog
COPY packages/function-${FUNCTION} packages/function-${FUNCTION}
RUN node_modules/.bin/tsc -b packages/catalog/tsconfig.json packages/function-${FUNCTION}/tsconfig.json \
 && node packages/catalog/dist/bin/bundle.js function-${FUNCTION}

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/node /nodejs/bin/node
ARG FUNCTION
COPY --from=build /src/packages/function-${FUNCTION}/dist/bundle/main.mjs /function/main.mjs
ENV PATH=/nodejs/bin:/usr/bin:/bin
# Two malloc arenas instead of one per thread: less memory kept after load (packages/catalog/src/image.ts).
ENV MALLOC_ARENA_MAX=2
WORKDIR /function
USER 65532:65532
EXPOSE 9443
ENTRYPOINT ["/nodejs/bin/node", "--max-semi-space-size=4", "/function/main.mjs"]
