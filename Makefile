# kiosk — public information kiosk (C11, SDL2, SDL2_ttf, libcurl, libyaml).
#
#   make            build build/kiosk and build/kiosk-publish
#   make run        install missing packages, build, run on the bundled content
#   make test       whole test suite (ASan + UBSan build), ends with "N passed, N failed"
#   make bench      benchmarks, and the kiosk beside a Chromium kiosk (docs/benchmarks.md)
#   make fuzz       libFuzzer targets, FUZZ_SECONDS each
#   make screenshots  every scene at every target resolution, build/screenshots/
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean
#
# Every kiosk/*.c except the program entry points goes into one static
# library, so a new module needs no Makefile change. The pure core (no SDL,
# no network) is listed in CORE_MODULES: the fuzzers link only that, and
# `make check-core` proves those files include neither SDL nor curl.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/kiosk
DOCDIR  ?= $(PREFIX)/share/doc/kiosk

CC      ?= cc
PKGS    := sdl2 SDL2_ttf SDL2_image libcurl yaml-0.1 libsodium libqrencode espeak-ng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
DEFS    := -DKIOSK_DATADIR='"$(DATADIR)"'
VERSION_DEFS := -DKIOSK_VERSION='"$(VERSION)"' -DKIOSK_GIT_REV='"$(GIT_REV)"'
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(CSTD) $(WARN) $(DEFS) $(CFLAGS) $(PKG_CFLAGS) -Ikiosk -MMD -MP
LDLIBS  = $(PKG_LIBS) -lpthread -lm

SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

MAINS   := kiosk/main.c kiosk/publish_main.c
LIB_SRC := $(filter-out $(MAINS),$(wildcard kiosk/*.c))
CORE_MODULES := arena diag utf8 suggest schedule rotate yamltree content content_load health nav layout script manifest log config reading explore
CORE_SRC := $(foreach m,$(CORE_MODULES),kiosk/$(m).c)

TEST_SRC := $(wildcard tests/test_*.c)
HELPER_SRC := $(wildcard tests/helper_*.c)
BENCH_SRC := $(wildcard tests/bench_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_SECONDS ?= 60

# --- release build -----------------------------------------------------------
B := build
LIB_OBJ := $(LIB_SRC:kiosk/%.c=$(B)/obj/%.o)

PROGRAMS := $(B)/kiosk $(if $(wildcard kiosk/publish_main.c),$(B)/kiosk-publish)

all: $(PROGRAMS)

$(B)/obj/%.o: kiosk/%.c | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libkiosk.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/kiosk: $(B)/obj/main.o $(B)/libkiosk.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/kiosk-publish: $(B)/obj/publish_main.o $(B)/libkiosk.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# --- sanitizer build for tests -------------------------------------------------
A := $(B)/asan
ASAN_LIB_OBJ := $(LIB_SRC:kiosk/%.c=$(A)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(A)/%)
HELPER_BIN := $(HELPER_SRC:tests/%.c=$(A)/%)

$(A)/obj/%.o: kiosk/%.c | $(A)/obj
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

$(A)/obj/tests/%.o: tests/%.c | $(A)/obj/tests
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) $(shell pkg-config --cflags cmocka) -c $< -o $@

$(A)/libkiosk.a: $(ASAN_LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(A)/kiosk: $(A)/obj/main.o $(A)/libkiosk.a
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

$(A)/kiosk-publish: $(A)/obj/publish_main.o $(A)/libkiosk.a
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

$(A)/test_%: $(A)/obj/tests/test_%.o $(A)/libkiosk.a
	$(CC) $(SAN) -o $@ $^ $(shell pkg-config --libs cmocka) $(LDLIBS)

# tests/helper_*.c: small programs the shell integration tests drive.
$(A)/helper_%: $(A)/obj/tests/helper_%.o $(A)/libkiosk.a
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

# --- fuzzers (clang libFuzzer, core only) ----------------------------------------
F := $(B)/fuzz
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(F)/%)
FUZZ_PKGS := yaml-0.1 libsodium
FUZZ_CFLAGS = $(CSTD) $(WARN) $(DEFS) -g -O1 -Ikiosk $(shell pkg-config --cflags $(FUZZ_PKGS)) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

$(F)/%: fuzz/%.c $(CORE_SRC) kiosk/*.h | $(F)
	clang $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRC) $(shell pkg-config --libs $(FUZZ_PKGS))

# --- benchmarks -----------------------------------------------------------------
BENCH_BIN := $(BENCH_SRC:tests/%.c=$(B)/%)
$(B)/bench_%: tests/bench_%.c $(B)/libkiosk.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# tools/bench: the content as HTML for the browser comparison, and the
# outside measurement of a program under X (needs Xlib, which SDL's -dev
# package pulls in; tests/bench.sh skips the comparison without it).
X11_OK := $(shell pkg-config --exists x11 2>/dev/null && echo 1)
BENCH_TOOLS := $(B)/bench-html $(if $(X11_OK),$(B)/bench-run)
$(B)/bench-html: tools/bench/html.c $(B)/libkiosk.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)
$(B)/bench-run: tools/bench/run.c
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(shell pkg-config --cflags x11) -o $@ $< $(shell pkg-config --libs x11)

# Only version.o sees the version and revision; it is rebuilt when they
# change (the stamp file is rewritten only then).
$(B)/obj/version.o $(A)/obj/version.o: ALL_CFLAGS += $(VERSION_DEFS)
$(B)/obj/version.o $(A)/obj/version.o: $(B)/version.stamp
$(B)/version.stamp: FORCE
	@mkdir -p $(B); echo '$(VERSION) $(GIT_REV)' | cmp -s - $@ || echo '$(VERSION) $(GIT_REV)' >$@
FORCE:

$(B)/obj $(A)/obj $(A)/obj/tests $(F):
	mkdir -p $@

# --- user-facing targets ----------------------------------------------------------
deps:
	@tools/install-deps.sh

run: deps
	$(MAKE) all
	$(B)/kiosk --content content $(RUN_ARGS)

# Every scene (attract, menu, each page, idle countdown) at every target
# resolution, headless: build/screenshots/<W>x<H>/<scene>.png
SCREEN_SIZES ?= 800x480 1280x800 1920x1080 1080x1920 3840x2160
screenshots: $(B)/kiosk
	@for s in $(SCREEN_SIZES); do \
	  mkdir -p $(B)/screenshots/$$s && \
	  SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-offscreen} $(B)/kiosk --content content --window $$s \
	    --screenshot-all $(B)/screenshots/$$s || exit 1; \
	  echo "$(B)/screenshots/$$s: $$(ls $(B)/screenshots/$$s | wc -l) scenes"; \
	done
	@printf 'low_reach: true\n' >$(B)/low-reach.yaml
	@for s in 800x480 1080x1920; do \
	  mkdir -p $(B)/screenshots/$$s-low-reach && \
	  SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-offscreen} $(B)/kiosk --config $(B)/low-reach.yaml \
	    --content content --window $$s --screenshot-all $(B)/screenshots/$$s-low-reach || exit 1; \
	  echo "$(B)/screenshots/$$s-low-reach: the wheelchair layout"; \
	done

check-content: $(B)/kiosk
	$(B)/kiosk --check content

# Static analysis: cppcheck's warning and portability checks, clean on kiosk/.
lint:
	@cppcheck --quiet --enable=warning,portability --std=c11 -Ikiosk \
	  --suppress=missingIncludeSystem --inline-suppr --error-exitcode=1 kiosk/ && \
	  echo "cppcheck: kiosk/ is clean"

check-core:
	@bad=$$(grep -lE '#include *[<"](SDL|curl)' $(CORE_SRC) $(CORE_SRC:.c=.h) 2>/dev/null); \
	if [ -n "$$bad" ]; then echo "pure core includes SDL or curl: $$bad"; exit 1; fi; \
	echo "pure core is free of SDL and curl"

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
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -dict=fuzz/yaml.dict $(F)/corpus-$$n tests/corpus/$$n 2>&1 | tail -n 3 || exit 1; \
	done

# A week of visits in accelerated time on the release build; prints figures.
SOAK_DAYS ?= 7
soak: $(B)/kiosk
	@tests/soak.sh $(B)/kiosk $(SOAK_DAYS) 200

# kill -9 at random instants of CHAOS_ROUNDS updates (and every failure case).
CHAOS_ROUNDS ?= 300
# Sanitizer build: a memory error at any of those instants counts too.
chaos: $(A)/kiosk $(A)/kiosk-publish $(HELPER_BIN)
	@KIOSK=$(A)/kiosk PUBLISH=$(A)/kiosk-publish KILL_ROUNDS=$(CHAOS_ROUNDS) sh tests/it_update.sh | \
	  tee $(B)/chaos.log | grep -E '^not ok|kill -9'; ! grep -q '^not ok' $(B)/chaos.log

# The pure core's unit tests built for arm64 and run under qemu-user.
cross-test:
	@tools/install-deps.sh --cross
	@tests/cross-test.sh $(CORE_SRC)

# The C benchmarks, then tests/bench.sh: the kiosk beside a browser kiosk
# under Xvfb, and one table of every figure at the end.
bench: $(BENCH_BIN) $(BENCH_TOOLS) $(PROGRAMS)
	@for b in $(BENCH_BIN); do $$b >$$b.txt; s=$$?; cat $$b.txt; [ $$s = 0 ] || exit 1; done
	@tests/bench_poll.sh $(B)
	@tests/bench.sh $(B)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/assets/fonts $(DESTDIR)$(DATADIR)/content
	install -m 0755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 0644 assets/fonts/* $(DESTDIR)$(DATADIR)/assets/fonts/
	cp -R content/. $(DESTDIR)$(DATADIR)/content/
	install -d $(DESTDIR)$(DOCDIR)
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(BINDIR)/kiosk-publish
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf $(B)

.PHONY: FORCE test-run chaos soak lint cross-test all deps run screenshots check-content check-core test fuzz bench install uninstall clean
.SECONDARY:

-include $(wildcard $(B)/obj/*.d $(A)/obj/*.d $(A)/obj/tests/*.d)
