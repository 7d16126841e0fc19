// Captures the real Chromium offers used as SDP parser fixtures (see README.md beside this file).
// Usage: copy shared/tools/real-clients to a scratch folder, npm install there, put this file in it, then
//   ip netns add sdpx && ip -n sdpx link set lo up
//   ip netns exec sdpx node capture-offers.js OUT_DIR
//   ip netns del sdpx
// Only lo exists in the namespace, so the only candidates are 127.0.0.1 and nothing leaves the machine.
'use strict';
const http = require('http');
const fs = require('fs');
const { launch } = require('./chrome');
const OUT = process.argv[2] || '/tmp/sdp-out';
fs.mkdirSync(OUT, { recursive: true });
const srv = http.createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/html' }); r.end('<!doctype html><title>sdp</title>'); });
srv.listen(8091, '127.0.0.1', async () => {
  const b = await launch();
  const page = await (await b.newContext()).newPage();
  page.on('console', m => console.error('console:', m.text()));
  await page.goto('http://127.0.0.1:8091/');
  const res = await page.evaluate(async () => {
    const gathered = pc => new Promise(res => {
      if (pc.iceGatheringState === 'complete') return res();
      pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') res(); });
    });
    const offer = async pc => { await pc.setLocalDescription(await pc.createOffer()); await gathered(pc); return pc.localDescription.sdp; };
    const out = {};
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
    const [a] = media.getAudioTracks(), [v] = media.getVideoTracks();
    { // 1 audio+video sendrecv
      const pc = new RTCPeerConnection();
      pc.addTrack(a, media); pc.addTrack(v, media);
      out['chromium-156-audio-video-sendrecv'] = await offer(pc); pc.close();
    }
    { // 2 rid simulcast
      const pc = new RTCPeerConnection();
      pc.addTrack(a, media);
      pc.addTransceiver(v, { direction: 'sendonly', streams: [media], sendEncodings: [
        { rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f', scaleResolutionDownBy: 1 }] });
      out['chromium-156-simulcast'] = await offer(pc); pc.close();
    }
    { // 3 recvonly only
      const pc = new RTCPeerConnection();
      pc.addTransceiver('audio', { direction: 'recvonly' }); pc.addTransceiver('video', { direction: 'recvonly' });
      out['chromium-156-recvonly'] = await offer(pc); pc.close();
    }
    { // 4 renegotiation: offer/answer with a second pc, then add a transceiver and stop one
      const pc = new RTCPeerConnection(), remote = new RTCPeerConnection();
      const ta = pc.addTransceiver(a, { direction: 'sendrecv', streams: [media] });
      const tv = pc.addTransceiver(v, { direction: 'sendrecv', streams: [media] });
      out['chromium-156-initial-before-renegotiation'] = await offer(pc);
      await remote.setRemoteDescription(pc.localDescription);
      await remote.setLocalDescription(await remote.createAnswer());
      await gathered(remote);
      await pc.setRemoteDescription(remote.localDescription);
      tv.stop();
      pc.addTransceiver('video', { direction: 'recvonly' });
      out['chromium-156-renegotiation'] = await offer(pc);
      pc.close(); remote.close();
    }
    { // 5 data channel
      const pc = new RTCPeerConnection();
      pc.createDataChannel('chat');
      out['chromium-156-datachannel'] = await offer(pc); pc.close();
    }
    out.userAgent = navigator.userAgent;
    return out;
  });
  for (const [k, s] of Object.entries(res)) fs.writeFileSync(`${OUT}/${k}.sdp`, s);
  console.log(Object.keys(res).join(' '));
  await b.close(); srv.close(); process.exit(0);
});
