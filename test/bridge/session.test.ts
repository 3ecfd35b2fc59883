/**
 * The session state machine on its own (it is transport-agnostic: calls come in as bytes with a way to
 * answer them): timeouts, their switch, calls out of turn, and closing in each state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BridgeSession } from '../../src/bridge/session.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { silentLogger } from '../../src/telemetry/logger.js';

const encode = (m: co.UnityMessageProto.$Properties) => co.UnityMessageProto.encode(m).finish();
const INIT = encode({ header: { status: 200 }, unityOutput: { rlInitializationOutput: { communicationVersion: '1.5.0', capabilities: { baseRLCapabilities: true } } } });
const HEADER_ONLY = encode({ header: { status: 200 } });

function session(timeoutMs: number | null) {
  return new BridgeSession('test-connection', { seed: 0, numAreas: 1, timeoutMs, logger: silentLogger() });
}

function answers() {
  const got: co.UnityMessageProto[] = [];
  return { got, reply: (b: Uint8Array) => got.push(co.UnityMessageProto.decode(b)) };
}

/** A session whose simulation sent both handshake calls (INIT, then the first HEADER_ONLY, held for the trainer). */
function handshaken(timeoutMs: number | null) {
  const s = session(timeoutMs);
  const a = answers();
  s.onCall(INIT, a.reply);
  s.onCall(HEADER_ONLY, a.reply);
  return { s, a };
}

const input = (command: 'reset' | 'step') => ({ command, actions: new Map(), environmentParameters: new Map(), engineConfiguration: null });

test('a simulation that goes quiet after the handshake fails the pending exchange with a timeout naming the connection', async () => {
  const { s } = handshaken(150);
  await s.ready;
  const started = Date.now();
  await assert.rejects(
    s.exchange(input('reset')),
    (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_TIMEOUT' && /^test-connection: waited 0\.15 s for its next message .*--timeout 0/.test(e.message),
  );
  assert.ok(Date.now() - started >= 140);
  assert.equal(s.state, 'closed');
});

test("time on the trainer's side does not count: a turn that outlasts the timeout between exchanges is not a timeout, and the next wait has the full timeout again", async () => {
  const { s, a } = handshaken(100);
  await s.ready;
  // The trainer's turn, longer than the timeout (the session's timer is parked, and fires, meanwhile).
  await new Promise((r) => setTimeout(r, 160));
  assert.equal(s.state, 'idle');
  const first = s.exchange(input('reset'));
  await new Promise((r) => setTimeout(r, 40));
  s.onCall(HEADER_ONLY, a.reply);
  await first;
  await new Promise((r) => setTimeout(r, 160));
  assert.equal(s.state, 'idle', 'still open after another long turn of the trainer');
  const started = Date.now();
  await assert.rejects(
    s.exchange(input('reset')),
    (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_TIMEOUT' && /waited 0\.1 s for its next message/.test(e.message),
  );
  assert.ok(Date.now() - started >= 90, 'the full timeout from the exchange, not what was left of an earlier one');
  assert.equal(s.state, 'closed');
});

test('with the timeout switched off, a slow simulation is waited for', async () => {
  const { s, a } = handshaken(null);
  const pending = s.exchange(input('reset'));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(s.state, 'waiting');
  s.onCall(HEADER_ONLY, a.reply);
  const output = await pending;
  assert.equal(output.agentInfos.size, 0);
  assert.equal(a.got.length, 2, 'handshake reply and the RESET');
  assert.equal(a.got[1]!.unityInput?.rlInput?.command, 1);
});

test('the handshake can time out too, and a call out of turn is a protocol error', async () => {
  const s = session(100);
  s.onCall(INIT, answers().reply);
  const end = await s.ended;
  assert.equal(end.error?.code, 'SHIVA_ERR_TIMEOUT');
  assert.match(end.error!.message, /the second message of the handshake/);

  const { s: t, a } = handshaken(null);
  t.onCall(HEADER_ONLY, a.reply); // a second call while one is held
  const end2 = await t.ended;
  assert.equal(end2.error?.code, 'SHIVA_ERR_SESSION_STATE');
  assert.deepEqual(a.got.slice(1).map((m) => m.header?.status), [400, 400], 'both calls are told to stop');
});

test('a first call without the initialization output is refused', async () => {
  const s = session(null);
  const a = answers();
  s.onCall(HEADER_ONLY, a.reply);
  const end = await s.ended;
  assert.equal(end.error?.code, 'SHIVA_ERR_PROTOCOL_FIELD');
  assert.match(end.error!.message, /first call: expected unity_output\.rl_initialization_output/);
  assert.equal(a.got[0]!.header?.status, 400);
});

test('closing while waiting answers the next call with 400, and calls after that too', async () => {
  const { s, a } = handshaken(null);
  const pending = s.exchange(input('reset'));
  await s.close();
  await assert.rejects(pending, (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_CLOSED');
  s.onCall(HEADER_ONLY, a.reply);
  s.onCall(HEADER_ONLY, a.reply);
  assert.deepEqual(a.got.slice(2).map((m) => m.header?.status), [400, 400]);
  await assert.rejects(s.exchange(input('step')), /session is closed/);
});
