# minipod: `sudo make demo` builds everything and runs the demo pod; `sudo make test` runs every test.
SHELL := /bin/bash
PREFIX ?= /usr/local
MVN ?= mvn -B -q
BUILD := build
IMAGES := rootfs-samples/build/images
MINIPOD := bin/minipod
# Debian packages the build and tests need (deps installs only the missing ones).
DEB_PACKAGES := openjdk-17-jdk-headless maven gcc make libc6-dev musl-tools busybox-static \
  containernetworking-plugins iptables iproute2

.PHONY: all deps build native java images import demo test test-unit test-native clean install uninstall

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "error: run as root (sudo make deps) to install:$$missing" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

native:
	$(MAKE) -C native-shims

java:
	$(MVN) -DskipTests package
	@rm -rf $(BUILD)/lib.new && mkdir -p $(BUILD)/lib.new
	@cp cli/target/lib/*.jar cli/target/minipod-cli-*.jar $(BUILD)/lib.new/
	@rm -rf $(BUILD)/lib.old && if [ -d $(BUILD)/lib ]; then mv $(BUILD)/lib $(BUILD)/lib.old; fi
	@mv $(BUILD)/lib.new $(BUILD)/lib && rm -rf $(BUILD)/lib.old
	@cli/cds.sh $(BUILD)

images:
	rootfs-samples/build-images.sh $(IMAGES)

# The build output: build/lib (jars), build/libexec (pause, monitor, shim library).
# Copy-and-rename, never overwrite in place: a running daemon has the shim library mapped, and
# rewriting a mapped file under it crashes that JVM.
build: native java images
	@mkdir -p $(BUILD)/libexec
	@for f in pause minipod-monitor libminipod-shim.so; do \
	  cp native-shims/build/$$f $(BUILD)/libexec/.$$f.new && mv -f $(BUILD)/libexec/.$$f.new $(BUILD)/libexec/$$f; \
	done

# Imports the sample images into the default image store (root).
import: build
	$(MINIPOD) import $(IMAGES)/busybox busybox:latest
	$(MINIPOD) import $(IMAGES)/busybox-web busybox-web:latest

demo: deps build import
	@rootfs-samples/demo.sh

# The static helpers build with musl when musl-gcc exists (tens of KiB per pod instead of ~1.6 MiB),
# else with glibc; both builds are tested.
test-native: native
	$(MAKE) -C native-shims check
	$(MAKE) -C native-shims check STATIC_CC=gcc
	$(MAKE) -C native-shims

# Unit tests always; root integration tests (JUnit tag "root") too when run as root.
test-java: build
	$(MVN) test -Dtest.excludedGroups=$$( [ "$$(id -u)" = 0 ] || echo root ) \
	  -Dminipod.libexec=$(CURDIR)/$(BUILD)/libexec -Dminipod.images=$(CURDIR)/$(IMAGES) \
	  -Dminipod.launcher=$(CURDIR)/$(MINIPOD)

test: deps build test-native test-java

clean:
	$(MAKE) -C native-shims clean
	$(MVN) clean
	rm -rf $(BUILD) rootfs-samples/build

install: build
	install -d $(PREFIX)/lib/minipod/lib $(PREFIX)/lib/minipod/libexec $(PREFIX)/bin
	install -m 0644 $(BUILD)/lib/*.jar $(PREFIX)/lib/minipod/lib/
	install -m 0755 $(BUILD)/libexec/pause $(BUILD)/libexec/minipod-monitor $(PREFIX)/lib/minipod/libexec/
	install -m 0644 $(BUILD)/libexec/libminipod-shim.so $(PREFIX)/lib/minipod/libexec/
	install -m 0755 bin/minipod $(PREFIX)/lib/minipod/minipod
	cli/cds.sh $(PREFIX)/lib/minipod
	ln -sf $(PREFIX)/lib/minipod/minipod $(PREFIX)/bin/minipod

uninstall:
	rm -rf $(PREFIX)/lib/minipod $(PREFIX)/bin/minipod
