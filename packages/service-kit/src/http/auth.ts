import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { problems } from './problem';

export interface Caller {
  /** The token's `sub`: the customer id. */
  customerId: string;
  scopes: string[];
}

export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export interface JwtVerifierOptions {
  issuer: string;
  audience: string | string[];
  /** Defaults to `${issuer}/.well-known/jwks.json`, the Cognito and local-issuer layout. */
  jwksUrl?: string;
}

/**
 * Verifies RS256/ES256 access tokens against the issuer's JWKS, exactly as the API Gateway JWT authorizer does in
 * AWS. Locally serverless-offline only decodes tokens, so the handler must verify them itself (ADR 0003).
 */
export const createJwtVerifier = ({ issuer, audience, jwksUrl }: JwtVerifierOptions): TokenVerifier => {
  let keys: JWTVerifyGetKey | undefined;
  return {
    async verify(token) {
      keys ??= createRemoteJWKSet(new URL(jwksUrl ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
      try {
        const { payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256', 'ES256'] });
        if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new Error('token has no subject');
        const scope = typeof payload.scope === 'string' ? payload.scope : '';
        return { customerId: payload.sub, scopes: scope.split(' ').filter(Boolean) };
      } catch (error) {
        throw problems.unauthorized(`The bearer token was rejected: ${(error as Error).message}`);
      }
    },
  };
};

let fromEnvironment: TokenVerifier | undefined;

/** The verifier for JWT_ISSUER / JWT_AUDIENCE (comma-separated) / optional JWT_JWKS_URL. */
export const verifierFromEnvironment = (env: NodeJS.ProcessEnv = process.env): TokenVerifier => {
  if (fromEnvironment) return fromEnvironment;
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE;
  if (!issuer || !audience) throw new Error('JWT_ISSUER and JWT_AUDIENCE must be set');
  fromEnvironment = createJwtVerifier({
    issuer,
    audience: audience.split(',').map((value) => value.trim()),
    ...(env.JWT_JWKS_URL ? { jwksUrl: env.JWT_JWKS_URL } : {}),
  });
  return fromEnvironment;
};

export const bearerToken = (headers: Record<string, string | undefined> | undefined): string => {
  const header = headers?.authorization ?? '';
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
  if (!match?.[1]) throw problems.unauthorized();
  return match[1];
};
