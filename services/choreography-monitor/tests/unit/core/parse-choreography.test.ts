import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseChoreography, validateChoreography } from '../../../src/core/parse-choreography';
import { ChoreographyValidationError } from '../../../src/errors';
import { CHOREOGRAPHIES_DIR } from '../../helpers/models';

const FILE = 'choreographies/test.yml';

function minimal(): Record<string, unknown> {
  return {
    name: 'parcel',
    correlationIdPath: 'detail.parcel_id',
    start: { event: 'Parcel Registered', next: 'InTransit' },
    states: {
      InTransit: { timeoutSeconds: 60, on: [{ event: 'Parcel Delivered', next: 'Delivered' }] },
      Delivered: { outcome: 'success' },
    },
  };
}

function issuesOf(value: unknown): string[] {
  try {
    validateChoreography(value, FILE);
  } catch (error) {
    if (error instanceof ChoreographyValidationError)
      return error.issues.map((issue) => `${issue.path}: ${issue.reason}`);
    throw error;
  }
  return [];
}

describe('parseChoreography', () => {
  it.each(['order.yml', 'refund.yml'])('accepts the shipped %s', (file) => {
    // Prepare
    const text = readFileSync(path.join(CHOREOGRAPHIES_DIR, file), 'utf8');

    // Act
    const model = parseChoreography(text, file);

    // Assess
    expect(model.waitStates.length).toBeGreaterThan(2);
    expect(model.terminalStates.some((state) => state.outcome === 'success')).toBe(true);
  });

  it('resolves each waiting state SLA from its own timeout or the default', () => {
    // Prepare
    const value = {
      ...minimal(),
      defaultTimeoutSeconds: 300,
      states: { ...(minimal().states as object), Held: { on: [{ event: 'Released', next: 'Delivered' }] } },
    };
    (value.states as Record<string, { on?: unknown[] }>).InTransit?.on?.push({
      event: 'Held At Depot',
      next: 'Held',
    });

    // Act
    const model = validateChoreography(value, FILE);

    // Assess
    expect(model.waitStates.map((state) => [state.name, state.timeoutSeconds])).toEqual([
      ['InTransit', 60],
      ['Held', 300],
    ]);
  });

  it('names the file, the field path and the reason of an unknown next state', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, { on: { next: string }[] }>).InTransit = {
      on: [{ event: 'Parcel Delivered', next: 'Deliverd' }],
    } as never;

    // Act
    const act = () => parseChoreography(stringify(value), FILE);

    // Assess
    expect(act).toThrow(ChoreographyValidationError);
    expect(act).toThrow(
      /^choreographies\/test\.yml: .*states\.InTransit\.on\[0\]\.next: unknown state "Deliverd"/
    );
  });

  it('requires an SLA on every waiting state', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).InTransit = {
      on: [{ event: 'Parcel Delivered', next: 'Delivered' }],
    };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toEqual([
      'states.InTransit.timeoutSeconds: required: a waiting state needs an SLA (or set defaultTimeoutSeconds)',
    ]);
  });

  it('reports schema problems with their paths', () => {
    // Prepare
    const value = { ...minimal(), name: 'Parcel Flow', correlationIdPath: 'order_id', extra: true };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: expected lowercase letters/),
        expect.stringMatching(/^correlationIdPath: expected a path into detail/),
        expect.stringMatching(/^\(root\)|^: unexpected key "extra"|unexpected key "extra"/),
      ])
    );
  });

  it('refuses a state that is both waiting and terminal', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).Delivered = {
      outcome: 'success',
      on: [{ event: 'X', next: 'InTransit' }],
    };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toEqual([
      expect.stringMatching(
        /^states\.Delivered: expected either "on" \(a waiting state\) or "outcome" \(a terminal state\)/
      ),
    ]);
  });

  it('refuses unreachable states', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).Lost = { outcome: 'failure' };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toEqual(['states.Lost: unreachable from the start state InTransit']);
  });

  it('refuses the start event as a transition and a transition that can never be taken', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).InTransit = {
      timeoutSeconds: 60,
      on: [
        { event: 'Parcel Delivered', next: 'Delivered' },
        { event: 'Parcel Delivered', detail: { signed: [true] }, next: 'Delivered' },
        { event: 'Parcel Registered', next: 'Delivered' },
      ],
    };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toEqual([
      'states.InTransit.on[1]: never taken: an earlier transition on "Parcel Delivered" has no detail conditions',
      'states.InTransit.on[2].event: "Parcel Registered" is the start event; it cannot also be a transition',
    ]);
  });

  it('refuses detail conditions Step Functions cannot evaluate, and invalid patterns', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).InTransit = {
      timeoutSeconds: 60,
      on: [
        { event: 'Parcel Delivered', detail: { ip: [{ cidr: '10.0.0.0/8' }] }, next: 'Delivered' },
        { event: 'Parcel Lost', detail: { weight: [{ numeric: ['>'] }] }, next: 'Delivered' },
      ],
    };

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(
      /^states\.InTransit\.on\[0\]\.detail\.ip: the "cidr" operator is not supported/
    );
    expect(issues[1]).toMatch(/^states\.InTransit\.on\[1\]\.detail\.weight: /);
  });

  it('reports YAML syntax errors with their line', () => {
    // Prepare
    const text = 'name: parcel\nstates:\n  A: [unclosed\n';

    // Act
    const act = () => parseChoreography(text, FILE);

    // Assess
    expect(act).toThrow(/^choreographies\/test\.yml: \(file\): line \d+, column \d+: /);
  });

  it('reserves the Stuck state name and requires a success outcome', () => {
    // Prepare
    const value = minimal();
    (value.states as Record<string, unknown>).InTransit = {
      timeoutSeconds: 60,
      on: [{ event: 'Parcel Delivered', next: 'Stuck' }],
    };
    (value.states as Record<string, unknown>).Stuck = { outcome: 'failure' };
    delete (value.states as Record<string, unknown>).Delivered;

    // Act
    const issues = issuesOf(value);

    // Assess
    expect(issues).toContain('states.Stuck: "Stuck" is reserved for timed-out workflows');
  });
});
