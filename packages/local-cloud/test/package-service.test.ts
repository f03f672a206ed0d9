import { inboxDlqName, inboxQueueName } from '@commerce/domain-events';
import { packageService, provisionFromTemplate, startEmulators, type Emulators } from '../src';

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
