import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await startLocalIssuer();
});
afterAll(() => issuer.stop());

/** The claims Cognito puts in the tokens of a hosted-UI sign-in (email as the sign-in name, no groups). */
const COGNITO_ACCESS_CLAIMS = ['auth_time', 'client_id', 'event_id', 'exp', 'iat', 'iss', 'jti', 'origin_jti', 'scope', 'sub', 'token_use', 'username', 'version'];
const COGNITO_ID_CLAIMS = ['at_hash', 'aud', 'auth_time', 'cognito:username', 'email', 'email_verified', 'event_id', 'exp', 'iat', 'iss', 'jti', 'origin_jti', 'sub', 'token_use'];

describe('local issuer', () => {
  it("issues access and ID tokens with exactly Cognito's claims and header", async () => {
    const { accessToken, idToken } = await issuer.signIn('cus_1');
    const access = decodeJwt(accessToken);
    const id = decodeJwt(idToken);
    expect(Object.keys(access).sort()).toEqual(COGNITO_ACCESS_CLAIMS);
    expect(Object.keys(id).sort()).toEqual(COGNITO_ID_CLAIMS);
    expect(access).toMatchObject({ sub: 'cus_1', username: 'cus_1', token_use: 'access', client_id: issuer.clientId, iss: issuer.issuer, version: 2 });
    expect(access.scope).toContain('commerce/orders.read');
    expect(id).toMatchObject({ sub: 'cus_1', 'cognito:username': 'cus_1', token_use: 'id', aud: issuer.clientId, email: 'cus_1@customers.local', origin_jti: access.origin_jti });
    expect(Object.keys(decodeProtectedHeader(accessToken)).sort()).toEqual(['alg', 'kid']);
  });

  it("serves its JWKS in Cognito's layout at ${issuer}/.well-known/jwks.json", async () => {
    const jwks = (await (await fetch(`${issuer.issuer}/.well-known/jwks.json`)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys.map((key) => Object.keys(key).sort())).toEqual([['alg', 'e', 'kid', 'kty', 'n', 'use']]);
    expect(jwks.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });
  });

  it('answers its token endpoint like Cognito, readable from a browser app on another origin (CORS)', async () => {
    const response = await fetch(`${issuer.issuer}/token?sub=cus_2&scope=commerce/orders.read`, { headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 43_200 });
    expect(decodeJwt(body.access_token)).toMatchObject({ sub: 'cus_2', scope: 'commerce/orders.read' });
  });
});
