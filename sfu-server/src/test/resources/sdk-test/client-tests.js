/**
 * Tests of OpenSfuClient in a real browser against the in-page FakeSfu: real RTCPeerConnections over loopback, real
 * (fake-device) camera and microphone. Needs Chromium with --use-fake-device-for-media-stream,
 * --use-fake-ui-for-media-stream and --allow-loopback-in-peer-connection.
 */
import {assert, assertEqual, assertRejects, test, waitFor} from './harness.js';
import {FakeSfu, parseSections} from './fake-sfu.js';

/** Registers the tests against the SDK module `sdk`. */
export function clientTests(sdk) {
  const {OpenSfuClient} = sdk;

  const cleanups = [];
  /** Runs `fn` as a test, then leaves every client and stops every track it made. */
  const browserTest = (name, fn) => test(name, async () => {
    try {
      await fn();
    } finally {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    }
  });

  function newClient(sfu, options = {}) {
    const client = new OpenSfuClient({url: 'ws://fake.invalid/ws', createWebSocket: sfu.createWebSocket, ...options});
    const events = {};
    for (const type of ['participantJoined', 'participantLeft', 'track', 'trackRemoved', 'left', 'error',
      'connectionStateChange']) {
      events[type] = [];
      client.on(type, detail => events[type].push(detail));
    }
    client.events = events;
    cleanups.push(() => client.leave());
    return client;
  }

  async function camera() {
    const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 320, height: 180}});
    cleanups.push(() => stream.getTracks().forEach(t => t.stop()));
    return stream;
  }

  async function framesDecoded(pc) {
    let frames = 0;
    (await pc.getStats()).forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  }

  /** Checks the client's last offer: each subscribed mid is a recvonly m-section of the right kind. */
  function checkLastOffer(sfu, client) {
    const offers = sfu.messages(client.participantId, 'offer');
    const offer = offers[offers.length - 1];
    const sections = new Map(parseSections(offer.sdp).map(s => [s.mid, s]));
    for (const {mid, trackId} of offer.subscribe) {
      const section = sections.get(mid);
      assert(section && section.port !== 0 && section.direction === 'recvonly', `mid ${mid} is a live recvonly`);
      const info = [...client.participants.values()].flatMap(p => p.tracks).find(t => t.trackId === trackId);
      if (info) assertEqual(section.kind, info.kind, `kind of mid ${mid}`);
    }
    return offer;
  }

  /** Waits until the client has no negotiation pending (signaling stable and the last offer answered). */
  const settled = (sfu, client) => waitFor(() => client.pc.signalingState === 'stable'
      && sfu.messages(client.participantId, 'offer').length > 0 && !sfu.participant(client.participantId).offering,
  'negotiation to settle');

  browserTest('joins an empty room; nothing is offered when there is nothing to negotiate', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    const joined = await a.join('room1', {displayName: 'Ada'});
    assertEqual(joined, {participantId: 'p1', participants: []});
    assertEqual([a.state, a.participantId, a.room], ['joined', 'p1', 'room1']);
    assertEqual(sfu.received[0].message, {type: 'join', requestId: '1', room: 'room1', displayName: 'Ada'});
    await new Promise(resolve => setTimeout(resolve, 100));
    assertEqual(sfu.messages('p1', 'offer').length, 0, 'offers');
    assertEqual(a.pc.getConfiguration().bundlePolicy, 'max-bundle');
  });

  browserTest('a publisher\'s tracks reach a participant who joins later, as decoded video', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room2', {displayName: 'Ada'});
    const stream = await camera();
    const published = await a.publish(stream);
    assertEqual(published.map(p => [p.kind, p.name, p.trackId]).sort(),
        [['audio', 'microphone', 'p1-0'], ['video', 'camera', 'p1-1']].sort());
    const offer = sfu.messages('p1', 'offer')[0];
    assertEqual(offer.publish.map(l => l.name).sort(), ['camera', 'microphone']);
    assertEqual(offer.subscribe, []);

    const b = newClient(sfu);
    const joined = await b.join('room2', {displayName: 'Bob'});
    assertEqual(joined.participants.map(p => [p.participantId, p.displayName, p.tracks.length]), [['p1', 'Ada', 2]]);
    await waitFor(() => b.events.track.length === 2, 'two track events');
    for (const event of b.events.track) {
      assertEqual(event.participantId, 'p1', 'participantId');
      assertEqual(event.stream.id, 'p1', 'stream id (msid)');
      assertEqual(event.track.kind, event.kind, 'kind');
      const info = joined.participants[0].tracks.find(t => t.trackId === event.trackId);
      assertEqual(info?.kind, event.kind, `track ${event.trackId}`);
      assertEqual(b.remoteTracks.get(event.trackId).track, event.track, 'remoteTracks');
    }
    assertEqual(checkLastOffer(sfu, b).subscribe.length, 2, 'subscriptions');
    await waitFor(async () => await framesDecoded(b.pc) > 5, 'decoded video frames');
    await waitFor(() => b.events.connectionStateChange.some(e => e.state === 'connected'), 'connected event');
    assertEqual(sfu.messages('p2', 'offer').length, 1, 'one offer for both subscriptions');
  });

  browserTest('tracks published after joining arrive; unpublish and republish reuse the m-section correctly',
      async () => {
        const sfu = new FakeSfu();
        const b = newClient(sfu);
        await b.join('room3', {displayName: 'Bob'});
        const a = newClient(sfu);
        await a.join('room3', {displayName: 'Ada'});
        await waitFor(() => b.events.participantJoined.length === 1, 'participantJoined');
        assertEqual(b.events.participantJoined[0].participant, {participantId: 'p2', displayName: 'Ada', tracks: []});
        const stream = await camera();
        await a.publish(stream);
        await waitFor(() => b.events.track.length === 2, 'two track events');
        const video = b.events.track.find(e => e.kind === 'video');

        await settled(sfu, b);
        const offersBefore = sfu.messages('p1', 'offer').length;
        await a.unpublish(stream.getVideoTracks()[0]);
        await waitFor(() => b.events.trackRemoved.length === 1, 'trackRemoved');
        assertEqual(b.events.trackRemoved[0], {trackId: video.trackId, participantId: 'p2'});
        assert(!b.remoteTracks.has(video.trackId), 'removed from remoteTracks');
        assertEqual(a.publishedTracks.map(p => p.kind), ['audio'], 'A publishes audio only');
        await waitFor(() => sfu.messages('p1', 'offer').length === offersBefore + 1, 'B offers again');
        await settled(sfu, b);
        const afterRemoval = checkLastOffer(sfu, b);
        assertEqual(afterRemoval.subscribe.length, 1, 'one subscription left');

        const screen = await camera();
        await a.publish(new MediaStream(screen.getVideoTracks()), {names: {video: 'screen'}});
        await waitFor(() => b.events.track.length === 3, 'a third track event');
        const again = b.events.track[2];
        assertEqual([again.kind, again.name, again.participantId], ['video', 'screen', 'p2']);
        assert(again.trackId !== video.trackId, 'a new track id');
        await settled(sfu, b);
        checkLastOffer(sfu, b);
        const live = b.pc.getTransceivers().filter(t => t.currentDirection === 'recvonly');
        assertEqual(live.map(t => t.receiver.track.kind).sort(), ['audio', 'video'], 'live receivers');
        const frames = await framesDecoded(b.pc);
        await waitFor(async () => await framesDecoded(b.pc) > frames + 5, 'frames of the new video');
      });

  browserTest('leave: the others get trackRemoved then participantLeft; the leaver gets left LEFT', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room4');
    await a.publish(await camera());
    const b = newClient(sfu);
    await b.join('room4');
    await waitFor(() => b.events.track.length === 2, 'tracks');
    const order = [];
    b.on('trackRemoved', () => order.push('trackRemoved'));
    b.on('participantLeft', () => order.push('participantLeft'));
    await a.leave();
    assertEqual(a.events.left, [{reason: 'LEFT'}]);
    assertEqual([a.state, a.pc.connectionState], ['closed', 'closed']);
    assertEqual(sfu.messages('p1', 'leave'), [{type: 'leave'}]);
    await waitFor(() => order.length === 3, 'events at B');
    assertEqual(order, ['trackRemoved', 'trackRemoved', 'participantLeft']);
    assertEqual([b.participants.size, b.remoteTracks.size], [0, 0]);
    await a.leave(); // a second leave is harmless
    assertEqual(a.events.left.length, 1, 'left events');
  });

  browserTest('removal by the server emits left with its reason and closes the peer connection', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room5');
    await a.publish(await camera());
    sfu.kick('p1', 'ROOM_DELETED');
    await waitFor(() => a.events.left.length === 1, 'left');
    assertEqual(a.events.left[0], {reason: 'ROOM_DELETED'});
    assertEqual([a.state, a.pc.signalingState], ['closed', 'closed']);
    const error = await assertRejects(() => a.publish(new MediaStream()), 'publish after left');
    assertEqual(error.code, 'INVALID_STATE');
  });

  browserTest('a join refused by the server rejects with its code and message', async () => {
    const sfu = new FakeSfu();
    sfu.fullRooms.add('full');
    const a = newClient(sfu);
    const error = await assertRejects(() => a.join('full'), 'join');
    assertEqual([error.code, error.message], ['LIMIT_EXCEEDED', 'the room is full']);
    assertEqual([a.state, a.events.error.length, a.events.left.length], ['closed', 0, 0]);
    assertEqual((await assertRejects(() => a.join('full'), 'second join')).code, 'INVALID_STATE');
    assertEqual((await assertRejects(() => newClient(sfu).join('bad room'), 'bad name')).code, 'BAD_REQUEST');
  });

  browserTest('an unreachable server rejects join with UNREACHABLE', async () => {
    const a = new OpenSfuClient({url: 'ws://127.0.0.1:45678/ws'});
    const error = await assertRejects(() => a.join('room6'), 'join');
    assertEqual([error.code, error.message], ['UNREACHABLE', 'cannot reach the server at ws://127.0.0.1:45678/ws']);
    assertEqual(new OpenSfuClient().url, `ws://${location.host}/ws`, 'default url');
  });

  browserTest('a socket closed by the server emits error and left DISCONNECTED', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room7');
    sfu.cut('p1');
    await waitFor(() => a.events.left.length === 1, 'left');
    assertEqual(a.events.left[0], {reason: 'DISCONNECTED'});
    assertEqual(a.events.error[0].code, 'DISCONNECTED');
  });

  browserTest('events during a negotiation cause exactly one more offer, never two at once', async () => {
    const sfu = new FakeSfu();
    const b = newClient(sfu);
    await b.join('room8');
    const a = newClient(sfu);
    await a.join('room8');
    sfu.answerDelayMs = 300;
    const audio = (await camera()).getAudioTracks()[0];
    await a.publish(new MediaStream([audio]));
    await waitFor(() => sfu.messages('p1', 'offer').length === 1, 'first offer of B');
    for (let i = 0; i < 3; i++) {
      sfu.sendTo('p1', {type: 'trackPublished', track: {trackId: `ghost-${i}`, participantId: 'ghost',
        kind: 'video', name: null}});
    }
    await new Promise(resolve => setTimeout(resolve, 1200));
    const offers = sfu.messages('p1', 'offer');
    assertEqual(offers.length, 2, 'offers of B');
    assertEqual(offers[1].subscribe.map(s => s.trackId).sort(), ['ghost-0', 'ghost-1', 'ghost-2', 'p2-0']);
    assertEqual(sfu.violations, [], 'violations');
    await waitFor(() => b.events.track.length === 1, 'the audio track');
  });

  browserTest('candidates: none before the first offer, one end-of-candidates, only protocol fields', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room9');
    await a.publish(await camera());
    await waitFor(() => a.pc.iceGatheringState === 'complete', 'gathering');
    await waitFor(() => sfu.messages('p1', 'candidate').some(c => c.candidate === ''), 'end of candidates');
    const types = sfu.received.filter(r => r.participantId === 'p1').map(r => r.message.type);
    assert(types.indexOf('candidate') > types.indexOf('offer'), `order ${types}`);
    const candidates = sfu.messages('p1', 'candidate');
    assertEqual(candidates.filter(c => c.candidate === '').length, 1, 'end markers');
    assert(candidates.some(c => c.candidate.includes('127.0.0.1')), 'a loopback candidate');
    assertEqual(sfu.violations, [], 'violations');
  });

  browserTest('an unparsable message or a stray server error is emitted as error; the client stays', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room10');
    sfu.sendTo('p1', {type: 'surprise'});
    sfu.sendTo('p1', {type: 'error', requestId: null, code: 'INTERNAL', message: 'oops'});
    await waitFor(() => a.events.error.length === 2, 'two errors');
    assertEqual(a.events.error[0].code, 'PROTOCOL');
    assertEqual(a.events.error[1], {code: 'INTERNAL', message: 'oops'});
    assertEqual(a.state, 'joined');
  });

  browserTest('a failed negotiation is emitted as error and rolled back; the next one works', async () => {
    const sfu = new FakeSfu();
    const a = newClient(sfu);
    await a.join('room11');
    const stream = await camera();
    const original = sfu.handle.bind(sfu);
    let broken = true;
    sfu.handle = (socket, message) => broken && message.type === 'offer'
      ? socket.deliver({type: 'error', requestId: message.requestId, code: 'BAD_REQUEST', message: 'bad offer'})
      : original(socket, message);
    const error = await assertRejects(() => a.publish(new MediaStream(stream.getAudioTracks())), 'publish');
    assertEqual([error.code, error.message], ['BAD_REQUEST', 'bad offer']);
    assertEqual(a.events.error, [{code: 'BAD_REQUEST', message: 'bad offer'}]);
    assertEqual(a.pc.signalingState, 'stable', 'rolled back');
    broken = false;
    const published = await a.publish(new MediaStream(stream.getVideoTracks()));
    assertEqual(published.map(p => p.kind), ['video']);
    assertEqual(sfu.messages('p1', 'offer').at(-1).publish.length, 2, 'both tracks in the next offer');
  });
}
