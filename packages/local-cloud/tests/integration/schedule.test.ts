import { type LocalCloud, startLocalCloud } from '../../src/index';
import { FIXTURE_SERVICE, recordingFunction } from '../helpers/fixture';

describe('schedules', () => {
  const tick = recordingFunction();
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud({
      services: [FIXTURE_SERVICE],
      functions: { 'fixture-dev-tick': tick.handler },
      clockStart: new Date('2024-01-01T11:50:00Z'),
    });
  }, 60_000);

  afterAll(() => cloud.stop());

  it('fires nothing until the clock moves', async () => {
    // Act
    const fires = await cloud.router.tick(new Date('2024-01-01T11:50:00Z'));

    // Assess
    expect(fires).toEqual([]);
    expect(tick.events).toEqual([]);
  });

  it('fires rate and cron schedules due on tick as Scheduled Events or their input', async () => {
    // Act
    const fires = await cloud.router.tick(new Date('2024-01-01T12:01:00Z'));

    // Assess
    expect(fires.map((fire) => [fire.ruleName, fire.time.toISOString()])).toEqual([
      ['fixture-dev-tick-schedule-1', '2024-01-01T11:55:00.000Z'],
      ['fixture-dev-tick-schedule-1', '2024-01-01T12:00:00.000Z'],
      ['fixture-dev-tick-schedule-2', '2024-01-01T12:00:00.000Z'],
    ]);
    expect(tick.events).toEqual(
      expect.arrayContaining([
        {
          version: '0',
          id: expect.any(String),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: '000000000000',
          time: '2024-01-01T11:55:00Z',
          region: 'us-east-1',
          resources: ['arn:aws:events:us-east-1:000000000000:rule/fixture-dev-tick-schedule-1'],
          detail: {},
        },
        { kind: 'noon' },
      ])
    );
    expect(tick.events).toHaveLength(3);
  });

  it('never fires the same occurrence twice', async () => {
    // Act
    const again = await cloud.router.tick(new Date('2024-01-01T12:01:00Z'));
    const next = await cloud.router.tick(new Date('2024-01-01T12:05:00Z'));

    // Assess
    expect(again).toEqual([]);
    expect(next.map((fire) => fire.time.toISOString())).toEqual(['2024-01-01T12:05:00.000Z']);
  });
});
