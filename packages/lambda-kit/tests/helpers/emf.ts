import { z } from 'zod';

const EmfSchema = z.looseObject({
  _aws: z.object({
    CloudWatchMetrics: z.array(
      z.object({
        Namespace: z.string(),
        Dimensions: z.array(z.array(z.string())),
        Metrics: z.array(z.object({ Name: z.string() })),
      })
    ),
  }),
});

/** One EMF blob the metrics singleton printed. */
export type EmfBlob = z.infer<typeof EmfSchema>;

/**
 * Spies on `console.log` (where powertools prints EMF in dev mode) and returns the EMF blobs seen so far.
 */
export function captureEmf(): { blobs: () => EmfBlob[]; restore: () => void } {
  const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  return {
    blobs: () =>
      spy.mock.calls.flatMap(([line]) => {
        if (typeof line !== 'string') return [];
        const parsed = EmfSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      }),
    restore: () => {
      spy.mockRestore();
      warn.mockRestore();
    },
  };
}

/** Every metric name across EMF blobs, with its value. */
export function metricValues(blobs: EmfBlob[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const blob of blobs) {
    for (const directive of blob._aws.CloudWatchMetrics) {
      for (const metric of directive.Metrics) values[metric.Name] = blob[metric.Name];
    }
  }
  return values;
}
