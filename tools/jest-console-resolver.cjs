// The NL Design System's React packages (@utrecht/*) export their ES modules under the `import`
// condition only, which Jest (CommonJS) does not ask for. For those packages alone the condition
// is added, and jest.config.js compiles what it finds; every other package resolves as usual.
module.exports = (request, options) => {
  if (!request.startsWith('@utrecht/')) return options.defaultResolver(request, options);
  return options.defaultResolver(request, {
    ...options,
    conditions: [...(options.conditions ?? []), 'import'],
  });
};
