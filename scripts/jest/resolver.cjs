// Adds the `import` export condition for ESM-only packages (middy 7) so jest's CJS runtime finds them.
const ESM_ONLY = /^@middy\//;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...(options.conditions ?? []), 'import'],
    });
  }
  return options.defaultResolver(request, options);
};
