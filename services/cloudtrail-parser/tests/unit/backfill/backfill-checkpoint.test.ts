import { BackfillCheckpoint } from '../../../src/core/backfill/backfill-checkpoint';
import { CheckpointMismatchError } from '../../../src/core/backfill/errors';

const OWNER = { bucket: 'trail', queueUrl: 'http://sqs/q' };

describe('BackfillCheckpoint', () => {
  it('advances the last key over leading sent keys and remembers the ones past a failure', () => {
    // Prepare
    const checkpoint = BackfillCheckpoint.open(undefined, OWNER);

    // Act
    checkpoint.record(
      'p/',
      [
        { key: 'p/a', isResolved: true },
        { key: 'p/b', isResolved: true },
        { key: 'p/c', isResolved: false },
        { key: 'p/d', isResolved: true },
      ],
      { objects: 3, bytes: 30 }
    );

    // Assess
    expect(checkpoint.startAfter('p/')).toBe('p/b');
    expect(checkpoint.wasSent('p/', 'p/d')).toBe(true);
    expect(checkpoint.wasSent('p/', 'p/c')).toBe(false);
    expect(checkpoint.enqueued).toEqual({ objects: 3, bytes: 30 });
  });

  it('survives a save and load, and forgets sent keys once the last key passes them', () => {
    // Prepare
    const first = BackfillCheckpoint.open(undefined, OWNER);
    first.record(
      'p/',
      [
        { key: 'p/a', isResolved: false },
        { key: 'p/b', isResolved: true },
      ],
      { objects: 1, bytes: 10 }
    );
    const stored: unknown = JSON.parse(JSON.stringify(first.snapshot(new Date(0))));

    // Act
    const resumed = BackfillCheckpoint.open(stored, OWNER);
    resumed.record(
      'p/',
      [
        { key: 'p/a', isResolved: true },
        { key: 'p/b', isResolved: true },
      ],
      { objects: 1, bytes: 10 }
    );

    // Assess
    expect(resumed.startAfter('p/')).toBe('p/b');
    expect(resumed.snapshot(new Date(0)).prefixes['p/']).toEqual({ lastKey: 'p/b' });
    expect(resumed.enqueued).toEqual({ objects: 2, bytes: 20 });
  });

  it('marks finished prefixes without keeping their keys', () => {
    // Prepare
    const checkpoint = BackfillCheckpoint.open(undefined, OWNER);
    checkpoint.record('p/', [{ key: 'p/a', isResolved: true }], { objects: 1, bytes: 1 });

    // Act
    checkpoint.complete('p/');

    // Assess
    expect(checkpoint.isComplete('p/')).toBe(true);
    expect(checkpoint.snapshot(new Date(0)).prefixes['p/']).toEqual({ complete: true });
  });

  it('refuses a checkpoint of another bucket or queue, or a file that is no checkpoint', () => {
    // Prepare
    const stored = BackfillCheckpoint.open(undefined, OWNER).snapshot(new Date(0));

    // Act
    const otherBucket = () => BackfillCheckpoint.open(stored, { ...OWNER, bucket: 'other' });
    const otherQueue = () => BackfillCheckpoint.open(stored, { ...OWNER, queueUrl: 'http://sqs/other' });
    const garbage = () => BackfillCheckpoint.open({ hello: 1 }, OWNER);
    const dryRun = () => BackfillCheckpoint.open(stored, { bucket: 'trail' });

    // Assess
    expect(otherBucket).toThrow(CheckpointMismatchError);
    expect(otherQueue).toThrow('use another --checkpoint file');
    expect(garbage).toThrow('not a backfill checkpoint');
    expect(dryRun).not.toThrow();
  });
});
