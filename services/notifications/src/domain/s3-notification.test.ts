import { PoisonMessageError } from './errors';
import { parseS3NotificationMessage } from './s3-notification';

describe('parseS3NotificationMessage', () => {
  it('recognises the test event S3 sends when a notification is configured', () => {
    expect(parseS3NotificationMessage(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' }))).toEqual({ kind: 'test', bucket: 'b' });
  });

  it('decodes form-encoded object keys', () => {
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'receipts/a+b%2Bc.json', sequencer: '01' } } }] });
    expect(parseS3NotificationMessage(body)).toEqual({
      kind: 'records',
      records: [{ eventName: 'ObjectCreated:Put', bucket: 'b', key: 'receipts/a b+c.json', sequencer: '01' }],
    });
  });

  it.each(['not json', '{}', '{"Records":[]}', '{"Records":[{"eventName":"ObjectCreated:Put"}]}'])('rejects %s as poison', (body) => {
    expect(() => parseS3NotificationMessage(body)).toThrow(PoisonMessageError);
  });
});
