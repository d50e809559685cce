import {
  applyStatefulRule,
  applyStatefulRuleSync,
  InMemoryRuleStateStore,
  stateKey,
} from '../../../src/core/stateful-rules';
import { loadEvent, makeRule } from './fixtures';

const burst = makeRule({
  id: 'burst',
  pattern: { eventName: [{ prefix: 'Describe' }] },
  threshold: { count: 3, window: '5m', groupBy: ['userIdentity.arn'] },
});

function describeAt(time: string, arn: string, eventID: string): Record<string, unknown> {
  return {
    ...loadEvent('describe-instances'),
    eventTime: time,
    eventID,
    userIdentity: { type: 'AssumedRole', arn },
  };
}

describe('applyStatefulRule', () => {
  it('alerts without state when the rule has neither threshold nor dedup', async () => {
    // Act
    const decision = await applyStatefulRule(
      makeRule(),
      loadEvent('stop-logging'),
      new InMemoryRuleStateStore()
    );

    // Assess
    expect(decision).toEqual({ shouldAlert: true, threshold: undefined });
  });

  it('alerts when the count is reached within the window of event time, then counts afresh', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const times = ['10:00:00', '10:01:00', '10:02:00', '10:03:00', '10:04:00', '10:05:00'];

    // Act
    const decisions = [];
    for (const [index, time] of times.entries()) {
      decisions.push(
        await applyStatefulRule(burst, describeAt(`2024-05-01T${time}Z`, 'arn:a', `e${index}`), store)
      );
    }

    // Assess
    expect(decisions.map((decision) => decision.shouldAlert)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(decisions[2]?.threshold).toEqual({ count: 3, windowSeconds: 300, groupKey: '[["arn:a"]]' });
  });

  it('does not count events outside the window, from other groups, or the same event twice', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();

    // Act
    const decisions = [
      await applyStatefulRule(burst, describeAt('2024-05-01T10:00:00Z', 'arn:a', 'e1'), store),
      await applyStatefulRule(burst, describeAt('2024-05-01T10:00:10Z', 'arn:b', 'e2'), store),
      await applyStatefulRule(burst, describeAt('2024-05-01T10:06:00Z', 'arn:a', 'e3'), store),
      await applyStatefulRule(burst, describeAt('2024-05-01T10:06:00Z', 'arn:a', 'e3'), store),
      await applyStatefulRule(burst, describeAt('2024-05-01T10:07:00Z', 'arn:a', 'e4'), store),
    ];

    // Assess
    expect(decisions.every((decision) => !decision.shouldAlert)).toBe(true);
  });

  it('never counts a record without a valid eventTime', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const rule = makeRule({ threshold: { count: 1, window: '1m', groupBy: [] } });

    // Act
    const decision = await applyStatefulRule(
      rule,
      { ...loadEvent('stop-logging'), eventTime: 'yesterday' },
      store
    );

    // Assess
    expect(decision.shouldAlert).toBe(false);
  });

  it('dedups by key within the window and alerts again after it', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const rule = makeRule({ id: 'read', dedup: { window: '1h', key: ['userIdentity.arn'] } });
    const at = (time: string, arn: string) => ({
      ...loadEvent('s3-get-object'),
      eventTime: time,
      eventID: `${arn}@${time}`,
      userIdentity: { arn },
    });

    // Act
    const decisions = [
      await applyStatefulRule(rule, at('2024-05-01T10:00:00Z', 'arn:a'), store),
      await applyStatefulRule(rule, at('2024-05-01T10:30:00Z', 'arn:a'), store),
      await applyStatefulRule(rule, at('2024-05-01T10:30:00Z', 'arn:b'), store),
      await applyStatefulRule(rule, at('2024-05-01T11:00:00Z', 'arn:a'), store),
    ];

    // Assess
    expect(decisions.map((decision) => decision.shouldAlert)).toEqual([true, false, true, true]);
  });
});

describe('applyStatefulRule on redelivered logs', () => {
  const fireAt = (decisions: { shouldAlert: boolean }[]) => decisions.map((decision) => decision.shouldAlert);

  it('fires again for the event that fired when its log is processed again, without recounting', async () => {
    // Prepare: a burst of 3 spread over two logs; the second log fires, then is redelivered (publish failed).
    const store = new InMemoryRuleStateStore();
    const firstLog = [
      describeAt('2024-05-01T10:00:00Z', 'arn:a', 'e1'),
      describeAt('2024-05-01T10:01:00Z', 'arn:a', 'e2'),
    ];
    const secondLog = [
      describeAt('2024-05-01T10:02:00Z', 'arn:a', 'e3'),
      describeAt('2024-05-01T10:02:30Z', 'arn:a', 'e4'),
    ];
    const run = async (records: Record<string, unknown>[]) => {
      const decisions = [];
      for (const record of records) decisions.push(await applyStatefulRule(burst, record, store));
      return decisions;
    };

    // Act
    const first = await run(firstLog);
    const delivered = await run(secondLog);
    const redelivered = await run(secondLog);
    const firstAgain = await run(firstLog);

    // Assess
    expect(fireAt(first)).toEqual([false, false]);
    expect(fireAt(delivered)).toEqual([true, false]);
    expect(fireAt(redelivered)).toEqual([true, false]);
    expect(redelivered[0]?.threshold).toEqual({ count: 3, windowSeconds: 300, groupKey: '[["arn:a"]]' });
    expect(fireAt(firstAgain)).toEqual([false, false]);
  });

  it('keeps consumed events from counting towards the next burst when they come again', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const burstRecords = ['e1', 'e2', 'e3'].map((id, index) =>
      describeAt(`2024-05-01T10:0${index}:00Z`, 'arn:a', id)
    );
    for (const record of burstRecords) await applyStatefulRule(burst, record, store);

    // Act: the start of the burst comes again, then one genuinely new event.
    for (const record of burstRecords.slice(0, 2)) await applyStatefulRule(burst, record, store);
    const next = await applyStatefulRule(burst, describeAt('2024-05-01T10:03:00Z', 'arn:a', 'e5'), store);

    // Assess
    expect(next.shouldAlert).toBe(false);
  });

  it('lets the event holding a dedup claim claim it again, and no other event', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const rule = makeRule({ id: 'read', dedup: { window: '1h', key: ['userIdentity.arn'] } });
    const read = (time: string, eventID: string) => ({
      ...loadEvent('s3-get-object'),
      eventTime: time,
      eventID,
      userIdentity: { arn: 'arn:a' },
    });

    // Act
    const decisions = [
      await applyStatefulRule(rule, read('2024-05-01T10:00:00Z', 'r1'), store),
      await applyStatefulRule(rule, read('2024-05-01T10:00:00Z', 'r1'), store),
      await applyStatefulRule(rule, read('2024-05-01T10:10:00Z', 'r2'), store),
      await applyStatefulRule(rule, read('2024-05-01T10:00:00Z', 'r1'), store),
    ];

    // Assess
    expect(fireAt(decisions)).toEqual([true, true, false, true]);
  });

  it('re-fires a threshold rule with dedup for the same event on redelivery', async () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const rule = makeRule({ ...burst, dedup: { window: '10m', key: ['userIdentity.arn'] } });
    const log = ['e1', 'e2', 'e3'].map((id, index) => describeAt(`2024-05-01T10:0${index}:00Z`, 'arn:a', id));

    // Act
    const once = [];
    for (const record of log) once.push(applyStatefulRuleSync(rule, record, store));
    const twice = [];
    for (const record of log) twice.push(applyStatefulRuleSync(rule, record, store));

    // Assess
    expect(fireAt(once)).toEqual([false, false, true]);
    expect(twice).toEqual(once);
  });
});

describe('applyStatefulRuleSync', () => {
  it('decides exactly like applyStatefulRule on the same sequence', async () => {
    // Prepare
    const rule = makeRule({ ...burst, dedup: { window: '10m', key: ['userIdentity.arn'] } });
    const records = Array.from({ length: 12 }, (_, index) =>
      describeAt(
        `2024-05-01T10:${String(index).padStart(2, '0')}:00Z`,
        index % 3 === 0 ? 'arn:b' : 'arn:a',
        `e${index}`
      )
    );
    const asyncStore = new InMemoryRuleStateStore();
    const syncStore = new InMemoryRuleStateStore();

    // Act
    const expected = [];
    for (const record of records) expected.push(await applyStatefulRule(rule, record, asyncStore));
    const actual = records.map((record) => applyStatefulRuleSync(rule, record, syncStore));

    // Assess
    expect(actual).toEqual(expected);
    expect(actual.some((decision) => decision.shouldAlert)).toBe(true);
  });
});

describe('stateKey', () => {
  it('lists the values at each path, missing ones as empty lists', () => {
    // Act & Assess
    expect(stateKey(loadEvent('s3-get-object'), ['requestParameters.bucketName', 'errorCode'])).toBe(
      '[["customer-exports"],[]]'
    );
  });
});

describe('InMemoryRuleStateStore', () => {
  it('forgets a threshold key once the stream is more than two windows past its latest event', () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const minute = 60_000;
    for (let index = 0; index < 100; index++) {
      store.hitThreshold(`old-${index}`, `e-${index}`, 0, 5 * minute, 3);
    }

    // Act
    for (let index = 0; index < 5000; index++) {
      store.hitThreshold('active', `a-${index}`, 11 * minute + index, 5 * minute, 1_000_000);
    }

    // Assess
    expect(store.thresholdKeyCount).toBe(1);
  });

  it('keeps forgetting threshold keys and dedup claims when every event brings a new key', () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const second = 1000;

    // Act: 50,000 one-off keys one second apart, 5-minute windows (600 keys within two windows)
    for (let index = 0; index < 50_000; index++) {
      store.hitThreshold(`burst-${index}`, `e-${index}`, index * second, 300 * second, 3);
      store.claimDedup(`claim-${index}`, `e-${index}`, index * second, 300 * second);
    }

    // Assess: sweeps leave at most the keys of the last two windows plus one sweep interval (4,096)
    expect(store.thresholdKeyCount).toBeLessThanOrEqual(600 + 4096);
    expect(store.dedupClaimCount).toBeLessThanOrEqual(600 + 4096);
  });

  it('forgets dedup claims more than two windows behind the stream, and still suppresses recent ones', () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const minute = 60_000;
    for (let index = 0; index < 100; index++) {
      store.claimDedup(`old-${index}`, `e-${index}`, 0, 5 * minute);
    }

    // Act
    for (let index = 0; index < 5000; index++) {
      store.claimDedup(`active-${index % 10}`, `a-${index}`, 11 * minute + index, 5 * minute);
    }

    // Assess
    expect(store.dedupClaimCount).toBe(10);
    expect(store.claimDedup('active-3', 'late', 11 * minute + 6000, 5 * minute)).toBe(false);
  });

  it('keeps counting a key whose events stay within two windows of the stream', () => {
    // Prepare
    const store = new InMemoryRuleStateStore();
    const minute = 60_000;
    store.hitThreshold('slow', 'first', 0, 5 * minute, 2);
    for (let index = 0; index < 5000; index++) {
      store.hitThreshold('other', `o-${index}`, 9 * minute, 5 * minute, 1_000_000);
    }

    // Act
    const hit = store.hitThreshold('slow', 'second', 4 * minute, 5 * minute, 2);

    // Assess
    expect(hit).toEqual({ count: 2, fires: true });
  });
});

describe('threshold and dedup keys', () => {
  it('are the stateKey text whether paths hold one string or lists', () => {
    // Prepare
    const rule = makeRule({
      id: 'keys',
      pattern: { eventName: ['X'] },
      threshold: { count: 1, window: '1m', groupBy: ['userIdentity.arn', 'resources.ARN', 'missing'] },
    });
    const record = {
      eventTime: '2024-05-01T10:00:00Z',
      eventID: 'e1',
      userIdentity: { arn: 'arn:aws:iam::1:user/"quoted"' },
      resources: [{ ARN: 'a' }, { ARN: 'b' }],
    };

    // Act
    const decision = applyStatefulRuleSync(rule, record, new InMemoryRuleStateStore());

    // Assess
    expect(decision.threshold?.groupKey).toBe(
      stateKey(record, ['userIdentity.arn', 'resources.ARN', 'missing'])
    );
  });
});
