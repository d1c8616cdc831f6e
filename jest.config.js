// One Jest run over every tier; tiers are told apart by file suffix
// (*.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts) and can be selected with --selectProjects.
const { paths } = require('./tsconfig.base.json').compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

// jose ships only ES modules; Jest loads CommonJS, so its files are compiled like ours.
const transform = {
  '^.+/node_modules/jose/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// The console's own code: React with the automatic JSX runtime, in a browser-like DOM (jsdom).
const consoleTransform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
  // NL Design System components ship ES modules only (.mjs), as jose does: compiled like ours.
  '^.+/node_modules/(jose|@utrecht)/.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  // Node's environment, failing a file that leaves a process running (see the file).
  testEnvironment: '<rootDir>/tools/jest-process-guard-environment.cjs',
  testMatch,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{apps,libs,tools}/**/*.unit.spec.ts'], {
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/console/'],
    }),
    project('console', ['<rootDir>/apps/console/**/*.unit.spec.{ts,tsx}'], {
      testEnvironment: '<rootDir>/tools/jest-console-environment.cjs',
      // The NL Design System packages export only `import`: resolved to their ES modules, compiled.
      resolver: '<rootDir>/tools/jest-console-resolver.cjs',
      // Waits of Testing Library long enough for a loaded machine (see the file).
      setupFilesAfterEnv: ['<rootDir>/tools/jest-console-setup.cjs'],
      transform: consoleTransform,
      transformIgnorePatterns: ['/node_modules/(?!(jose|@utrecht)/)'],
      // The console is built by Vite; Jest resolves its CSS imports to nothing.
      moduleNameMapper: { ...moduleNameMapper, '\\.css$': '<rootDir>/tools/jest-style-stub.cjs' },
    }),
    project('int', ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e.spec.ts']),
  ],
  // Test databases a killed run left on PostgreSQL are dropped before this run starts.
  globalSetup: '<rootDir>/tools/jest-postgres-sweep.cjs',
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
  testTimeout: 30000,
};
