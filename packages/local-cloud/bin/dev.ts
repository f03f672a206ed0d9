/**
 * `pnpm dev`: the whole system offline in one terminal. Ports: LOCAL_SQS_PORT (4566), LOCAL_DYNAMODB_PORT (8000),
 * LOCAL_ISSUER_PORT (4599), LOCAL_HTTP_PORT_<SERVICE> / LOCAL_LAMBDA_PORT_<SERVICE> (serverless.yml's). Ctrl-C stops
 * everything. Prints `LOCAL CLOUD READY` once every service answers (the end-to-end test waits for that line).
 */
import { devConfig } from '../src/dev/dev-config';
import { LogStream } from '../src/dev/log-stream';
import { startLocalSystem, type LocalSystem } from '../src/dev/start-local-system';

const banner = (system: LocalSystem, token: string): string => {
  const { state } = system;
  const width = Math.max(...Object.keys(state.services).map((name) => name.length), 8);
  const lines = [
    '',
    `LOCAL CLOUD READY in ${(system.readyInMs / 1000).toFixed(1)} s (stage ${state.stage})`,
    '',
    ...Object.entries(state.services).map(([name, service]) => {
      const url = service.url.replace('127.0.0.1', 'localhost');
      return `  ${name.padEnd(width)}  ${url}   docs ${url}/docs   ${url}/openapi.json   (Lambda invoke API ${service.lambdaEndpoint})`;
    }),
    '',
    `  ${'SQS + S3'.padEnd(width)}  ${state.endpoints.sqs}`,
    `  ${'DynamoDB'.padEnd(width)}  ${state.endpoints.dynamodb}`,
    `  ${'issuer'.padEnd(width)}  ${state.issuer}  (JWKS ${state.issuer}/.well-known/jwks.json, app client ${state.audience})`,
    '',
    '  dev token (customer-1, 12 h, a Cognito-shaped access token with every API scope):',
    `  ${token}`,
    '',
    `  curl -H "Authorization: Bearer $(pnpm -s token customer-1)" ${(state.services.orders?.url ?? 'http://localhost:3001').replace('127.0.0.1', 'localhost')}/orders`,
    '  pnpm dlq list | pnpm send-event order.placed | Ctrl-C to stop',
    '',
  ];
  return lines.join('\n');
};

const main = async (): Promise<void> => {
  const config = devConfig();
  const log = new LogStream({ debug: config.debug });
  const running: { system?: LocalSystem } = {};
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.line('cloud', `${signal}: stopping...`);
    void (running.system?.stop() ?? Promise.resolve()).finally(() => {
      log.line('cloud', 'stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const system = await startLocalSystem({ config, log });
  running.system = system;
  if (stopping) {
    await system.stop();
    return;
  }
  const token = await system.issuer.sign('customer-1');
  process.stdout.write(`${banner(system, token)}\n`);
};

main().catch((error: unknown) => {
  console.error(`pnpm dev failed: ${(error as Error).message}`);
  process.exit(1);
});
