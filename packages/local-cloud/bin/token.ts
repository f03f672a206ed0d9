/**
 * `pnpm token <customerId> [--scope orders.read,payments.read] [--expires 12h]`: prints an access token of the
 * local issuer (of the running `pnpm dev`), shaped as Cognito issues them. Without --scope it carries every scope
 * the hosted UI grants the frontend client; scope names without a resource server get `commerce/`.
 */
import { RESOURCE_SERVER } from '@commerce/serverless-config/identity';
import { devConfig } from '../src/dev/dev-config';
import { signDevToken } from '../src/dev/local-issuer';
import { parseArgs, stringOption } from '../src/tools/cli-args';
import { runningIssuerPort } from '../src/tools/stage-target';

const OIDC = new Set(['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin']);

const scopesOf = (option: string | undefined): string[] | undefined =>
  option === undefined
    ? undefined
    : option
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((scope) => (scope.includes('/') || OIDC.has(scope) ? scope : `${RESOURCE_SERVER}/${scope}`));

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const customerId = args.positional[0] ?? 'customer-1';
  const expiresIn = stringOption(args, 'expires');
  const scopes = scopesOf(stringOption(args, 'scope'));
  const token = await signDevToken(devConfig().localDir, customerId, {
    issuerPort: runningIssuerPort(),
    ...(expiresIn ? { expiresIn } : {}),
    ...(scopes ? { scopes } : {}),
  });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  console.error(`token: ${(error as Error).message}`);
  process.exit(1);
});
