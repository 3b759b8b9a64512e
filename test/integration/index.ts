/**
 * The extension tests module (`extensionTestsPath`), bundled by esbuild.js to
 * dist/test/integration/index.js. VS Code's extension host requires it and awaits `run()`.
 * Both runners use it: run-code-server.ts (code-server + Chromium, CI) and run-electron.ts
 * (@vscode/test-electron, desktops).
 *
 * Add a suite: create `suite/<name>.test.ts` and import it below (static imports only, so the
 * bundle contains it). Suites run in import order.
 */
import { run as runHarness } from './harness';
import './suite/smoke.test';
import './suite/features.test';
import './suite/workflow.test';
import './suite/typing.test';
import './suite/server.test';
import './suite/dailyUse.test';
import './suite/trust.test';
import './suite/untrusted.test';
import './suite/reliability.test';
import './suite/sources.test';

export function run(): Promise<void> {
  return runHarness();
}
