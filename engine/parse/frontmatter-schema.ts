/** The shape of a runbook's YAML front matter, as a zod schema. */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const stringList = z.union([scalar.transform((v) => [v]), z.array(scalar)]);
const duration = z.union([z.string(), z.number().transform((n) => String(n))]);

const environment = z.object({
  vars: z.record(z.string(), scalar).default({}),
  protected: z.boolean().default(false),
  default: z.boolean().default(false),
});

const param = z.object({
  description: z.string().optional(),
  default: scalar.optional(),
  required: z.boolean().default(false),
  pattern: z.string().optional(),
  choices: z.array(scalar).optional(),
  secret: z.boolean().default(false),
  path: z.enum(['exists', 'parent']).optional(),
});

const precondition = z.object({
  name: z.string(),
  run: z.string(),
  severity: z.enum(['error', 'warn']).default('error'),
});

export const frontMatterSchema = z.object({
  id: scalar.optional(),
  title: scalar.optional(),
  aliases: stringList.default([]),
  description: z.string().optional(),
  owner: scalar.optional(),
  severity: z.enum(['critical', 'high', 'medium', 'low']).optional(),
  tags: stringList.default([]),
  estimated: duration.optional(),
  downtime: duration.optional(),
  lang: z.string().optional(),
  shell: z.string().optional(),
  cwd: z.string().optional(),
  timeout: duration.optional(),
  environments: z.record(z.string(), environment.nullable().transform((e) => e ?? { vars: {}, protected: false, default: false })).default({}),
  params: z.record(z.string(), param.nullable().transform((p) => p ?? { required: false, secret: false })).default({}),
  requires: z
    .object({
      commands: stringList.default([]),
      env: stringList.default([]),
      files: stringList.default([]),
    })
    .default({ commands: [], env: [], files: [] }),
  preconditions: z.array(precondition).default([]),
  escalation: z
    .object({
      after: duration.optional(),
      contacts: stringList.default([]),
    })
    .optional(),
  mask: stringList.default([]),
});

export type RawFrontMatter = z.infer<typeof frontMatterSchema>;

export const FRONT_MATTER_KEYS = Object.keys(frontMatterSchema.shape);
