import { loadProgressBar } from '../../../src/adapters/backfill-progress-bar';

describe('loadProgressBar', () => {
  it("builds @vigil/cli's ProgressBar with the backfill's options", () => {
    // Prepare
    const built: unknown[] = [];
    class ProgressBar {
      constructor(options: unknown) {
        built.push(options);
      }
      update(): void {}
      stop(): void {}
    }
    const options = { stream: { write: () => true }, isTTY: true, label: 'backfill', total: 3 };

    // Act
    const factory = loadProgressBar((id) => (id === '@vigil/cli' ? { ProgressBar } : undefined));
    const bar = factory?.(options);

    // Assess
    expect(bar).toBeInstanceOf(ProgressBar);
    expect(built).toEqual([options]);
  });

  it('runs without a bar when @vigil/cli cannot be loaded', () => {
    // Act
    const factory = loadProgressBar(() => {
      throw new Error("Cannot find module '@vigil/cli'");
    });

    // Assess
    expect(factory).toBeUndefined();
  });
});
