import { encodeEventKey, notificationTargets, wants } from './s3-notifications';

describe('S3 notification filters', () => {
  const [queue, fn] = notificationTargets({
    QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: 'arn:q', Filter: { S3Key: { Rules: [{ Name: 'Prefix', Value: 'receipts/' }, { Name: 'suffix', Value: '.json' }] } } }],
    LambdaConfigurations: [{ Event: 's3:ObjectCreated:Copy', Function: 'arn:f', Id: 'copies' }],
  });

  it('reads queue and function targets with their filters', () => {
    expect(queue).toEqual({ kind: 'queue', arn: 'arn:q', event: 's3:ObjectCreated:*', prefix: 'receipts/', suffix: '.json' });
    expect(fn).toEqual({ kind: 'function', arn: 'arn:f', event: 's3:ObjectCreated:Copy', id: 'copies' });
  });

  it('matches event wildcards, exact events, prefixes and suffixes', () => {
    expect(wants(queue!, 'ObjectCreated:Put', 'receipts/o-1.json')).toBe(true);
    expect(wants(queue!, 'ObjectCreated:Put', 'receipts/o-1.txt')).toBe(false);
    expect(wants(queue!, 'ObjectCreated:Put', 'other/o-1.json')).toBe(false);
    expect(wants(queue!, 'ObjectRemoved:Delete', 'receipts/o-1.json')).toBe(false);
    expect(wants(fn!, 'ObjectCreated:Put', 'x')).toBe(false);
    expect(wants(fn!, 'ObjectCreated:Copy', 'x')).toBe(true);
  });

  it('encodes keys like S3 events do', () => {
    expect(encodeEventKey('receipts/order 1+é.json')).toBe('receipts/order+1%2B%C3%A9.json');
  });
});
