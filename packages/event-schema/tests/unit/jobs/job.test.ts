import { DispatchedJobDetailSchema } from '../../../src/jobs/dispatched-job';
import {
  CancelJobRequestSchema,
  JobSchema,
  MAX_JOB_DETAIL_BYTES,
  ScheduleJobRequestSchema,
} from '../../../src/jobs/job';
import { SchedulerPausedSchema, VIGIL_SCHEDULER_PAUSED } from '../../../src/jobs/scheduler-paused';
import { eventBridgeEnvelope } from '../../../src/triggers/eventbridge-envelope';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

describe('JobSchema', () => {
  it('parses a recurring job with its failure and spreading policy', () => {
    // Prepare
    const job = loadEvent('vigil/job-recurring-scan.json');

    // Act
    const parsed = parseWith(JobSchema, job, 'job');

    // Assess
    expect(parsed.recurrence?.timezone).toBe('Europe/Paris');
    expect(parsed.flexibleWindowMinutes).toBe(30);
    expect(parsed.dueAt).toBe('2024-05-15T02:00:00+02:00');
  });

  it.each([
    ['jobId', 'has#hash', 'jobId: expected letters, digits and . _ : @ - only, got "has#hash"'],
    [
      'source',
      'aws.events',
      'source: expected a source not starting with aws. (reserved by AWS), got "aws.events"',
    ],
    ['dueAt', '2024-05-15 02:00', 'dueAt: expected an ISO 8601 date-time'],
    ['maxEventAgeSeconds', 30, 'maxEventAgeSeconds: expected a number >= 60, got 30'],
    ['jitterSeconds', 1.5, 'jitterSeconds: expected int, got 1.5'],
  ])('rejects a bad %s', (field, value, message) => {
    // Prepare
    const job = { ...loadEventRecord('vigil/job-recurring-scan.json'), [field]: value };

    // Act
    const act = () => parseWith(JobSchema, job, 'job');

    // Assess
    expect(act).toThrow(message);
  });

  it('rejects a detail too large for one EventBridge entry', () => {
    // Prepare
    const job = {
      ...loadEventRecord('vigil/job-recurring-scan.json'),
      detail: { blob: 'x'.repeat(MAX_JOB_DETAIL_BYTES) },
    };

    // Act
    const act = () => parseWith(JobSchema, job, 'job');

    // Assess
    expect(act).toThrow(`detail: expected a detail of at most ${MAX_JOB_DETAIL_BYTES} bytes of JSON`);
  });
});

describe('ScheduleJobRequestSchema', () => {
  it('accepts a one-time request without a job id', () => {
    // Prepare
    const request = loadEvent('vigil/schedule-job-request-one-time.json');

    // Act
    const parsed = parseWith(ScheduleJobRequestSchema, request, 'schedule request');

    // Assess
    expect(parsed.jobId).toBeUndefined();
    expect(parsed.targetBus).toMatch(/event-bus\/reminders$/);
  });

  it('accepts a recurring request without dueAt and rejects one with neither', () => {
    // Prepare
    const { dueAt: _dueAt, ...recurring } = loadEventRecord('vigil/job-recurring-scan.json');
    const { dueAt: _unused, ...neither } = loadEventRecord('vigil/schedule-job-request-one-time.json');

    // Act
    const ok = ScheduleJobRequestSchema.safeParse(recurring);
    const act = () => parseWith(ScheduleJobRequestSchema, neither, 'schedule request');

    // Assess
    expect(ok.success).toBe(true);
    expect(act).toThrow('dueAt: expected dueAt or recurrence');
  });
});

describe('CancelJobRequestSchema', () => {
  it('needs a job id', () => {
    // Prepare
    const request = {};

    // Act
    const act = () => parseWith(CancelJobRequestSchema, request, 'cancel request');

    // Assess
    expect(act).toThrow('invalid cancel request: jobId: expected string, got nothing (missing)');
  });
});

describe('DispatchedJobDetailSchema', () => {
  it('keeps the job detail and adds vigilJob', () => {
    // Prepare
    const event = loadEvent('vigil/dispatched-job-event.json');

    // Act
    const parsed = parseWith(eventBridgeEnvelope(DispatchedJobDetailSchema), event, 'job event');

    // Assess
    expect(parsed.detail.vigilJob.attempt).toBe(1);
    expect(parsed.detail).toHaveProperty('scope', 'full');
  });
});

describe('SchedulerPausedSchema', () => {
  it('parses the pause notice of the VIGIL_SCHEDULER_PAUSED contract', () => {
    // Prepare
    const detail = loadEvent('vigil/vigil-scheduler-paused.json');

    // Act
    const parsed = parseWith(VIGIL_SCHEDULER_PAUSED.schema, detail, 'pause notice');

    // Assess
    expect(parsed.errorCode).toBe('ThrottlingException');
    expect(VIGIL_SCHEDULER_PAUSED.schema).toBe(SchedulerPausedSchema);
    expect(VIGIL_SCHEDULER_PAUSED.source).toBe('vigil.scheduler');
  });
});
