#!/usr/bin/env bash
# Builds the server and starts it with the defaults (HTTP 8080, media UDP 10000). Extra arguments go to the server,
# e.g. scripts/run.sh --config my.conf
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
select_java
mvn -B -ntp -q package -DskipTests -pl sfu-server -am
exec java --enable-native-access=ALL-UNNAMED -jar sfu-server/target/opensfu.jar "$@"
