// Serverless plugin: serverless-iam-roles-per-function gives every function its own role but leaves the framework's
// shared IamRoleLambdaExecution in the template (with every event source's permissions). When no function uses it,
// it is an unused role with live permissions: remove it, so the template holds exactly the roles that run code.
class DropUnusedDefaultRole {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.drop() };
  }

  drop() {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const role = 'IamRoleLambdaExecution';
    if (!resources[role]) return;
    const { [role]: _removed, ...others } = resources;
    if (JSON.stringify(others).includes(`"${role}"`)) return; // still referenced: keep it
    delete resources[role];
    this.serverless.cli.log(`Removed the unused shared ${role} (every function has its own role)`);
  }
}

module.exports = DropUnusedDefaultRole;
