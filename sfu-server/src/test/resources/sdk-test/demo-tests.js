/**
 * Tests of the demo page, run inside it (the page at `/`): `await (await import('/sdk-test/demo-tests.js')).run()`.
 * The page's WebSocket is replaced by the in-page FakeSfu, and a second client in the same page plays "Bob".
 * Needs the same Chromium flags as client-tests.js.
 */
import {assert, assertEqual, run as runTests, test, waitFor} from './harness.js';
import {FakeSfu} from './fake-sfu.js';
import {OpenSfuClient} from '../sdk/opensfu.js';

const $ = selector => document.querySelector(selector);
const tiles = () => [...document.querySelectorAll('.tile[data-participant-id]')];
const messages = () => [...document.querySelectorAll('#messages .message')].map(m => m.textContent);

/** Makes every WebSocket the page opens a connection to `sfu`. */
function useFakeSfu(sfu) {
  window.WebSocket = class {
    static OPEN = 1;

    constructor(url) {
      return sfu.createWebSocket(url);
    }
  };
}

async function bob(sfu, room) {
  const client = new OpenSfuClient({createWebSocket: sfu.createWebSocket});
  await client.join(room, {displayName: 'Bob'});
  const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 320, height: 180}});
  await client.publish(stream);
  return {client, stream};
}

/** A test that starts with the page out of any room. */
function demoTest(name, fn) {
  test(name, async () => {
    await window.demo.leave();
    await fn();
  });
}

/** Runs the demo tests; resolves with `{passed, failed, total}`. */
export async function run(log = console.log) {
  const realWebSocket = window.WebSocket;

  demoTest('a remote participant gets a tile with its name and playing video, which goes when it leaves', async () => {
    const sfu = new FakeSfu();
    useFakeSfu(sfu);
    const joined = await window.demo.join('demo-room', 'Ada');
    assertEqual(joined.participantId, 'p1');
    assert(window.opensfu instanceof OpenSfuClient && window.opensfu.participantId === 'p1', 'window.opensfu');
    assert($('.tile.local video').muted, 'own video muted');
    assertEqual([$('#join').disabled, $('#leave').disabled], [true, false], 'buttons');

    const b = await bob(sfu, 'demo-room');
    const tile = await waitFor(() => tiles().find(t => t.dataset.participantId === 'p2'), 'Bob\'s tile');
    assertEqual(tile.querySelector('figcaption').textContent, 'Bob');
    await waitFor(() => tile.querySelector('video').videoWidth > 0 && !tile.classList.contains('no-video'),
        'Bob\'s video playing');
    assertEqual(tile.querySelector('video').srcObject.getTracks().length, 2, 'audio and video on the element');
    await waitFor(() => $('#roster').textContent === 'Also here: Bob.', 'roster');

    await b.client.unpublish(b.stream.getVideoTracks()[0]);
    await waitFor(() => tile.classList.contains('no-video'), 'no-video after the camera is unpublished');
    await b.client.unpublish(b.stream.getAudioTracks()[0]);
    await waitFor(() => tiles().length === 0, 'tile gone without tracks');
    await b.client.publish(b.stream);
    await waitFor(() => tiles().length === 1, 'tile back');
    await b.client.leave();
    await waitFor(() => tiles().length === 0, 'tile gone after leave');
    await waitFor(() => $('#roster').textContent === 'Nobody else is here yet.', 'roster after leave');
    b.stream.getTracks().forEach(t => t.stop());

    await window.demo.leave();
    assert(messages().includes('You left the room.'), `messages: ${messages()}`);
    assertEqual([$('#join').disabled, $('#leave').disabled, document.querySelectorAll('.tile').length],
        [false, true, 0], 'reset after leave');
  });

  demoTest('a participant already publishing when we join is shown; a deleted room is announced', async () => {
    const sfu = new FakeSfu();
    useFakeSfu(sfu);
    const b = await bob(sfu, 'room2');
    await window.demo.join('room2', '');
    await waitFor(() => tiles().length === 1 && tiles()[0].dataset.participantId === 'p1', 'Bob\'s tile');
    assertEqual($('.tile.local figcaption').textContent, 'You');
    sfu.kick('p2', 'ROOM_DELETED');
    await waitFor(() => messages().includes('The room was closed.'), 'room closed message');
    assertEqual([document.querySelectorAll('.tile').length, $('#join').disabled], [0, false], 'reset');
    await b.client.leave();
    b.stream.getTracks().forEach(t => t.stop());
  });

  demoTest('a connection closed by the server is shown as "Cannot reach the server"', async () => {
    const sfu = new FakeSfu();
    useFakeSfu(sfu);
    await window.demo.join('room3', 'Ada');
    sfu.cut('p1');
    await waitFor(() => !$('#join').disabled, 'reset');
    assert(messages().includes(`Cannot reach the server at ${window.opensfu.url}: the connection was closed.`),
        `messages: ${messages()}`);
    assertEqual(document.querySelectorAll('.tile').length, 0, 'tiles');
  });

  demoTest('a server error is shown with the server\'s message', async () => {
    const sfu = new FakeSfu();
    sfu.fullRooms.add('full');
    useFakeSfu(sfu);
    const error = await window.demo.join('full', 'Ada').then(() => null, e => e);
    assertEqual(error?.code, 'LIMIT_EXCEEDED');
    assert(messages().includes('The server said: the room is full'), `messages: ${messages()}`);
    assertEqual(document.querySelectorAll('.tile').length, 0, 'tiles');
  });

  demoTest('an invalid room name is refused before connecting', async () => {
    const error = await window.demo.join('no spaces', 'Ada').then(() => null, e => e);
    assert(error, 'join failed');
    assert(messages().some(m => m.startsWith('A room name is')), `messages: ${messages()}`);
  });

  try {
    return await runTests(log);
  } finally {
    window.WebSocket = realWebSocket;
  }
}
