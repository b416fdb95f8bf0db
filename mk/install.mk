# install.mk: `make install` and `make uninstall`, honouring PREFIX and
# DESTDIR: the binary, the man pages, and the shipped rules, templates
# and JSON schemas under $(PREFIX)/share/ticklist for users to copy (the
# binary embeds its own copies and never reads these); the bash, zsh and
# fish completions where each shell looks (BASHCOMPDIR, ZSHDIR, FISHDIR).
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/ticklist
INSTALL	?= install
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHDIR	?= $(PREFIX)/share/zsh/site-functions
FISHDIR	?= $(PREFIX)/share/fish/vendor_completions.d
SHARE_SCHEMAS	= $(wildcard schemas/*.json)
MAN1	 = $(wildcard man/*.1)
MAN5	 = $(wildcard man/*.5)
SHARE_RULES	= $(wildcard rules/*.yml)
SHARE_TEMPLATES	= $(filter-out %~,$(wildcard templates/*))

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/rules \
	    $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/schemas \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	$(INSTALL) -m 755 $(BUILD)/ticklist $(DESTDIR)$(BINDIR)/ticklist
	for f in $(MAN1); do \
		$(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man1/ || exit 1; done
	for f in $(MAN5); do \
		$(INSTALL) -m 644 $$f $(DESTDIR)$(MANDIR)/man5/ || exit 1; done
	for f in $(SHARE_RULES); do \
		$(INSTALL) -m 644 $$f $(DESTDIR)$(DATADIR)/rules/ || exit 1; done
	for f in $(SHARE_TEMPLATES); do [ ! -f $$f ] || \
		$(INSTALL) -m 644 $$f $(DESTDIR)$(DATADIR)/templates/ || \
		exit 1; done
	for f in $(SHARE_SCHEMAS); do \
		$(INSTALL) -m 644 $$f $(DESTDIR)$(DATADIR)/schemas/ || exit 1; done
	$(INSTALL) -m 644 completions/ticklist.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/ticklist
	$(INSTALL) -m 644 completions/_ticklist $(DESTDIR)$(ZSHDIR)/_ticklist
	$(INSTALL) -m 644 completions/ticklist.fish \
	    $(DESTDIR)$(FISHDIR)/ticklist.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ticklist
	for f in $(notdir $(MAN1)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$f; done
	for f in $(notdir $(MAN5)); do rm -f $(DESTDIR)$(MANDIR)/man5/$$f; done
	for f in $(notdir $(SHARE_RULES)); do \
		rm -f $(DESTDIR)$(DATADIR)/rules/$$f; done
	for f in $(notdir $(SHARE_TEMPLATES)); do \
		rm -f $(DESTDIR)$(DATADIR)/templates/$$f; done
	for f in $(notdir $(SHARE_SCHEMAS)); do \
		rm -f $(DESTDIR)$(DATADIR)/schemas/$$f; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/ticklist $(DESTDIR)$(ZSHDIR)/_ticklist \
	    $(DESTDIR)$(FISHDIR)/ticklist.fish
	-rmdir $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR) 2>/dev/null
