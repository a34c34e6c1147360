/** Unit tests beside the domain code, integration and end-to-end tests under test/. Browser tests: jest.browser.config.cjs. */
const esmPackages = [
  '@nestjs',
  'content-disposition',
  'nestjs-pino',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/server/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // @yakuba/<context> is libs/<context>/src (tsconfig.base.json paths): a new context needs no entry here.
  moduleNameMapper: {
    '^@yakuba/platform/(.*)$': '<rootDir>/libs/platform/src/$1',
    '^@yakuba/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  setupFilesAfterEnv: ['<rootDir>/test/support/close-servers.ts'],
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  testTimeout: 30000,
  maxWorkers: 2,
};
