/**
 * `pnpm policy [paths...]`: check packaged CloudFormation templates against the template rules.
 * Default paths: .build/package (from `pnpm package:all`) and services/<service>/.serverless.
 * Exit 0 = all pass, 1 = violations, 2 = no template found.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkTemplate, formatViolation, rules } from '../src/policy/index';
import { findTemplates, stageOfTemplate } from '../src/policy/find-templates';
import { discoverServices, serviceDirOf } from '../src/packaging';

const root = resolve(import.meta.dirname, '..', '..', '..');
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const cwd = process.env.INIT_CWD ?? process.cwd();
const paths = args.length > 0
  ? args.map((arg) => resolve(cwd, arg))
  : [join(root, '.build', 'package'), ...discoverServices(root).map((service) => join(root, serviceDirOf(root, service), '.serverless'))];

const templates = findTemplates(paths);
if (templates.length === 0) {
  console.error(`no packaged template found under ${paths.map((p) => relative(root, p)).join(', ')}: run \`pnpm package:all\` first`);
  process.exit(2);
}

let failures = 0;
for (const template of templates) {
  const stage = stageOfTemplate(template);
  const violations = checkTemplate(JSON.parse(readFileSync(template, 'utf8')), rules, { stage });
  failures += violations.length;
  console.log(`${violations.length === 0 ? 'PASS' : 'FAIL'} ${relative(root, template)} (stage ${stage ?? 'unknown: checked as staging/prod'})`);
  violations.forEach((violation) => console.log(`  ${formatViolation(violation)}`));
}
console.log(`\n${templates.length} template(s), ${rules.length} rules, ${failures} violation(s)`);
process.exit(failures === 0 ? 0 : 1);
