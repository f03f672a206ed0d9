import { randomUUID } from 'node:crypto';
import type { ResourceCatalog } from '../cfn/resource-catalog';
import { resourcesOfType } from '../cfn/template';
import type { LambdaInvoker } from './lambda-invoker';
import type { RunnerLog } from './runner-log';

/** A scheduled rule's Lambda target: EventBridge's `rate(...)` schedules. */
export interface ScheduleSource {
  rule: string;
  functionName: string;
  functionArn: string;
  everyMs: number;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** `rate(5 minutes)` in milliseconds; undefined for cron() expressions (not run locally). */
export const rateMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
};

/** Every enabled AWS::Events::Rule with a rate() ScheduleExpression, per Lambda target of the template. */
export const scheduleSources = (catalog: ResourceCatalog): ScheduleSource[] =>
  resourcesOfType(catalog.template, 'AWS::Events::Rule').flatMap(([rule, resource]) => {
    const properties = resource.Properties ?? {};
    const everyMs = typeof properties.ScheduleExpression === 'string' ? rateMs(properties.ScheduleExpression) : undefined;
    if (everyMs === undefined || (properties.State ?? 'ENABLED') !== 'ENABLED') return [];
    const targets = (properties.Targets as { Arn?: unknown }[] | undefined) ?? [];
    return targets.flatMap((target) => {
      const arn = String(catalog.resolve(target.Arn));
      const name = arn.slice(arn.lastIndexOf(':') + 1);
      return arn.includes(':function:') ? [{ rule, functionName: name, functionArn: arn, everyMs }] : [];
    });
  });

/** The event EventBridge sends a scheduled target (`Scheduled Event`). */
export const scheduledEvent = (source: ScheduleSource, region: string, at = new Date()) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [`arn:aws:events:${region}:000000000000:rule/${source.rule}`],
  detail: {},
});

/**
 * Runs the schedules as EventBridge does: each target invoked (asynchronously) every period, first one period after
 * the start. Without it, locally, nothing would ever run the orders outbox sweeper (ADR 0010), and an event whose
 * publish a request deferred would stay unpublished (found by the soak, ADR 0018).
 */
export const startSchedules = (sources: ScheduleSource[], invokerFor: (name: string) => LambdaInvoker | undefined, region: string, log: RunnerLog): (() => void) => {
  const timers = sources.map((source) =>
    setInterval(() => {
      const invoker = invokerFor(source.functionName);
      if (!invoker) return;
      void invoker.invoke(source.functionName, scheduledEvent(source, region)).then((result) => {
        if (!result.ok) log('warn', `${source.functionName} <- schedule ${source.rule}: ${result.error}`);
        else log('debug', `${source.functionName} <- schedule ${source.rule}: ok`);
      });
    }, source.everyMs),
  );
  timers.forEach((timer) => timer.unref());
  return () => timers.forEach((timer) => clearInterval(timer));
};
