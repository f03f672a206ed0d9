import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { FetchError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import { problems } from './problem';

export interface Caller {
  /** The token's `sub`: the customer id. */
  customerId: string;
  /** The token's `scope` claim, split. */
  scopes: string[];
}

export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export interface JwtVerifierOptions {
  /** The user pool's issuer: https://cognito-idp.<region>.amazonaws.com/<poolId>, or the local issuer. */
  issuer: string;
  /** App client ids an access token's `client_id` may be (API Gateway's JWT audience). */
  clientIds: string | string[];
  /** Defaults to `${issuer}/.well-known/jwks.json`, the Cognito and local-issuer layout. */
  jwksUrl?: string;
}

/** aws-jwt-verify's own fetcher speaks https only; the local issuer is http. Same JWKS, same cache, either way. */
const fetcher: Fetcher = {
  fetch: async (uri) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) }).catch((error: unknown) => {
      throw new FetchError(uri, (error as Error).message);
    });
    if (response.status !== 200) throw new FetchError(uri, `status ${response.status}, expected 200`);
    return response.arrayBuffer();
  },
};

/**
 * One rule for every token, locally and on AWS (ADR 0011): a Cognito **access** token, verified with AWS's
 * aws-jwt-verify: RS256 signature by a key of the issuer's JWKS, `iss`, `exp`, `token_use` = access and
 * `client_id` one of ours (access tokens carry no `aud`). An ID token, an expired one, another pool's or another
 * client's is a 401. Scopes are checked per route by httpRoute (403).
 */
export const createJwtVerifier = ({ issuer, clientIds, jwksUrl }: JwtVerifierOptions): TokenVerifier => {
  const clientId = [clientIds].flat();
  const verifier = JwtVerifier.create(
    {
      issuer,
      audience: null, // access tokens have none: client_id is checked below, as API Gateway's authorizer does
      jwksUri: jwksUrl ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  return {
    async verify(token) {
      let payload: Awaited<ReturnType<typeof verifier.verify>>;
      try {
        payload = await verifier.verify(token);
      } catch (error) {
        // The issuer's JWKS could not be fetched: our fault, not the caller's (a logged 500).
        if (error instanceof FetchError) throw error;
        throw problems.unauthorized(`The bearer token was rejected: ${(error as Error).message}`);
      }
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw problems.unauthorized('The bearer token has no subject.');
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return { customerId: payload.sub, scopes: scope.split(' ').filter(Boolean) };
    },
  };
};

let fromEnvironment: TokenVerifier | undefined;

/** The verifier for JWT_ISSUER / JWT_AUDIENCE (the app client ids, comma-separated) / optional JWT_JWKS_URL. */
export const verifierFromEnvironment = (env: NodeJS.ProcessEnv = process.env): TokenVerifier => {
  if (fromEnvironment) return fromEnvironment;
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE;
  if (!issuer || !audience) throw new Error('JWT_ISSUER and JWT_AUDIENCE must be set');
  fromEnvironment = createJwtVerifier({
    issuer,
    clientIds: audience.split(',').map((value) => value.trim()),
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

/** Any one of the route's scopes suffices, as with API Gateway's AuthorizationScopes; none declared: any token. */
export const requireScopes = (caller: Caller, required: readonly string[] | undefined): void => {
  if (!required || required.length === 0) return;
  if (!required.some((scope) => caller.scopes.includes(scope))) throw problems.insufficientScope(required);
};
