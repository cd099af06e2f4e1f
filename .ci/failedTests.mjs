// Prints the failed tests of a vitest JSON report last, so the end of a long CI log names them
// (the verbose reporter prints failures far above its summary).
import { readFileSync } from "node:fs";

const [reportPath] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(reportPath, "utf8"));
} catch (error) {
  console.error(`no test report at ${reportPath}: ${error.message}`);
  process.exit(0);
}

const failures = [];
for (const file of report.testResults ?? []) {
  const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
  for (const test of failedTests) {
    failures.push({ file: file.name, name: test.fullName, message: test.failureMessages?.[0] ?? "" });
  }
  if (failedTests.length === 0 && file.status === "failed") {
    failures.push({ file: file.name, name: "(file failed to run)", message: file.message ?? "" });
  }
}

console.log(`\n=== ${failures.length} failed test(s)`);
for (const failure of failures) {
  console.log(`\n--- ${failure.file.replace(process.cwd() + "/", "")} > ${failure.name}`);
  console.log(failure.message.split("\n").slice(0, 25).join("\n"));
}
