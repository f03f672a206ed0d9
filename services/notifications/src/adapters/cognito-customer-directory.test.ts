import type { CognitoIdentityProviderClient, ListUsersCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { PoisonMessageError } from '../domain/errors';
import { CognitoCustomerDirectory } from './cognito-customer-directory';

// A hand-written client double (no module mocking): answers ListUsers from a table of users.
const fakeCognito = (users: Record<string, string | undefined>) => {
  const calls: ListUsersCommandInput[] = [];
  const client = {
    send: async (command: { input: ListUsersCommandInput }) => {
      calls.push(command.input);
      const sub = /^sub = "(.*)"$/.exec(command.input.Filter ?? '')?.[1] ?? '';
      if (!(sub in users)) return { Users: [] };
      const email = users[sub];
      return { Users: [{ Username: sub, Attributes: email ? [{ Name: 'email', Value: email }] : [] }] };
    },
  };
  return { client: client as unknown as CognitoIdentityProviderClient, calls };
};

describe('CognitoCustomerDirectory', () => {
  const sub = '5f1c9e2a-0b7d-4c3e-9a11-2b3c4d5e6f70';

  it('finds the address by sub in the pool and caches it', async () => {
    const { client, calls } = fakeCognito({ [sub]: 'ada@example.com' });
    const directory = new CognitoCustomerDirectory(client, 'eu-west-1_POOL');
    expect(await directory.emailOf(sub)).toBe('ada@example.com');
    expect(await directory.emailOf(sub)).toBe('ada@example.com');
    expect(calls).toEqual([{ UserPoolId: 'eu-west-1_POOL', Filter: `sub = "${sub}"`, Limit: 1, AttributesToGet: ['email'] }]);
  });

  it.each([
    ['an unknown customer', '00000000-0000-0000-0000-000000000000'],
    ['a user without email', sub],
    ['an id that cannot be a sub', 'x" or sub = "y'],
  ])('treats %s as poison', async (_label, id) => {
    const { client } = fakeCognito({ [sub]: undefined });
    await expect(new CognitoCustomerDirectory(client, 'eu-west-1_POOL').emailOf(id)).rejects.toBeInstanceOf(PoisonMessageError);
  });
});
