/** What the correlator knows about the account a resource lives in (AWS Organizations), for enrichment. */
export type AccountMetadata = {
  accountId: string;
  name?: string | undefined;
  email?: string | undefined;
  /** The parent organizational unit's name (`ROOT` when the account sits at the root). */
  ouName?: string | undefined;
  ouId?: string | undefined;
  /** From the account tags `security-contact` / `SecurityContact` (see README: no Account API client). */
  securityContact?: string | undefined;
  tags: Record<string, string>;
  /** False when Organizations could not be read (access denied, not in an organization): ids only. */
  isComplete: boolean;
};

const CONTACT_TAGS = ['security-contact', 'SecurityContact', 'securityContact', 'security_contact'];

/** The security contact an account's tags name, if any. */
export function securityContactOf(tags: Record<string, string>): string | undefined {
  for (const tag of CONTACT_TAGS) {
    const value = tags[tag];
    if (value) return value;
  }
  return undefined;
}
