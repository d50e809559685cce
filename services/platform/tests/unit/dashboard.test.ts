// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation/Serverless `${...}` placeholders, not JS templates
import { type Packaged, packageService } from '../helpers/package-service';
import { serviceDefinition, sourceText } from '../helpers/service-definitions';

const SERVICES = ['cloudtrail-parser', 'job-dispatcher', 'guardduty-correlator', 'choreography-monitor'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

type MetricLine = (string | Record<string, unknown>)[];
interface Widget {
  type: string;
  properties: { title?: string; region?: string; stat?: string; metrics?: MetricLine[]; markdown?: string };
}

let packaged: Map<string, Packaged>;

beforeAll(async () => {
  packaged = await packageService('platform', ['dev', 'prod']);
}, 120_000);

function dashboardOf(stage: string): { name: unknown; sub: string; widgets: Widget[] } {
  const result = packaged.get(stage);
  if (!result?.ok) throw new Error(`platform did not package for ${stage}: ${result?.error}`);
  const dashboards = Object.values(result.template.Resources).filter(
    (r) => r.Type === 'AWS::CloudWatch::Dashboard'
  );
  expect(dashboards).toHaveLength(1);
  const props = dashboards[0]?.Properties ?? {};
  const body = props.DashboardBody as { 'Fn::Sub'?: unknown };
  const sub = typeof body['Fn::Sub'] === 'string' ? body['Fn::Sub'] : '';
  // What CloudFormation would make of it in eu-west-1, account 123456789012.
  const rendered = sub
    .replaceAll('${AWS::Region}', 'eu-west-1')
    .replaceAll('${AWS::AccountId}', '123456789012');
  return { name: props.DashboardName, sub, widgets: JSON.parse(rendered).widgets };
}

/** Metric lines with CloudWatch's "." (same as the line above) shorthand expanded. */
function expandedMetrics(widget: Widget): string[][] {
  const lines: string[][] = [];
  for (const line of widget.properties.metrics ?? []) {
    const values = line.filter((part): part is string => typeof part === 'string');
    const previous = lines.at(-1) ?? [];
    lines.push(values.map((value, index) => (value === '.' ? (previous[index] ?? '.') : value)));
  }
  return lines;
}

function widgetTitled(widgets: Widget[], title: string): Widget {
  const widget = widgets.find((candidate) => candidate.properties.title === title);
  if (widget === undefined) throw new Error(`no widget titled ${title}`);
  return widget;
}

describe.each(['dev', 'prod'])('platform dashboard (%s)', (stage) => {
  it('is named after the stage and takes region and account from Fn::Sub', () => {
    // Act
    const { name, sub, widgets } = dashboardOf(stage);

    // Assess
    expect(name).toBe(`vigil-${stage}`);
    expect(sub).toContain('${AWS::Region}');
    expect(sub).toContain('${AWS::AccountId}');
    expect(sub).not.toMatch(/us-east-1|\$\{sls:|\$\{param:/);
    for (const widget of widgets.filter((w) => w.type === 'metric'))
      expect(widget.properties.region).toBe('eu-west-1');
  });

  it.each(SERVICES)('shows errors, throttles and p99 durations of every %s function', (folder) => {
    // Prepare
    const { widgets } = dashboardOf(stage);
    const definition = serviceDefinition(folder);
    const names = definition.functions.map((fn) => `${definition.service}-${stage}-${fn}`).sort();

    // Act
    const shown = (title: string, metric: string) =>
      expandedMetrics(widgetTitled(widgets, `${folder}: ${title}`))
        .filter(([namespace, name]) => namespace === 'AWS/Lambda' && name === metric)
        .map((line) => line[3])
        .sort();

    // Assess
    expect(shown('errors', 'Errors')).toEqual(names);
    expect(shown('throttles', 'Throttles')).toEqual(names);
    expect(shown('duration p99 (ms)', 'Duration')).toEqual(names);
    expect(widgetTitled(widgets, `${folder}: duration p99 (ms)`).properties.stat).toBe('p99');
  });

  it('shows the depth of every DLQ of every service', () => {
    // Prepare
    const { widgets } = dashboardOf(stage);
    const expected = SERVICES.flatMap((folder) => serviceDefinition(folder).deadLetterQueues).map((name) =>
      name.replaceAll('${stage}', stage)
    );

    // Act
    const shown = expandedMetrics(widgetTitled(widgets, 'DLQ depths (messages waiting)'))
      .filter(
        ([namespace, metric]) => namespace === 'AWS/SQS' && metric === 'ApproximateNumberOfMessagesVisible'
      )
      .map((line) => line[3]);

    // Assess
    expect(shown.sort()).toEqual([...expected].sort());
  });

  it('shows alerts by severity, dispatch lag p99, correlations and workflow outcomes', () => {
    // Prepare
    const { widgets } = dashboardOf(stage);

    // Act
    const alerts = expandedMetrics(widgetTitled(widgets, 'Alerts by severity'));
    const lag = expandedMetrics(widgetTitled(widgets, 'Dispatch lag p99 (ms)'));
    const correlations = expandedMetrics(widgetTitled(widgets, 'Correlations'));
    const outcomes = JSON.stringify(widgetTitled(widgets, 'Workflow outcomes').properties.metrics);

    // Assess
    expect(alerts).toEqual(
      SEVERITIES.map((severity) => ['Vigil', 'Alerts', 'service', 'cloudtrail-parser', 'severity', severity])
    );
    expect(lag[0]).toEqual(['Vigil', 'LagP99', 'service', 'job-dispatcher']);
    expect(correlations.map((line) => line[1])).toEqual([
      'CorrelationCreated',
      'CorrelationUpdated',
      'CorrelationResumed',
    ]);
    for (const metric of ['WorkflowsCompleted', 'WorkflowsFailed', 'WorkflowsStuck'])
      expect(outcomes).toContain(metric);
  });
});

describe('dashboard custom metrics', () => {
  it.each([
    ['cloudtrail-parser', ["'Alerts'", "addDimension('severity'"]],
    ['job-dispatcher', ["'LagP99'"]],
    ['guardduty-correlator', ["'CorrelationCreated'", "'CorrelationUpdated'", "'CorrelationResumed'"]],
    ['choreography-monitor', ["'WorkflowsCompleted'", "'WorkflowsFailed'", "'WorkflowsStuck'"]],
  ])('are emitted by %s under the names the dashboard reads', (folder, needles) => {
    // Prepare
    const source = sourceText(folder) ?? '';

    // Assess
    for (const needle of needles) expect(source).toContain(needle);
  });
});
