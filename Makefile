# The two commands of the README: `make run` and `make test`. Both install what is missing
# first (scripts/install-deps), then build.
PRESET ?= release
BIN := build/$(PRESET)/mentorhub
DB ?= mentorhub.db
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: all deps build run test unit bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@if [ ! -f "$(DB)" ]; then $(BIN) --database "$(DB)" demo; else $(BIN) --database "$(DB)" demo --sign-ins; fi
	@echo "Mentorhub: open http://127.0.0.1:$(PORT) (Ctrl-C stops the server)"
	@$(BIN) --database "$(DB)" serve --port $(PORT)

test: build
	@ctest --preset $(PRESET) -j $(JOBS)

unit: build
	@ctest --preset $(PRESET) -L unit -j $(JOBS)

clean:
	rm -rf build
