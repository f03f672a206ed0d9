import { resolveValue, type ResolveContext } from './intrinsics';

const context: ResolveContext = {
  region: 'eu-west-1',
  accountId: '000000000000',
  stackName: 'orders-local',
  ref: (id) => (id === 'Table' ? 'orders-local-table' : undefined),
  getAtt: (id, attribute) => (id === 'Queue' && attribute === 'Arn' ? 'arn:aws:sqs:eu-west-1:000000000000:q' : undefined),
};

describe('resolveValue', () => {
  it('resolves Ref, GetAtt (both forms), Sub (both forms), Join, Select and pseudo parameters', () => {
    expect(
      resolveValue(
        {
          a: { Ref: 'Table' },
          b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          c: { 'Fn::GetAtt': 'Queue.Arn' },
          d: { 'Fn::Sub': 'bucket-${AWS::AccountId}-${AWS::Region}-${Table}-${Queue.Arn}-${!Literal}' },
          e: { 'Fn::Sub': ['${x}-${AWS::Partition}', { x: { Ref: 'AWS::StackName' } }] },
          f: { 'Fn::Join': ['/', ['a', { Ref: 'Table' }]] },
          g: { 'Fn::Select': [1, ['x', 'y']] },
          h: [1, true, 'plain'],
        },
        context,
      ),
    ).toEqual({
      a: 'orders-local-table',
      b: 'arn:aws:sqs:eu-west-1:000000000000:q',
      c: 'arn:aws:sqs:eu-west-1:000000000000:q',
      d: 'bucket-000000000000-eu-west-1-orders-local-table-arn:aws:sqs:eu-west-1:000000000000:q-${Literal}',
      e: 'orders-local-aws',
      f: 'a/orders-local-table',
      g: 'y',
      h: [1, true, 'plain'],
    });
  });

  it('refuses what it cannot resolve locally instead of guessing', () => {
    expect(() => resolveValue({ Ref: 'Missing' }, context)).toThrow('cannot resolve Ref Missing locally');
    expect(() => resolveValue({ 'Fn::ImportValue': 'x' }, context)).toThrow('Fn::ImportValue');
  });
});
