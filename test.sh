#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need (Debian/Ubuntu), then the one test command.
# Every file the tests compare against is in the repository (testdata/); nothing outside the checkout is read.
set -euo pipefail
cd "$(dirname "$0")"
./install.sh --test-deps
mvn -B -ntp verify "$@"
