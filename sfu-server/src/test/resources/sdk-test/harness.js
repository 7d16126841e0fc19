/**
 * A very small test runner for the SDK tests: `test(name, fn)` registers, `run()` runs them in order and returns
 * `{passed, failed: [{name, error}], total}`. Works in the browser and in Node.
 */
const tests = [];

/** Registers a test; `fn` may be async. */
export function test(name, fn, {timeoutMs = 20000} = {}) {
  tests.push({name, fn, timeoutMs});
}

/** Throws unless `condition` holds. */
export function assert(condition, message = 'assertion failed') {
  if (!condition) throw new Error(message);
}

/** Throws unless `actual` and `expected` have the same JSON. */
export function assertEqual(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Resolves with the error `fn` throws (or rejects with); fails if it does not. */
export async function assertRejects(fn, what = 'call') {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error(`${what} should have failed`);
}

/** Waits until `condition()` is truthy; returns its value. */
export async function waitFor(condition, what = 'condition', timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/** Runs every registered test; `log(line)` reports progress. */
export async function run(log = console.log) {
  const failed = [];
  let passed = 0;
  for (const {name, fn, timeoutMs} of tests.splice(0)) {
    let timer;
    try {
      await Promise.race([fn(), new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      })]);
      passed++;
      log(`ok   ${name}`);
    } catch (e) {
      failed.push({name, error: String(e?.stack ?? e)});
      log(`FAIL ${name}: ${e?.stack ?? e}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return {passed, failed, total: passed + failed.length};
}
