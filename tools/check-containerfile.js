// Prints the problems Docker's language-server validator (dockerfile-utils, from npm) finds in a Containerfile,
// as a JSON array of {line, severity, message}; an empty array is a file a builder will parse.
// Usage: node tools/check-containerfile.js FILE   (with dockerfile-utils on NODE_PATH)
const fs = require('fs');
const { validate } = require('dockerfile-utils');

const text = fs.readFileSync(process.argv[2], 'utf8');
const problems = validate(text).map((d) => ({ line: d.range.start.line + 1, severity: d.severity, message: d.message }));
console.log(JSON.stringify(problems));
