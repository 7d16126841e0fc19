#!/usr/bin/env bash
# Summarises a JFR recording's execution samples (Java code) and native-method samples (threads inside system calls):
# samples per thread, the top frames, and the share of each part of an SFU's packet path (first matching frame).
#
#   benchmarks/jfr-top.sh RECORDING.jfr [TOP]
set -euo pipefail
rec=${1:?usage: jfr-top.sh RECORDING.jfr [TOP]}
top=${2:-20}
jfr=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for event in jdk.ExecutionSample jdk.NativeMethodSample; do
	"$jfr" print --events "$event" --stack-depth 64 "$rec" > "$tmp"
	total=$(grep -c "^$event" "$tmp" || true)
	echo "== $event: $total samples"
	[[ $total -gt 0 ]] || continue
	echo "-- threads"
	grep "sampledThread" "$tmp" | sed 's/^ *sampledThread = //; s/ (javaThreadId.*//; s/[0-9]\+"$/N"/' \
		| sort | uniq -c | sort -rn | head -8
	echo "-- top frames"
	awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/ *line:.*/, ""); print}' "$tmp" \
		| sort | uniq -c | sort -rn | head -"$top"
	echo "-- by part of the path (first frame, from the top, that matches)"
	awk -v total="$total" '
		function part(f) {
			if (f ~ /jitsi\.srtp|javax\.crypto|com\.sun\.crypto|bouncycastle|srtp\./) return "SRTP crypto";
			if (f ~ /EPoll\.wait|Net\.poll|Object\.wait|Unsafe\.park/) return "blocked waiting (idle, no CPU)";
			if (f ~ /DatagramChannelImpl|DatagramSocket|IceUdpSocketWrapper|SocketPool|IOUtil/) return "UDP socket I/O";
			if (f ~ /org\.ice4j/) return "ice4j (STUN, harvester)";
			if (f ~ /org\.bouncycastle\.tls|dtls/) return "DTLS";
			if (f ~ /opensfu\.core\.(bwe|rtcp)|TransportCc/) return "RTCP, transport-cc, BWE";
			if (f ~ /opensfu\.core\.(router|forward|rtp|codec|repair|allocation|stream|speaker)/) return "routing, rewrite, repair";
			if (f ~ /opensfu\.core\.(loop|buffer)|jctools|LockSupport/) return "media loop, queues";
			if (f ~ /vertx|netty|jackson/) return "HTTP, signaling, metrics";
			return "";
		}
		/^jdk\./ { inStack = 0; found = "" }
		/stackTrace = \[/ { inStack = 1; next }
		inStack && /^[ \t]*\]/ { inStack = 0; parts[found == "" ? "other (JDK, JIT, GC-related)" : found]++; next }
		inStack && found == "" { p = part($0); if (p != "") found = p }
		END { for (p in parts) printf "%6d  %5.1f%%  %s\n", parts[p], 100 * parts[p] / total, p }
	' "$tmp" | sort -rn
done
