/**
 * OpenSFU browser SDK: joins a room of an OpenSFU server, publishes local tracks and receives everyone else's. An ES
 * module with no dependencies. It speaks the signaling protocol of `sfu-api/PROTOCOL.md` (version 1) over one
 * WebSocket and carries all media on one RTCPeerConnection. Every remote track is subscribed automatically.
 *
 *     import {OpenSfuClient} from '/sdk/opensfu.js';
 *     const client = new OpenSfuClient();
 *     client.on('track', ({track, participantId}) => { ... });
 *     const {participantId, participants} = await client.join('standup', {displayName: 'Ada'});
 *     await client.publish(await navigator.mediaDevices.getUserMedia({audio: true, video: true}));
 *
 * The pure parts (message validation, the negotiation queue, the subscription table) are exported for tests.
 * @module opensfu
 */

/** Names given to published tracks when the caller gives none. */
/** Simulcast: lowest first, as the server orders layers. Bitrates match the layer sizes at 30 fps. */
const SIMULCAST_ENCODINGS = [
  {rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3'},
  {rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3'},
  {rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3'},
];

const DEFAULT_TRACK_NAMES = Object.freeze({audio: 'microphone', video: 'camera'});

/** How long leave() waits for the server's `left` before closing anyway. */
const LEAVE_WAIT_MS = 1000;

const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An error of the SDK or of the server. `code` is one of the server's codes (`BAD_REQUEST`, `NOT_FOUND`, `CONFLICT`,
 * `LIMIT_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`, `UNAUTHORIZED`, `FORBIDDEN`) or one of the SDK's own: `UNREACHABLE`
 * (the WebSocket could not connect), `DISCONNECTED` (it closed), `TIMEOUT` (no reply in time), `PROTOCOL` (the server
 * sent something this SDK does not understand), `NEGOTIATION_FAILED` (the browser rejected an SDP), `INVALID_STATE`
 * (wrong call for the client's state).
 */
export class OpenSfuError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'OpenSfuError';
    this.code = code;
  }
}

/** The signaling URL with `?room=` (for load balancers) and, if given, `&access_token=`. */
function socketUrl(url, room, token) {
  const params = new URLSearchParams({room});
  if (token) params.set('access_token', token);
  return `${url}${url.includes('?') ? '&' : '?'}${params}`;
}

/** @returns {string} `ws://<host>/ws` of the page's server (`wss:` when the page is https) */
export function defaultServerUrl(loc = globalThis.location) {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

/** True when `room` is a valid room name: 1-64 characters of `A-Z a-z 0-9 _ -`. */
export function isValidRoomName(room) {
  return typeof room === 'string' && ROOM_PATTERN.test(room);
}

// --- message validation ---

function fail(message) {
  throw new OpenSfuError('PROTOCOL', message);
}

function checkString(value, where) {
  return typeof value === 'string' ? value : fail(`${where} must be a string`);
}

function checkObject(value, where) {
  const ok = typeof value === 'object' && value !== null && !Array.isArray(value);
  return ok ? value : fail(`${where} must be an object`);
}

/** A check for an optional list (absent or null gives `[]`) whose items pass `checkItem`. */
function listOf(checkItem) {
  return (value, where) => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) fail(`${where} must be an array`);
    return value.map((item, i) => checkItem(item, `${where}[${i}]`));
  };
}

/** @returns {TrackInfo} */
function checkTrack(value, where) {
  checkObject(value, where);
  if (value.kind !== 'audio' && value.kind !== 'video') fail(`${where}.kind must be "audio" or "video"`);
  return {trackId: checkString(value.trackId, `${where}.trackId`),
    participantId: checkString(value.participantId, `${where}.participantId`),
    kind: value.kind, name: typeof value.name === 'string' ? value.name : null};
}

/** @returns {ParticipantInfo} */
function checkParticipant(value, where) {
  checkObject(value, where);
  return {participantId: checkString(value.participantId, `${where}.participantId`),
    displayName: typeof value.displayName === 'string' ? value.displayName : '',
    tracks: listOf(checkTrack)(value.tracks, `${where}.tracks`)};
}

function checkPublished(value, where) {
  checkObject(value, where);
  return {mid: checkString(value.mid, `${where}.mid`), track: checkTrack(value.track, `${where}.track`)};
}

/** A string or null (absent counts as null). */
function checkOptionalString(value, where) {
  return value === undefined || value === null ? null : checkString(value, where);
}

function checkInteger(value, where) {
  return Number.isInteger(value) ? value : fail(`${where} must be an integer`);
}

/** The fields each server message type must have, with their checks. */
const SERVER_MESSAGES = {
  joined: {participantId: checkString, room: checkString, participants: listOf(checkParticipant)},
  answer: {sdp: checkString, published: listOf(checkPublished)},
  participantJoined: {participant: checkParticipant},
  participantLeft: {participantId: checkString},
  trackPublished: {track: checkTrack},
  trackUnpublished: {trackId: checkString, participantId: checkString},
  left: {reason: checkString},
  error: {code: checkString, message: checkString},
  dominantSpeaker: {participantId: checkOptionalString},
  forwardedVideo: {lastN: checkInteger, participantIds: listOf(checkString)},
};

/**
 * Parses and checks one frame from the server. Returns the message with optional fields normalised (absent lists
 * become `[]`, an absent display name `''`, an absent `requestId` `null`); fields it does not know are dropped.
 * @param {string} text the frame
 * @returns {ServerMessage}
 * @throws {OpenSfuError} with code `PROTOCOL` when the frame is not a valid server message
 */
export function parseServerMessage(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    fail('the server sent a frame that is not JSON');
  }
  checkObject(raw, 'message');
  const fields = Object.hasOwn(SERVER_MESSAGES, raw.type) ? SERVER_MESSAGES[raw.type] : null;
  if (!fields) fail(`the server sent an unknown message type: ${JSON.stringify(raw.type)}`);
  const message = {type: raw.type, requestId: typeof raw.requestId === 'string' ? raw.requestId : null};
  for (const [name, check] of Object.entries(fields)) message[name] = check(raw[name], `${raw.type}.${name}`);
  return message;
}

// --- negotiation queue ---

/**
 * Runs negotiations strictly one at a time. `request()` asks for a negotiation that starts after the call. Requests
 * made in the same task share one run; requests made while one runs are merged into exactly one more run after it.
 */
export class NegotiationQueue {
  #run;
  #running = false;
  #next = null; // the deferred of the next run, once one is wanted
  #closedError = null;

  /** @param {() => Promise<void>} run performs one negotiation */
  constructor(run) {
    this.#run = run;
  }

  /** True while a negotiation runs or is about to. */
  get busy() {
    return this.#running;
  }

  /** @returns {Promise<void>} settles when a negotiation that started after this call has finished */
  request() {
    if (this.#closedError) return Promise.reject(this.#closedError);
    const next = this.#next ?? (this.#next = deferred());
    if (!this.#running) {
      this.#running = true;
      queueMicrotask(() => this.#drain()); // changes made in the same task share one run
    }
    return next.promise;
  }

  /** Refuses further requests and fails the one waiting (a running one finishes on its own). */
  close(error) {
    this.#closedError = error;
    this.#next?.reject(error);
    this.#next = null;
  }

  async #drain() {
    while (this.#next) {
      const current = this.#next;
      this.#next = null;
      try {
        await this.#run();
        current.resolve();
      } catch (e) {
        current.reject(e);
      }
    }
    this.#running = false;
  }
}

// --- subscription table ---

/**
 * Which remote track each recvonly transceiver receives. A transceiver's mid is known only after
 * setLocalDescription, and the browser gives a stopped transceiver's m-section to a new one (with a new mid), so the
 * mid map is rebuilt from the transceivers after each setLocalDescription (`refreshMids`) and after a rollback.
 */
export class SubscriptionTable {
  /** @type {Map<string, Subscription>} */
  #byTrackId = new Map();
  /** @type {Map<string, Subscription>} */
  #byMid = new Map();

  /** Adds a subscription to `track` on `transceiver` (anything with a `mid`). @returns {Subscription} */
  add(track, transceiver) {
    if (this.#byTrackId.has(track.trackId)) throw new Error(`already subscribed to ${track.trackId}`);
    const subscription = {...track, transceiver, mid: null};
    this.#byTrackId.set(track.trackId, subscription);
    return subscription;
  }

  /** @param {string} trackId @returns {Subscription|undefined} */
  get(trackId) {
    return this.#byTrackId.get(trackId);
  }

  /** @param {string|null} mid @returns {Subscription|undefined} */
  byMid(mid) {
    return mid === null ? undefined : this.#byMid.get(mid);
  }

  /** @returns {Subscription|undefined} the subscription on this transceiver */
  byTransceiver(transceiver) {
    return [...this.#byTrackId.values()].find(s => s.transceiver === transceiver);
  }

  /** Forgets a subscription (the caller stops its transceiver). @returns {Subscription|undefined} */
  remove(trackId) {
    const subscription = this.#byTrackId.get(trackId);
    this.#byTrackId.delete(trackId);
    if (subscription && this.#byMid.get(subscription.mid) === subscription) this.#byMid.delete(subscription.mid);
    return subscription;
  }

  /** @returns {string[]} the ids of the subscribed tracks of a participant */
  trackIdsOf(participantId) {
    return [...this.#byTrackId.values()].filter(s => s.participantId === participantId).map(s => s.trackId);
  }

  /** Reads every transceiver's current mid. */
  refreshMids() {
    this.#byMid.clear();
    for (const subscription of this.#byTrackId.values()) {
      subscription.mid = subscription.transceiver.mid ?? null;
      if (subscription.mid !== null) this.#byMid.set(subscription.mid, subscription);
    }
  }

  /** @returns {{mid: string, trackId: string}[]} the `subscribe` list of an offer */
  subscriptions() {
    return [...this.#byMid.values()].map(({mid, trackId}) => ({mid, trackId}));
  }
}

// --- client ---

/**
 * A participant of one room. Create one per join.
 *
 * Events are `CustomEvent`s whose `detail` is shown here. Listen with `client.on(type, detail => ...)`, which
 * returns a function that removes the listener, or with `client.addEventListener(type, e => ...)`:
 *
 * - `participantJoined` `{participant}`: someone joined (`{participantId, displayName, tracks}`)
 * - `participantLeft` `{participantId}`: someone left (their `trackRemoved` events come first)
 * - `track` `{track, stream, trackId, participantId, kind, name}`: a remote track arrived (from `pc.ontrack`)
 * - `trackRemoved` `{trackId, participantId}`: a remote track is gone
 * - `left` `{reason}`: this client is out of the room: `LEFT`, `REMOVED`, `ROOM_DELETED`, `TRANSPORT_CLOSED`,
 *   `SERVER_STOPPING` (from the server) or `DISCONNECTED` (the WebSocket closed)
 * - `error` `{code, message}`: a server error not tied to a call, a failed negotiation, a lost connection
 * - `connectionStateChange` `{state}`: the peer connection's `connectionState` changed
 * - `dominantSpeaker` `{participantId}`: the room's dominant speaker changed (null: nobody since the last one left)
 * - `forwardedVideo` `{lastN, participantIds}`: under last-N, whose video the server forwards now (`participantIds`
 *   null when the limit was lifted); other video tracks stay but receive nothing until listed again
 */
export class OpenSfuClient extends EventTarget {
  /** This participant's id, once joined. @type {string|null} */
  participantId = null;
  /** The room, once joined. @type {string|null} */
  room = null;
  /** Everyone else in the room, by participantId. @type {Map<string, ParticipantInfo>} */
  participants = new Map();
  /** Remote tracks received so far, by trackId. @type {Map<string, RemoteTrack>} */
  remoteTracks = new Map();
  /** The one peer connection, once joined (for tests and stats). @type {RTCPeerConnection|null} */
  pc = null;
  /** `new`, `connecting`, `joined` or `closed`. */
  state = 'new';
  /** The room's dominant speaker (a participantId; this client's own id when it is the one), or null. */
  dominantSpeaker = null;
  /** Under last-N: the participants whose video the server forwards, most relevant first; null without a limit. */
  forwardedVideo = null;

  #url;
  #options;
  /** @type {WebSocket|null} */
  #ws = null;
  #requestSeq = 0;
  #pending = new Map(); // requestId → {resolve, reject, timer}
  #subscriptions = new SubscriptionTable();
  #published = new Map(); // MediaStreamTrack → {track, kind, name, trackId, transceiver}
  #queue = new NegotiationQueue(() => this.#negotiate());
  #candidates = {ready: false, ended: false, buffer: []};
  #closed = deferred();

  /**
   * @param {object} [options]
   * @param {string} [options.url] signaling URL; default `ws(s)://<location.host>/ws`
   * @param {RTCConfiguration} [options.rtcConfiguration] e.g. `{iceServers}`; bundle and rtcp-mux are always forced
   * @param {number} [options.requestTimeoutMs=10000] how long to wait for the server's reply to a request
   * @param {(url: string) => WebSocket} [options.createWebSocket] opens the socket (a hook for tests)
   * @param {string} [options.token] join token (JWT) from your backend, when the server checks tokens; sent as
   *   `?access_token=`. The room is always sent as `?room=` too, for load balancers that keep a room on one node.
   */
  constructor({url, rtcConfiguration = {}, requestTimeoutMs = 10000, createWebSocket = u => new WebSocket(u),
    token} = {}) {
    super();
    this.#url = url ?? defaultServerUrl();
    this.#options = {rtcConfiguration, requestTimeoutMs, createWebSocket, token};
  }

  /** The signaling URL. */
  get url() {
    return this.#url;
  }

  /**
   * Adds a listener that receives the event's `detail`.
   * @param {string} type
   * @param {(detail: object) => void} listener
   * @returns {() => void} removes the listener
   */
  on(type, listener) {
    const wrapped = event => listener(event.detail);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  /**
   * Connects and joins a room. The others' tracks are then subscribed automatically.
   * @param {string} room 1-64 characters of `A-Z a-z 0-9 _ -`
   * @param {{displayName?: string}} [options]
   * @returns {Promise<{participantId: string, participants: ParticipantInfo[]}>}
   * @throws {OpenSfuError} the server's error (`code`, `message`), `UNREACHABLE`, `DISCONNECTED` or `TIMEOUT`
   */
  async join(room, {displayName} = {}) {
    if (this.state !== 'new') throw new OpenSfuError('INVALID_STATE', 'join() can be called once per client');
    if (!isValidRoomName(room)) {
      throw new OpenSfuError('BAD_REQUEST', 'a room name has 1 to 64 characters of A-Z a-z 0-9 _ -');
    }
    this.state = 'connecting';
    try {
      await this.#connect(room);
      const joined = await this.#request({type: 'join', room, displayName: displayName || undefined});
      return {participantId: joined.participantId, participants: joined.participants};
    } catch (e) {
      this.#finish(null);
      throw e;
    }
  }

  /**
   * Publishes the tracks of a stream, each on its own sendonly transceiver, and negotiates.
   * @param {MediaStream} stream
   * @param {{names?: Object<string, string>}} [options] labels by track id or by kind; default "microphone"/"camera"
   * @returns {Promise<PublishedTrack[]>} the new publications, with the ids the others know them by
   * With {simulcast: true}, video is sent as three encodings (rids q, h, f at 1/4, 1/2 and full resolution,
   * each with three temporal layers), so the server can send each subscriber what its bandwidth allows.
   */
  async publish(stream, {names = {}, simulcast = false} = {}) {
    this.#assertJoined();
    const added = stream.getTracks().filter(track => !this.#published.has(track)).map(track => {
      const init = {direction: 'sendonly', streams: [stream]};
      if (simulcast && track.kind === 'video') init.sendEncodings = SIMULCAST_ENCODINGS;
      const transceiver = this.pc.addTransceiver(track, init);
      const name = names[track.id] ?? names[track.kind] ?? DEFAULT_TRACK_NAMES[track.kind];
      const publication = {track, kind: track.kind, name, trackId: null, transceiver};
      this.#published.set(track, publication);
      return publication;
    });
    if (added.length > 0) await this.#queue.request();
    return added.map(publicView);
  }


  /**
   * Stops publishing a track (stops its transceiver) and negotiates. The track itself keeps running.
   * @param {MediaStreamTrack} track
   */
  async unpublish(track) {
    this.#assertJoined();
    const publication = this.#published.get(track);
    if (!publication) return;
    this.#published.delete(track);
    publication.transceiver.stop();
    await this.#queue.request();
  }

  /** What this client publishes. @type {PublishedTrack[]} */
  get publishedTracks() {
    return [...this.#published.values()].map(publicView);
  }

  /**
   * Says how this client wants a remote video track (see PROTOCOL.md): the server then picks, within this client's
   * bandwidth, the best simulcast layer that respects it. Small tiles want `{maxHeight: 180}`, an enlarged one
   * `{onStage: true}` (no height limit). No reply; a rejected value comes back as an `error` event.
   * @param {string} trackId a remote track id (from the `track` event or `remoteTracks`)
   * @param {{maxHeight?: number, maxFrameRate?: number, onStage?: boolean, priority?: number}} constraints
   */
  setTrackConstraints(trackId, {maxHeight, maxFrameRate, onStage, priority} = {}) {
    this.#assertJoined();
    const message = {type: 'setTrackConstraints', trackId};
    if (maxHeight !== undefined) message.maxHeight = maxHeight;
    if (maxFrameRate !== undefined) message.maxFrameRate = maxFrameRate;
    if (onStage !== undefined) message.onStage = onStage;
    if (priority !== undefined) message.priority = priority;
    this.#send(message);
  }

  /**
   * Limits the video this client receives to the `lastN` most relevant other participants (those it puts on stage
   * with `setTrackConstraints(..., {onStage: true})`, then the most recent speakers); `-1` lifts the limit. The server
   * answers with `forwardedVideo` events naming whose video it forwards.
   * @param {number} lastN
   */
  setLastN(lastN) {
    this.#assertJoined();
    if (!Number.isInteger(lastN) || lastN < -1) throw new OpenSfuError('INVALID_STATE', 'lastN must be an integer >= -1');
    this.#send({type: 'setLastN', lastN});
  }

  /**
   * Leaves the room: sends `leave`, waits briefly for the server's `left`, then closes the peer connection and the
   * socket. Emits `left` once. Safe to call in any state.
   */
  async leave() {
    if (this.state === 'joined' && this.#send({type: 'leave'})) {
      await Promise.race([this.#closed.promise, new Promise(resolve => setTimeout(resolve, LEAVE_WAIT_MS))]);
    }
    this.#finish('LEFT');
  }

  // --- socket and requests ---

  #connect(room) {
    return new Promise((resolve, reject) => {
      const unreachable = () => reject(new OpenSfuError('UNREACHABLE', `cannot reach the server at ${this.#url}`));
      try {
        this.#ws = this.#options.createWebSocket(socketUrl(this.#url, room, this.#options.token));
      } catch {
        return unreachable();
      }
      const timer = setTimeout(unreachable, this.#options.requestTimeoutMs);
      this.#ws.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#ws.onclose = event => {
        clearTimeout(timer);
        unreachable(); // no effect once open
        this.#onSocketClosed(event);
      };
      this.#ws.onerror = () => {}; // a close event follows
      this.#ws.onmessage = event => this.#onMessage(event.data);
    });
  }

  /** Sends a message if the socket is open; returns whether it was sent. */
  #send(message) {
    if (this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(message));
    return true;
  }

  /** Sends a request; resolves with the reply that has its requestId (`joined` or `answer`), rejects on `error`. */
  #request(message, afterSend) {
    const requestId = String(++this.#requestSeq);
    return new Promise((resolve, reject) => {
      const timeout = new OpenSfuError('TIMEOUT', `the server did not answer ${message.type} in time`);
      const timer = setTimeout(() => this.#settle(requestId, null, timeout), this.#options.requestTimeoutMs);
      this.#pending.set(requestId, {resolve, reject, timer});
      this.#send({type: message.type, requestId, ...message});
      afterSend?.();
    });
  }

  /** Settles the call waiting for `requestId`; false when none waits. */
  #settle(requestId, value, error) {
    const waiting = this.#pending.get(requestId);
    if (!waiting) return false;
    this.#pending.delete(requestId);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(value);
    return true;
  }

  #onSocketClosed(event) {
    const error = new OpenSfuError('DISCONNECTED',
        `the connection to the server at ${this.#url} closed (code ${event?.code})`);
    [...this.#pending.keys()].forEach(requestId => this.#settle(requestId, null, error));
    if (this.state !== 'joined') return;
    this.#emit('error', {code: error.code, message: error.message});
    this.#finish('DISCONNECTED');
  }

  // --- server messages ---

  #onMessage(text) {
    let message;
    try {
      message = parseServerMessage(text);
    } catch (e) {
      this.#emit('error', {code: e.code ?? 'PROTOCOL', message: e.message});
      return;
    }
    const {type, requestId} = message;
    if (type === 'joined') this.#onJoined(message);
    if (type === 'joined' || type === 'answer') {
      this.#settle(requestId, message);
    } else if (type === 'error') {
      const error = new OpenSfuError(message.code, message.message);
      if (!this.#settle(requestId, null, error)) this.#emit('error', {code: error.code, message: error.message});
    } else if (type === 'left') {
      this.#finish(message.reason);
    } else if (this.state === 'joined') {
      this.#onRoomEvent(message);
    }
  }

  #onJoined(message) {
    if (this.state !== 'connecting') return;
    this.state = 'joined';
    this.participantId = message.participantId;
    this.room = message.room;
    this.pc = this.#createPeerConnection();
    message.participants.forEach(p => this.participants.set(p.participantId, p));
    message.participants.forEach(p => p.tracks.forEach(track => this.#subscribe(track)));
  }

  #onRoomEvent(message) {
    const {participant, participantId, track, trackId} = message;
    const known = this.participants.get(participantId ?? track?.participantId);
    switch (message.type) {
      case 'participantJoined':
        this.participants.set(participant.participantId, participant);
        this.#emit('participantJoined', {participant});
        participant.tracks.forEach(t => this.#subscribe(t));
        break;
      case 'participantLeft':
        this.#subscriptions.trackIdsOf(participantId).forEach(id => this.#unsubscribe(id));
        if (this.participants.delete(participantId)) this.#emit('participantLeft', {participantId});
        break;
      case 'trackPublished':
        if (known && !known.tracks.some(t => t.trackId === track.trackId)) known.tracks.push(track);
        this.#subscribe(track);
        break;
      case 'trackUnpublished':
        if (known) known.tracks = known.tracks.filter(t => t.trackId !== trackId);
        this.#unsubscribe(trackId);
        break;
      case 'dominantSpeaker':
        this.dominantSpeaker = participantId;
        this.#emit('dominantSpeaker', {participantId});
        break;
      case 'forwardedVideo':
        this.forwardedVideo = message.lastN < 0 ? null : message.participantIds;
        this.#emit('forwardedVideo', {lastN: message.lastN, participantIds: this.forwardedVideo});
        break;
    }
  }

  // --- subscriptions ---

  /** Adds a recvonly transceiver for a remote track and asks for a negotiation. */
  #subscribe(track) {
    if (track.participantId === this.participantId || this.#subscriptions.get(track.trackId)) return;
    this.#subscriptions.add(track, this.pc.addTransceiver(track.kind, {direction: 'recvonly'}));
    this.#renegotiate();
  }

  /** Stops a subscription's transceiver, emits `trackRemoved` and asks for a negotiation. */
  #unsubscribe(trackId) {
    const subscription = this.#subscriptions.remove(trackId);
    if (!subscription) return;
    if (subscription.transceiver.direction !== 'stopped') subscription.transceiver.stop();
    this.remoteTracks.delete(trackId);
    this.#emit('trackRemoved', {trackId, participantId: subscription.participantId});
    this.#renegotiate();
  }

  #onTrack(event) {
    const subscription = this.#subscriptions.byTransceiver(event.transceiver)
        ?? this.#subscriptions.byMid(event.transceiver?.mid ?? null);
    if (!subscription) return; // dropped while its answer was on the way
    const {trackId, participantId, kind, name} = subscription;
    if (this.remoteTracks.get(trackId)?.track === event.track) return;
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    this.remoteTracks.set(trackId, {track: event.track, stream, participantId, kind, name});
    this.#emit('track', {track: event.track, stream, trackId, participantId, kind, name});
  }

  // --- negotiation ---

  #createPeerConnection() {
    const {rtcConfiguration} = this.#options;
    const pc = new RTCPeerConnection({...rtcConfiguration, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
    pc.onicecandidate = event => this.#onLocalCandidate(event.candidate);
    pc.ontrack = event => this.#onTrack(event);
    pc.onconnectionstatechange = () => this.#emit('connectionStateChange', {state: pc.connectionState});
    return pc;
  }

  /** Negotiates in the background; a failure is emitted as `error` by #negotiate. */
  #renegotiate() {
    this.#queue.request().catch(() => {});
  }

  /** One offer/answer exchange; runs only through the queue. */
  async #negotiate() {
    const pc = this.pc;
    if (this.state !== 'joined' || !pc.getTransceivers().some(t => t.mid !== null || t.direction !== 'stopped')) return;
    const offering = t => t.mid !== null && t.direction !== 'stopped';
    try {
      await pc.setLocalDescription(await pc.createOffer());
      this.#subscriptions.refreshMids();
      const publish = [...this.#published.values()].filter(p => offering(p.transceiver))
          .map(p => ({mid: p.transceiver.mid, name: p.name}));
      const answer = await this.#request({type: 'offer', sdp: pc.localDescription.sdp, publish,
        subscribe: this.#subscriptions.subscriptions()}, () => this.#flushCandidates());
      if (this.state !== 'joined') return;
      await pc.setRemoteDescription({type: 'answer', sdp: answer.sdp});
      const published = new Map(answer.published.map(p => [p.mid, p.track.trackId]));
      this.#published.forEach(p => { p.trackId = published.get(p.transceiver.mid) ?? p.trackId; });
    } catch (e) {
      if (this.state !== 'joined') return;
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({type: 'rollback'}).catch(() => {});
      this.#subscriptions.refreshMids();
      const error = e instanceof OpenSfuError ? e : new OpenSfuError('NEGOTIATION_FAILED', String(e?.message ?? e));
      this.#emit('error', {code: error.code, message: error.message});
      throw error;
    }
  }

  /** Trickles a local candidate, or keeps it until the first offer is sent; null means gathering is over. */
  #onLocalCandidate(candidate) {
    if (!candidate?.candidate && this.#candidates.ended) return;
    const message = candidate?.candidate
      ? {type: 'candidate', candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? undefined}
      : {type: 'candidate', candidate: ''};
    this.#candidates.ended ||= !candidate?.candidate;
    if (this.#candidates.ready) this.#send(message);
    else this.#candidates.buffer.push(message);
  }

  #flushCandidates() {
    this.#candidates.ready = true;
    this.#candidates.buffer.splice(0).forEach(message => this.#send(message));
  }

  // --- end ---

  #assertJoined() {
    if (this.state !== 'joined') throw new OpenSfuError('INVALID_STATE', 'join the room first');
  }

  /** Ends the session once: fails waiting calls, closes the peer connection and the socket, emits `left`. */
  #finish(reason) {
    if (this.state === 'closed') return;
    const wasJoined = this.state === 'joined';
    this.state = 'closed';
    const error = new OpenSfuError('INVALID_STATE', 'the client has left');
    [...this.#pending.keys()].forEach(requestId => this.#settle(requestId, null, error));
    this.#queue.close(error);
    this.#subscriptions = new SubscriptionTable();
    this.remoteTracks.clear();
    this.pc?.close();
    if (this.#ws) {
      this.#ws.onopen = this.#ws.onclose = this.#ws.onmessage = this.#ws.onerror = null;
      this.#ws.close();
    }
    this.#closed.resolve();
    if (wasJoined) this.#emit('left', {reason});
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}

function publicView({track, trackId, kind, name}) {
  return {track, trackId, kind, name};
}

function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return {promise, resolve, reject};
}

/**
 * @typedef {{trackId: string, participantId: string, kind: 'audio'|'video', name: string|null}} TrackInfo
 * @typedef {{participantId: string, displayName: string, tracks: TrackInfo[]}} ParticipantInfo
 * @typedef {{track: MediaStreamTrack, stream: MediaStream, participantId: string, kind: string, name: string|null}}
 *     RemoteTrack
 * @typedef {{track: MediaStreamTrack, trackId: string|null, kind: string, name: string}} PublishedTrack
 *     (trackId is null until the server's answer names it)
 * @typedef {TrackInfo & {transceiver: RTCRtpTransceiver, mid: string|null}} Subscription
 * @typedef {{type: string, requestId: string|null}} ServerMessage
 */
