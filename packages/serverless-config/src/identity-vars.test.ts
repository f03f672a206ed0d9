import { authVars, identityVars } from './identity-vars';
import { LOCAL_CLIENT_ID, SCOPES } from './identity';
import { localIssuerUrl } from './stages';

describe('authVars', () => {
  it('points stage local at the local issuer and its app client', () => {
    expect(authVars('local')).toMatchObject({ issuer: localIssuerUrl(), audience: [LOCAL_CLIENT_ID], scopes: SCOPES });
  });

  it.each(['dev', 'staging', 'prod', 'pr-7'])('resolves %s from the identity stack: dynamic references, no written ids', (stage) => {
    expect(authVars(stage)).toEqual({
      issuer: `{{resolve:ssm:/commerce/${stage}/identity/issuer}}`,
      audience: [`{{resolve:ssm:/commerce/${stage}/identity/client-id}}`],
      userPoolId: `{{resolve:ssm:/commerce/${stage}/identity/user-pool-id}}`,
      userPoolArn: { 'Fn::Sub': `{{resolve:ssm:/commerce/${stage}/identity/user-pool-arn}}` },
      scopes: SCOPES,
    });
  });
});

describe('identityVars', () => {
  it('protects the pools of staging and prod only', () => {
    expect(['dev', 'staging', 'prod', 'pr-7'].map((stage) => identityVars(stage).deletionProtection)).toEqual(['INACTIVE', 'ACTIVE', 'ACTIVE', 'INACTIVE']);
    expect(identityVars('prod').retention).toBe('Retain');
  });

  it("derives the hosted UI's callback and logout URLs from the stage's frontend origins", () => {
    expect(identityVars('prod')).toMatchObject({
      domainPrefix: 'shop-example-prod',
      callbackUrls: ['https://shop.example.com/auth/callback'],
      logoutUrls: ['https://shop.example.com/'],
    });
  });

  it('lets the web client ask for OpenID, email and every API scope', () => {
    expect(identityVars('dev').allowedOAuthScopes).toEqual(['openid', 'email', ...Object.values(SCOPES)]);
    expect(identityVars('dev').resourceServer.scopes.map((scope) => `commerce/${scope.ScopeName}`)).toEqual(Object.values(SCOPES));
  });
});
