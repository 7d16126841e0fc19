/**
 * Tests of the SDK's pure parts: message validation, the negotiation queue, the subscription table. They need no
 * browser APIs, so they also run in Node (see README.md).
 */
import {assert, assertEqual, assertRejects, test} from './harness.js';

/** Registers the tests against the SDK module `sdk`. */
export function unitTests(sdk) {
  const {parseServerMessage, NegotiationQueue, SubscriptionTable, defaultServerUrl, isValidRoomName} = sdk;

  // --- message validation ---

  test('parse: joined, with defaults for optional fields', () => {
    const message = parseServerMessage(JSON.stringify({
      type: 'joined', requestId: '1', participantId: 'kq3z7p1a', room: 'standup',
      participants: [{participantId: 'w81mdk2x', displayName: 'Grace', tracks: [
        {trackId: 'w81mdk2x-0', participantId: 'w81mdk2x', kind: 'audio', name: 'microphone'},
        {trackId: 'w81mdk2x-1', participantId: 'w81mdk2x', kind: 'video', name: null}]},
      {participantId: 'x', displayName: null}],
    }));
    assertEqual(message, {
      type: 'joined', requestId: '1', participantId: 'kq3z7p1a', room: 'standup',
      participants: [{participantId: 'w81mdk2x', displayName: 'Grace', tracks: [
        {trackId: 'w81mdk2x-0', participantId: 'w81mdk2x', kind: 'audio', name: 'microphone'},
        {trackId: 'w81mdk2x-1', participantId: 'w81mdk2x', kind: 'video', name: null}]},
      {participantId: 'x', displayName: '', tracks: []}],
    });
  });

  test('parse: every example of PROTOCOL.md', () => {
    const examples = [
      {type: 'answer', requestId: '2', sdp: 'v=0\r\n', published: [{mid: '0', track: {trackId: 'kq3z7p1a-0',
        participantId: 'kq3z7p1a', kind: 'audio', name: 'microphone'}}]},
      {type: 'trackPublished', track: {trackId: 'w81mdk2x-1', participantId: 'w81mdk2x', kind: 'video',
        name: 'camera'}},
      {type: 'trackUnpublished', trackId: 'w81mdk2x-1', participantId: 'w81mdk2x'},
      {type: 'participantJoined', participant: {participantId: 'a', displayName: 'Ada', tracks: []}},
      {type: 'participantLeft', participantId: 'a'},
      {type: 'left', reason: 'ROOM_DELETED'},
      {type: 'error', requestId: '2', code: 'BAD_REQUEST', message: 'the offer has no BUNDLE group'},
      {type: 'dominantSpeaker', participantId: 'w81mdk2x'},
      {type: 'forwardedVideo', lastN: 2, participantIds: ['w81mdk2x', 'kq3z7p1a']},
    ];
    for (const example of examples) {
      const parsed = parseServerMessage(JSON.stringify(example));
      assertEqual(parsed.type, example.type, 'type');
      assertEqual(parsed.requestId, example.requestId ?? null, `${example.type} requestId`);
    }
  });

  test('parse: speaker and last-N messages', () => {
    assertEqual(parseServerMessage('{"type":"dominantSpeaker","participantId":null}').participantId, null);
    assertEqual(parseServerMessage('{"type":"dominantSpeaker"}').participantId, null);
    assertEqual(parseServerMessage('{"type":"forwardedVideo","lastN":-1,"participantIds":[]}').participantIds, []);
  });

  test('parse: answer without published gives []', () => {
    assertEqual(parseServerMessage('{"type":"answer","requestId":"3","sdp":"v=0"}').published, []);
    assertEqual(parseServerMessage('{"type":"answer","requestId":"3","sdp":"v=0","published":null}').published, []);
  });

  test('parse: rejects what is not a valid server message, with code PROTOCOL', async () => {
    const bad = [
      'not json', '[]', 'null', '{"type":"nope"}', '{"type":"toString"}', '{"sdp":"v=0"}',
      '{"type":"answer","requestId":"1"}',
      '{"type":"joined","participantId":"a","room":"r","participants":{}}',
      '{"type":"joined","participantId":"a","room":"r","participants":[{"displayName":"x"}]}',
      '{"type":"trackPublished","track":{"trackId":"t","participantId":"p","kind":"screen"}}',
      '{"type":"trackPublished"}',
      '{"type":"trackUnpublished","trackId":"t"}',
      '{"type":"error","code":"BAD_REQUEST"}',
      '{"type":"left"}',
      '{"type":"answer","sdp":"v=0","published":[{"mid":0,"track":{}}]}',
      '{"type":"dominantSpeaker","participantId":7}',
      '{"type":"forwardedVideo","lastN":"2","participantIds":[]}',
      '{"type":"forwardedVideo","lastN":1,"participantIds":[3]}',
    ];
    for (const text of bad) {
      const error = await assertRejects(() => parseServerMessage(text), text);
      assertEqual(error.code, 'PROTOCOL', `code for ${text}`);
    }
  });

  test('defaultServerUrl and isValidRoomName', () => {
    assertEqual(defaultServerUrl({protocol: 'http:', host: 'localhost:8080'}), 'ws://localhost:8080/ws');
    assertEqual(defaultServerUrl({protocol: 'https:', host: 'sfu.example'}), 'wss://sfu.example/ws');
    for (const ok of ['demo', 'A-z_09', 'x'.repeat(64)]) assert(isValidRoomName(ok), ok);
    for (const no of ['', 'a b', 'é', 'x'.repeat(65), null, 7]) assert(!isValidRoomName(no), String(no));
  });

  // --- negotiation queue ---

  /** A queue whose runs wait until the test releases them. */
  function controlledQueue() {
    const runs = [];
    let active = 0;
    let maxActive = 0;
    const queue = new NegotiationQueue(() => new Promise((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs.push({
        finish: () => { active--; resolve(); },
        fail: e => { active--; reject(e); },
      });
    }));
    return {queue, runs, maxActive: () => maxActive};
  }

  const tick = () => new Promise(resolve => setTimeout(resolve, 0));

  test('queue: a request runs at once; requests during a run merge into exactly one more', async () => {
    const {queue, runs, maxActive} = controlledQueue();
    const first = queue.request();
    await tick();
    assertEqual(runs.length, 1, 'runs after the first request');
    const second = queue.request();
    const third = queue.request();
    assert(second === third, 'requests during a run share the next run');
    await tick();
    assertEqual(runs.length, 1, 'runs while the first one is busy');
    runs[0].finish();
    await first;
    await tick();
    assertEqual(runs.length, 2, 'runs after the first finished');
    runs[1].finish();
    await second;
    await tick();
    assertEqual(runs.length, 2, 'no extra run');
    assertEqual(maxActive(), 1, 'concurrent runs');
    assert(!queue.busy, 'idle at the end');
  });

  test('queue: requests made in the same task share one run', async () => {
    const {queue, runs} = controlledQueue();
    const requests = [queue.request(), queue.request(), queue.request()];
    assert(queue.busy, 'busy at once');
    await tick();
    assertEqual(runs.length, 1, 'runs');
    runs[0].finish();
    await Promise.all(requests);
    await tick();
    assertEqual(runs.length, 1, 'runs at the end');
  });

  test('queue: a failed run rejects its requests, and the next run still happens', async () => {
    const {queue, runs} = controlledQueue();
    const first = queue.request();
    await tick();
    const second = queue.request();
    runs[0].fail(new Error('boom'));
    assertEqual((await assertRejects(() => first)).message, 'boom');
    await tick();
    assertEqual(runs.length, 2, 'the second run started');
    runs[1].finish();
    await second;
  });

  test('queue: close() fails the waiting request and refuses new ones', async () => {
    const {queue, runs} = controlledQueue();
    const first = queue.request();
    await tick();
    const second = queue.request();
    queue.close(new Error('closed'));
    assertEqual((await assertRejects(() => second)).message, 'closed');
    assertEqual((await assertRejects(() => queue.request())).message, 'closed');
    runs[0].finish();
    await first;
    await tick();
    assertEqual(runs.length, 1, 'no run after close');
  });

  // --- subscription table ---

  const track = (trackId, kind = 'video', participantId = 'p1') => ({trackId, participantId, kind, name: null});
  const transceiver = () => ({mid: null});

  test('table: mids are learnt at refreshMids; subscriptions() lists only m-sections with a mid', () => {
    const table = new SubscriptionTable();
    const t0 = transceiver();
    const t1 = transceiver();
    table.add(track('p1-0', 'audio'), t0);
    table.add(track('p1-1'), t1);
    assertEqual(table.subscriptions(), [], 'before setLocalDescription');
    t0.mid = '0';
    table.refreshMids();
    assertEqual(table.subscriptions(), [{mid: '0', trackId: 'p1-0'}]);
    t1.mid = '1';
    table.refreshMids();
    assertEqual(table.subscriptions(), [{mid: '0', trackId: 'p1-0'}, {mid: '1', trackId: 'p1-1'}]);
    assertEqual(table.byMid('1').trackId, 'p1-1', 'byMid');
    assertEqual(table.byTransceiver(t0).trackId, 'p1-0', 'byTransceiver');
    assert(table.byMid(null) === undefined && table.byMid('9') === undefined, 'unknown mid');
  });

  test('table: a recycled m-section maps to the new track, and a removed one to nothing', () => {
    const table = new SubscriptionTable();
    const old = transceiver();
    table.add(track('p1-0'), old);
    old.mid = '3';
    table.refreshMids();
    assertEqual(table.remove('p1-0').transceiver, old, 'removed');
    assert(table.byMid('3') === undefined, 'mid 3 forgotten');
    assert(table.remove('p1-0') === undefined, 'second remove');
    const recycled = transceiver();
    table.add(track('p2-0', 'video', 'p2'), recycled);
    recycled.mid = '3'; // the browser may give the stopped m-section (and even its mid) to the new transceiver
    table.refreshMids();
    assertEqual(table.byMid('3').trackId, 'p2-0', 'recycled mid');
    assertEqual(table.subscriptions(), [{mid: '3', trackId: 'p2-0'}]);
  });

  test('table: rollback clears a mid, duplicates are refused, trackIdsOf', async () => {
    const table = new SubscriptionTable();
    const t = transceiver();
    table.add(track('p1-0'), t);
    table.add(track('p2-0', 'audio', 'p2'), transceiver());
    t.mid = '0';
    table.refreshMids();
    t.mid = null; // after a rollback
    table.refreshMids();
    assertEqual(table.subscriptions(), [], 'after rollback');
    await assertRejects(() => table.add(track('p1-0'), transceiver()), 'duplicate add');
    assertEqual(table.trackIdsOf('p2'), ['p2-0']);
    assertEqual(table.trackIdsOf('p1'), ['p1-0']);
  });
}
