// eslint-disable-next-line @typescript-eslint/no-require-imports
const DropUnusedDefaultRole = require('../index.cjs') as new (serverless: unknown) => { hooks: Record<string, () => void> };

const run = (resources: Record<string, unknown>) => {
  const serverless = {
    service: { provider: { compiledCloudFormationTemplate: { Resources: resources } } },
    cli: { log: () => undefined },
  };
  new DropUnusedDefaultRole(serverless).hooks['before:package:finalize']!();
  return Object.keys(resources).sort();
};

describe('drop-unused-default-role plugin', () => {
  it('removes the shared role when no function uses it', () => {
    expect(run({
      IamRoleLambdaExecution: { Type: 'AWS::IAM::Role' },
      FnIamRoleLambdaExecution: { Type: 'AWS::IAM::Role' },
      FnLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnIamRoleLambdaExecution', 'Arn'] } } },
    })).toEqual(['FnIamRoleLambdaExecution', 'FnLambdaFunction']);
  });

  it('keeps it while a function still uses it', () => {
    expect(run({
      IamRoleLambdaExecution: { Type: 'AWS::IAM::Role' },
      FnLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] } } },
    })).toEqual(['FnLambdaFunction', 'IamRoleLambdaExecution']);
  });
});
