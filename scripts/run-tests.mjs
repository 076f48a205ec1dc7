// Runs the whole vitest suite, then prints one plain summary line ("N passed, N failed, N skipped")
// that CI systems read regardless of the runner's own formatting.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'gm-tests-'));
const report = join(dir, 'vitest.json');
const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
let summary = 'tests: no report written';
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  summary = `tests: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${skipped} skipped`;
} catch {
  // The runner crashed before writing its report; its exit code tells the rest
}
process.stdout.write(`\n${summary}\n`);
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
