// Prints the closing line CI reads: `tests: N passed, M failed`.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + ((report.numFailedTestSuites ?? 0) > 0 && (report.numFailedTests ?? 0) === 0 ? report.numFailedTestSuites : 0);
} catch (error) {
  console.error(`could not read the test report: ${error.message}`);
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
