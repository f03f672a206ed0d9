import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startLocalIssuer, type LocalIssuer, type SignOptions } from '@commerce/service-kit/testing';
import { localIssuerUrl } from '@commerce/serverless-config';

type PrivateJwk = Awaited<ReturnType<typeof startLocalIssuer>>['privateJwk'];

export const issuerKeyPath = (localDir: string): string => join(localDir, 'issuer-key.json');

const readKey = (path: string): PrivateJwk | undefined =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PrivateJwk) : undefined;

/**
 * The local user pool of `pnpm dev` (ADR 0011): Cognito-shaped access and ID tokens for the local app client,
 * RS256 key generated on first start and kept in `.local/issuer-key.json` (gitignored, never committed) so tokens
 * survive restarts; JWKS at `${issuer}/.well-known/jwks.json`, Cognito's layout.
 */
export const startDevIssuer = async (localDir: string, port: number): Promise<LocalIssuer> => {
  const path = issuerKeyPath(localDir);
  const existing = readKey(path);
  const issuer = await startLocalIssuer({ port, ...(existing ? { privateJwk: existing } : {}) });
  if (!existing) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(issuer.privateJwk), { mode: 0o600 });
  }
  return issuer;
};

/** An access token the local issuer on `issuerPort` would issue, signed with the persisted key (the issuer need not run). */
export const signDevToken = async (
  localDir: string,
  customerId: string,
  options: { issuerPort: number } & Pick<SignOptions, 'expiresIn' | 'scopes'>,
): Promise<string> => {
  const existing = readKey(issuerKeyPath(localDir));
  if (!existing) throw new Error('no local issuer key yet: start `pnpm dev` once (it creates .local/issuer-key.json)');
  const signer = await startLocalIssuer({ port: 0, privateJwk: existing });
  try {
    const { issuerPort, ...signOptions } = options;
    return await signer.sign(customerId, { ...signOptions, issuer: localIssuerUrl(issuerPort) });
  } finally {
    await signer.stop();
  }
};
