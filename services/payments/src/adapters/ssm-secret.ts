import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

/**
 * A SecureString parameter read with Powertools Parameters: decrypted by SSM (KMS, via the service), cached per
 * container for `maxAgeSeconds`, so a warm function reads it once per interval, not once per charge.
 */
export const ssmSecret =
  (provider: SSMProvider, name: string, maxAgeSeconds = 300): (() => Promise<string>) =>
  async () => {
    const value = await provider.get(name, { decrypt: true, maxAge: maxAgeSeconds });
    if (typeof value !== 'string' || value.length === 0) throw new Error(`SSM parameter ${name} is empty`);
    return value;
  };
