import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { SpecValidator } from './validate';

export { SpecValidator, formatSpecViolation, type SpecViolation, type TemplateLike } from './validate';

let validator: SpecValidator | undefined;

/** The validator over the bundled CloudFormation specification (loading it takes a few seconds: done once). */
export const specValidator = (): SpecValidator => (validator ??= new SpecValidator(loadAwsServiceSpecSync()));
