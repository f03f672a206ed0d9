// Resolves like Jest does (require conditions); for ESM-only packages (exports with only an "import" condition,
// e.g. middy 7, jose 6, fauxqs) it falls back to the "import" condition. Those files are then transformed to
// CommonJS by @swc/jest (see transformIgnorePatterns in jest.config.ts).
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (request.startsWith('.') || request.startsWith('/')) throw error;
    return options.defaultResolver(request, { ...options, conditions: [...(options.conditions ?? []), 'import'] });
  }
};
