/**
 * An in-page stand-in for the OpenSFU server, for testing the SDK without one. It speaks protocol version 1 over fake
 * WebSockets (`createWebSocket`), answers each client's offers with a real RTCPeerConnection of its own, and forwards
 * what one client publishes to the others by re-sending the received tracks. Its answers follow PROTOCOL.md: one
 * answer per offer, the server's candidates in the answer, `a=msid:<publisherId> <trackId>` on subscriptions, and
 * `inactive` for a recvonly m-section without a (live) subscription.
 *
 * It is strict where the real server is: an unknown field, a message out of order, or an offer while another is
 * unanswered is recorded in `violations` (and answered with an error).
 */

/** Fields each client message may carry (from the sfu-api records). */
const CLIENT_FIELDS = {
  join: ['type', 'requestId', 'room', 'displayName'],
  offer: ['type', 'requestId', 'sdp', 'publish', 'subscribe'],
  candidate: ['type', 'candidate', 'sdpMid'],
  leave: ['type'],
};

export class FakeSfu {
  /** Every message received: `{participantId, message}` (participantId is null before join). */
  received = [];
  /** Protocol rules a client broke. */
  violations = [];
  /** Milliseconds to wait before sending each answer. */
  answerDelayMs = 0;
  /** Rooms whose join is refused with LIMIT_EXCEEDED. */
  fullRooms = new Set();

  #participants = new Map();
  #nextId = 1;

  /** Use as the client's `createWebSocket` option. */
  createWebSocket = url => new FakeSocket(this, url);

  /** The server-side state of a participant (`socket`, `pc`, `tracks`, ...). */
  participant(participantId) {
    return this.#participants.get(participantId);
  }

  /** Sends a raw message to a participant, as the server would. */
  sendTo(participantId, message) {
    this.#participants.get(participantId).socket.deliver(message);
  }

  /** Removes a participant as the REST API would: `left` with `reason`, then the socket closes. */
  kick(participantId, reason = 'REMOVED') {
    const p = this.#participants.get(participantId);
    p.socket.deliver({type: 'left', reason});
    this.#drop(p);
    p.socket.serverClose(1000);
  }

  /** Closes a participant's socket abruptly. */
  cut(participantId) {
    const p = this.#participants.get(participantId);
    this.#drop(p);
    p.socket.serverClose(1006);
  }

  /** Messages of a type received from a participant. */
  messages(participantId, type) {
    return this.received.filter(r => r.participantId === participantId && r.message.type === type)
        .map(r => r.message);
  }

  /** The client closed its socket: like `leave`, without the `left`. */
  disconnected(socket) {
    if (socket.participant) this.#drop(socket.participant);
  }

  // --- message handling (one message at a time per connection, like a real server) ---

  async handle(socket, message) {
    const p = socket.participant;
    this.received.push({participantId: p?.participantId ?? null, message});
    const allowed = CLIENT_FIELDS[message.type];
    const extra = allowed ? Object.keys(message).filter(k => !allowed.includes(k)) : [];
    if (!allowed || extra.length) {
      this.#violation(socket, message, `bad message: ${JSON.stringify(message).slice(0, 200)}`);
      return;
    }
    if (!p && message.type !== 'join') {
      this.#violation(socket, message, `${message.type} before join`);
      return;
    }
    switch (message.type) {
      case 'join': return this.#join(socket, message);
      case 'offer': return this.#offer(p, message);
      case 'candidate': return this.#candidate(p, message);
      case 'leave': return this.#leave(p);
    }
  }

  #violation(socket, message, text) {
    this.violations.push(text);
    socket.deliver({type: 'error', requestId: message.requestId ?? null, code: 'BAD_REQUEST', message: text});
  }

  #join(socket, message) {
    if (socket.participant) return this.#violation(socket, message, 'second join');
    if (this.fullRooms.has(message.room)) {
      socket.deliver({type: 'error', requestId: message.requestId, code: 'LIMIT_EXCEEDED',
        message: 'the room is full'});
      return;
    }
    const participantId = `p${this.#nextId++}`;
    const others = this.#room(message.room);
    const p = {participantId, room: message.room, displayName: message.displayName ?? '', socket, pc: null,
      tracks: new Map(), nextTrack: 0, offering: false};
    socket.participant = p;
    this.#participants.set(participantId, p);
    socket.deliver({type: 'joined', requestId: message.requestId, participantId, room: message.room,
      participants: others.map(o => this.#info(o))});
    this.#broadcast(p, {type: 'participantJoined', participant: {participantId, displayName: p.displayName,
      tracks: []}});
  }

  async #offer(p, message) {
    if (p.offering) return this.#violation(p.socket, message, 'an offer while another is unanswered');
    p.offering = true;
    try {
      p.pc ??= new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
      await p.pc.setRemoteDescription({type: 'offer', sdp: message.sdp});
      const sections = parseSections(message.sdp);
      const labels = new Map(message.publish.map(l => [l.mid, l.name]));
      const wanted = new Map(message.subscribe.map(s => [s.mid, s.trackId]));
      const {added, removed} = this.#updatePublished(p, sections, labels);
      const msids = await this.#updateSubscriptions(p, sections, wanted);
      await p.pc.setLocalDescription(await p.pc.createAnswer());
      await gatheringComplete(p.pc);
      if (this.answerDelayMs) await new Promise(resolve => setTimeout(resolve, this.answerDelayMs));
      p.socket.deliver({type: 'answer', requestId: message.requestId, sdp: setMsids(p.pc.localDescription.sdp, msids),
        published: [...p.tracks.values()].map(t => ({mid: t.mid, track: trackInfo(t)}))});
      removed.forEach(t => this.#broadcast(p, {type: 'trackUnpublished', trackId: t.trackId,
        participantId: p.participantId}));
      added.forEach(t => this.#broadcast(p, {type: 'trackPublished', track: trackInfo(t)}));
    } catch (e) {
      this.#violation(p.socket, message, `offer failed: ${e}`);
    } finally {
      p.offering = false;
    }
  }

  /** Published = sendonly or sendrecv m-sections; returns the tracks that appeared and disappeared. */
  #updatePublished(p, sections, labels) {
    const added = [];
    const removed = [];
    const sending = new Set();
    for (const s of sections) {
      if (s.port === 0 || !(s.direction === 'sendonly' || s.direction === 'sendrecv')) continue;
      sending.add(s.mid);
      if ([...p.tracks.values()].some(t => t.mid === s.mid)) continue;
      const transceiver = p.pc.getTransceivers().find(t => t.mid === s.mid);
      const t = {trackId: `${p.participantId}-${p.nextTrack++}`, participantId: p.participantId, kind: s.kind,
        name: labels.get(s.mid) ?? null, mid: s.mid, source: transceiver.receiver.track};
      p.tracks.set(t.trackId, t);
      added.push(t);
    }
    for (const t of [...p.tracks.values()]) {
      if (!sending.has(t.mid)) {
        p.tracks.delete(t.trackId);
        removed.push(t);
      }
    }
    return {added, removed};
  }

  /** Points each subscribed m-section at its source track; returns mid → msid value for the answer. */
  async #updateSubscriptions(p, sections, wanted) {
    const msids = new Map();
    for (const s of sections) {
      if (s.port === 0 || s.direction !== 'recvonly') continue;
      const transceiver = p.pc.getTransceivers().find(t => t.mid === s.mid);
      const source = this.#findTrack(wanted.get(s.mid));
      if (source && source.kind === s.kind && source.participantId !== p.participantId) {
        transceiver.direction = 'sendonly';
        await transceiver.sender.replaceTrack(source.source);
        msids.set(s.mid, `${source.participantId} ${source.trackId}`);
      } else {
        transceiver.direction = 'inactive';
        await transceiver.sender.replaceTrack(null);
      }
    }
    return msids;
  }

  #candidate(p, message) {
    if (!p.pc) return this.#violation(p.socket, message, 'a candidate before the first offer');
    if (!message.candidate || p.pc.signalingState === 'closed') return undefined;
    return p.pc.addIceCandidate({candidate: message.candidate, sdpMid: message.sdpMid});
  }

  #leave(p) {
    p.socket.deliver({type: 'left', reason: 'LEFT'});
    this.#drop(p);
    p.socket.serverClose(1000);
  }

  /** Takes a participant out: the others hear trackUnpublished for each track, then participantLeft. */
  #drop(p) {
    if (!this.#participants.delete(p.participantId)) return;
    for (const t of p.tracks.values()) {
      this.#broadcast(p, {type: 'trackUnpublished', trackId: t.trackId, participantId: p.participantId});
    }
    this.#broadcast(p, {type: 'participantLeft', participantId: p.participantId});
    p.pc?.close();
  }

  #room(room) {
    return [...this.#participants.values()].filter(p => p.room === room);
  }

  #broadcast(from, message) {
    this.#room(from.room).filter(p => p !== from).forEach(p => p.socket.deliver(message));
  }

  #findTrack(trackId) {
    for (const p of this.#participants.values()) {
      if (p.tracks.has(trackId)) return p.tracks.get(trackId);
    }
    return undefined;
  }

  #info(p) {
    return {participantId: p.participantId, displayName: p.displayName, tracks: [...p.tracks.values()].map(trackInfo)};
  }
}

/** A WebSocket look-alike connected to a FakeSfu. Frames travel asynchronously, in order. */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 3;

  readyState = FakeSocket.CONNECTING;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  participant = null;
  #sfu;
  #inbox = Promise.resolve();

  constructor(sfu, url) {
    this.#sfu = sfu;
    this.url = url;
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.({});
    }, 0);
  }

  /** Client → server. */
  send(text) {
    if (this.readyState !== FakeSocket.OPEN) throw new Error('send on a socket that is not open');
    const message = JSON.parse(text);
    this.#inbox = this.#inbox.then(() => this.#sfu.handle(this, message)).catch(e => console.error(e));
  }

  /** Client closes. */
  close() {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.#sfu.disconnected(this);
  }

  /** Server → client. */
  deliver(message) {
    const text = JSON.stringify(message);
    setTimeout(() => {
      if (this.readyState === FakeSocket.OPEN) this.onmessage?.({data: text});
    }, 0);
  }

  /** Server closes. */
  serverClose(code) {
    setTimeout(() => {
      if (this.readyState === FakeSocket.CLOSED) return;
      this.readyState = FakeSocket.CLOSED;
      this.onclose?.({code});
    }, 0);
  }
}

function trackInfo(t) {
  return {trackId: t.trackId, participantId: t.participantId, kind: t.kind, name: t.name};
}

/** The m-sections of an SDP: `{kind, port, mid, direction}`. */
export function parseSections(sdp) {
  return sdp.split(/\r\n(?=m=)/).slice(1).map(text => {
    const [, kind, port] = text.match(/^m=(\w+) (\d+)/);
    const mid = text.match(/\r\na=mid:(\S+)/)?.[1] ?? null;
    const direction = text.match(/\r\na=(sendrecv|sendonly|recvonly|inactive)/)?.[1] ?? 'sendrecv';
    return {kind, port: Number(port), mid, direction};
  });
}

/** Replaces the msid of the given m-sections (mid → "streamId trackId") as the server does. */
function setMsids(sdp, msids) {
  const [head, ...sections] = sdp.split(/\r\n(?=m=)/);
  return [head, ...sections.map(text => {
    const mid = text.match(/\r\na=mid:(\S+)/)?.[1];
    if (!msids.has(mid)) return text;
    const lines = text.split('\r\n').filter(l => !l.startsWith('a=msid:') && !/^a=ssrc:\d+ msid:/.test(l));
    const at = lines.findIndex(l => l.startsWith('a=mid:'));
    lines.splice(at + 1, 0, `a=msid:${msids.get(mid)}`);
    return lines.join('\r\n');
  })].join('\r\n');
}

function gatheringComplete(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise(resolve => {
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') resolve();
    });
  });
}
