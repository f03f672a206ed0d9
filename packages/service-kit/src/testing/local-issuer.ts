import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { ALL_SCOPES, LOCAL_CLIENT_ID, OIDC_SCOPES } from '@commerce/serverless-config/identity';

/** What the hosted UI grants the frontend client: OpenID + email and every API scope. */
export const DEFAULT_SCOPES: readonly string[] = [...OIDC_SCOPES, ...ALL_SCOPES];

export interface SignOptions {
  /** The token's `scope` claim (access tokens); default DEFAULT_SCOPES. */
  scopes?: readonly string[];
  /** A jose duration ('12h', '-1m') or seconds; default 12 h. */
  expiresIn?: string | number;
  /** Override `iss` (a token of another issuer, signed with this key). */
  issuer?: string;
  /** Override `client_id` / `aud` (a token for another app client). */
  clientId?: string;
  /** The ID token's `email`; default `<customerId>@customers.local` (the local customer directory's). */
  email?: string;
}

export interface SignedIn {
  accessToken: string;
  idToken: string;
}

export interface LocalIssuer {
  /** The `iss` of its tokens: `http://127.0.0.1:<port>/local-issuer`; JWKS at `${issuer}/.well-known/jwks.json`. */
  issuer: string;
  /** The app client id its tokens are for (`client_id` of access tokens, `aud` of ID tokens). */
  clientId: string;
  /** @deprecated the app client id, under API Gateway's name for it. */
  audience: string;
  /** A signed access token for a customer (the `sub`), with exactly the claims a Cognito access token has. */
  sign(customerId: string, options?: SignOptions): Promise<string>;
  /** The access and ID tokens of one sign-in, as Cognito's token endpoint returns them. */
  signIn(customerId: string, options?: SignOptions): Promise<SignedIn>;
  stop(): Promise<void>;
}

export interface LocalIssuerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clientId?: string;
  /** A private JWK to reuse (so tokens survive restarts); a fresh key pair is generated otherwise. */
  privateJwk?: JWK;
}

const PATH = '/local-issuer';
const DEFAULT_EXPIRY = '12h';

/** OIDC `at_hash`: base64url of the left half of the SHA-256 of the access token. */
const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

const signed = (claims: Record<string, unknown>, key: CryptoKey | Uint8Array, kid: string, options: { issuer: string; expiresIn: string | number }) =>
  new SignJWT(claims)
    .setProtectedHeader({ kid, alg: 'RS256' }) // Cognito's header: kid and alg, no typ
    .setIssuer(options.issuer)
    .setIssuedAt()
    .setExpirationTime(typeof options.expiresIn === 'number' ? Math.floor(Date.now() / 1000) + options.expiresIn : options.expiresIn)
    .sign(key);

/**
 * The local stand-in for a stage's Cognito user pool, for `pnpm dev` and tests: its tokens carry exactly the claims
 * Cognito's do (ADR 0011) and its JWKS sits where Cognito's does (`${issuer}/.well-known/jwks.json`), signed with a
 * key that never leaves the machine. Handlers verify its tokens exactly as they verify Cognito's.
 */
export const startLocalIssuer = async (options: LocalIssuerOptions = {}): Promise<LocalIssuer & { privateJwk: JWK }> => {
  const clientId = options.clientId ?? LOCAL_CLIENT_ID;
  const privateJwk = options.privateJwk ?? (await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey));
  const kid = privateJwk.kid ?? 'local-1';
  const privateKey = await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const jwks = JSON.stringify({ keys: [{ alg: 'RS256', e: publicJwk.e, kid, kty: 'RSA', n: publicJwk.n, use: 'sig' }] });

  let issuer = '';
  const signIn: LocalIssuer['signIn'] = async (customerId, signOptions = {}) => {
    const authTime = Math.floor(Date.now() / 1000);
    const session = { origin_jti: randomUUID(), event_id: randomUUID(), auth_time: authTime };
    const client = signOptions.clientId ?? clientId;
    const common = { issuer: signOptions.issuer ?? issuer, expiresIn: signOptions.expiresIn ?? DEFAULT_EXPIRY };
    // With email as the sign-in name, Cognito's username is the user's sub.
    const accessToken = await signed(
      {
        sub: customerId,
        version: 2,
        client_id: client,
        ...session,
        token_use: 'access',
        scope: (signOptions.scopes ?? DEFAULT_SCOPES).join(' '),
        jti: randomUUID(),
        username: customerId,
      },
      privateKey,
      kid,
      common,
    );
    const idToken = await signed(
      {
        at_hash: atHash(accessToken),
        sub: customerId,
        email_verified: true,
        'cognito:username': customerId,
        origin_jti: session.origin_jti,
        aud: client,
        event_id: session.event_id,
        token_use: 'id',
        auth_time: authTime,
        jti: randomUUID(),
        email: signOptions.email ?? `${customerId}@customers.local`,
      },
      privateKey,
      kid,
      common,
    );
    return { accessToken, idToken };
  };
  const sign: LocalIssuer['sign'] = async (customerId, signOptions) => (await signIn(customerId, signOptions)).accessToken;

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Any origin may read it, as a browser app on its dev server signs in here (Cognito's endpoints allow CORS too).
    const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, headers).end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === `${PATH}/.well-known/jwks.json`) {
      response.writeHead(200, headers).end(jwks);
      return;
    }
    if (request.method === 'GET' && url.pathname === `${PATH}/.well-known/openid-configuration`) {
      send(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: DEFAULT_SCOPES,
        subject_types_supported: ['public'],
      });
      return;
    }
    // A dev convenience in place of the hosted UI: the tokens of a sign-in, shaped as Cognito's /oauth2/token answers.
    if (request.method === 'GET' && url.pathname === `${PATH}/token`) {
      const sub = url.searchParams.get('sub') ?? 'customer-1';
      const scope = url.searchParams.get('scope');
      signIn(sub, scope ? { scopes: scope.split(' ').filter(Boolean) } : {}).then(
        (tokens) => send(200, { access_token: tokens.accessToken, id_token: tokens.idToken, token_type: 'Bearer', expires_in: 12 * 3600 }),
        () => response.writeHead(500).end(),
      );
      return;
    }
    send(404, { message: 'Not Found' });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  issuer = `http://${host}:${(server.address() as AddressInfo).port}${PATH}`;
  return {
    issuer,
    clientId,
    audience: clientId,
    privateJwk: { ...privateJwk, kid },
    sign,
    signIn,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
