import { eventTypes, parseEvent } from '@commerce/domain-events';
import { parseArgs } from './cli-args';
import { sampleEvent } from './sample-events';

describe('sample events', () => {
  it.each(eventTypes)('%s has a valid sample that consumers parse', (type) => {
    const event = sampleEvent(type, { correlationId: 'c-1' });
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toMatchObject({ type, correlationId: 'c-1' });
  });

  it('merges a partial payload and rejects what the schema rejects', () => {
    expect(sampleEvent('order.placed', { payload: { orderId: 'o-9' } }).payload).toMatchObject({ orderId: 'o-9', totalCents: 2500 });
    expect(() => sampleEvent('order.placed', { payload: { totalCents: -1 } })).toThrow();
    expect(() => sampleEvent('order.shipped')).toThrow('unknown event type');
    expect(() => sampleEvent('order.placed', { version: 9 })).toThrow('no version 9');
  });
});

describe('parseArgs', () => {
  it('reads positionals, --name value, --name=value and flags', () => {
    expect(parseArgs(['redrive', '--stage', 'dev', '--queue=q-dlq', 'x', '--help'])).toEqual({
      positional: ['redrive', 'x'],
      options: { stage: 'dev', queue: 'q-dlq', help: true },
    });
  });
});
