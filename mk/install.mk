# install.mk: `make install` and `make uninstall`, honouring PREFIX and
# DESTDIR: the binary, the man pages, and the shipped rules and templates
# under $(PREFIX)/share/ticklist for users to copy (the binary embeds its
# own copies and never reads these).
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/ticklist
INSTALL	?= install
MAN1	 = $(wildcard man/*.1)
MAN5	 = $(wildcard man/*.5)
SHARE_RULES	= $(wildcard rules/*.yml)
SHARE_TEMPLATES	= $(filter-out %~,$(wildcard templates/*))

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/rules \
	    $(DESTDIR)$(DATADIR)/templates
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

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ticklist
	for f in $(notdir $(MAN1)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$f; done
	for f in $(notdir $(MAN5)); do rm -f $(DESTDIR)$(MANDIR)/man5/$$f; done
	for f in $(notdir $(SHARE_RULES)); do \
		rm -f $(DESTDIR)$(DATADIR)/rules/$$f; done
	for f in $(notdir $(SHARE_TEMPLATES)); do \
		rm -f $(DESTDIR)$(DATADIR)/templates/$$f; done
	-rmdir $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR) 2>/dev/null
