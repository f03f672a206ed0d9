// SES resources the senders may use (ses:SendEmail is authorised against the identity AND the configuration set):
// the sender address identity, its domain identity (whichever is verified), and the stage's configuration set.
module.exports = async ({ resolveVariable }) => {
  const from = await resolveVariable('self:custom.vars.settings.sesFromAddress');
  const configurationSet = await resolveVariable('self:custom.vars.settings.sesConfigurationSet');
  const domain = String(from).split('@')[1];
  const arn = (resource) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:${resource}` });
  return {
    resources: [arn(`identity/${from}`), arn(`identity/${domain}`), arn(`configuration-set/${configurationSet}`)],
  };
};
