#!/usr/bin/env node
// Kept tiny so `callbook --help` starts fast: everything else loads on demand.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
