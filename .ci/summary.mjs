// Prints the closing line CI reads: `tests: N passed, M failed`, summed over every vitest JSON
// report named on the command line (one per tier). A report that is missing counts as a failure.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + ((report.numFailedTestSuites ?? 0) > 0 && (report.numFailedTests ?? 0) === 0 ? report.numFailedTestSuites : 0);
  } catch (error) {
    console.error(`could not read the test report ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
