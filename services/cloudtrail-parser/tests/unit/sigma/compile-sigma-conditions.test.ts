import { matchingIndexes, record } from './sigma-fixtures';

const stop = record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' });
const deleteTrail = record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'DeleteTrail' });
const byRole = record({
  eventSource: 'cloudtrail.amazonaws.com',
  eventName: 'StopLogging',
  userIdentity: { type: 'AssumedRole' },
});
const other = record({ eventSource: 'ec2.amazonaws.com', eventName: 'DeleteFlowLogs' });
const records = [stop, deleteTrail, byRole, other];

const selections = {
  selection_source: { eventSource: 'cloudtrail.amazonaws.com' },
  selection_stop: { eventName: 'StopLogging' },
  selection_delete: { eventName: 'DeleteTrail' },
  filter_role: { 'userIdentity.type': 'AssumedRole' },
};

describe('compileSigmaRule conditions', () => {
  it.each([
    ['selection_source and selection_stop', [0, 2]],
    ['selection_stop or selection_delete', [0, 1, 2]],
    ['selection_source and not filter_role', [0, 1]],
    ['selection_source and (selection_stop or selection_delete) and not filter_role', [0, 1]],
    ['not selection_source or filter_role', [2, 3]],
    ['selection_source and 1 of selection_s*', [0, 1, 2]],
    ['all of selection_s*', [0, 2]],
    ['1 of them', [0, 1, 2]],
    ['all of them', []],
    ['selection_source and not 1 of filter_*', [0, 1]],
  ])('evaluates "%s"', (condition, expected) => {
    // Act
    const matched = matchingIndexes({ ...selections, condition }, records);

    // Assess
    expect(matched).toEqual(expected);
  });

  it('binds not tighter than and, and and tighter than or', () => {
    // Act
    const matched = matchingIndexes(
      { ...selections, condition: 'selection_delete or selection_source and not filter_role' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('reads a list of maps as any of them', () => {
    // Act
    const matched = matchingIndexes(
      {
        selection: [
          { eventName: 'StopLogging', 'userIdentity.type': 'IAMUser' },
          { eventName: 'DeleteFlowLogs' },
        ],
        condition: 'selection',
      },
      records
    );

    // Assess
    expect(matched).toEqual([0, 3]);
  });

  it('reads a list of conditions as any of them', () => {
    // Act
    const matched = matchingIndexes(
      { ...selections, condition: ['selection_delete', 'filter_role'] },
      records
    );

    // Assess
    expect(matched).toEqual([1, 2]);
  });

  it('skips names starting with an underscore in "them"', () => {
    // Act
    const matched = matchingIndexes(
      {
        selection: { eventName: 'DeleteTrail' },
        _helper: { eventName: 'StopLogging' },
        condition: '1 of them',
      },
      records
    );

    // Assess
    expect(matched).toEqual([1]);
  });
});
