import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { execFileSync } from 'node:child_process';
suite('probe', () => {
  test('env', () => {
    console.log(JSON.stringify({ argv: process.argv, cwd: process.cwd(), env: Object.fromEntries(Object.entries(process.env).filter(([k]) => /VSCODE|XDG|TMP|CORRO/.test(k))) }, null, 1));
    console.log(execFileSync('sh', ['-c', 'find / -name "Corroborate.log" -not -path "/proc/*" 2>/dev/null; ls -la /proc/self/cwd'], { encoding: 'utf8' }));
    console.log('listeners', process.listenerCount('unhandledRejection'));
  });
});
