# ticklist: plain Makefile. `make` builds build/ticklist.
# Local flags go in Makefile.local (not committed).

PKGS	 = libcmark yaml-0.1 libpcre2-8 libgit2
CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wshadow -Wpointer-arith -Wformat=2 \
	   -Wundef -Wold-style-definition -Wno-unused-parameter
BUILD	?= build
PREFIX	?= /usr/local
-include Makefile.local

ifeq ($(WERROR),1)
WARN	+= -Werror
endif

# libgit2 is not linked: files.c loads it with dlopen when a walk first
# needs git's ignore rules (see there why), by the soname of the library
# compiled against.
LINKED	 = libcmark yaml-0.1 libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(LINKED) 2>/dev/null || echo -lcmark -lyaml -lpcre2-8)
GIT2_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libgit2 2>/dev/null)/libgit2.so" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	      $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(SRC_INC) -I$(BUILD)/gen \
	      $(if $(GIT2_SONAME),-DGIT2_SONAME='"$(GIT2_SONAME)"')
ALL_LIBS    = $(PKG_LIBS) -lpthread -lm

# src/ is one folder per stage (see README, "Layout"): every folder is on
# the include path, objects are named after their source file.
SRCDIRS	 = $(sort $(patsubst %/,%,$(dir $(wildcard src/*/*.c src/*/*.h))))
SRC_INC	 = $(addprefix -I,$(SRCDIRS))
SRCS	 = $(wildcard src/*/*.c)
HDRS	 = $(wildcard src/*/*.h)
LIBOBJS	 = $(patsubst %.c,$(BUILD)/obj/%.o,$(notdir $(filter-out src/cli/main.c,$(SRCS)))) \
	   $(BUILD)/obj/embedded.o
vpath %.c $(SRCDIRS)
RULES	 = $(sort $(wildcard rules/*.yml))
TEMPLATES = $(sort $(wildcard templates/*.mustache))

all: | deps-build
.PHONY: all deps deps-build demo check test clean install uninstall
all: $(BUILD)/ticklist

$(BUILD)/obj $(BUILD)/gen:
	mkdir -p $@

$(BUILD)/embed: tools/embed.c | $(BUILD)/obj
	$(CC) -O1 -o $@ tools/embed.c

$(BUILD)/gen/embedded.c: $(BUILD)/embed $(RULES) $(TEMPLATES) | $(BUILD)/gen
	$(BUILD)/embed -a embedded_rules $(RULES) \
	    -a embedded_templates $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/embedded.o: $(BUILD)/gen/embedded.c src/lib/embed.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c $(HDRS) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libticklist.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $(LIBOBJS)

$(BUILD)/ticklist: $(BUILD)/obj/main.o $(BUILD)/libticklist.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ALL_LIBS)

# Install missing build and test dependencies (Debian packages); the demo
# needs only the build dependencies.
deps:
	@sh tools/deps.sh
deps-build:
	@TICKLIST_DEPS=build sh tools/deps.sh
$(BUILD)/ticklist: | deps-build

demo: all
	@sh tools/demo.sh $(BUILD)

# Every test; the last line is "N passed, N failed, N skipped".
check: deps all test-programs
	@sh tests/run.sh $(BUILD)
test: check

clean:
	rm -rf $(BUILD) $(BUILD)-portable build-asan build-asan-portable \
	    build-fuzz build-valgrind

# Test programs and further targets live in mk/*.mk, one fragment per area.
TEST_PROGRAMS =
-include $(sort $(wildcard mk/*.mk))
test-programs: $(TEST_PROGRAMS)
.PHONY: test-programs
