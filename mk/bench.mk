# bench.mk: the benchmark (issue 6). `make bench` times ticklist against a
# bare cmark parse (the floor) on generated corpora and writes
# bench/results.md; `make bench-instr` prints callgrind instruction counts,
# a stable figure for catching regressions. Neither runs in `make check`.
# Peers: rumdl (npm package @rumdl/cli-linux-x64, pinned in bench/run.sh,
# installed under $(BUILD)/peers) and markdownlint-cli2 (bench/package.json,
# installed under bench/); a peer that cannot be installed is skipped.
# Knobs (environment or make command line): BENCH_ROUNDS (5), BENCH_SETS
# ("a b c r"; r is ../shared/corpus/rust-book), BENCH_RUSTBOOK, BENCH_BIG
# (50M), BENCH_MDL (auto|0), BENCH_MDL_ROUNDS (1), BENCH_RUMDL (auto|0),
# BENCH_PEERS, BENCH_NPM, BENCH_OUT, BENCH_TIMEOUT (900 s per run).

BENCH_PROGRAMS = $(BUILD)/bench-gen $(BUILD)/bench-floor $(BUILD)/bench-rss

.PHONY: bench bench-instr bench-programs
bench-programs: $(BENCH_PROGRAMS)

$(BUILD)/bench-gen: bench/gen.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/gen.c

$(BUILD)/bench-rss: bench/rss.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/rss.c

$(BUILD)/bench-floor: bench/floor.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/floor.c $(ALL_LIBS)

bench: $(BENCH_PROGRAMS) $(BUILD)/ticklist
	@BUILD=$(BUILD) sh bench/run.sh

bench-instr: $(BENCH_PROGRAMS) $(BUILD)/ticklist
	@BUILD=$(BUILD) sh bench/run.sh --instr

# The bench suite (tests/suites/bench.sh) checks the generator and the
# floor and the RSS wrapper, so `make check` builds those three; they are
# not test programs.
check: $(BUILD)/bench-gen $(BUILD)/bench-floor $(BUILD)/bench-rss
