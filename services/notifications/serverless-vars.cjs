// Values serverless.yml derives from the stage settings (packages/serverless-config), for this service only:
// sesResources, what ses:SendEmail is authorised against — the sender address identity, its domain identity
// (whichever is verified) and the stage's configuration set. (The user pool comes from custom.vars.auth: ADR 0011.)
module.exports = async ({ resolveVariable }) => {
  const from = String(await resolveVariable('self:custom.vars.settings.sesFromAddress'));
  const configurationSet = String(await resolveVariable('self:custom.vars.settings.sesConfigurationSet'));
  const sub = (arn) => ({ 'Fn::Sub': arn });
  return {
    sesResources: [
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${from}`),
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${from.split('@')[1]}`),
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/${configurationSet}`),
    ],
  };
};
