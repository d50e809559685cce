// What start.sh prints once the scenarios ran: the summary, then (without --once) how to use what runs.
import type { LocalCloud } from '@vigil/local-cloud';
import { elapsed } from './feed';
import type { OfflineService } from './offline-service';
import type { ScenarioResult } from './scenarios';

/** Prints the summary; true when every scenario produced its expected output. */
export function printSummary(results: ScenarioResult[]): boolean {
  const failed = results.filter((result) => !result.ok);
  process.stdout.write('\nSummary\n');
  for (const result of results) {
    process.stdout.write(
      `  ${result.ok ? 'ok  ' : 'FAIL'}  ${result.service}: ${result.name} — ${result.summary} (${result.seconds.toFixed(1)}s)\n`
    );
  }
  process.stdout.write(
    `${results.length - failed.length}/${results.length} scenarios produced their expected output in ${elapsed().trim()}\n`
  );
  return failed.length === 0 && results.length > 0;
}

export function printHowTo(cloud: LocalCloud, services: OfflineService[]): void {
  const env = cloud.env();
  const bus = `vigil-${cloud.stage}`;
  const jobs = services.find((service) => service.name === 'job-dispatcher');
  const lines = [
    '',
    'Vigil is running locally: the local cloud plus each service under serverless-offline.',
    ...services.map(
      (service) => `  ${service.name.padEnd(22)} Lambda API ${service.lambdaEndpoint}, log ${service.logFile}`
    ),
    '',
    'Try it from another shell:',
    `  export ${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join(' \\\n         ')}`,
    `  aws s3 cp my-trail.json.gz s3://vigil-${cloud.stage}-cloudtrail-${cloud.accountId}-${cloud.region}/AWSLogs/${cloud.accountId}/CloudTrail/${cloud.region}/2026/01/01/x.json.gz`,
    `  aws events put-events --entries '[{"Source":"com.example.orders","DetailType":"Order Placed","Detail":"{\\"order_id\\":\\"o-1\\"}","EventBusName":"${bus}"}]'`,
    ...(jobs === undefined
      ? []
      : [
          `  aws lambda invoke --endpoint-url ${jobs.lambdaEndpoint} --function-name vigil-jobs-${cloud.stage}-scheduleJob \\`,
          `    --cli-binary-format raw-in-base64-out --payload '{"action":"schedule","job":{"dueAt":"2030-01-01T00:00:00Z","source":"my.app","detailType":"Reminder","detail":{}}}' /dev/stdout`,
          `  SDK: new LambdaClient({ endpoint: '${jobs.lambdaEndpoint}' }) — likewise S3Client({ endpoint: '${cloud.endpoints.s3}', forcePathStyle: true })…`,
        ]),
    '  pnpm --silent vigil scan <downloaded CloudTrail logs>',
    'Schedules (the dispatcher tick) now follow the wall clock.',
    `State lives in ${cloud.stateDir}. Press Ctrl-C to stop everything.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
