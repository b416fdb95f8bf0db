# deb.mk: the version a build reports, and `make deb`.
#
# The version: `git describe` in a git checkout (a tag v1.2.3 gives 1.2.3,
# 3 commits after it 1.2.3+3.gHASH; with no tag, TICKLIST_VERSION from
# src/lib/ticklist.h plus +gHASH; ".dirty" for uncommitted changes), else
# TICKLIST_VERSION alone. $(BUILD)/gen/version.h carries it and the
# commit to `ticklist --version`; it is rewritten only when they change.
BASE_VERSION := $(shell sed -n 's/^\#define TICKLIST_VERSION[^"]*"\(.*\)"/\1/p' src/lib/ticklist.h)
GIT_DESC     := $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null)
GIT_COMMIT   := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
GIT_DIRTY    := $(shell git diff --quiet HEAD -- 2>/dev/null || echo .dirty)
ifneq ($(GIT_DESC),)
VERSION ?= $(shell echo '$(GIT_DESC)' | sed 's/^v//; s/-dirty$$/.dirty/; s/-/+/; s/-/./g')
else ifneq ($(GIT_COMMIT),)
VERSION ?= $(BASE_VERSION)+g$(GIT_COMMIT)$(GIT_DIRTY)
else
VERSION ?= $(BASE_VERSION)
endif

$(BUILD)/gen/version.h: FORCE | $(BUILD)/gen
	@printf '#define TICKLIST_BUILD_VERSION "%s"\n#define TICKLIST_COMMIT "%s"\n' \
	    '$(VERSION)' '$(GIT_COMMIT)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/main.o: $(BUILD)/gen/version.h
.PHONY: FORCE version deb
FORCE:
version:
	@echo $(VERSION)

# `make deb`: ticklist_VERSION_ARCH.deb in $(BUILD), offline, from what
# `make install` puts under /usr (binary, man pages, completions, rules,
# templates, schemas), Depends computed by dpkg-shlibdeps (plus the
# libgit2 package, which it cannot see).
DEB_ARCH	 = $(shell dpkg --print-architecture 2>/dev/null)
DEB_ROOT	 = $(BUILD)/deb/root
DEB_FILE	 = $(BUILD)/ticklist_$(VERSION)_$(DEB_ARCH).deb
deb: all
	@command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null \
	    || { echo 'make deb needs dpkg-dev: apt-get install dpkg-dev' >&2; exit 1; }
	rm -rf $(BUILD)/deb
	$(MAKE) -s install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr \
	    ZSHDIR=/usr/share/zsh/vendor-completions BUILD=$(BUILD)
	strip --strip-unneeded --remove-section=.comment \
	    --remove-section=.note $(DEB_ROOT)/usr/bin/ticklist
	gzip -9n $(DEB_ROOT)/usr/share/man/man*/*
	mkdir -p $(BUILD)/deb/src/debian $(DEB_ROOT)/DEBIAN \
	    $(DEB_ROOT)/usr/share/doc/ticklist
	printf 'Source: ticklist\n\nPackage: ticklist\nArchitecture: any\n' \
	    > $(BUILD)/deb/src/debian/control
	cd $(BUILD)/deb/src && dpkg-shlibdeps -O \
	    -e$(CURDIR)/$(DEB_ROOT)/usr/bin/ticklist \
	    | sed -n 's/^shlibs:Depends=//p' > ../depends
	# libgit2 is loaded with dlopen (files.c), so dpkg-shlibdeps does
	# not see it: the package holding the soname compiled against.
	pkg=$$(dpkg -S "$$(pkg-config --variable=libdir libgit2)/$(GIT2_SONAME)" \
	    2>/dev/null | sed -n '1s/:.*//p'); \
	    test -n "$$pkg" || { echo 'make deb: no package holds $(GIT2_SONAME)' >&2; exit 1; }; \
	    printf '%s, %s\n' "$$(cat $(BUILD)/deb/depends)" "$$pkg" > $(BUILD)/deb/depends
	printf 'ticklist %s, built from %s by make deb.\nSource: %s\n' \
	    '$(VERSION)' '$(or $(GIT_COMMIT),a source tree)' \
	    'https://github.com/ticklist/ticklist' \
	    > $(DEB_ROOT)/usr/share/doc/ticklist/README
	{ echo 'Package: ticklist'; echo 'Version: $(VERSION)'; \
	  echo 'Architecture: $(DEB_ARCH)'; \
	  echo 'Maintainer: ticklist developers <ticklist@users.noreply.github.com>'; \
	  echo "Depends: $$(cat $(BUILD)/deb/depends)"; \
	  echo 'Section: devel'; echo 'Priority: optional'; \
	  echo 'Homepage: https://github.com/ticklist/ticklist'; \
	  echo "Installed-Size: $$(du -sk $(DEB_ROOT)/usr | cut -f1)"; \
	  echo 'Description: lint Markdown checklists and report their completion'; \
	  echo ' ticklist checks deployment, release and security-review checklists'; \
	  echo ' written in Markdown (missing sections, placeholders, unfilled'; \
	  echo ' sign-off fields, malformed task boxes, mojibake) and writes HTML,'; \
	  echo ' JSON, SARIF, JUnit, GitHub and GitLab reports.'; \
	} > $(DEB_ROOT)/DEBIAN/control
	dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $(DEB_FILE) >/dev/null
	@echo $(DEB_FILE)
