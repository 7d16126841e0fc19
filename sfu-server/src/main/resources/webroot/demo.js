/**
 * The OpenSFU demo page: join a room, publish the camera and microphone, and see everyone else.
 *
 * Query parameters: `room` (default "demo"), `name`, `server` (a signaling URL, default this server's `/ws`),
 * `token` (a join token, when the server checks them), `simulcast=0` to publish one encoding instead of three, and
 * `lastN` to receive the video of at most that many others (the one on stage, then the most recent speakers).
 *
 * The dominant speaker's tile is outlined; under last-N, the tiles whose video the server does not forward say so.
 *
 * Video quality follows the layout: a remote tile asks the server for the smallest simulcast layer that still fills
 * it (180p for small tiles), and a tile clicked onto the stage asks for the best layer the bandwidth allows.
 *
 * For tests: `window.demo.join(room, name, {publish})`, `window.demo.leave()` and
 * `window.demo.setStage(participantId or null)` do what the buttons and clicks do, `window.opensfu` is the current
 * OpenSfuClient, and every remote tile carries `data-participant-id`.
 */
import {OpenSfuClient, isValidRoomName} from './sdk/opensfu.js';

const CAMERA = {audio: true, video: {width: 1280, height: 720}};
/** Heights of the simulcast layers a publisher sends (1/4, 1/2 and full 720p): a tile asks for the one it needs. */
const LAYER_HEIGHTS = [180, 360, 720];
const MAX_MESSAGES = 5;

const LEFT_MESSAGES = {
  LEFT: ['info', 'You left the room.'],
  REMOVED: ['warning', 'You were removed from the room.'],
  ROOM_DELETED: ['warning', 'The room was closed.'],
  TRANSPORT_CLOSED: ['error', 'The media connection was lost, so you left the room.'],
  SERVER_STOPPING: ['warning', 'The server is shutting down.'],
};

const ui = Object.fromEntries(['join-form', 'room', 'name', 'join', 'leave', 'status', 'messages', 'roster', 'tiles']
    .map(id => [id.replace('-form', 'Form'), document.getElementById(id)]));

/** The current session: `{client, localStream, tiles: Map<participantId, Tile>, leaving}`, or null. */
let session = null;

// --- messages and status ---

/** Shows a message to the user; `level` is `error`, `warning` or `info`. */
function showMessage(text, level = 'error') {
  const p = document.createElement('p');
  p.className = `message ${level}`;
  p.textContent = text;
  if (level === 'error') p.setAttribute('role', 'alert');
  ui.messages.append(p);
  while (ui.messages.children.length > MAX_MESSAGES) ui.messages.firstElementChild.remove();
}

function clearMessages() {
  ui.messages.replaceChildren();
}

function setStatus(text) {
  ui.status.textContent = text;
}

/** Says what went wrong with the server in words (`error` is an OpenSfuError or an `error` event). */
function describeError({code, message}, url) {
  switch (code) {
    case 'UNREACHABLE': return `Cannot reach the server at ${url}.`;
    case 'DISCONNECTED': return `Cannot reach the server at ${url}: the connection was closed.`;
    case 'TIMEOUT': return `The server at ${url} did not answer in time.`;
    default: return `The server said: ${message}`;
  }
}

// --- camera and microphone ---

/** Asks for the camera and microphone; returns null (after saying why) when the user can only watch. */
async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    showMessage('This page cannot use a camera here (it needs https or localhost); you can still watch.', 'warning');
    return null;
  }
  try {
    return await navigator.mediaDevices.getUserMedia(CAMERA);
  } catch (e) {
    if (e.name === 'NotAllowedError' || e.name === 'SecurityError') {
      showMessage('Camera or microphone access was refused; you can still watch.', 'warning');
      return null;
    }
    return openWhatExists(e);
  }
}

/** After a failure other than a refusal (usually no device): tries the microphone alone, then the camera alone. */
async function openWhatExists(error) {
  for (const [constraints, missing] of [[{audio: true}, 'camera'], [{video: CAMERA.video}, 'microphone']]) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      showMessage(`No ${missing} could be used; the others will only get your ${missing === 'camera'
        ? 'microphone' : 'camera'}.`, 'warning');
      return stream;
    } catch {
      // try the next one
    }
  }
  const why = error.name === 'NotFoundError' ? 'No camera or microphone was found' : 'The camera could not be started';
  showMessage(`${why}; you can still watch.`, 'warning');
  return null;
}

// --- tiles ---

/** Creates a tile: a figure with a video element and a caption. */
function createTile(label, {local = false} = {}) {
  const el = document.createElement('figure');
  el.className = 'tile no-video';
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.muted = local;
  video.setAttribute('aria-label', `Video of ${label}`);
  const caption = document.createElement('figcaption');
  caption.textContent = label;
  el.dataset.initial = label.trim().charAt(0).toUpperCase() || '?';
  el.append(video, caption);
  ui.tiles.append(el);
  return {el, video, tracks: new Map(), sentConstraints: ''};
}

// --- video quality per tile ---

/** Follows each remote tile's size, to ask for the layer that fits it. */
const tileSizes = new ResizeObserver(entries => {
  for (const entry of entries) {
    const tile = session?.tiles.get(entry.target.dataset.participantId);
    if (tile) sendTileConstraints(tile);
  }
});

/** What a remote tile wants of its video: the best layer on stage, else the smallest layer at least its height. */
function tileConstraints(tile) {
  if (tile.el.classList.contains('stage')) return {onStage: true};
  const heightPx = tile.el.clientHeight * (window.devicePixelRatio || 1);
  return {maxHeight: LAYER_HEIGHTS.find(h => h >= heightPx) ?? LAYER_HEIGHTS[LAYER_HEIGHTS.length - 1]};
}

function sendTileConstraints(tile) {
  const constraints = tileConstraints(tile);
  const key = JSON.stringify(constraints);
  if (key === tile.sentConstraints || !session?.client) return;
  for (const [trackId, track] of tile.tracks) {
    if (track.kind === 'video') session.client.setTrackConstraints(trackId, constraints);
  }
  tile.sentConstraints = key;
}

/** Puts one participant's tile on the stage (shown large), or none with null. */
function setStage(participantId) {
  if (!session) return;
  for (const [id, tile] of session.tiles) {
    tile.el.classList.toggle('stage', id === participantId);
    tile.el.setAttribute('aria-pressed', String(id === participantId));
  }
  for (const tile of session.tiles.values()) sendTileConstraints(tile);
}

/** Points a tile's video element at its tracks and starts it; sound may need a click (autoplay rules). */
function refreshTile(tile) {
  const tracks = [...tile.tracks.values()];
  tile.el.classList.toggle('no-video', !tracks.some(t => t.kind === 'video'));
  tile.video.srcObject = new MediaStream(tracks);
  tile.video.play().catch(e => {
    if (e.name !== 'NotAllowedError') return; // AbortError: a newer srcObject replaced this one
    tile.video.muted = true;
    tile.video.play().catch(() => {});
    offerUnmute(tile);
  });
}

function offerUnmute(tile) {
  if (tile.el.querySelector('.unmute')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'unmute';
  button.textContent = 'Click to hear';
  button.onclick = () => {
    tile.video.muted = false;
    tile.video.play().catch(() => {});
    button.remove();
  };
  tile.el.append(button);
}

function displayName(participantId) {
  return session?.client.participants.get(participantId)?.displayName || 'Anonymous';
}

function showLocalTile(stream, name) {
  const tile = createTile(name ? `You (${name})` : 'You', {local: true});
  tile.el.classList.add('local');
  tile.el.dataset.local = 'true';
  stream.getTracks().forEach(track => tile.tracks.set(track.id, track));
  refreshTile(tile);
  session.localTile = tile;
  markSpeaker();
}

function addRemoteTrack({participantId, trackId, track}) {
  let tile = session.tiles.get(participantId);
  if (!tile) {
    tile = createTile(displayName(participantId));
    tile.el.dataset.participantId = participantId;
    tile.el.tabIndex = 0;
    tile.el.setAttribute('role', 'button');
    tile.el.setAttribute('aria-pressed', 'false');
    tile.el.title = 'Click to enlarge';
    const toggle = () => setStage(tile.el.classList.contains('stage') ? null : participantId);
    tile.el.addEventListener('click', event => {
      if (!event.target.closest('.unmute')) toggle();
    });
    tile.el.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle();
      }
    });
    session.tiles.set(participantId, tile);
    tileSizes.observe(tile.el);
  }
  tile.tracks.set(trackId, track);
  refreshTile(tile);
  markOffStage();
  markSpeaker();
  if (track.kind === 'video') {
    tile.sentConstraints = '';
    sendTileConstraints(tile);
  }
}

function removeRemoteTrack({participantId, trackId}) {
  const tile = session.tiles.get(participantId);
  if (!tile || !tile.tracks.delete(trackId)) return;
  if (tile.tracks.size > 0) refreshTile(tile);
  else removeTile(participantId);
}

/** Outlines the dominant speaker's tile, including tiles created after the announcement. */
function markSpeaker() {
  const speaker = session?.client.dominantSpeaker;
  for (const [id, tile] of session?.tiles ?? []) tile.el.classList.toggle('speaking', id === speaker);
  session?.localTile?.el.classList.toggle('speaking', speaker != null && speaker === session.client.participantId);
}

/** Under last-N, marks the tiles whose video the server does not forward now. */
function markOffStage() {
  const forwarded = session?.client.forwardedVideo;
  for (const [id, tile] of session?.tiles ?? []) {
    const off = forwarded != null && !forwarded.includes(id) && [...tile.tracks.values()].some(t => t.kind === 'video');
    tile.el.classList.toggle('off-stage', off);
  }
}

function removeTile(participantId) {
  const tile = session.tiles.get(participantId);
  if (!tile) return;
  tileSizes.unobserve(tile.el);
  tile.el.remove();
  session.tiles.delete(participantId);
  if (tile.el.classList.contains('stage')) setStage(null);
}

/** Lists who is in the room, including those who only watch. */
function updateRoster() {
  const others = [...session.client.participants.values()];
  ui.roster.hidden = false;
  ui.roster.textContent = others.length === 0 ? 'Nobody else is here yet.'
    : `Also here: ${others.map(p => (p.displayName || 'Anonymous') + (p.tracks.length ? '' : ' (watching)'))
        .join(', ')}.`;
}

// --- joining and leaving ---

function setJoined(joined, busy = false) {
  ui.join.disabled = joined || busy;
  ui.join.textContent = busy ? 'Joining…' : 'Join';
  ui.leave.disabled = !joined;
  ui.room.disabled = ui.name.disabled = joined || busy;
}

/** Wires the client's events to the page. */
function listen(client) {
  client.on('participantJoined', updateRoster);
  client.on('participantLeft', ({participantId}) => {
    removeTile(participantId);
    updateRoster();
  });
  client.on('track', detail => {
    addRemoteTrack(detail);
    updateRoster();
  });
  client.on('trackRemoved', detail => {
    removeRemoteTrack(detail);
    updateRoster();
  });
  client.on('connectionStateChange', ({state}) => {
    setStatus(`In room "${client.room}" · media ${state}`);
    if (state === 'failed') showMessage('The media connection failed; a firewall may block UDP.');
  });
  client.on('error', error => showMessage(describeError(error, client.url)));
  client.on('dominantSpeaker', () => markSpeaker());
  client.on('forwardedVideo', () => markOffStage());
  client.on('left', ({reason}) => {
    const leaving = session?.leaving;
    const [level, text] = LEFT_MESSAGES[reason] ?? ['warning', `You are no longer in the room (${reason}).`];
    if (reason !== 'DISCONNECTED' && !(leaving && reason === 'LEFT')) showMessage(text, level);
    endSession(leaving ? 'You left the room.' : null);
  });
}

/**
 * Joins `room` as `name`: opens the camera (or joins as a viewer), connects, then publishes.
 * With `{publish: false}` it joins as a viewer without asking for the camera.
 * @returns {Promise<{participantId: string, participants: object[]}>} rejects when the join fails (after saying why)
 */
async function join(room = ui.room.value.trim(), name = ui.name.value.trim(), {publish: wantsToPublish = true} = {}) {
  if (session) throw new Error('already in a room; leave first');
  clearMessages();
  if (!isValidRoomName(room)) {
    showMessage('A room name is 1 to 64 letters, digits, "-" or "_".');
    ui.room.focus();
    throw new Error('invalid room name');
  }
  ui.room.value = room;
  ui.name.value = name;
  setJoined(false, true);
  const params = new URLSearchParams(location.search);
  const client = new OpenSfuClient({url: params.get('server') ?? undefined, token: params.get('token') ?? undefined});
  window.opensfu = client;
  session = {client, localStream: null, localTile: null, tiles: new Map(), leaving: false};
  setStatus(`Connecting to ${client.url}…`);
  try {
    session.localStream = wantsToPublish ? await openCamera() : null;
    if (session.localStream) showLocalTile(session.localStream, name);
    listen(client);
    const joined = await client.join(room, {displayName: name});
    const lastN = params.get('lastN');
    if (lastN !== null && /^-?\d+$/.test(lastN)) client.setLastN(Number(lastN));
    setJoined(true);
    setStatus(`In room "${room}"`);
    updateRoster();
    if (session.localStream) await publish(client, session.localStream);
    return joined;
  } catch (e) {
    showMessage(e.code ? describeError(e, client.url) : `Could not join: ${e.message}`);
    endSession(null);
    throw e;
  }
}

async function publish(client, stream) {
  try {
    await client.publish(stream, {simulcast: new URLSearchParams(location.search).get('simulcast') !== '0'});
  } catch (e) {
    // the client has emitted the error already; the user stays in the room as a viewer
  }
}

/** Leaves the room (the client emits `left`, which ends the session). */
async function leave() {
  if (!session) return;
  session.leaving = true;
  const {client} = session;
  await client.leave();
  endSession('You left the room.');
}

/** Stops the camera, removes every tile, and resets the controls. */
function endSession(notice) {
  if (!session) return;
  session.localStream?.getTracks().forEach(track => track.stop());
  tileSizes.disconnect();
  ui.tiles.replaceChildren();
  session = null;
  ui.roster.hidden = true;
  setJoined(false);
  setStatus('Not connected');
  if (notice) showMessage(notice, 'info');
}

// --- page ---

const params = new URLSearchParams(location.search);
ui.room.value = params.get('room') ?? 'demo';
ui.name.value = params.get('name') ?? '';

ui.joinForm.addEventListener('submit', event => {
  event.preventDefault();
  join().catch(() => {}); // already shown
});
ui.leave.addEventListener('click', () => leave());
window.addEventListener('pagehide', () => session?.client.leave());

window.demo = {join, leave, setStage};
