# Quick start:   make score   (scores TrainingData/sample_disputes.jsonl with the shipped model)
#                make test    (runs the test suite; this is what CI runs)
.PHONY: deps score test model bench

deps:
	@bash scripts/install-deps.sh

score: deps
	swift run triage score --data TrainingData/sample_disputes.jsonl

test: deps
	swift test

# Rebuilds Models/default from TrainingData/ (byte-identical to the committed model).
model: deps
	swift run -c release triage train --data TrainingData/disputes.jsonl --label subject --label severity \
		--space vocab:2 --char-ngrams 3-4 --out Models/default --seed 1 --created-at 2026-11-29T00:00:00Z

bench: deps
	cd Benchmarks && swift package benchmark --no-progress
