#!/usr/bin/env bash
# Runs the same load against OpenSFU and then Janus (VideoRoom) on this machine, one after the other, and prints the
# ratio of their CPU per forwarded packet (Janus / OpenSFU; both from /proc of the server process, divided by the
# packets the simulated receivers counted).
#
#   benchmarks/compare-janus.sh [LOADGEN OPTIONS...]
#   e.g. benchmarks/compare-janus.sh --scenario webinar --steps 10 --rooms 4 --step-duration 20s
#
# Needs root (it creates a network namespace), Temurin/OpenJDK 21+ as "java" (or JAVA_HOME), the built jars
# (mvn -o install -DskipTests) and the Debian package "janus". Both servers run inside the namespace $NETNS, which
# has no route out of the machine: "lo" plus a veth pair whose address 10.254.0.1 exists only there, because Janus
# (libnice) never gathers ICE candidates on a loopback interface. OpenSFU binds 127.0.0.1; Janus' WebSocket API binds
# 127.0.0.1 and its ICE is enforced to the veth end. Results go to $OUT (default loadgen-results/compare-DATE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
NETNS=${NETNS:-sfu-bench}
JANUS_IP=10.254.0.1
JANUS_PORT=${JANUS_PORT:-8188}
OUT=${OUT:-loadgen-results/compare-$(date +%Y%m%d-%H%M%S)}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
loadgen=$root/benchmarks/target/opensfu-loadgen.jar
server=$root/sfu-server/target/opensfu.jar
for jar in "$loadgen" "$server"; do
	[[ -f $jar ]] || { echo "missing $jar: run mvn -o install -DskipTests" >&2; exit 2; }
done
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(--scenario webinar --steps 10 --rooms 4 --step-duration 20s)
scenario=webinar
for ((i = 0; i < ${#args[@]}; i++)); do
	[[ ${args[i]} == --scenario ]] && scenario=${args[i + 1]}
done

# the namespace: loopback plus a veth pair, nothing routed outside
if ! ip netns list | grep -qw "$NETNS"; then
	ip netns add "$NETNS"
fi
ns() { ip netns exec "$NETNS" "$@"; }
ns ip link set lo up
if ! ns ip link show vja >/dev/null 2>&1; then
	ns ip link add vja type veth peer name vjb
	ns ip addr add "$JANUS_IP/32" dev vja
	ns ip link set vja up
	ns ip link set vjb up
fi
mkdir -p "$OUT"

echo "== OpenSFU"
ns "$java" -jar "$loadgen" --start-server "$server" --out "$OUT" --name "opensfu-$scenario" "${args[@]}"

echo "== Janus"
janus_dir=$(mktemp -d /tmp/janus-compare.XXXXXX)
janus_pid=$(JANUS_ICE_INTERFACE=vja ns "$here/janus-loopback.sh" "$janus_dir" "$JANUS_PORT")
trap 'kill "$janus_pid" 2>/dev/null || true' EXIT
ns "$java" -jar "$loadgen" --target janus --url "ws://127.0.0.1:$JANUS_PORT" --server-pid "$janus_pid" \
	--local-address "$JANUS_IP" --out "$OUT" --name "janus-$scenario" "${args[@]}"
kill "$janus_pid"
trap - EXIT

echo "== Janus / OpenSFU"
"$java" -jar "$loadgen" compare "$OUT/opensfu-$scenario.json" "$OUT/janus-$scenario.json"
