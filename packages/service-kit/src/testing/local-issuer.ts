import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export interface LocalIssuer {
  /** The `iss` of its tokens: `http://127.0.0.1:<port>/local-issuer`; JWKS at `${issuer}/.well-known/jwks.json`. */
  issuer: string;
  audience: string;
  /** A signed RS256 access token for a customer (the `sub`). */
  sign(customerId: string, options?: { expiresIn?: string; audience?: string; issuer?: string }): Promise<string>;
  stop(): Promise<void>;
}

export interface LocalIssuerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  audience?: string;
  /** A private JWK to reuse (so tokens survive restarts); a fresh key pair is generated otherwise. */
  privateJwk?: JWK;
}

const PATH = '/local-issuer';

/**
 * A tiny OIDC-style token issuer for local development and tests: serves its JWKS over HTTP and signs tokens with
 * a key that never leaves the machine. Handlers verify its tokens exactly as they verify Cognito's.
 */
export const startLocalIssuer = async (options: LocalIssuerOptions = {}): Promise<LocalIssuer & { privateJwk: JWK }> => {
  const audience = options.audience ?? 'commerce-api';
  const privateJwk = options.privateJwk ?? (await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey));
  const kid = privateJwk.kid ?? 'local-1';
  const privateKey = await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const jwks = JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] });

  let issuer = '';
  const sign: LocalIssuer['sign'] = async (customerId, signOptions = {}) =>
    new SignJWT({ scope: 'orders payments notifications', token_use: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(customerId)
      .setIssuer(signOptions.issuer ?? issuer)
      .setAudience(signOptions.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(signOptions.expiresIn ?? '12h')
      .sign(privateKey);

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === `${PATH}/.well-known/jwks.json`) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      return;
    }
    if (request.method === 'GET' && url.pathname === `${PATH}/token`) {
      const sub = url.searchParams.get('sub') ?? 'customer-1';
      sign(sub).then(
        (token) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token, token_type: 'Bearer' })),
        () => response.writeHead(500).end(),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  issuer = `http://${host}:${(server.address() as AddressInfo).port}${PATH}`;
  return {
    issuer,
    audience,
    privateJwk: { ...privateJwk, kid },
    sign,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
