# eswitch: the commands a newcomer needs. Each target installs what it needs first (Tools/bootstrap).
# SwiftPM reads libdpdk through the corrected .pc files in Tools/pkgconfig.
export PKG_CONFIG_PATH := $(CURDIR)/Tools/pkgconfig

SWIFT ?= swift

.PHONY: all bootstrap build release test bench demo clean

all: build

bootstrap:
	@Tools/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

## make test: the whole test suite (unit, golden, property, Linux netlink in network namespaces).
test: bootstrap
	$(SWIFT) test

## make bench: micro-benchmarks in release mode; prints figures and their targets.
bench: release
	.build/release/eswitch-bench

## make demo: the main job on the emulated NIC (see README).
demo: build
	@Tools/demo

clean:
	rm -rf .build
