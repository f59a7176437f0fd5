# kiosk — public information kiosk (C11, SDL2, SDL2_ttf, libcurl, libyaml).
#
#   make            build build/kiosk and build/kiosk-publish
#   make run        install missing packages, build, run on the bundled content
#   make test       whole test suite (ASan + UBSan build), ends with "N passed, N failed"
#   make bench      benchmarks, and the kiosk beside a Chromium kiosk (docs/benchmarks.md)
#   make fuzz       libFuzzer targets, FUZZ_SECONDS each
#   make screenshots  every scene at every target resolution, build/screenshots/
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        Debian packages for amd64 and arm64 into build/deb/ (debian/)
#   make clean
#
# Every kiosk/<layer>/*.c goes into one of two static libraries, the pure
# core's or the shell's, by its folder: a new module needs no Makefile change.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/kiosk
DOCDIR  ?= $(PREFIX)/share/doc/kiosk

CC      ?= cc
PKGS    := sdl2 SDL2_ttf SDL2_image libcurl yaml-0.1 libsodium libqrencode espeak-ng fribidi
# A cross build (make deb for arm64) names the target's pkg-config here.
PKG_CONFIG ?= pkg-config
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
# A package is built from a copy without .git: make deb passes GIT_REV.
ifndef GIT_REV
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
endif

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
DEFS    := -DKIOSK_DATADIR='"$(DATADIR)"'
VERSION_DEFS := -DKIOSK_VERSION='"$(VERSION)"' -DKIOSK_GIT_REV='"$(GIT_REV)"'
CFLAGS  ?= -O2 -g

SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Source layout (README "Layout"): kiosk/<layer>/ for the modules, cmd/<program>/
# for the two entry points. The pure core is every module under CORE_DIRS; it
# is compiled with only its own include paths and libyaml/libsodium, and with
# kiosk/core/pure.h forced in, which poisons SDL, curl and file-system calls:
# a core module that reaches for them does not compile. The one exception is
# the core's edge to the file system, CORE_EDGE.
LAYERS    := core ui a11y update platform ops publish
CORE_DIRS := core ui a11y
CORE_EDGE := kiosk/core/kfile.c
CORE_SRC  := $(sort $(wildcard $(CORE_DIRS:%=kiosk/%/*.c)))
SHELL_SRC := $(sort $(filter-out $(CORE_SRC),$(wildcard $(LAYERS:%=kiosk/%/*.c))))
# cmd/kiosk/: main.c and the program's own settings plumbing (settings.c).
KIOSK_CMD_SRC := $(wildcard cmd/kiosk/*.c)
CORE_INC  := $(CORE_DIRS:%=-Ikiosk/%)
ALL_INC   := $(LAYERS:%=-Ikiosk/%)
# FriBidi: the bidirectional algorithm (kiosk/ui/bidi.c), pure computation.
CORE_PKGS := yaml-0.1 libsodium fribidi
CORE_PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
CORE_CFLAGS = $(CSTD) $(WARN) $(DEFS) $(CPPFLAGS) $(CFLAGS) $(CORE_PKG_CFLAGS) $(CORE_INC) -MMD -MP \
	$(if $(filter $(CORE_EDGE),$<),,-include kiosk/core/pure.h)
ALL_CFLAGS = $(CSTD) $(WARN) $(DEFS) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) $(ALL_INC) -MMD -MP
# libhyphen has no pkg-config file: the word breaks (kiosk/platform/hyph.c).
LDLIBS  = $(PKG_LIBS) -lhyphen -lpthread -lm
# Flags for one kiosk/ source: the core's or the shell's.
src_cflags = $(if $(filter $(CORE_SRC),$<),$(CORE_CFLAGS),$(ALL_CFLAGS))

SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Unit tests: tests/unit/test_<module>.c. A test of a core module is a core
# test: it builds against the core alone (make cross-test runs them for arm64).
TEST_SRC := $(wildcard tests/unit/test_*.c)
CORE_MODULES := $(notdir $(CORE_SRC:.c=))
# test_layout_check is the exception: it lays out every scene in every
# language and measures with the screen's own renderer (render.h: shaped
# runs, the Arabic face), so it needs the platform layer and runs on x86 only.
CORE_TEST_SRC := $(filter-out tests/unit/test_layout_check.c,\
	$(filter $(CORE_MODULES:%=tests/unit/test_%.c),$(TEST_SRC)))
HELPER_SRC := $(wildcard tests/helpers/helper_*.c)
BENCH_SRC := $(wildcard tests/bench/bench_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_SECONDS ?= 60

# --- release build -----------------------------------------------------------
B := build
CORE_OBJ  := $(CORE_SRC:kiosk/%.c=$(B)/obj/%.o)
SHELL_OBJ := $(SHELL_SRC:kiosk/%.c=$(B)/obj/%.o)
LIBS      := $(B)/libkiosk.a $(B)/libkiosk-core.a

PROGRAMS := $(B)/kiosk $(B)/kiosk-publish

all: $(PROGRAMS)

$(B)/obj/%.o: kiosk/%.c
	@mkdir -p $(@D)
	$(CC) $(src_cflags) -c $< -o $@

$(B)/obj/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libkiosk-core.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/libkiosk.a: $(SHELL_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/kiosk: $(KIOSK_CMD_SRC:cmd/%.c=$(B)/obj/cmd/%.o) $(LIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/kiosk-publish: $(B)/obj/cmd/kiosk-publish/main.o $(LIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# --- sanitizer build for tests -------------------------------------------------
A := $(B)/asan
ASAN_LIBS := $(A)/libkiosk.a $(A)/libkiosk-core.a
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(A)/%)
HELPER_BIN := $(HELPER_SRC:tests/helpers/%.c=$(A)/%)
TEST_CFLAGS = $(ALL_CFLAGS) -Itests/unit -O1 $(SAN) $(shell pkg-config --cflags cmocka)

$(A)/obj/%.o: kiosk/%.c
	@mkdir -p $(@D)
	$(CC) $(src_cflags) -O1 $(SAN) -c $< -o $@

$(A)/obj/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

$(A)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(A)/libkiosk-core.a: $(CORE_SRC:kiosk/%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^

$(A)/libkiosk.a: $(SHELL_SRC:kiosk/%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^

$(A)/kiosk: $(KIOSK_CMD_SRC:cmd/%.c=$(A)/obj/cmd/%.o) $(ASAN_LIBS)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

$(A)/kiosk-publish: $(A)/obj/cmd/kiosk-publish/main.o $(ASAN_LIBS)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

$(A)/test_%: $(A)/obj/tests/unit/test_%.o $(ASAN_LIBS)
	$(CC) $(SAN) -o $@ $^ $(shell pkg-config --libs cmocka) $(LDLIBS)

# The shaping test compares the screen's text with HarfBuzz's own shaping.
$(A)/obj/tests/unit/test_shape.o: TEST_CFLAGS += $(shell $(PKG_CONFIG) --cflags harfbuzz 2>/dev/null)
$(A)/test_shape: LDLIBS += $(shell $(PKG_CONFIG) --libs harfbuzz 2>/dev/null)

# tests/helpers/*.c: small programs the shell integration tests drive.
$(A)/helper_%: $(A)/obj/tests/helpers/helper_%.o $(ASAN_LIBS)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

# --- fuzzers (clang libFuzzer, core only) ----------------------------------------
F := $(B)/fuzz
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(F)/%)
FUZZ_CFLAGS = $(CSTD) $(WARN) $(DEFS) -g -O1 $(CORE_INC) $(CORE_PKG_CFLAGS) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

$(F)/%: fuzz/%.c $(CORE_SRC) $(wildcard $(CORE_DIRS:%=kiosk/%/*.h))
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRC) $(shell pkg-config --libs $(CORE_PKGS))

# --- benchmarks -----------------------------------------------------------------
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(B)/%)
$(B)/bench_%: tests/bench/bench_%.c $(LIBS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# tools/bench: the content as HTML for the browser comparison, and the
# outside measurement of a program under X (needs Xlib, which SDL's -dev
# package pulls in; tests/bench/bench.sh skips the comparison without it).
X11_OK := $(shell pkg-config --exists x11 2>/dev/null && echo 1)
BENCH_TOOLS := $(B)/bench-html $(if $(X11_OK),$(B)/bench-run)
$(B)/bench-html: tools/bench/html.c $(LIBS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench-run: tools/bench/run.c
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(shell pkg-config --cflags x11) -o $@ $< $(shell pkg-config --libs x11)

# Only version.o sees the version and revision; it is rebuilt when they
# change (the stamp file is rewritten only then).
$(B)/obj/core/version.o $(A)/obj/core/version.o: CORE_CFLAGS += $(VERSION_DEFS)
$(B)/obj/core/version.o $(A)/obj/core/version.o: $(B)/version.stamp
$(B)/version.stamp: FORCE
	@mkdir -p $(B); echo '$(VERSION) $(GIT_REV)' | cmp -s - $@ || echo '$(VERSION) $(GIT_REV)' >$@
FORCE:


# --- user-facing targets ----------------------------------------------------------
deps:
	@tools/install-deps.sh

run: deps
	$(MAKE) all
	$(B)/kiosk --content content $(RUN_ARGS)

# Every scene (each slide of the attract loop in each language, the menu,
# each page, the QR code, the idle countdown, the accessible looks, an
# emergency notice) at every target resolution, headless:
# build/screenshots/<W>x<H>/<scene>.png, and the wheelchair layout in
# build/screenshots/<W>x<H>-low-reach/
SCREEN_SIZES ?= 800x480 1280x800 1920x1080 1080x1920 3840x2160
screenshots: $(B)/kiosk
	@for s in $(SCREEN_SIZES); do \
	  mkdir -p $(B)/screenshots/$$s && \
	  SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-offscreen} $(B)/kiosk --content content --window $$s \
	    --screenshot-all $(B)/screenshots/$$s || exit 1; \
	  echo "$(B)/screenshots/$$s: $$(ls $(B)/screenshots/$$s | wc -l) scenes"; \
	done
	@printf 'low_reach: true\n' >$(B)/low-reach.yaml
	@for s in $(SCREEN_SIZES); do \
	  mkdir -p $(B)/screenshots/$$s-low-reach && \
	  SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-offscreen} $(B)/kiosk --config $(B)/low-reach.yaml \
	    --content content --window $$s --screenshot-all $(B)/screenshots/$$s-low-reach || exit 1; \
	  echo "$(B)/screenshots/$$s-low-reach: the wheelchair layout"; \
	done

# The README's screenshots (docs/screenshots/<size>/), from the above.
docs-screenshots: screenshots
	@sh tools/docs-screenshots.sh $(B)/screenshots docs/screenshots

check-content: $(B)/kiosk
	$(B)/kiosk --check content

# Static analysis: cppcheck's warning and portability checks, clean on kiosk/.
lint:
	@cppcheck --quiet --enable=warning,portability --std=c11 $(ALL_INC) \
	  --suppress=missingIncludeSystem --inline-suppr --error-exitcode=1 kiosk/ && \
	  echo "cppcheck: kiosk/ is clean"

# The compiler already keeps the core pure (see CORE_CFLAGS); this checks the
# result: the core library calls nothing of SDL, curl or espeak-ng.
check-core: $(B)/libkiosk-core.a
	@bad=$$(nm -u $< | grep -E ' (SDL|TTF|IMG|curl|espeak)_' | sort -u); \
	if [ -n "$$bad" ]; then echo "pure core calls the shell's libraries:"; echo "$$bad"; exit 1; fi; \
	echo "pure core ($(words $(CORE_SRC)) modules) calls neither SDL, curl nor espeak-ng"

# On a fresh machine `make test` installs what the suite needs first; the
# build then runs in a new make, which sees the packages' pkg-config flags.
test:
	@tools/install-deps.sh --test
	@$(MAKE) --no-print-directory test-run

test-run: $(TEST_BIN) $(HELPER_BIN) $(PROGRAMS:$(B)/%=$(A)/%) $(FUZZ_BIN) check-core lint
	@tests/run-all.sh $(A) $(F)

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); mkdir -p $(F)/corpus-$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -dict=fuzz/yaml.dict $(F)/corpus-$$n fuzz/corpus/$$n >$(F)/$$n.log 2>&1; rc=$$?; tail -n 3 $(F)/$$n.log; \
	  [ $$rc -eq 0 ] || { echo "$$n failed (exit $$rc): $(F)/$$n.log"; exit 1; }; \
	done

# A week of visits in accelerated time on the release build; prints figures.
SOAK_DAYS ?= 7
soak: $(B)/kiosk
	@tests/bench/soak.sh $(B)/kiosk $(SOAK_DAYS) 200

# kill -9 at random instants of CHAOS_ROUNDS updates (and every failure case).
CHAOS_ROUNDS ?= 300
# Sanitizer build: a memory error at any of those instants counts too.
chaos: $(A)/kiosk $(A)/kiosk-publish $(HELPER_BIN)
	@KIOSK=$(A)/kiosk PUBLISH=$(A)/kiosk-publish KILL_ROUNDS=$(CHAOS_ROUNDS) sh tests/it/it_update.sh | \
	  tee $(B)/chaos.log | grep -E '^not ok|kill -9'; ! grep -q '^not ok' $(B)/chaos.log

# The pure core's unit tests built for arm64 and run under qemu-user.
cross-test:
	@tools/install-deps.sh --cross
	@tests/cross-test.sh "$(CORE_INC)" "$(CORE_TEST_SRC)" $(CORE_SRC)

# The C benchmarks, then tests/bench/bench.sh: the kiosk beside a browser kiosk
# under Xvfb, and one table of every figure at the end.
bench: $(BENCH_BIN) $(BENCH_TOOLS) $(PROGRAMS)
	@for b in $(BENCH_BIN); do $$b >$$b.txt; s=$$?; cat $$b.txt; [ $$s = 0 ] || exit 1; done
	@tests/bench/bench_poll.sh $(B)
	@tests/bench/bench.sh $(B)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/assets/fonts $(DESTDIR)$(DATADIR)/assets/hyphen $(DESTDIR)$(DATADIR)/assets/strings $(DESTDIR)$(DATADIR)/content
	install -m 0755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 0644 assets/fonts/* $(DESTDIR)$(DATADIR)/assets/fonts/
	install -m 0644 assets/hyphen/* $(DESTDIR)$(DATADIR)/assets/hyphen/
	install -m 0644 assets/strings/*.yaml $(DESTDIR)$(DATADIR)/assets/strings/
	cp -R content/. $(DESTDIR)$(DATADIR)/content/
	install -d $(DESTDIR)$(DOCDIR)
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/

# Debian packages (debian/, tools/deb-build.sh): kiosk and kiosk-publish for
# amd64 and, cross-built, arm64 into build/deb/, checked by lintian.
# KIOSK_DEB_VERSION=V builds another version (tests/system: an upgrade).
DEB_ARCHS ?= amd64 arm64
deb:
	@tools/install-deps.sh --deb
	@tools/deb-build.sh $(B)/deb $(DEB_ARCHS)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(BINDIR)/kiosk-publish
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf $(B)

.PHONY: FORCE test-run chaos soak lint cross-test deb all deps run screenshots docs-screenshots check-content check-core test fuzz bench install uninstall clean
.SECONDARY:

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# The kiosk on its own platform: an arm64 Debian 12 guest under QEMU with a
# KMSDRM display and a touch screen, set up by tools/install-pi.sh as the
# README says, then touched, hung, crashed, updated, rebooted and cut off.
# Needs root; the guest image is cached in /var/cache/kiosk-system-test
# (tests/system/README.md).
system-test: $(PROGRAMS)
	@tests/system/run.sh $(B)

.PHONY: system-test
