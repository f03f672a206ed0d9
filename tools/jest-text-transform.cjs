// Loads text assets (e.g. a service's .html/.txt templates) as a string module, as esbuild's `text` loader does
// when the service is bundled: `import body from './order-placed.html'`.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
