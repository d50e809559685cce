import { ProgressBar } from '../../src/progress-bar';

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk) };
}

describe('ProgressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    // Prepare
    const stream = sink();
    const bar = new ProgressBar({ stream, isTTY: false, total: 10 });

    // Act
    bar.update(5);
    bar.stop();

    // Assess
    expect(stream.chunks).toEqual([]);
  });

  it('redraws in place with percentage and counts, at most once per interval, and always at the end', () => {
    // Prepare
    const stream = sink();
    let now = 0;
    const bar = new ProgressBar({ stream, isTTY: true, label: 'scan', total: 4, width: 4, now: () => now });

    // Act
    bar.update(1, 'a.json.gz');
    now = 50;
    bar.update(2);
    now = 150;
    bar.update(3);
    now = 160;
    bar.update(4);
    bar.stop();

    // Assess
    expect(stream.chunks).toEqual([
      '\r\u001b[2Kscan [#...] 25% 1/4 a.json.gz',
      '\r\u001b[2Kscan [###.] 75% 3/4',
      '\r\u001b[2Kscan [####] 100% 4/4',
      '\r\u001b[2K',
    ]);
  });

  it('shows a counter while the total is unknown', () => {
    // Prepare
    const stream = sink();
    const bar = new ProgressBar({ stream, isTTY: true, label: 'records', now: () => 0 });

    // Act
    bar.update(1234);

    // Assess
    expect(stream.chunks).toEqual(['\r\u001b[2Krecords 1234']);
  });
});
