// Writes the browser test counts to .wtr-results.json so `npm test` can add
// them to its one closing line.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites) count(child, totals);
}

export function summaryReporter({ file = '.wtr-results.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, filesFailed: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.filesFailed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
