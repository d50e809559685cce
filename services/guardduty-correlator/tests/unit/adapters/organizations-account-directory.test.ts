import {
  AccessDeniedException,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createOrganizationsAccountDirectory } from '../../../src/adapters/organizations-account-directory';

const organizations = mockClient(OrganizationsClient);

afterEach(() => organizations.reset());

function directory(counted: string[] = [], now = () => 0) {
  return createOrganizationsAccountDirectory(new OrganizationsClient({}), {
    cacheSeconds: 3600,
    metrics: { count: (name) => counted.push(name) },
    now,
  });
}

describe('createOrganizationsAccountDirectory', () => {
  it('reads name, OU, tags and the security contact tag, and caches the answer', async () => {
    // Prepare
    organizations
      .on(DescribeAccountCommand)
      .resolves({ Account: { Id: '111122223333', Name: 'payments-prod', Email: 'aws@example.com' } });
    organizations
      .on(ListParentsCommand)
      .resolves({ Parents: [{ Id: 'ou-ab12-cdef3456', Type: 'ORGANIZATIONAL_UNIT' }] });
    organizations
      .on(DescribeOrganizationalUnitCommand)
      .resolves({ OrganizationalUnit: { Name: 'Production' } });
    organizations
      .on(ListTagsForResourceCommand)
      .resolvesOnce({ Tags: [{ Key: 'env', Value: 'prod' }], NextToken: 't' })
      .resolvesOnce({ Tags: [{ Key: 'security-contact', Value: 'secops@example.com' }] });
    const accounts = directory();

    // Act
    const first = await accounts.describe('111122223333');
    const second = await accounts.describe('111122223333');

    // Assess
    expect(first).toEqual({
      accountId: '111122223333',
      name: 'payments-prod',
      email: 'aws@example.com',
      ouName: 'Production',
      ouId: 'ou-ab12-cdef3456',
      securityContact: 'secops@example.com',
      tags: { env: 'prod', 'security-contact': 'secops@example.com' },
      isComplete: true,
    });
    expect(second).toBe(first);
    expect(organizations).toHaveReceivedCommandTimes(DescribeAccountCommand, 1);
  });

  it('degrades to the account id when access is denied, counting it', async () => {
    // Prepare
    organizations
      .on(DescribeAccountCommand)
      .rejects(new AccessDeniedException({ message: 'not the management account', $metadata: {} }));
    const counted: string[] = [];

    // Act
    const metadata = await directory(counted).describe('111122223333');

    // Assess
    expect(metadata).toEqual({ accountId: '111122223333', tags: {}, isComplete: false });
    expect(counted).toEqual(['EnrichmentDegraded']);
  });

  it('asks again after a degraded answer expires', async () => {
    // Prepare
    let now = 0;
    organizations
      .on(DescribeAccountCommand)
      .rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    const accounts = directory([], () => now);
    await accounts.describe('111122223333');

    // Act
    now = 400_000;
    await accounts.describe('111122223333');

    // Assess
    expect(organizations).toHaveReceivedCommandTimes(DescribeAccountCommand, 2);
  });
});
