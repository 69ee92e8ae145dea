# Quick start:   make score   (scores TrainingData/sample_disputes.jsonl with the shipped model)
#                make test    (runs the test suite; this is what CI runs)
.PHONY: deps score test triage model bench desk desk-test

deps:
	@bash scripts/install-deps.sh

score: deps
	swift run triage score --data TrainingData/sample_disputes.jsonl

test: deps
	swift test

# The release CLI as shipped: the Swift runtime and Foundation linked in, so each run starts without loading
# and binding shared libraries (the benchmark scripts build it the same way).
triage: deps
	swift build -c release --product triage --static-swift-stdlib
	@echo "built .build/release/triage"

# Rebuilds Models/default from TrainingData/ (byte-identical to the committed model; C chosen on a held-out 10%).
model: triage
	.build/release/triage train --data TrainingData/disputes.jsonl --label subject --label severity \
		--space vocab:2 --char-ngrams 3-4 --out Models/default --seed 1 --created-at 2026-11-29T00:00:00Z

bench: deps
	cd Benchmarks && swift package benchmark --no-progress

# The dispute desk on the embedded store at http://127.0.0.1:${DESK_PORT:-8080} (data in ${DESK_DATA_DIR:-.desk-data}),
# with the sample disputes loaded on first start. The admin token is written to $(DESK_DATA_DIR)/admin.token.
DESK_PORT ?= 8080
DESK_DATA_DIR ?= $(CURDIR)/.desk-data
desk: deps
	cd Desk && swift build --product triage-desk
	Desk/.build/debug/triage-desk serve --data-dir "$(DESK_DATA_DIR)" --port $(DESK_PORT) --seed TrainingData/sample_disputes.jsonl

# The desk's test suites (PostgreSQL is started by the tests themselves).
desk-test: deps
	bash scripts/install-desk-deps.sh
	cd Desk && DESK_REQUIRE_POSTGRES=1 swift test
