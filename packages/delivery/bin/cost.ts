/**
 * `pnpm cost [--stage prod] [--orders-per-month 100000] [--package-dir .build/package] [--measurement <file>]`:
 * the cost model (ADR 0019, docs/cost.md) over the packaged templates of the stage (packaged now, or read from a
 * `pnpm package:all` output) and the measured run in packages/delivery/cost/measured-counts.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { costLines, summarize, unpricedTypes, type CostLine, type Measurement } from '../src/cost/cost-model';
import { PRICE_TABLE } from '../src/cost/price-table';
import { discoverServices, packageAll, packageDirOf, TEMPLATE_FILE } from '../src/packaging';

const root = resolve(import.meta.dirname, '..', '..', '..');
const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'prod' },
    'orders-per-month': { type: 'string', default: '100000' },
    'package-dir': { type: 'string' },
    measurement: { type: 'string', default: join(root, 'packages', 'delivery', 'cost', 'measured-counts.json') },
  },
});
const stage = values.stage!;
const ordersPerMonth = Number(values['orders-per-month']);
const usd = (value: number): string => `$${value < 0.01 && value > 0 ? value.toFixed(4) : value.toFixed(2)}`;
const quantity = (value: number): string => (value >= 100 ? Math.round(value).toLocaleString('en-US') : Number(value.toPrecision(3)).toString());

const main = async (): Promise<void> => {
  const services = discoverServices(root);
  const workDir = values['package-dir'] ? undefined : mkdtempSync(join(tmpdir(), 'cost-'));
  const outDir = values['package-dir'] ? resolve(root, values['package-dir']) : join(workDir!, 'package');
  try {
    if (workDir) {
      console.error(`packaging ${services.join(', ')} for ${stage} ...`);
      await packageAll({ root, services, stages: [stage], outDir });
    }
    const stacks = services.map((service) => ({
      service,
      stage,
      template: JSON.parse(readFileSync(join(packageDirOf(outDir, stage, service), TEMPLATE_FILE), 'utf8')),
    }));
    const unpriced = unpricedTypes(stacks.map((stack) => stack.template));
    if (unpriced.length > 0) throw new Error(`the cost model does not price: ${unpriced.join(', ')} (packages/delivery/src/cost/cost-model.ts)`);
    const measurement = JSON.parse(readFileSync(resolve(values.measurement!), 'utf8')) as Measurement;
    const lines = costLines(stacks, measurement);
    const { standingUsd, perMillionOrdersUsd, activeMonthUsd } = summarize(lines);

    console.log(`Cost model, stage ${stage}: prices of ${PRICE_TABLE.region} read on ${PRICE_TABLE.readOn} (packages/delivery/src/cost/price-table.ts), no free tiers.`);
    console.log(`Measured: ${measurement.ordersPlaced} orders, ${measurement.measuredAt} (${measurement.command}).\n`);
    const print = (kind: CostLine['kind'], title: string) => {
      console.log(title);
      for (const service of services) {
        const own = lines.filter((entry) => entry.service === service && entry.kind === kind && entry.quantity > 0);
        if (own.length === 0) continue;
        console.log(`  ${service}`);
        for (const entry of own) console.log(`    ${entry.item}: ${quantity(entry.quantity)} ${entry.unit} = ${usd(entry.usd)}`);
      }
      const totals = { standing: standingUsd, 'per-million-orders': perMillionOrdersUsd, 'active-month': activeMonthUsd }[kind];
      console.log(`  per service: ${services.map((service) => `${service} ${usd(totals[service] ?? 0)}`).join(', ')}`);
      console.log(`  total: ${usd(Object.values(totals).reduce((a, b) => a + b, 0))}\n`);
    };
    print('standing', 'Standing monthly cost of an idle stage:');
    print('active-month', 'Monthly cost of a stage with any traffic (custom metrics are billed for the hours they receive data):');
    print('per-million-orders', 'Cost per 1 million orders:');
    const total = (totals: Record<string, number>) => Object.values(totals).reduce((a, b) => a + b, 0);
    const month = total(standingUsd) + (ordersPerMonth > 0 ? total(activeMonthUsd) : 0) + (ordersPerMonth / 1_000_000) * total(perMillionOrdersUsd);
    console.log(`A month of ${ordersPerMonth.toLocaleString('en-US')} orders: ${usd(month)}`);
    console.log('Not per order: Cognito, $0.015 per monthly active user above 10,000 (Essentials); data transfer out; support plans.');
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
