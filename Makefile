# The two commands a new machine needs (see README.md):
#   make demo   install what is missing, build, collect the bundled demo site
#   make test   install what is missing, build, run every test (ctest)
BUILD ?= build
MAKEFLAGS += --no-print-directory
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps build test demo install bench clean asan

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 300

demo: build
	@scripts/demo.sh $(BUILD)

# Address and undefined-behaviour sanitizers over the whole test suite.
asan:
	@$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DHARRIER_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

install: build
	@scripts/install.sh $(BUILD)

bench: build
	@scripts/install-deps.sh --bench
	@bench/run_collection_bench.sh $(BUILD)
	@bench/run_scrapy_comparison.sh $(BUILD)
	@bench/run_extract_bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-asan var/demo
