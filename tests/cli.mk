# SPDX-License-Identifier: MIT
# Command-line tool tests (shell, TAP).
if ENABLE_TESTS
TESTS += tests/test-cli.sh
endif
EXTRA_DIST += tests/test-cli.sh tests/cli
