// The esbuild plugins of every Vigil Lambda bundle: each service's serverless.yml names this file in
// `custom.esbuild.plugins` (serverless-esbuild requires it), and `pnpm bench lambda` bundles with it too.
'use strict';

const { zodNamespaceImports } = require('./zod-namespace-imports.cjs');

module.exports = [zodNamespaceImports()];
