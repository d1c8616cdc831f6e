// Runs TypeScript sources directly: SWC compiles on load (keeping decorator metadata,
// which Nest's dependency injection and class-validator need) and resolves the
// tsconfig path aliases, so `npm start` needs no separate build step.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
