/**
 * `pnpm dlq [list|show|redrive] [--stage local] [--queue <dlq-name>] [--to <source-queue>] [--max 10] [--region r]`
 * Lists each DLQ of a stage with its depth, shows its messages, or moves them back to their source queue. Stage
 * local talks to the running `pnpm dev`; any other stage to AWS with your credentials.
 */
import { parseArgs, stringOption } from '../src/tools/cli-args';
import { deadLetterQueues, peekMessages, redrive, type DeadLetterQueue } from '../src/tools/dead-letter-queues';
import { stageTarget } from '../src/tools/stage-target';

const USAGE = 'usage: pnpm dlq [list|show|redrive] [--stage local] [--queue <dlq-name>] [--to <source-queue>] [--max 10]';

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const command = args.positional[0] ?? 'list';
  if (!['list', 'show', 'redrive'].includes(command) || args.options.help) {
    console.log(USAGE);
    process.exit(args.options.help ? 0 : 2);
  }
  const stage = stringOption(args, 'stage') ?? 'local';
  const target = stageTarget(stage, stringOption(args, 'region'));
  const only = stringOption(args, 'queue');
  try {
    const all = await deadLetterQueues(target.clients.sqs, stage);
    const dlqs = only ? all.filter((dlq) => dlq.name === only) : all;
    if (only && dlqs.length === 0) throw new Error(`no DLQ named ${only} (have: ${all.map((dlq) => dlq.name).join(', ')})`);
    console.log(`# ${target.describe}`);
    if (command === 'list') list(dlqs);
    if (command === 'show') await show(target.clients.sqs, dlqs, Number(stringOption(args, 'max') ?? 10));
    if (command === 'redrive') {
      for (const dlq of dlqs.filter((candidate) => candidate.depth > 0 || only)) {
        const to = stringOption(args, 'to');
        const result = await redrive(target.clients.sqs, dlq, { local: stage === 'local', ...(to ? { source: to } : {}) });
        const how = result.method === 'move-task' ? `move task ${result.taskHandle ?? ''} started` : 'moved';
        console.log(`${dlq.name}: ${result.moved} message(s) ${how} -> ${to ?? dlq.sources[0]?.name}`);
      }
    }
  } finally {
    target.clients.destroy();
  }
};

const list = (dlqs: DeadLetterQueue[]): void => {
  if (dlqs.length === 0) console.log('no dead-letter queues found');
  const width = Math.max(...dlqs.map((dlq) => dlq.name.length), 10);
  for (const dlq of dlqs) {
    console.log(`${dlq.name.padEnd(width)}  ${String(dlq.depth).padStart(5)} message(s)  <- ${dlq.sources.map((s) => `${s.name} (maxReceiveCount ${s.maxReceiveCount})`).join(', ')}`);
  }
};

const show = async (sqs: Parameters<typeof peekMessages>[0], dlqs: DeadLetterQueue[], max: number): Promise<void> => {
  for (const dlq of dlqs) {
    const messages = dlq.depth > 0 ? await peekMessages(sqs, dlq.url, max) : [];
    console.log(`\n== ${dlq.name}: ${dlq.depth} message(s)`);
    for (const message of messages) {
      const type = message.MessageAttributes?.eventType?.StringValue ?? '-';
      const sent = message.Attributes?.SentTimestamp ? new Date(Number(message.Attributes.SentTimestamp)).toISOString() : '-';
      console.log(`-- ${message.MessageId}  type=${type}  sent=${sent}  receives=${message.Attributes?.ApproximateReceiveCount ?? '-'}`);
      console.log(message.Body);
    }
  }
};

main().catch((error: unknown) => {
  console.error(`dlq: ${(error as Error).message}`);
  process.exit(1);
});
