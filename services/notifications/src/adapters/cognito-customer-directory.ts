import { ListUsersCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PoisonMessageError } from '../domain/errors';
import type { CustomerDirectory } from '../ports/customer-directory';

/** Cognito `sub`s are UUIDs; anything outside this cannot be one (and could not be put in a filter safely). */
const SUB = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Customer addresses from the Cognito user pool that issues the API's tokens: the customer id is the token's `sub`,
 * looked up with ListUsers (`sub = "<id>"`, IAM cognito-idp:ListUsers on that pool only). Addresses are cached for
 * the life of the Lambda container. A customer without a user or an email address is a poison record (DLQ).
 */
export class CognitoCustomerDirectory implements CustomerDirectory {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async emailOf(customerId: string): Promise<string> {
    const cached = this.cache.get(customerId);
    if (cached) return cached;
    if (!SUB.test(customerId)) throw new PoisonMessageError(`customer id ${JSON.stringify(customerId)} cannot be a Cognito sub`);
    const { Users = [] } = await this.cognito.send(
      new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `sub = "${customerId}"`, Limit: 1, AttributesToGet: ['email'] }),
    );
    const email = Users[0]?.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
    if (!email) throw new PoisonMessageError(`customer ${customerId} has no ${Users.length ? 'email address' : 'user'} in ${this.userPoolId}`);
    this.cache.set(customerId, email);
    return email;
  }
}
