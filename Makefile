# The two commands: `make demo` and `make test`. Everything else is CMake;
# this file only installs what is missing, configures and calls it.
BUILD_RELEASE ?= build/release
BUILD_TEST ?= build/test
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local

.PHONY: all deps release demo test bench install clean

all: release

deps:
	@./scripts/install-deps

release: deps
	cmake -S . -B $(BUILD_RELEASE) -DCMAKE_BUILD_TYPE=Release -DMECHKIT_TESTS=OFF \
	      -DMECHKIT_BENCH=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD_RELEASE) -j $(JOBS)

demo: release
	@./scripts/demo $(BUILD_RELEASE)/mechkit

# Warnings are errors; AddressSanitizer and UndefinedBehaviorSanitizer on.
test: deps
	cmake -S . -B $(BUILD_TEST) -DCMAKE_BUILD_TYPE=Debug -DMECHKIT_WERROR=ON \
	      -DMECHKIT_SANITIZE=ON
	cmake --build $(BUILD_TEST) -j $(JOBS)
	ctest --test-dir $(BUILD_TEST) --output-on-failure --no-tests=error -j $(JOBS)

bench: release
	@./scripts/bench $(BUILD_RELEASE)

install: release
	cmake --install $(BUILD_RELEASE)

clean:
	rm -rf build
