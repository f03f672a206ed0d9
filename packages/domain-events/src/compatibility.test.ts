import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { OrderCancelledV1, OrderPlacedV1, PaymentFailedV1, paymentFailureReasonsV1 } from './catalog';
import { defineEvent, type EventDefinition } from './definition';
import { eventCatalog } from './index';
import { definitionJsonSchema } from './json-schema';
import { OrderItem } from './primitives';
import { contractBreakingChanges, describeContractBreak, releasableContracts } from './released-schemas';

const root = join(__dirname, '..');
const released = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(root, join(root, dir, entry.name))],
  );

/** The breaking changes of a changed copy of one catalog entry's version, against its released schema. */
const breaksOf = (definition: EventDefinition, version: number) =>
  contractBreakingChanges(released(`schemas/${definition.type}.v${version}.json`), definitionJsonSchema(definition, version)).map(
    ({ direction, path, change }) => `${direction} ${path}: ${change}`,
  );

describe('released contracts stay compatible', () => {
  it.each(releasableContracts().map((contract) => [contract.label, contract] as const))('%s', (_label, { file, label, current }) => {
    const changes = contractBreakingChanges(released(file), current);
    if (changes.length > 0) throw new Error(describeContractBreak(label, changes));
  });

  it('no released version has left the catalog (consumers may still receive it, from a DLQ say)', () => {
    const known = releasableContracts().map(({ file }) => file);
    expect(filesUnder('schemas').filter((file) => !known.includes(file))).toEqual([]);
  });
});

describe('the compatibility check on changed copies of the catalog', () => {
  const orderPlaced = eventCatalog['order.placed'];
  const upcast = (payload: never) => payload;

  it('fails on the issue example: order.placed v1 items narrowed from max 100 to max 5', () => {
    const narrowedV1 = OrderPlacedV1.extend({ items: z.array(OrderItem).min(1).max(5) });
    const copy = defineEvent({ ...orderPlaced, legacy: [{ version: 1, schema: narrowedV1, upcast }] });
    expect(breaksOf(copy, 1)).toEqual(['backward payload.items: maxItems 100 → 5']);
  });

  it('fails on a widened released version (readers not yet redeployed would reject it): a new payment.failed v1 reason', () => {
    const widened = PaymentFailedV1.extend({ reason: z.enum([...paymentFailureReasonsV1, 'expired_card']) });
    const copy = defineEvent({ ...eventCatalog['payment.failed'], legacy: [{ version: 1, schema: widened, upcast }] });
    expect(breaksOf(copy, 1)).toEqual([
      'forward payload.reason: enum ["card_declined","insufficient_funds","fraud_suspected","provider_rejected"] → ["card_declined","insufficient_funds","fraud_suspected","provider_rejected","expired_card"] ("expired_card" rejected by the released schema)',
    ]);
  });

  it('fails on a new required field and on a removed one', () => {
    const cancelled = eventCatalog['order.cancelled'];
    const withRequired = defineEvent({ ...cancelled, schema: OrderCancelledV1.extend({ refundCents: z.number().int() }) });
    expect(breaksOf(withRequired, 1)).toEqual(['backward payload.refundCents: presence undeclared → required']);
    const withoutCustomer = defineEvent({ ...cancelled, schema: OrderCancelledV1.omit({ customerId: true }) });
    expect(breaksOf(withoutCustomer, 1)).toEqual(['forward payload.customerId: presence required → undeclared']);
  });

  it('passes an added optional field and a changed description', () => {
    const cancelled = eventCatalog['order.cancelled'];
    const copy = defineEvent({ ...cancelled, description: 'reworded', schema: OrderCancelledV1.extend({ cancelledBy: z.string().max(64).optional() }) });
    expect(breaksOf(copy, 1)).toEqual([]);
  });

  it('passes the same change shipped as a new version with an upcaster (v3 is not released yet)', () => {
    const v3 = orderPlaced.schema.extend({ items: z.array(OrderItem).min(1).max(5) });
    const copy = defineEvent({ ...orderPlaced, version: 3, schema: v3, legacy: [...orderPlaced.legacy, { version: 2, schema: orderPlaced.schema, upcast }] });
    expect(breaksOf(copy, 1)).toEqual([]);
    expect(breaksOf(copy, 2)).toEqual([]);
    expect(() => released('schemas/order.placed.v3.json')).toThrow(/ENOENT/);
  });
});
