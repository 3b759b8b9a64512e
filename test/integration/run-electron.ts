/**
 * Runs the integration tests in desktop VS Code through @vscode/test-electron, for developers'
 * machines and public CI where VS Code can be downloaded (it cannot be on the offline build
 * machines: there use run-code-server.ts). The tests module is the same one.
 *
 *   npm run build && node --import tsx test/integration/run-electron.ts
 *
 * On a Linux machine without a display, wrap it in `xvfb-run -a`.
 *
 * Environment:
 *   CORROBORATE_VSCODE_VERSION  VS Code to download (default 1.100.3, the version the smoke suite
 *                               and engines.vscode target)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '..', '..');
const testsBundle = path.join(root, 'dist', 'test', 'integration', 'index.js');
const fixtureWorkspace = path.join(root, 'test', 'integration', 'fixtures', 'workspace');

async function main(): Promise<number> {
  if (!fs.existsSync(testsBundle)) {
    console.error(`[integration] ${path.relative(root, testsBundle)} is missing: run \`npm run build\` first`);
    return 1;
  }
  // Tests get a fresh copy of the fixture workspace, so they may edit files.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'corr-it-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  try {
    return await runTests({
      version: process.env.CORROBORATE_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: testsBundle,
      extensionTestsEnv: {
        CORROBORATE_EXPECTED_EXTENSION_PATH: root,
        CORROBORATE_TEST_WORKSPACE: workspace,
      },
      // The workspace first (VS Code opens it); no other extensions, so no stale installed copy
      // of this one can answer instead of the development copy.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[integration] the tests did not run or failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
