import { isRecord, props, resourcesOfType, type Rule, type Violation } from '../cfn';

/** The soak's fault injection and bank (ADR 0018): variables only `pnpm dev` gives its local function instances. */
const LOCAL_ONLY = /^(LOCAL_FAULT_|LOCAL_PAYMENT_BANK_)/;

/**
 * No template, of any stage, declares the local fault-injection variables: the local cloud passes them to its own
 * instances from `pnpm dev`'s environment, and code reads them only when STAGE is `local`. A template that declared
 * them would be the one way to switch faults on in a deployed function.
 */
export const noLocalFaults: Rule = {
  id: 'no-local-faults',
  description: 'No function declares the local-only fault injection variables (LOCAL_FAULT_*, LOCAL_PAYMENT_BANK_*)',
  check(template): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::Function').flatMap(([id, fn]): Violation[] => {
      const environment = props(fn).Environment;
      const variables = isRecord(environment) && isRecord(environment.Variables) ? Object.keys(environment.Variables) : [];
      return variables
        .filter((name) => LOCAL_ONLY.test(name))
        .map((name) => ({ rule: this.id, resource: id, message: `declares ${name}: fault injection is local only (ADR 0018), set by pnpm dev, never in a template` }));
    });
  },
};
