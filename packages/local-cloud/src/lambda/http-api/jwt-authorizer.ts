import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtAuthorizerSpec } from './routes';

export type AuthorizerDecision =
  | { allow: true; claims: Record<string, string>; scopes: string[] | null }
  /** 401: no token, or a token API Gateway would not accept; `reason` goes to the log and the www-authenticate header. */
  | { allow: false; status: 401; reason: string; tokenPresent: boolean }
  /** 403: a valid token without any of the route's scopes. */
  | { allow: false; status: 403; reason: string; tokenPresent: true };

/** API Gateway passes every claim to the function as a string (arrays as `[a b]`). */
const claimStrings = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]),
  );

const tokenScopes = (payload: JWTPayload): string[] => {
  const scope = payload.scope ?? payload.scp;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  if (Array.isArray(scope)) return scope.map(String);
  return [];
};

/**
 * The HTTP API JWT authorizer, as AWS documents it ("Control access to HTTP APIs with JWT authorizers"): the token
 * from the identity source (a `Bearer ` prefix is optional), a `kid` found in the issuer's JWKS (located through
 * `<issuer>/.well-known/openid-configuration`, else Cognito's `<issuer>/.well-known/jwks.json`), an RSA signature,
 * `iss` equal to the configured issuer, `aud` — or `client_id` when there is no `aud` — among the audiences, `exp`
 * in the future, `nbf` and `iat` not in the future, and, when the route has authorization scopes, at least one of
 * them in the token's `scope`. Everything but the scope check is a 401; a missing scope is a 403.
 */
/** How many verified tokens an authorizer remembers (a dev token is sent with every request). */
const VERIFIED_TOKENS = 1_000;

export class JwtAuthorizer {
  private keys: JWTVerifyGetKey | undefined;
  /** Tokens whose signature and issuer were verified, with their payload: the RSA check runs once per token. */
  private readonly verified = new Map<string, JWTPayload>();

  constructor(private readonly spec: JwtAuthorizerSpec) {}

  async authorize(headerValue: string | undefined, routeScopes: string[]): Promise<AuthorizerDecision> {
    const raw = (headerValue ?? '').trim();
    if (!raw) return { allow: false, status: 401, reason: `no ${this.spec.identityHeader} header`, tokenPresent: false };
    const token = raw.replace(/^Bearer\s+/i, '');
    let payload: JWTPayload;
    try {
      const decoded = decodeJwt(token);
      if (decoded.iss !== this.spec.issuer) return { allow: false, status: 401, reason: `issuer ${decoded.iss ?? '(none)'} is not ${this.spec.issuer}`, tokenPresent: true };
      payload = await this.verify(token);
    } catch (error) {
      return { allow: false, status: 401, reason: (error as Error).message, tokenPresent: true };
    }
    if (payload.iat !== undefined && payload.iat > Math.ceil(Date.now() / 1000)) return { allow: false, status: 401, reason: 'iat is in the future', tokenPresent: true };
    const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const client = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const accepted = audiences.length > 0 ? audiences.some((aud) => this.spec.audience.includes(aud)) : client !== undefined && this.spec.audience.includes(client);
    if (!accepted) return { allow: false, status: 401, reason: 'the token does not have a valid audience', tokenPresent: true };
    const scopes = tokenScopes(payload);
    if (routeScopes.length > 0 && !routeScopes.some((scope) => scopes.includes(scope))) {
      return { allow: false, status: 403, reason: `the token has none of the scopes ${routeScopes.join(', ')}`, tokenPresent: true };
    }
    return { allow: true, claims: claimStrings(payload), scopes: routeScopes.length > 0 ? scopes : null };
  }

  /**
   * jose's checks (signature against the JWKS, `iss`, `exp`, `nbf`); a token seen before skips the signature, not the
   * clock: its `exp` and `nbf` are checked again on every request, as jose would.
   */
  private async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known) {
      const now = Math.floor(Date.now() / 1000);
      if (known.exp !== undefined && known.exp <= now) {
        this.verified.delete(token);
        throw new Error('"exp" claim timestamp check failed');
      }
      if (known.nbf !== undefined && known.nbf > now) throw new Error('"nbf" claim timestamp check failed');
      return known;
    }
    const { payload } = await jwtVerify(token, await this.jwks(), {
      issuer: this.spec.issuer,
      algorithms: ['RS256', 'RS384', 'RS512'],
      clockTolerance: 0,
    });
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, payload);
    return payload;
  }

  private async jwks(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.keys;
    const base = this.spec.issuer.replace(/\/$/, '');
    let jwksUri = `${base}/.well-known/jwks.json`;
    try {
      const response = await fetch(`${base}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) jwksUri = String(((await response.json()) as { jwks_uri?: string }).jwks_uri ?? jwksUri);
    } catch {
      // no discovery document: Cognito's layout
    }
    this.keys = createRemoteJWKSet(new URL(jwksUri));
    return this.keys;
  }
}
