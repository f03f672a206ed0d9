/** `pnpm token <customerId> [--expires 12h]`: prints a bearer token of the local issuer (of the running `pnpm dev`). */
import { devConfig } from '../src/dev/dev-config';
import { signDevToken } from '../src/dev/local-issuer';
import { parseArgs, stringOption } from '../src/tools/cli-args';
import { runningIssuerPort } from '../src/tools/stage-target';

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const customerId = args.positional[0] ?? 'customer-1';
  const expiresIn = stringOption(args, 'expires');
  const token = await signDevToken(devConfig().localDir, customerId, { issuerPort: runningIssuerPort(), ...(expiresIn ? { expiresIn } : {}) });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  console.error(`token: ${(error as Error).message}`);
  process.exit(1);
});
