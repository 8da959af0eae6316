## Project-wide checks: headers compile alone, no mutable globals in the library, man pages lint.
TESTS += tests/check-headers.sh tests/check-no-globals.sh tests/check-man.sh
EXTRA_DIST += tests/check-headers.sh tests/check-no-globals.sh tests/check-man.sh
EXTRA_DIST += tests/conformance/known-failures.sh
