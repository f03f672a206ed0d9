// Serverless Framework variable source: `custom.vars: ${file(../../packages/serverless-config/vars.cjs)}`.
// Loads the TypeScript config so serverless.yml and the code share one definition of names and settings.
const { unregister } = require('esbuild-register/dist/node').register({ target: 'node20' });
const { serviceVars } = require('./src/service-vars.ts');
const { identityVars } = require('./src/identity-vars.ts');
const { operationsVars } = require('./src/observability/operations-stack.ts');
unregister();

module.exports = async ({ resolveVariable }) => {
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  // The identity and operations stacks have no inbox, publisher or receipts: their own variables (ADR 0011, 0017).
  if (service === 'identity') return identityVars(stage);
  if (service === 'operations') return operationsVars(stage);
  return serviceVars(service, stage);
};
