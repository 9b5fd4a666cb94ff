// Validates xAPI statements with Learning Locker's xapi-validation (npm, pinned in package.json).
// Reads a JSON array of statements from stdin, prints a JSON array with one list of problems per
// statement (empty when the statement is valid xAPI 1.0.3).
import xapiValidation from "xapi-validation";

const validate = xapiValidation.default ?? xapiValidation;

function describe(warning) {
  const kind = warning.constructor?.name ?? "Warning";
  const expected = warning.typeName ? ` (expected ${warning.typeName})` : "";
  return `${(warning.path ?? []).join(".")}: ${kind}${expected}, got ${JSON.stringify(warning.data)}`;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const statements = JSON.parse(input);
process.stdout.write(JSON.stringify(statements.map((statement) => validate(statement).map(describe))));
