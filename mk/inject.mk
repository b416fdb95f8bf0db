# inject.mk: $(BUILD)/inject.so, the LD_PRELOAD shim of tests/inject/
# that makes chosen I/O calls fail (see the comment atop inject.c); the
# hostile-environment suite uses it. Not sanitized: it only forwards.
TEST_PROGRAMS	+= $(BUILD)/inject.so

$(BUILD)/inject.so: tests/inject/inject.c | $(BUILD)/obj
	$(CC) -O1 -g -shared -fPIC -Wall -Wextra -o $@ tests/inject/inject.c -ldl
