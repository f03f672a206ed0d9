import { ResourceCatalog } from '../cfn/resource-catalog';
import type { CfnTemplate } from '../cfn/template';
import { rateMs, scheduledEvent, scheduleSources } from './schedules';

describe('local EventBridge schedules', () => {
  it('reads rate() expressions, and leaves cron() alone', () => {
    expect(rateMs('rate(5 minutes)')).toBe(300_000);
    expect(rateMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateMs('cron(0 12 * * ? *)')).toBeUndefined();
  });

  it('finds each enabled rule\'s Lambda target, as the orders outbox sweeper declares it', () => {
    const template = {
      Resources: {
        SweepLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'orders-local-republishEvents' } },
        Sweep: {
          Type: 'AWS::Events::Rule',
          Properties: { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [{ Arn: { 'Fn::GetAtt': ['SweepLambdaFunction', 'Arn'] }, Id: 't' }] },
        },
        Off: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', State: 'DISABLED', Targets: [{ Arn: { 'Fn::GetAtt': ['SweepLambdaFunction', 'Arn'] } }] } },
      },
    } as unknown as CfnTemplate;
    const sources = scheduleSources(new ResourceCatalog(template, { region: 'eu-west-1', accountId: '000000000000', stackName: 'orders-local' }));
    expect(sources).toEqual([expect.objectContaining({ rule: 'Sweep', functionName: 'orders-local-republishEvents', everyMs: 300_000 })]);
    expect(scheduledEvent(sources[0]!, 'eu-west-1', new Date('2026-12-02T06:00:00.123Z'))).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-12-02T06:00:00Z',
      resources: ['arn:aws:events:eu-west-1:000000000000:rule/Sweep'],
    });
  });
});
