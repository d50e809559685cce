import { PermanentCloudTrailParserError } from '../../errors';

/**
 * A Sigma rule Vigil will not compile: another log source, a keyword search, an aggregation, an unknown
 * modifier... The whole rule is rejected (never half-compiled); `reason` says why.
 */
export class UnsupportedSigmaRuleError extends PermanentCloudTrailParserError {
  readonly reason: string;
  /** The Sigma rule's `id` (or title) when the document has one, for reports. */
  readonly sigmaId: string | undefined;

  constructor(reason: string, options: { sigmaId?: string | undefined; cause?: unknown } = {}) {
    const from = options.sigmaId === undefined ? '' : `sigma rule ${options.sigmaId}: `;
    super(`${from}${reason}`, { code: 'UNSUPPORTED_SIGMA_RULE', cause: options.cause });
    this.reason = reason;
    this.sigmaId = options.sigmaId;
  }
}
