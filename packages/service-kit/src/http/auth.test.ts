import { FetchError } from 'aws-jwt-verify/error';
import { startLocalIssuer, type LocalIssuer } from '../testing';
import { createJwtVerifier, requireScopes } from './auth';
import { HttpProblem } from './problem';

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await startLocalIssuer();
});
afterAll(() => issuer.stop());

describe('createJwtVerifier (aws-jwt-verify, Cognito access tokens)', () => {
  it('accepts an access token of the issuer for one of our clients: the caller is its sub, with its scopes', async () => {
    const verifier = createJwtVerifier({ issuer: issuer.issuer, clientIds: ['other-client', issuer.clientId] });
    const token = await issuer.sign('cus_7', { scopes: ['openid', 'commerce/orders.read'] });
    await expect(verifier.verify(token)).resolves.toEqual({ customerId: 'cus_7', scopes: ['openid', 'commerce/orders.read'] });
  });

  it('answers 401 invalid_token for an ID token, which carries aud and token_use id', async () => {
    const verifier = createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId });
    const rejected = await verifier.verify((await issuer.signIn('cus_7')).idToken).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(HttpProblem);
    expect(rejected).toMatchObject({ status: 401, code: 'invalid_token' });
  });

  it("lets a JWKS it cannot fetch fail as our error (a logged 500), not as the caller's 401", async () => {
    const verifier = createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId, jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    await expect(verifier.verify(await issuer.sign('cus_7'))).rejects.toBeInstanceOf(FetchError);
  });
});

describe('requireScopes', () => {
  const caller = { customerId: 'c', scopes: ['openid', 'commerce/orders.read'] };
  it('passes when the token has any one of the route scopes', () => {
    expect(() => requireScopes(caller, ['commerce/orders.write', 'commerce/orders.read'])).not.toThrow();
  });
  it('answers 403 insufficient_scope with the required scopes otherwise', () => {
    expect(() => requireScopes(caller, ['commerce/payments.read'])).toThrow(expect.objectContaining({ status: 403, code: 'insufficient_scope' }));
  });
});
