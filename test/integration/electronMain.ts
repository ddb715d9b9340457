/**
 * extensionTestsPath module for @vscode/test-electron (bundled by runTest.ts):
 * runs extension.suite.ts with the built-in runner, writes the report to
 * $E2E_INTEGRATION_REPORT and rejects when anything failed.
 */
import * as fs from 'node:fs';
import { run as runSuite } from '../e2e/companion/runner';
import './extension.suite';

export async function run(): Promise<void> {
  const report = await runSuite();
  if (process.env.E2E_INTEGRATION_REPORT) fs.writeFileSync(process.env.E2E_INTEGRATION_REPORT, JSON.stringify(report));
  for (const t of report.tests)
    console.log(`${t.skipped ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'} ${t.name}${t.error ? `\n    ${t.error}` : ''}`);
  if (report.failed > 0) throw new Error(`${report.failed} integration test(s) failed`);
}
