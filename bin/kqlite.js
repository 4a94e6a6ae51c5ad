#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`kqlite: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; },
);
