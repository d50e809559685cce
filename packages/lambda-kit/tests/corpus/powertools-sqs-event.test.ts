import '../helpers/enable-metrics';

import path from 'node:path';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { z } from 'zod';
import { processSqsRecords } from '../../src/process-sqs-records';
import { describeCorpus, fakeContext, loadJson } from '../../src/testing';
import { captureEmf } from '../helpers/emf';

describeCorpus('processSqsRecords on the powertools SQS sample', (corpora) => {
  it('fails the plain-text record and handles the JSON one', async () => {
    // Prepare
    const emf = captureEmf();
    const event = loadJson(path.join(corpora, 'powertools-ts-events/sqs__base.json'), SqsSchema);
    const messages: string[] = [];

    // Act
    const response = await processSqsRecords({
      event,
      context: fakeContext(),
      schema: z.object({ message: z.string() }),
      handleRecord: (body) => {
        messages.push(body.message);
      },
    });
    emf.restore();

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '059f36b4-87a3-44ab-83d2-661975830a7d' }]);
    expect(messages).toEqual(['foo1']);
  });
});
