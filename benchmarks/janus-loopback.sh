#!/usr/bin/env bash
# Starts Janus (Debian package "janus", 1.1.x) with a private configuration that binds loopback only: the WebSockets
# transport on 127.0.0.1:PORT, ICE gathering only on "lo", no STUN/TURN, only the VideoRoom plugin and the WebSockets
# transport loaded. Prints Janus' pid on stdout once the WebSocket port accepts connections.
#
#   benchmarks/janus-loopback.sh CONFIG_DIR [WS_PORT]      (default port 8188; log in CONFIG_DIR/janus.log)
set -euo pipefail
dir=${1:?usage: janus-loopback.sh CONFIG_DIR [WS_PORT]}
port=${2:-8188}
lib=/usr/lib/x86_64-linux-gnu/janus
command -v janus >/dev/null || { echo "janus is not installed (apt-get install -y janus)" >&2; exit 2; }
mkdir -p "$dir"
cat > "$dir/janus.jcfg" <<CFG
general: {
	configs_folder = "$dir"
	plugins_folder = "$lib/plugins"
	transports_folder = "$lib/transports"
	events_folder = "$lib/events"
	loggers_folder = "$lib/loggers"
	debug_level = 3
	session_timeout = 120
}
media: {
	rtp_port_range = "20000-40000"
}
nat: {
	nice_debug = false
	ice_enforce_list = "${JANUS_ICE_INTERFACE:-lo}"
	ice_lite = false
	ice_tcp = false
	full_trickle = false
	ignore_mdns = true
}
plugins: {
	disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
}
transports: {
	disable = "libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
}
loggers: {
	disable = "libjanus_jsonlog.so"
}
events: {
	broadcast = false
}
CFG
cat > "$dir/janus.transport.websockets.jcfg" <<CFG
general: {
	json = "plain"
	ws = true
	ws_port = $port
	ws_ip = "127.0.0.1"
	wss = false
}
admin: {
	admin_ws = false
	admin_wss = false
}
CFG
cat > "$dir/janus.plugin.videoroom.jcfg" <<CFG
general: {
}
CFG
janus -F "$dir" -C "$dir/janus.jcfg" -L "$dir/janus.log" --disable-colors >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "janus exited; see $dir/janus.log" >&2
		tail -20 "$dir/janus.log" >&2
		exit 1
	fi
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		echo "$pid"
		exit 0
	fi
	sleep 0.1
done
echo "janus did not open port $port; see $dir/janus.log" >&2
kill "$pid" 2>/dev/null
exit 1
