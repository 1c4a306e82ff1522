#!/usr/bin/env node
// Kept tiny so `callbook --help` starts fast. dist/cli is the bundle `npm run build` makes
// (scripts/bundle.mjs): each command loads its own chunks, on demand.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
