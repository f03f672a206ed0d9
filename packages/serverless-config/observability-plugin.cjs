// Serverless plugin (ADR 0017): once the template is complete (functions, roles and the `resources` merged), it
// grants traced functions their X-Ray writes and, on stages with alarms (staging, prod), adds every alarm and the
// service's dashboard, generated from what the template contains. List it after serverless-iam-roles-per-function.
const { unregister } = require('esbuild-register/dist/node').register({ target: 'node20' });
const { addObservability } = require('./src/observability/index.ts');
unregister();

class Observability {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'after:aws:package:finalize:mergeCustomProviderResources': () => this.apply() };
  }

  apply() {
    const { service } = this.serverless;
    const stage = this.serverless.getProvider('aws').getStage();
    addObservability(service.provider.compiledCloudFormationTemplate, service.service, stage);
  }
}

module.exports = Observability;
