import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ssmSecret } from './ssm-secret';

// A local endpoint speaking SSM's GetParameter (JSON 1.1 protocol), so the real SDK and Powertools are exercised.
const NAME = '/commerce/dev/payments/stripe-secret-key';
let server: Server;
let endpoint: string;
const calls: { target: string; body: { Name: string; WithDecryption?: boolean } }[] = [];
let value = 'sk_test_from_ssm';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name: string; WithDecryption?: boolean };
      calls.push({ target: String(request.headers['x-amz-target']), body });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const providerFor = () =>
  new SSMProvider({
    awsSdkV3Client: new SSMClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  });

describe('ssmSecret', () => {
  it('reads the SecureString decrypted, once per cache period per container', async () => {
    calls.length = 0;
    const secret = ssmSecret(providerFor(), NAME, 300);
    expect(await secret()).toBe('sk_test_from_ssm');
    expect(await secret()).toBe('sk_test_from_ssm');
    expect(calls).toEqual([{ target: 'AmazonSSM.GetParameter', body: { Name: NAME, WithDecryption: true } }]);
  });

  it('reads again once the cache period is over (a rotated key is picked up without a redeploy)', async () => {
    calls.length = 0;
    const secret = ssmSecret(providerFor(), NAME, 0);
    await secret();
    value = 'sk_test_rotated';
    expect(await secret()).toBe('sk_test_rotated');
    expect(calls).toHaveLength(2);
  });
});
