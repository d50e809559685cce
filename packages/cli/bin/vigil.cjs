#!/usr/bin/env node
'use strict';
// The CLI runs the TypeScript sources directly (no build step): tsx compiles them as they are required.
require('../../lambda-kit/register-esm-only.cjs');
require('tsx/cjs/api').register();
const { main } = require('../src/main.ts');

main(process.argv.slice(2));
