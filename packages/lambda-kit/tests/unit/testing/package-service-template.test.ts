import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageServiceTemplate } from '../../../src/testing/package-service-template';

// services/platform packages fast: CloudFormation resources only, no functions to bundle.
const PLATFORM = path.resolve(__dirname, '../../../../../services/platform');
const PACKAGING_TIMEOUT_MS = 120_000;

describe('packageServiceTemplate', () => {
  it(
    'returns the packaged template of the stage and keeps no package folder',
    async () => {
      // Act
      const packaged = await packageServiceTemplate(PLATFORM, 'unit');

      // Assess
      expect(packaged.template.Resources.EventBus).toMatchObject({
        Type: 'AWS::Events::EventBus',
        Properties: { Name: 'vigil-unit' },
      });
      expect(packaged.dir).toBeUndefined();
    },
    PACKAGING_TIMEOUT_MS
  );

  describe('with params and keepDir', () => {
    let packaged: Awaited<ReturnType<typeof packageServiceTemplate>> & { dir: string };

    beforeAll(async () => {
      packaged = await packageServiceTemplate(PLATFORM, 'unit', {
        params: { alertEmail: 'ops@example.com' },
        keepDir: true,
      });
    }, PACKAGING_TIMEOUT_MS);

    afterAll(() => {
      if (packaged) rmSync(packaged.dir, { recursive: true, force: true });
    });

    it('passes the params to osls', () => {
      // Assess
      expect(packaged.template.Resources.AlertEmailSubscription?.Properties?.Endpoint).toBe(
        'ops@example.com'
      );
    });

    it('keeps the package folder for the caller', () => {
      // Assess
      expect(readdirSync(packaged.dir)).toContain('cloudformation-template-update-stack.json');
    });
  });

  it(
    'names the stage and the folder when osls fails, and leaves no package folder behind',
    async () => {
      // Prepare: lambda-kit is inside the repository but is no service (it has no serverless.yml).
      const notAService = path.resolve(__dirname, '../../..');
      const isOurs = (name: string) => name.startsWith('vigil-lambda-kit-unit-');
      const before = new Set(readdirSync(tmpdir()).filter(isOurs));

      // Act
      const packaging = packageServiceTemplate(notAService, 'unit', { keepDir: true });

      // Assess
      await expect(packaging).rejects.toThrow(`serverless package --stage unit failed in ${notAService}`);
      expect(readdirSync(tmpdir()).filter((name) => isOurs(name) && !before.has(name))).toEqual([]);
    },
    PACKAGING_TIMEOUT_MS
  );
});
