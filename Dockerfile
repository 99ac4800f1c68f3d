# syntax=docker/dockerfile:1
# One image per function: docker build --build-arg FUNCTION=objectbucket .
# The build stage compiles the workspace and deploys the function with only
# its production dependencies; the runtime is distroless Node 24, non-root.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG FUNCTION
WORKDIR /src
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY packages/runtime/package.json packages/runtime/
COPY packages/appcat/package.json packages/appcat/
# The function's tests build requests from the catalog (a dev dependency, never in the image).
COPY packages/catalog/package.json packages/catalog/
COPY packages/function-${FUNCTION}/package.json packages/function-${FUNCTION}/
RUN pnpm install --frozen-lockfile --filter "@appcat/function-${FUNCTION}..." --filter appcat-functions
COPY packages/runtime packages/runtime
COPY packages/appcat packages/appcat
COPY packages/function-${FUNCTION} packages/function-${FUNCTION}
RUN node_modules/.bin/tsc -b packages/function-${FUNCTION}/tsconfig.json \
 && pnpm --filter "@appcat/function-${FUNCTION}" deploy --legacy --prod /out

FROM gcr.io/distroless/nodejs${NODE_VERSION}-debian12:nonroot
WORKDIR /function
COPY --from=build /out /function
USER 65532:65532
EXPOSE 9443
ENTRYPOINT ["/nodejs/bin/node", "/function/dist/main.js"]
