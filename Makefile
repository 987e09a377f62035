# eswitch: the commands a newcomer needs. Each target installs what it needs first (Tools/bootstrap).
# SwiftPM reads libdpdk through the corrected .pc files in Tools/pkgconfig.
export PKG_CONFIG_PATH := $(CURDIR)/Tools/pkgconfig

SWIFT ?= swift

.PHONY: all bootstrap build release test bench demo clean install-hook uninstall-hook

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

## make bench: micro-benchmarks in release mode; prints figures, targets, and ratios to anchors
## measured in the same run (Tools/bench/*: pyroute2 encoding a comparable tc filter request;
## dpdk-test-acl classifying the classifier benchmark's rule sets).
bench: release
	@Tools/bootstrap --bench
	.build/release/eswitch-bench --anchor "$$(python3 Tools/bench/pyroute2_filter_encode.py)" \
		$$(Tools/bench/dpdk_acl_anchor.sh .build/release/eswitch-bench | sed 's/^/--acl-anchor=/')

## make demo: the main job on the emulated NIC (see README).
demo: build
	@Tools/demo

## make install-hook: the libvirt qemu hook as /etc/libvirt/hooks/qemu.d/eswitch (restart libvirtd after).
install-hook: bootstrap
	$(SWIFT) build -c release --product eswitch-hook
	@Tools/install-hook --binary .build/release/eswitch-hook

uninstall-hook:
	@Tools/install-hook --uninstall

clean:
	rm -rf .build
