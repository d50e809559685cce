import { z } from 'zod';
import { isJsonObject, numberAt, objectAt, stringAt } from './record-fields';

/** STS calls whose response issues temporary credentials (`responseElements.credentials`). */
export const ISSUING_EVENT_NAMES: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
  'GetSessionToken',
]);

const OptionalText = z.string().optional();

/** Who called the issuing API (the previous hop of a chain). */
export const IssuerSchema = z.object({
  type: OptionalText,
  arn: OptionalText,
  accountId: OptionalText,
  principalId: OptionalText,
  userName: OptionalText,
  /** The key the issuer signed with: the next link to follow when it is temporary itself. */
  accessKeyId: OptionalText,
  /** For AWS services assuming a role (`userIdentity.invokedBy`). */
  invokedBy: OptionalText,
  sourceIdentity: OptionalText,
  /** Identity Center user the issuer acted for (`identity store ARN/user/<id>`, or the user id). */
  onBehalfOf: OptionalText,
});
export type Issuer = z.infer<typeof IssuerSchema>;

/** One issuance: an access key STS handed out, who asked for it and until when it is valid. */
export const IssuedCredentialsSchema = z.object({
  accessKeyId: z.string().min(1),
  eventName: z.string().min(1),
  eventID: OptionalText,
  eventTime: OptionalText,
  issuer: IssuerSchema,
  /** The role assumed (AssumeRole*), if any. */
  roleArn: OptionalText,
  /** The identity the key acts as: the assumed-role session, the federated user, or the issuer itself. */
  sessionArn: OptionalText,
  sessionName: OptionalText,
  /** `sts:SourceIdentity` set by this call (it sticks to the session and every session chained from it). */
  sourceIdentity: OptionalText,
  /** Epoch seconds after which the key is useless (the credentials' expiration). */
  expiresAt: z.number(),
});
export type IssuedCredentials = z.infer<typeof IssuedCredentialsSchema>;

/** Validity STS uses when the response gives no expiration and the request no duration. */
const DEFAULT_DURATION_SECONDS = 3600;
/** The longest any STS credential lives (GetSessionToken/GetFederationToken for IAM users). */
const MAX_DURATION_SECONDS = 36 * 3600;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// CloudTrail writes the expiration like `Jul 10, 2023, 12:31:14 PM` (UTC); Date.parse would read local time.
const CLOUDTRAIL_EXPIRATION = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/;

/**
 * The credentials a record issued, or undefined when it is not a successful STS issuance.
 */
export function readIssuedCredentials(record: Record<string, unknown>): IssuedCredentials | undefined {
  const eventName = stringAt(record, ['eventName']);
  if (eventName === undefined || !ISSUING_EVENT_NAMES.has(eventName)) return undefined;
  if (stringAt(record, ['errorCode']) !== undefined) return undefined;
  const accessKeyId = stringAt(record, ['responseElements', 'credentials', 'accessKeyId']);
  if (accessKeyId === undefined) return undefined;

  const eventTime = stringAt(record, ['eventTime']);
  const issuer = readIssuer(record);
  const issued: IssuedCredentials = {
    accessKeyId,
    eventName,
    eventID: stringAt(record, ['eventID']),
    eventTime,
    issuer,
    roleArn: stringAt(record, ['requestParameters', 'roleArn']),
    sessionArn:
      stringAt(record, ['responseElements', 'assumedRoleUser', 'arn']) ??
      stringAt(record, ['responseElements', 'federatedUser', 'arn']) ??
      (eventName === 'GetSessionToken' ? issuer.arn : undefined),
    sessionName:
      stringAt(record, ['requestParameters', 'roleSessionName']) ??
      stringAt(record, ['requestParameters', 'name']),
    sourceIdentity:
      stringAt(record, ['requestParameters', 'sourceIdentity']) ??
      stringAt(record, ['responseElements', 'sourceIdentity']),
    expiresAt: readExpiration(record, eventTime),
  };
  return issued;
}

function readIssuer(record: Record<string, unknown>): Issuer {
  const identity = objectAt(record, ['userIdentity']) ?? {};
  const eventName = stringAt(record, ['eventName']);
  const issuer: Issuer = {
    type: stringAt(identity, ['type']),
    arn: stringAt(identity, ['arn']),
    accountId: stringAt(identity, ['accountId']),
    principalId: stringAt(identity, ['principalId']),
    userName: stringAt(identity, ['userName']),
    accessKeyId: stringAt(identity, ['accessKeyId']),
    invokedBy: stringAt(identity, ['invokedBy']),
    sourceIdentity: stringAt(identity, ['sessionContext', 'sourceIdentity']),
    onBehalfOf: readOnBehalfOf(identity),
  };
  // SAML and web identity callers are not AWS principals: name them by the federated subject.
  if (eventName === 'AssumeRoleWithSAML') {
    issuer.type ??= 'SAMLUser';
    issuer.userName ??= stringAt(record, ['responseElements', 'subject']);
    issuer.principalId ??= stringAt(record, ['requestParameters', 'principalArn']);
  } else if (eventName === 'AssumeRoleWithWebIdentity') {
    issuer.type ??= 'WebIdentityUser';
    issuer.userName ??= stringAt(record, ['responseElements', 'subjectFromWebIdentityToken']);
    issuer.principalId ??= stringAt(record, ['responseElements', 'provider']);
  }
  return issuer;
}

/** `identitystore ARN/user/<id>` (or just the user id) of an Identity Center `onBehalfOf`. */
export function readOnBehalfOf(identity: Record<string, unknown>): string | undefined {
  const onBehalfOf = identity.onBehalfOf;
  if (!isJsonObject(onBehalfOf)) return undefined;
  const userId = stringAt(onBehalfOf, ['userId']);
  if (userId === undefined) return undefined;
  const store = stringAt(onBehalfOf, ['identityStoreArn']);
  return store === undefined ? userId : `${store}/user/${userId}`;
}

function readExpiration(record: Record<string, unknown>, eventTime: string | undefined): number {
  const written = stringAt(record, ['responseElements', 'credentials', 'expiration']);
  const parsed = written === undefined ? undefined : parseExpiration(written);
  if (parsed !== undefined) return parsed;
  const issuedAt = eventTime === undefined ? Number.NaN : Date.parse(eventTime);
  const duration = numberAt(record, ['requestParameters', 'durationSeconds']) ?? DEFAULT_DURATION_SECONDS;
  const start = Number.isFinite(issuedAt) ? issuedAt / 1000 : 0;
  return Math.floor(start + Math.min(duration, MAX_DURATION_SECONDS));
}

/** Epoch seconds of an expiration as CloudTrail (`Jul 10, 2023, 12:31:14 PM`) or ISO writes it. */
export function parseExpiration(text: string): number | undefined {
  const match = CLOUDTRAIL_EXPIRATION.exec(text.trim());
  if (match !== null) {
    const [, month, day, year, hour, minute, second, half] = match;
    const monthIndex = MONTHS.indexOf(month ?? '');
    if (monthIndex < 0) return undefined;
    const hour12 = Number(hour) % 12;
    const hours = half === 'PM' ? hour12 + 12 : hour12;
    return Date.UTC(Number(year), monthIndex, Number(day), hours, Number(minute), Number(second)) / 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
  }
  return undefined;
}
