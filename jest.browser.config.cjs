/** Browser tests: playwright-core driving the system Chromium against a real server (see test/browser/run.mjs). */
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts', '<rootDir>/test/campaigns/**/*.browser-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
