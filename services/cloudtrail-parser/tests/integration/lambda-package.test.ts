import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
import { stopLoggingRecord } from '../helpers/alert-fixtures';
import { extractZip, readZipEntries } from '../helpers/zip-archive';

// The Lambda packages as `serverless package` builds them: the esbuild bundle alone knows nothing of the
// rule pack's YAML files, so the zip must carry them and the function must find them from its task root.
const STAGE = 'pkg';
const serviceDir = path.resolve(__dirname, '../..');
const FUNCTIONS = [
  { name: 'ingestLogFiles', logicalId: 'IngestLogFilesLambdaFunction' },
  { name: 'detectRealtimeEvent', logicalId: 'DetectRealtimeEventLambdaFunction' },
];

function ruleFiles(dir: string, prefix = 'rules'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? ruleFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`)
      : entry.name.endsWith('.yml')
        ? [`${prefix}/${entry.name}`]
        : []
  );
}

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

  function environmentOf(logicalId: string): Record<string, unknown> {
    const properties = template.Resources[logicalId]?.Properties ?? {};
    return (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  }

  it.each(FUNCTIONS)('ships every rule of the pack next to the bundle of $name', ({ name, logicalId }) => {
    // Act
    const names = readZipEntries(path.join(outDir, `${name}.zip`)).entries.map((entry) => entry.name);
    const handler = String(template.Resources[logicalId]?.Properties?.Handler);

    // Assess
    const expected = ruleFiles(path.join(serviceDir, 'rules'));
    expect(expected.length).toBeGreaterThanOrEqual(120);
    expect(names.filter((entry) => entry.startsWith('rules/')).sort()).toEqual(expected.sort());
    expect(names).toContain(`${handler.slice(0, handler.lastIndexOf('.'))}.js`);
    expect(environmentOf(logicalId).RULES_DIR).toBe('rules');
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

    it('loads the built-in pack from its task root and alerts on StopLogging', async () => {
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
