// Serverless plugin of the local cloud (ADR 0006). Inert unless the local cloud sets its variable:
//
// - LOCAL_CLOUD_TEMPLATE_ONLY=1, command `package`: the local cloud packages a service only for its CloudFormation
//   template and resolved configuration (it provisions queues, tables and buckets from them and runs its own
//   bundles in its local Lambda service, ADR 0009), so no function is bundled or zipped: each gets an empty stub
//   artifact. The template's resources are exactly those of a real package; only the functions' code locations differ.
//
// Package, deploy and plain `serverless offline` without this variable are untouched.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** The smallest valid zip: an end-of-central-directory record and nothing else. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

class LocalCloud {
  constructor(serverless) {
    const [command] = serverless.processedInput?.commands ?? [];
    const templateOnly = command === 'package' && process.env.LOCAL_CLOUD_TEMPLATE_ONLY === '1';
    // In the service's .serverless/, where serverless-esbuild re-points every function artifact after packaging
    // (copying its work folder's .serverless/ there first), written once the package step has emptied it.
    const serviceDir = serverless.serviceDir ?? '.';
    const stub = join(serviceDir, '.serverless', 'local-cloud-no-code.zip');
    this.hooks = {
      initialize: () => {
        if (templateOnly) stubArtifacts(serverless.service, stub);
      },
      'before:package:createDeploymentArtifacts': () => {
        if (!templateOnly) return;
        const workFolder = serverless.service.custom?.esbuild?.outputWorkFolder ?? '.esbuild';
        for (const path of [stub, join(serviceDir, workFolder, '.serverless', 'local-cloud-no-code.zip')]) {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, EMPTY_ZIP);
        }
      },
    };
  }
}

const stubArtifacts = (service, artifact) => {
  for (const fn of Object.values(service.functions ?? {})) {
    // The packaged state keeps what the service declared, so the local bundles build the same functions as Lambda's.
    fn.localCloudStub = { skipEsbuild: fn.skipEsbuild === true };
    fn.skipEsbuild = true;
    fn.package = { ...fn.package, artifact };
  }
};

module.exports = LocalCloud;
