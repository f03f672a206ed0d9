// Serverless plugin of the local cloud. `pnpm dev` bundles each service's handlers itself (one watched esbuild build
// per service, same esbuild and options as serverless-esbuild) and starts `serverless offline` with LOCAL_CLOUD_BUNDLES
// pointing at them. This plugin then makes the functions run from those bundles and tells serverless-esbuild not to
// bundle them a second time in every serverless-offline process (ADR 0006). Without that variable, or for any other
// command (package, deploy), it does nothing.
class LocalCloudBundles {
  constructor(serverless) {
    const dir = process.env.LOCAL_CLOUD_BUNDLES;
    this.hooks = dir ? { initialize: () => useBundles(serverless, dir) } : {};
  }
}

const useBundles = (serverless, dir) => {
  const [command] = serverless.processedInput?.commands ?? [];
  if (command !== 'offline') return;
  const { service } = serverless;
  for (const fn of Object.values(service.functions ?? {})) fn.skipEsbuild = true;
  service.custom = service.custom ?? {};
  service.custom['serverless-offline'] = { ...service.custom['serverless-offline'], location: dir };
};

module.exports = LocalCloudBundles;
