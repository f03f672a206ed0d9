/**
 * Child-process host of the emulators, used by `startEmulators()` (src/emulators/start-emulators.ts).
 * Protocol on stdout, one JSON object per line:
 *   {"type":"ready","endpoints":{...}}              once both emulators listen
 *   {"type":"s3-upload","bucket":...,"key":...}     for every object stored
 *   {"type":"error","message":...}                  if starting failed (then exit 1)
 * It stops on SIGTERM/SIGINT or when its stdin closes (the parent died), so it never outlives its parent.
 */
import { hostEmulators } from '../src/emulators/emulator-host';

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

const emit = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

const main = async (): Promise<void> => {
  const host = await hostEmulators({
    sqsPort: Number(argument('sqs-port') ?? 0),
    dynamodbPort: Number(argument('dynamodb-port') ?? 0),
    ...(argument('region') ? { region: argument('region') } : {}),
  });
  host.onS3Upload((upload) => emit({ type: 's3-upload', ...upload }));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  emit({ type: 'ready', endpoints: host.endpoints, pid: process.pid });
};

main().catch((error: unknown) => {
  emit({ type: 'error', message: (error as Error).message });
  process.exit(1);
});
