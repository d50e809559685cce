const { workspaceConfig } = require('../../jest.preset.cjs');

module.exports = workspaceConfig(__dirname);
