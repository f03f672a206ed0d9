// Values serverless.yml derives from the stage settings (packages/serverless-config), for this service only:
// - sesResources: what ses:SendEmail is authorised against — the sender address identity, its domain identity
//   (whichever is verified) and the stage's configuration set;
// - userPoolId / userPoolArn: the Cognito user pool that issues the API's tokens (jwtIssuer), where customer email
//   addresses live. Stage local has no pool (its issuer is the local JWKS server) and uses the local directory.
module.exports = async ({ resolveVariable }) => {
  const from = String(await resolveVariable('self:custom.vars.settings.sesFromAddress'));
  const configurationSet = String(await resolveVariable('self:custom.vars.settings.sesConfigurationSet'));
  const issuer = String(await resolveVariable('self:custom.vars.settings.jwtIssuer'));
  const sub = (arn) => ({ 'Fn::Sub': arn });
  const cognito = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[A-Za-z0-9]+)$/.exec(issuer);
  const userPoolId = cognito ? cognito[2] : 'none';
  return {
    sesResources: [
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${from}`),
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${from.split('@')[1]}`),
      sub(`arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/${configurationSet}`),
    ],
    userPoolId,
    userPoolArn: sub(`arn:\${AWS::Partition}:cognito-idp:${cognito ? cognito[1] : '${AWS::Region}'}:\${AWS::AccountId}:userpool/${userPoolId}`),
  };
};
