import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageService as packageWithBundles } from '@commerce/delivery/packaging';
import { inboxDlqName, inboxQueueName } from '@commerce/domain-events';
import { packageService, provisionFromTemplate, startEmulators, type Emulators } from '../src';
import { repoRoot } from '../src/node-runtime';

describe('packageService + provisionFromTemplate on a real service', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(() => emulators?.stop());

  it('packages orders for stage local (reusing an unchanged package) and provisions its inbox and DLQ', async () => {
    const packaged = await packageService({ service: 'orders', stage: 'local' });
    const again = await packageService({ service: 'orders', stage: 'local' });
    expect(again.reused).toBe(true);

    const resources = await provisionFromTemplate(packaged.template, emulators.endpoints, { stackName: 'orders-local' });
    const scope = { app: 'commerce', stage: 'local' };
    const inbox = Object.values(resources.queues).find((queue) => queue.name === inboxQueueName(scope, 'orders'));
    expect(inbox?.deadLetter?.name).toBe(inboxDlqName(scope, 'orders'));
    expect(inbox?.deadLetter?.maxReceiveCount).toBeGreaterThanOrEqual(5);
  }, 120_000);
});

/**
 * A template-only package (what `pnpm dev` provisions from) loads neither serverless-esbuild nor serverless-offline
 * (template-only-preload.cjs) and bundles nothing: its template must still be the real package's, resource by
 * resource. Only where the code is differs: each function's S3 key and, through the code's hash, its version's
 * logical id and CodeSha256.
 */
describe('a template-only package', () => {
  const withoutCodeLocations = (templatePath: string): unknown =>
    JSON.parse(
      readFileSync(templatePath, 'utf8')
        .replace(/"S3Key":\s*"[^"]*"/g, '"S3Key":"<code>"')
        .replace(/"CodeSha256":\s*"[^"]*"/g, '"CodeSha256":"<code>"')
        .replace(/LambdaVersion[A-Za-z0-9]+/g, 'LambdaVersion<code hash>'),
    );

  it('has exactly the resources and outputs of a real `serverless package` with bundles', async () => {
    const root = repoRoot();
    const out = mkdtempSync(join(tmpdir(), 'template-only-'));
    try {
      const templateOnly = await packageService({ service: 'payments', stage: 'local', outDir: join(out, 'template-only'), reuse: false });
      const real = await packageWithBundles(root, 'payments', 'local', join(out, 'real'));
      expect(readdirSync(real.dir).filter((file) => file.endsWith('.zip')).length).toBeGreaterThan(1); // bundles were built
      expect(withoutCodeLocations(templateOnly.templatePath)).toEqual(withoutCodeLocations(real.template));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
