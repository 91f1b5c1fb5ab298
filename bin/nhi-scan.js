#!/usr/bin/env node
// The executable runs the compiled CLI; `npm ci` builds it through the `prepare` script.
import { main } from "../dist/cli/main.js";

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`nhi-scan: fatal: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
