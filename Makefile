# Every target does its own set-up on a fresh machine: pnpm and the
# workspace dependencies, the TypeScript build, and the Go tools in bin/.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PNPM_VERSION := 10.34.9
PNPM := bin/.pnpm/node_modules/.bin/pnpm
NODE := node
JEST := $(NODE) --experimental-vm-modules node_modules/jest/bin/jest.js

# A Crossplane CLI on the PATH is used as it is; otherwise the pinned one is built into bin/.
CRANK ?= $(or $(shell command -v crank 2>/dev/null),$(shell command -v crossplane 2>/dev/null),bin/crank)
export CRANK

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(PNPM):
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix bin/.pnpm pnpm@$(PNPM_VERSION)

node_modules/.modules.yaml: $(PNPM) pnpm-lock.yaml package.json $(wildcard packages/*/package.json)
	$(PNPM) install --frozen-lockfile
	@touch $@

.PHONY: deps
deps: node_modules/.modules.yaml ## Install pnpm and the workspace dependencies

.PHONY: build
build: deps ## Type-check and compile every package, and bundle each function for production (dist/bundle/main.mjs)
	node_modules/.bin/tsc -b $(wildcard packages/*/tsconfig.json)
	$(NODE) packages/catalog/dist/bin/bundle.js >/dev/null

# tools/build.sh skips a tool whose pinned module, flags and Go version are unchanged.
.PHONY: crank
crank:
	$(if $(filter bin/crank,$(CRANK)),tools/build.sh crank)

.PHONY: tools
tools: crank ## Build the pinned Go tools (Crossplane CLI and core 2.x and 1.20, kube-apiserver, kube-controller-manager, kubectl, etcd, the template engine, crane, the readiness CEL evaluator) into bin/
	tools/build.sh kube-apiserver kube-controller-manager kubectl etcd template-wasm template-native crane crossplane crossplane-1.20 cel-readiness

# Debian's OdooRPC drives the Odoo emulator in an integration test (a client
# written against real Odoo). Fresh machines and CI start without it; its test
# fails in CI when it is missing and skips elsewhere.
.PHONY: odoorpc
odoorpc: ## Install Debian's python3-odoorpc when it is missing (needs root and apt-get)
	@if ! /usr/bin/python3 -c 'import odoorpc' 2>/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-odoorpc; \
	  else \
	    echo "python3-odoorpc is missing and cannot be installed here (needs root and apt-get)"; \
	  fi; \
	fi

.PHONY: generate
generate: build ## Regenerate each function's types and schemas from its XRD and input CRD
	$(NODE) packages/catalog/dist/bin/generate.js
	$(NODE) packages/integration-operator/dist/bin/generate-crds.js
	node_modules/.bin/tsc -b $(wildcard packages/*/tsconfig.json)

.PHONY: render
render: build crank ## Render every example through the Crossplane CLI with our functions
	$(NODE) packages/checks/dist/bin/render.js

.PHONY: update-goldens
update-goldens: build crank ## Rewrite the render goldens (review the diff!)
	$(NODE) packages/checks/dist/bin/render.js --update >/dev/null

# Type-check of sources and tests, lint, format and the generated files:
# what every tier starts with.
.PHONY: lint
lint: build ## Type-check tests, ESLint, Prettier, and check that generated files are current
	node_modules/.bin/tsc -p tsconfig.lint.json --noEmit
	node_modules/.bin/eslint --max-warnings 0 .
	node_modules/.bin/prettier --check --log-level warn .
	$(NODE) packages/catalog/dist/bin/generate.js --check

.PHONY: format
format: deps ## Format every file Prettier owns
	node_modules/.bin/prettier --write --log-level warn .

.PHONY: unit
unit: lint ## The fast tier: lint and the unit tests (no Go, no tools, no CRDs)
	$(JEST) --selectProjects unit

.PHONY: package
package: build crank ## Each function's runtime image (OCI, no Docker daemon) and xpkg, into packages/function-*/dist/package/, the integration operator's image and the backup retention sweeper's
	tools/build.sh crane template-wasm
	$(NODE) packages/catalog/dist/bin/package.js
	$(NODE) packages/integration-operator/dist/bin/image.js
	$(NODE) packages/backup-retention/dist/bin/image.js

.PHONY: crds
crds: build ## Lay out the pinned third-party CRDs in their cache (from ../shared/crds, else their pinned Go modules)
	$(NODE) packages/catalog/dist/bin/crds.js >/dev/null

.PHONY: check
check: build tools odoorpc package crds ## The integration tier: goldens through the Crossplane CLI, claim validation, the API server
	$(JEST) --selectProjects integration

.PHONY: test
test: lint tools odoorpc package crds ## Every test: lint, then both tiers in one jest run
	$(JEST)

# The Go composition functions `make bench` compares ours with (not needed by any test).
.PHONY: reference-functions
reference-functions: ## Build the Go reference functions (function-auto-ready, function-patch-and-transform) into bin/
	tools/build.sh function-auto-ready function-patch-and-transform

.PHONY: bench
bench: build tools reference-functions bench-integration ## Benchmark RunFunction over real gRPC for every function, the integration operator, the service broker, the billing API, and each service end to end through real Crossplane 2.x and 1.20
	$(NODE) packages/bench/dist/bench.js
	$(NODE) packages/service-broker/dist/bin/bench.js
	$(NODE) packages/billing-api/dist/bench.js
	$(NODE) packages/checks/dist/bin/bench-e2e.js

# BROKER_CREDENTIALS_FILE (required) and KUBECONFIG as for a deployed broker; see packages/service-broker.
.PHONY: service-broker
service-broker: build ## Run the OSB service broker locally against the cluster of KUBECONFIG
	BROKER_HOST=$${BROKER_HOST:-127.0.0.1} $(NODE) packages/service-broker/dist/main.js

.PHONY: billing-api
billing-api: build tools ## Start kube-apiserver, the Odoo emulator and the billing API until Ctrl-C (kubeconfig: bin/billing-api.kubeconfig)
	$(NODE) packages/billing-api/dist/local-main.js bin/billing-api.kubeconfig

.PHONY: bench-integration
bench-integration: build ## Benchmark the integration operator: 200 plug/socket pairs to Coupled, memory at 1,000
	tools/build.sh kube-apiserver etcd template-wasm
	$(NODE) --no-warnings packages/integration-operator/dist/bin/bench.js

.PHONY: clean
clean: ## Remove build output (keeps bin/ and node_modules/)
	rm -rf packages/*/dist packages/*/tsconfig.tsbuildinfo
