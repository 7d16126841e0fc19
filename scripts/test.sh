#!/usr/bin/env bash
# Runs every test: unit tests, the Java peer against the transport, and the end-to-end tests with real Chromium.
#
# As root (CI), the tests run inside a private network namespace whose only interface is loopback, so that nothing,
# Chromium included, can send a packet anywhere else. Without root, browser tests are skipped (not under CI=true,
# where they must run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
select_java

MVN=(mvn -B -ntp)

# 1. Build, and fetch every dependency and plugin while the network is there (the tests run offline). Surefire
#    fetches its JUnit provider only when a test runs, hence the one small test here.
"${MVN[@]}" -q install -Dtest=ApiErrorTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs

# 2. Test.
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && [ "${SFU_TEST_NETNS:-1}" != 0 ]; then
  ns="opensfu-test-$$"
  ip netns add "$ns"
  trap 'ip netns delete "$ns" 2>/dev/null || true' EXIT
  ip -n "$ns" link set lo up
  echo "running the tests in network namespace $ns (loopback only)" >&2
  ip netns exec "$ns" "${MVN[@]}" -o verify "$@"
else
  echo "not root (or SFU_TEST_NETNS=0): running without network isolation; browser tests will be skipped" >&2
  "${MVN[@]}" -o verify "$@"
fi
