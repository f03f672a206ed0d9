/**
 * `pnpm send-event <type> [--version N] [--payload '{"orderId":"o-1"}'] [--stage local] [--correlation-id id]`
 * Sends a sample event from packages/domain-events to the inbox of every service subscribed to its type.
 */
import { inboxQueueName, subscribersOf, type EventType } from '@commerce/domain-events';
import { APP } from '@commerce/serverless-config';
// The services' own publisher (same message attributes); the ./sqs entry leaves out the ESM-only HTTP middleware.
import { SqsEventPublisher } from '@commerce/service-kit/sqs';
import { parseArgs, stringOption } from '../src/tools/cli-args';
import { queueUrlOf } from '../src/tools/dead-letter-queues';
import { sampleEvent } from '../src/tools/sample-events';
import { stageTarget } from '../src/tools/stage-target';

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const type = args.positional[0];
  if (!type) throw new Error("usage: pnpm send-event <type> [--version N] [--payload '<json>'] [--stage local]");
  const stage = stringOption(args, 'stage') ?? 'local';
  const version = stringOption(args, 'version');
  const payload = stringOption(args, 'payload');
  const correlationId = stringOption(args, 'correlation-id');
  const event = sampleEvent(type, {
    ...(version ? { version: Number(version) } : {}),
    ...(payload ? { payload: JSON.parse(payload) as Record<string, unknown> } : {}),
    ...(correlationId ? { correlationId } : {}),
  });
  const target = stageTarget(stage, stringOption(args, 'region'));
  try {
    const subscribers = subscribersOf(event.type as EventType);
    const urls = Object.fromEntries(
      await Promise.all(subscribers.map(async (service) => [service, await queueUrlOf(target.clients.sqs, inboxQueueName({ app: APP, stage }, service))] as const)),
    );
    await new SqsEventPublisher(target.clients.sqs, urls).publish([event]);
    console.log(`sent ${event.type} v${event.version} ${event.eventId} (correlation ${event.correlationId}) to ${subscribers.join(', ')} on ${target.describe}`);
    console.log(JSON.stringify(event, null, 2));
  } finally {
    target.clients.destroy();
  }
};

main().catch((error: unknown) => {
  console.error(`send-event: ${(error as Error).message}`);
  process.exit(1);
});
