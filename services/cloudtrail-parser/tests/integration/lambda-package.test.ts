import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type CloudFormationTemplate, packageServiceTemplate } from '@vigil/lambda-kit/testing';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { parseRulePack } from '../../src/core/compiled-rule-pack';
import { loadBuiltinRules } from '../../src/core/rule-loader';
import { stopLoggingRecord } from '../helpers/alert-fixtures';
import { extractZip, readZipEntries, readZipEntry } from '../helpers/zip-archive';

// The Lambda packages as `serverless package` builds them: the esbuild bundle alone knows nothing of the
// rule pack, so the zip must carry it — compiled from rules/** into one JSON file at packaging (the plugin
// in plugins/), not the YAML — and the function must find it next to its bundle and read it at cold start.
const STAGE = 'pkg';
const serviceDir = path.resolve(__dirname, '../..');
const PACK_FILE = 'dist/rule-pack.json';
const FUNCTIONS = [
  { name: 'ingestLogFiles', logicalId: 'IngestLogFilesLambdaFunction' },
  { name: 'detectRealtimeEvent', logicalId: 'DetectRealtimeEventLambdaFunction' },
];

describe('Lambda packages', () => {
  let outDir: string;
  let template: CloudFormationTemplate;

  beforeAll(async () => {
    // Keep the package folder: the tests read the functions' zips next to the template.
    ({ template, dir: outDir } = await packageServiceTemplate(serviceDir, STAGE, { keepDir: true }));
  }, 200_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** The compiled pack (JSON text) inside a function's zip. */
  function packOf(name: string): string {
    const { bytes, entries } = readZipEntries(path.join(outDir, `${name}.zip`));
    const entry = entries.find((candidate) => candidate.name === PACK_FILE);
    if (entry === undefined) throw new Error(`${name}.zip has no ${PACK_FILE}`);
    return readZipEntry(bytes, entry).toString('utf8');
  }

  function environmentOf(logicalId: string): Record<string, unknown> {
    const properties = template.Resources[logicalId]?.Properties ?? {};
    return (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  }

  it.each(FUNCTIONS)(
    'ships the compiled rule pack, not rules/**, next to the bundle of $name',
    ({ name, logicalId }) => {
      // Act
      const names = readZipEntries(path.join(outDir, `${name}.zip`)).entries.map((entry) => entry.name);
      const handler = String(template.Resources[logicalId]?.Properties?.Handler);

      // Assess
      expect(names.filter((entry) => entry.startsWith('rules/') || /\.ya?ml$/.test(entry))).toEqual([]);
      expect(names).toContain(PACK_FILE);
      expect(names).toContain(`${handler.slice(0, handler.lastIndexOf('.'))}.js`);
      expect(environmentOf(logicalId)).toMatchObject({ RULE_PACK_FILE: PACK_FILE });
      expect(environmentOf(logicalId)).not.toHaveProperty('RULES_DIR');
    }
  );

  it('ships exactly the rules loadBuiltinRules gives from the YAML of this checkout', async () => {
    // Prepare
    const expected = await loadBuiltinRules();

    // Act
    const shipped = FUNCTIONS.map(({ name }) => parseRulePack(packOf(name), `${name}.zip`));

    // Assess
    expect(expected.length).toBeGreaterThanOrEqual(120);
    for (const rules of shipped) expect(rules).toEqual(expected);
  });

  it.each([
    ['missing', undefined, /dist\/rule-pack\.json: compiled rule pack not found \(`sls package` writes it/],
    ['cut short', 'truncated', /dist\/rule-pack\.json: compiled rule pack is not valid JSON/],
  ])('fails its cold start, naming the pack, when the pack is %s', async (_, damage, message) => {
    // Prepare: the zip as Lambda unpacks it, then the pack removed or cut short.
    const taskRoot = mkdtempSync(path.join(tmpdir(), 'vigil-cloudtrail-task-'));
    try {
      extractZip(path.join(outDir, 'detectRealtimeEvent.zip'), taskRoot);
      const pack = path.join(taskRoot, PACK_FILE);
      if (damage === undefined) rmSync(pack);
      else writeFileSync(pack, packOf('detectRealtimeEvent').slice(0, 10_000));
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(environmentOf('DetectRealtimeEventLambdaFunction'))) {
        env[name] = typeof value === 'string' ? value : dummyFor(name);
      }

      // Act: load the handler module, as Lambda's init does.
      const run = promisify(execFile)(process.execPath, ['-e', 'require(process.env.BUNDLE)'], {
        cwd: tmpdir(),
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          LAMBDA_TASK_ROOT: taskRoot,
          NODE_PATH: path.join(serviceDir, 'node_modules'),
          BUNDLE: path.join(taskRoot, 'src/handlers/detect-realtime-event.js'),
        },
      });

      // Assess
      await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(message) });
      // RuleLoadError's code (minified bundles rename the class).
      await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining("code: 'RULE_LOAD'") });
    } finally {
      rmSync(taskRoot, { recursive: true, force: true });
    }
  });

  describe('the packaged real-time handler on local-cloud', () => {
    let cloud: LocalCloud;
    let taskRoot: string;

    beforeAll(async () => {
      taskRoot = mkdtempSync(path.join(tmpdir(), 'vigil-cloudtrail-task-'));
      extractZip(path.join(outDir, 'detectRealtimeEvent.zip'), taskRoot);
      cloud = await startLocalCloud({ stage: STAGE, services: ['platform', 'cloudtrail-parser'] });
    }, 120_000);

    afterAll(async () => {
      await cloud?.stop();
      if (taskRoot) rmSync(taskRoot, { recursive: true, force: true });
    });

    it('loads the compiled pack next to its bundle at cold start and alerts on StopLogging', async () => {
      // Prepare: the function's environment from the template, its intrinsic values resolved locally.
      const clientConfig = {
        endpoint: cloud.endpoints.sqs,
        region: cloud.region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      };
      const sqs = new SQSClient(clientConfig);
      const sns = new SNSClient({ ...clientConfig, endpoint: cloud.endpoints.sns });
      const capture = (await sqs.send(new CreateQueueCommand({ QueueName: 'pkg-capture' }))).QueueUrl ?? '';
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: capture, AttributeNames: ['QueueArn'] })
      );
      await sns.send(
        new SubscribeCommand({
          TopicArn: `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${STAGE}-alerts`,
          Protocol: 'sqs',
          Endpoint: Attributes?.QueueArn ?? '',
        })
      );
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(environmentOf('DetectRealtimeEventLambdaFunction'))) {
        env[name] = await resolveValue(value, sqs);
      }
      const event = {
        version: '0',
        id: '5b3c1f3e-0000-4000-8000-000000000001',
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.cloudtrail',
        account: '111122223333',
        time: '2024-07-31T13:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: stopLoggingRecord('5b3c1f3e-0000-4000-8000-00000000000a'),
      };

      // Act: Lambda's layout (code in the task root, the SDK from the runtime), another working directory.
      // Asynchronously: local-cloud serves the child from this very process.
      const run = await promisify(execFile)(process.execPath, ['-e', INVOKE], {
        cwd: tmpdir(),
        encoding: 'utf8',
        timeout: 50_000,
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          ...cloud.env(),
          LAMBDA_TASK_ROOT: taskRoot,
          NODE_PATH: path.join(serviceDir, 'node_modules'),
          POWERTOOLS_DEV: 'true',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          BUNDLE: path.join(taskRoot, 'src/handlers/detect-realtime-event.js'),
          EVENT: JSON.stringify(event),
        },
      });
      const line = run.stdout.split('\n').find((text) => text.startsWith('RESULT '));
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: capture, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 })
      );

      // Assess
      expect(run.stderr.slice(0, 2_000)).toBe('');
      expect(JSON.parse(line?.slice('RESULT '.length) ?? '{}')).toMatchObject({ published: 1 });
      const ruleIds = (Messages ?? []).map(
        (message) => JSON.parse(message.Body ?? '{}').MessageAttributes?.ruleId?.Value
      );
      expect(ruleIds).toEqual(['cloudtrail-stop-logging']);
    });

    /** A template value with `Ref` (table name / queue URL) and `Fn::Sub` (region, account) resolved. */
    async function resolveValue(value: unknown, sqs: SQSClient): Promise<string> {
      if (typeof value === 'string') return value;
      const object = value as Record<string, unknown>;
      if (typeof object['Fn::Sub'] === 'string') {
        return object['Fn::Sub'].replace(/\$\{AWS::(Region|AccountId)\}/g, (_, name) =>
          name === 'Region' ? cloud.region : cloud.accountId
        );
      }
      const properties = template.Resources[String(object.Ref)]?.Properties ?? {};
      if (typeof properties.TableName === 'string') return properties.TableName;
      if (typeof properties.QueueName === 'string') {
        return (await sqs.send(new GetQueueUrlCommand({ QueueName: properties.QueueName }))).QueueUrl ?? '';
      }
      throw new Error(`cannot resolve ${JSON.stringify(value)}`);
    }
  });
});

/** A value of the right shape for a variable the template fills from a resource (`Ref`, `Fn::Sub`). */
function dummyFor(name: string): string {
  if (name.endsWith('_ARN')) return 'arn:aws:sns:us-east-1:000000000000:vigil-pkg-dummy';
  if (name.endsWith('_URL')) return 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-pkg-dummy';
  return 'vigil-pkg-dummy';
}

/** Runs in the child: calls the bundle's `main` as Lambda would and prints its result. */
const INVOKE = `
const { main } = require(process.env.BUNDLE);
const context = {
  functionName: 'detectRealtimeEvent', functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:detectRealtimeEvent',
  awsRequestId: 'req-1', logGroupName: '/aws/lambda/detectRealtimeEvent', logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 30000,
  done() {}, fail() {}, succeed() {},
};
main(JSON.parse(process.env.EVENT), context).then(
  (result) => console.log('RESULT ' + JSON.stringify(result)),
  (error) => { console.error(error && error.stack); process.exitCode = 1; }
);
`;
