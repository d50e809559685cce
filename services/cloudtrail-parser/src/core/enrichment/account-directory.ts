import { z } from 'zod';

/** What Vigil knows about an account: its alias, organizational unit and tags. */
export const AccountInfoSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
  alias: z.string().min(1).optional(),
  ou: z.string().min(1).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type AccountInfo = z.infer<typeof AccountInfoSchema>;

/** Account metadata lookup (the `vigil-<stage>-accounts` table in the Lambda, a file or nothing for a scan). */
export interface AccountDirectory {
  get(accountId: string): Promise<AccountInfo | undefined>;
}

/** An account directory over a fixed list (tests, `vigil scan --accounts`). */
export class StaticAccountDirectory implements AccountDirectory {
  readonly #accounts: Map<string, AccountInfo>;

  constructor(accounts: readonly AccountInfo[]) {
    this.#accounts = new Map(accounts.map((account) => [account.accountId, account]));
  }

  lookup(accountId: string): AccountInfo | undefined {
    return this.#accounts.get(accountId);
  }

  async get(accountId: string): Promise<AccountInfo | undefined> {
    return this.lookup(accountId);
  }
}
