## Benchmarks: `make bench`. Never run by `make check`; figures are printed, not asserted.
EXTRA_PROGRAMS = bench/gen-wit bench/measure
bench_gen_wit_SOURCES = bench/gen-wit.c
bench_measure_SOURCES = bench/measure.c
bench_measure_CFLAGS = $(AM_CFLAGS)
CLEANFILES += bench/gen-wit bench/measure
EXTRA_DIST += bench/run.sh

bench: wit-c bench/gen-wit bench/measure
	WITC='$(abs_top_builddir)/wit-c' BENCH_BIN='$(abs_top_builddir)/bench' \
	WITC_SHARED="$${WITC_SHARED:-$(abs_top_srcdir)/../shared}" \
	sh $(srcdir)/bench/run.sh
.PHONY: bench
