/**
 * A tiny sequential test runner for the VS Code extension host (no mocha, no globals).
 *
 *   suite('Diagnostics', () => {
 *     before(async () => { ... });
 *     test('flags a contradiction', async () => { ... }, { timeout: 30_000 });
 *     after(() => { ... });
 *   });
 *
 * `run()` executes every registered test in registration order, one at a time, each under a
 * timeout. It prints `✔ name` / `✖ name` plus the error, and finally a line of exactly the form
 * `N passed, N failed`, which the CI runner reads. It rejects when anything failed.
 *
 * Never sleep for a fixed time in a test: wait for the event that signals the state you need
 * with `waitFor` (one event, one predicate) or `waitUntil` (re-check a condition whenever one of
 * the given events fires).
 */
import type * as vscode from 'vscode';

export type TestFn = () => unknown | Promise<unknown>;

export interface TestOptions {
  /** Milliseconds before the test counts as failed. Default 20 000. */
  timeout?: number;
}

interface TestCase {
  name: string;
  fn: TestFn;
  timeout: number;
}

interface Hook {
  kind: 'before' | 'after';
  fn: TestFn;
  timeout: number;
}

interface Suite {
  name: string;
  tests: TestCase[];
  hooks: Hook[];
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Under code-server, extension-host console output reaches the runner through the workbench's
 * log, mixed with the workbench's own messages. When the runner sets this variable, every
 * extension-host console line (tests and extension alike) is prefixed with its value so the
 * runner can pick those lines out and strip the prefix again. Under @vscode/test-electron it is
 * unset and nothing changes.
 *
 * VS Code's console forwarder defines console.log & co. as non-configurable accessors with a
 * no-op setter, so they cannot be reassigned; the global `console` is replaced by an object that
 * inherits from the forwarding one and overrides only the printing methods.
 */
function markConsole(marker: string): void {
  const forwarding = globalThis.console;
  const marked: Console = Object.create(forwarding);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    Object.defineProperty(marked, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) =>
        typeof args[0] === 'string'
          ? forwarding[method](marker + args[0], ...args.slice(1))
          : forwarding[method](marker, ...args),
    });
  }
  Object.defineProperty(globalThis, 'console', { configurable: true, writable: true, enumerable: false, value: marked });
}
const CONSOLE_MARKER = process.env.CORROBORATE_IT_CONSOLE_MARKER;
if (CONSOLE_MARKER) markConsole(CONSOLE_MARKER);

const suites: Suite[] = [];
let current: Suite | undefined;

/** Declares a suite. `fn` runs immediately and registers the suite's tests and hooks. */
export function suite(name: string, fn: () => void): void {
  if (current) throw new Error(`suite('${name}') is nested in suite('${current.name}'); nesting is not supported`);
  const s: Suite = { name, tests: [], hooks: [] };
  suites.push(s);
  current = s;
  try {
    const r: unknown = fn();
    if (r instanceof Promise) throw new Error(`suite('${name}') callback must be synchronous; put async work in before()`);
  } finally {
    current = undefined;
  }
}

function currentSuite(what: string): Suite {
  if (!current) throw new Error(`${what} must be called inside suite()`);
  return current;
}

/** Declares a test in the enclosing suite. */
export function test(name: string, fn: TestFn, options: TestOptions = {}): void {
  currentSuite(`test('${name}')`).tests.push({ name, fn, timeout: options.timeout ?? DEFAULT_TIMEOUT_MS });
}

/** Runs once before the suite's first test. If it fails, the suite's tests are failed, not run. */
export function before(fn: TestFn, options: TestOptions = {}): void {
  currentSuite('before()').hooks.push({ kind: 'before', fn, timeout: options.timeout ?? DEFAULT_TIMEOUT_MS });
}

/** Runs once after the suite's last test, even when tests or `before` failed. */
export function after(fn: TestFn, options: TestOptions = {}): void {
  currentSuite('after()').hooks.push({ kind: 'after', fn, timeout: options.timeout ?? DEFAULT_TIMEOUT_MS });
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Runs `fn` and rejects with a TimeoutError if it has not settled after `ms`. */
async function withTimeout(fn: TestFn, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function formatError(err: unknown): string {
  let text: string;
  if (err instanceof TimeoutError) {
    text = `${err.name}: ${err.message}`; // its stack only shows timer internals
  } else if (err instanceof Error) {
    text = err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}\n${err.stack ?? ''}`;
    // node:assert puts the diff into the message; keep it, but drop the harness's own frames.
    text = text
      .split('\n')
      .filter((l) => !/^\s+at .*(withTimeout|runHook|runSuite|harness\.ts)/.test(l))
      .join('\n');
  } else {
    text = String(err);
  }
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

function ms(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}

/**
 * CORROBORATE_IT_SUITES (a regular expression) runs only the suites whose names match, for
 * working on one area; the runners pass it through. Unset, every suite runs.
 */
function selectedSuites(): Suite[] {
  const pattern = process.env.CORROBORATE_IT_SUITES;
  if (!pattern) return suites;
  const re = new RegExp(pattern, 'i');
  return suites.filter((s) => re.test(s.name));
}

/** Runs all registered suites in order. Resolves when everything passed; rejects otherwise. */
export async function run(): Promise<void> {
  const suites = selectedSuites();
  const total = suites.reduce((n, s) => n + s.tests.length, 0);
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  const started = performance.now();
  console.log(`Running ${total} test(s) in ${suites.length} suite(s)`);

  for (const s of suites) {
    console.log('');
    console.log(s.name);
    let beforeError: unknown;
    for (const hook of s.hooks.filter((h) => h.kind === 'before')) {
      try {
        await withTimeout(hook.fn, hook.timeout, `before() hook of '${s.name}'`);
      } catch (err) {
        beforeError = err;
        break;
      }
    }
    for (const t of s.tests) {
      const full = `${s.name} › ${t.name}`;
      if (beforeError !== undefined) {
        failed++;
        failures.push(full);
        console.log(`  ✖ ${t.name} (not run: before() failed)`);
        continue;
      }
      const t0 = performance.now();
      try {
        await withTimeout(t.fn, t.timeout, `test '${t.name}'`);
        passed++;
        console.log(`  ✔ ${t.name} (${ms(t0)})`);
      } catch (err) {
        failed++;
        failures.push(full);
        console.log(`  ✖ ${t.name} (${ms(t0)})\n${formatError(err)}`);
      }
    }
    if (beforeError !== undefined) console.log(`  ✖ before() hook failed\n${formatError(beforeError)}`);
    for (const hook of s.hooks.filter((h) => h.kind === 'after')) {
      try {
        await withTimeout(hook.fn, hook.timeout, `after() hook of '${s.name}'`);
      } catch (err) {
        // A failing cleanup is a failure of its own, so it cannot hide behind passing tests.
        failed++;
        failures.push(`${s.name} › after()`);
        console.log(`  ✖ after() hook failed\n${formatError(err)}`);
      }
    }
  }

  if (total === 0) {
    failed++;
    failures.push('no tests were registered (is the suite imported in test/integration/index.ts?)');
  }
  console.log('');
  if (failures.length) {
    console.log('Failures:');
    for (const f of failures) console.log(`  ✖ ${f}`);
    console.log('');
  }
  console.log(`Finished in ${ms(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}

/**
 * Resolves with the first value `event` fires for which `predicate` returns true.
 * Rejects with a TimeoutError naming `description` if none arrives within `timeoutMs`, or with
 * the predicate's error if it throws.
 *
 * Subscribe BEFORE triggering the action that fires the event, e.g.
 *   const done = waitFor(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some(...), 10_000, 'diagnostics for draft.md');
 *   await vscode.window.showTextDocument(doc);
 *   await done;
 */
export function waitFor<T>(
  event: vscode.Event<T>,
  predicate: (value: T) => boolean,
  timeoutMs: number,
  description: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let fired = 0;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      settle();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new TimeoutError(
              `Timed out after ${timeoutMs} ms waiting for ${description} (the event fired ${fired} time(s), no value matched)`,
            ),
          ),
        ),
      timeoutMs,
    );
    const subscription = event((value) => {
      fired++;
      let ok: boolean;
      try {
        ok = predicate(value);
      } catch (err) {
        finish(() => reject(err));
        return;
      }
      if (ok) finish(() => resolve(value));
    });
  });
}

export interface WaitUntilOptions {
  /** Re-check whenever this event (or any of these events) fires. Without it, polls every 100 ms. */
  event?: vscode.Event<unknown> | vscode.Event<unknown>[];
  timeoutMs: number;
  /** What is awaited, for the timeout message: e.g. 'three diagnostics on draft.md'. */
  description: string;
}

type Pending = undefined | null | false;

/**
 * Resolves with the first result of `check` that is not `undefined`, `null` or `false`.
 * `check` runs at once, then again each time `event` fires (never concurrently with itself; a
 * firing during a running check schedules one more check). Only when no event is given does it
 * poll, every 100 ms, as a safety net. Rejects with a TimeoutError naming `description` after
 * `timeoutMs`, or with the error `check` throws.
 */
export function waitUntil<T>(
  check: () => T | Pending | Promise<T | Pending>,
  options: WaitUntilOptions,
): Promise<T> {
  const { timeoutMs, description } = options;
  const events = options.event === undefined ? [] : Array.isArray(options.event) ? options.event : [options.event];
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    let checks = 0;
    const subscriptions: vscode.Disposable[] = [];
    let poll: ReturnType<typeof setInterval> | undefined;

    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      for (const s of subscriptions) s.dispose();
      settle();
    };

    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new TimeoutError(
              `Timed out after ${timeoutMs} ms waiting for ${description} (checked ${checks} time(s)` +
                (events.length ? `, re-checking on ${events.length} event(s))` : ', polling every 100 ms)'),
            ),
          ),
        ),
      timeoutMs,
    );

    const recheck = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          checks++;
          const value = await check();
          if (value !== undefined && value !== null && value !== false) {
            finish(() => resolve(value as T));
            return;
          }
        } while (again && !done);
      } catch (err) {
        finish(() => reject(err));
      } finally {
        running = false;
      }
    };

    for (const e of events) subscriptions.push(e(() => void recheck()));
    if (events.length === 0) poll = setInterval(() => void recheck(), 100);
    void recheck();
  });
}
