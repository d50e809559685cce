import { z } from 'zod';

/** The parts of a Sigma rule (https://sigmahq.io/docs/basics/rules.html) the compiler reads. */
export const SigmaRuleDocumentSchema = z.looseObject({
  title: z.string().min(1),
  id: z.string().min(1),
  status: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  license: z.string().optional(),
  references: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  level: z.string().optional(),
  falsepositives: z.array(z.unknown()).optional(),
  logsource: z.looseObject({
    product: z.string().optional(),
    service: z.string().optional(),
    category: z.string().optional(),
  }),
  detection: z.record(z.string(), z.unknown()),
});

export type SigmaRuleDocument = z.infer<typeof SigmaRuleDocumentSchema>;
