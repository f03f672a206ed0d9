import { MessageInFlightError, TemplateError } from '../domain/errors';
import { contentForEvent } from '../domain/message-content';
import { eventSourceKey, messageIdFor } from '../domain/message';
import { silentLogger } from '../ports/app-logger';
import { memoryDeps, placedEvent } from '../testing/fixtures';
import { deliverMessage } from './deliver-message';
import { notifyForEvent } from './notify-for-event';

const event = placedEvent('cus_1', 'ord_1');
const content = contentForEvent(event)!;
const source = eventSourceKey(event.eventId);
const id = messageIdFor(source, 'cus_1');

describe('deliverMessage: exactly one message per (cause, customer)', () => {
  it('claims, sends and records the message once', async () => {
    const { deps, sender, messageLog } = memoryDeps();
    await expect(deliverMessage(deps, content, source, silentLogger)).resolves.toEqual({ messageId: id, outcome: 'sent' });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ messageId: id, to: 'cus_1@customers.local', subject: 'We received your order ord_1' });
    expect(messageLog.records.get(id)).toMatchObject({ status: 'SENT', attempts: 1, provider: 'test', providerMessageId: 'p-1', customerId: 'cus_1' });
  });

  it('counts MessagesSent for the send only, not for its redeliveries (ADR 0017)', async () => {
    const counted: string[] = [];
    const { deps } = memoryDeps();
    const metered = { ...deps, metrics: { count: (name: string) => void counted.push(name), seconds: () => undefined } };
    await notifyForEvent(metered, event, silentLogger);
    await notifyForEvent(metered, event, silentLogger);
    expect(counted).toEqual(['MessagesSent']);
  });

  it('acknowledges redeliveries without sending again', async () => {
    const { deps, sender } = memoryDeps();
    await notifyForEvent(deps, event, silentLogger);
    const again = await notifyForEvent(deps, event, silentLogger);
    expect(again).toEqual({ messageId: id, outcome: 'duplicate' });
    expect(sender.sent).toHaveLength(1);
  });

  it('sends once under concurrent delivery: the loser fails its record to be redelivered, then sees SENT', async () => {
    const { deps, sender } = memoryDeps();
    sender.delayMs = 20;
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => notifyForEvent(deps, event, silentLogger)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(MessageInFlightError);
    }
    expect(sender.sent).toHaveLength(1);
    await expect(notifyForEvent(deps, event, silentLogger)).resolves.toMatchObject({ outcome: 'duplicate' });
  });

  it('releases the claim when the send fails, so the next delivery retries at once and records one send', async () => {
    const { deps, sender, messageLog } = memoryDeps();
    sender.failuresLeft = 1;
    await expect(deliverMessage(deps, content, source, silentLogger)).rejects.toThrow('provider unavailable');
    expect(messageLog.records.get(id)).toMatchObject({ status: 'SENDING', leaseExpiresAt: 0, lastError: 'provider unavailable' });
    await expect(deliverMessage(deps, content, source, silentLogger)).resolves.toMatchObject({ outcome: 'retried' });
    expect(sender.sent).toHaveLength(1);
    expect(messageLog.records.get(id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('takes over a send whose attempt crashed, but only once its lease has expired', async () => {
    const { deps, sender, messageLog, clock } = memoryDeps();
    // A crashed attempt: the claim is recorded, nothing was marked sent, nothing released.
    const crashing = { ...deps, messageLog: Object.assign(Object.create(messageLog), { markSent: () => new Promise<never>(() => undefined) }) };
    void deliverMessage(crashing, content, source, silentLogger);
    await new Promise((resolve) => setImmediate(resolve));
    expect(messageLog.records.get(id)?.status).toBe('SENDING');

    clock.advance(30_000);
    await expect(deliverMessage(deps, content, source, silentLogger)).rejects.toBeInstanceOf(MessageInFlightError);
    clock.advance(31_000);
    await expect(deliverMessage(deps, content, source, silentLogger)).resolves.toMatchObject({ outcome: 'retried' });
    // The crashed attempt had handed the email to the provider: the one window where a second email goes out.
    expect(sender.sent).toHaveLength(2);
    expect(messageLog.records.get(id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('records one send when a slow attempt loses its claim to a takeover', async () => {
    const { deps, sender, messageLog, clock } = memoryDeps();
    sender.delayMs = 30;
    const slow = deliverMessage(deps, content, source, silentLogger);
    await new Promise((resolve) => setTimeout(resolve, 5));
    clock.advance(61_000);
    sender.delayMs = 0;
    await expect(deliverMessage(deps, content, source, silentLogger)).resolves.toMatchObject({ outcome: 'retried' });
    await expect(slow).rejects.toBeInstanceOf(MessageInFlightError);
    expect(messageLog.records.get(id)).toMatchObject({ status: 'SENT', attempts: 2, providerMessageId: 'p-1' });
  });

  it('fails on a template error before claiming anything', async () => {
    const { deps, messageLog, sender } = memoryDeps({ renderer: { render: () => { throw new Error('boom'); } } });
    await expect(deliverMessage(deps, content, source, silentLogger)).rejects.toBeInstanceOf(TemplateError);
    expect(messageLog.records.size).toBe(0);
    expect(sender.sent).toHaveLength(0);
  });

  it('keeps messages of different customers and causes apart', async () => {
    const { deps, sender } = memoryDeps();
    await notifyForEvent(deps, placedEvent('cus_1', 'ord_1'), silentLogger);
    await notifyForEvent(deps, placedEvent('cus_2', 'ord_2'), silentLogger);
    await notifyForEvent(deps, placedEvent('cus_1', 'ord_3'), silentLogger);
    expect(new Set(sender.sent.map((email) => email.messageId)).size).toBe(3);
  });
});
