/** The parts of an ARN (`arn:partition:service:region:account:resource`). */
export type Arn = { partition: string; service: string; region: string; account: string; resource: string };

/** Splits an ARN; `undefined` when the text is not one. The resource part keeps its own `:` and `/`. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (partition === '' || service === '') return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The last `/`-separated segment (IAM names after their path, instance ids after `instance/`). */
export function lastSegment(text: string): string {
  const index = text.lastIndexOf('/');
  return index === -1 ? text : text.slice(index + 1);
}
