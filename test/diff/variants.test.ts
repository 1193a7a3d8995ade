/**
 * `logpact diff` on events with variants: variants matched by discriminator value; a value
 * removed is breaking, one added a warning; the fields of a variant classified like an
 * event's fields (and named with the variant); a changed discriminator breaking.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffRegistries } from "../../generator/diff/compare.js";
import { parseSnapshot } from "../../generator/registry/snapshot.js";
import { registryTarget } from "../../generator/targets/snapshot/index.js";
import { irFrom } from "../helpers/registry.js";

type Fields = Record<string, z.ZodType>;
const d = (s: z.ZodType) => s.meta({ description: "d" });
const variant = (reason: string, fields: Fields = {}) =>
  z
    .strictObject({
      event: z.literal("job.failed_open"),
      reason: d(z.literal(reason)),
      jobId: d(z.string()),
      ...fields,
    })
    .meta({ level: "warn", description: `${reason}.` });
const plain = (fields: Fields = {}) =>
  z
    .strictObject({ event: z.literal("job.failed_open"), jobId: d(z.string()), ...fields })
    .meta({ level: "warn", description: "d" });
const other = z
  .strictObject({ event: z.literal("job.started"), jobId: d(z.string()) })
  .meta({ level: "info", description: "d" });

const BASE = [
  variant("unavailable"),
  variant("error", { message: d(z.string()) }),
  variant("timeout", { timeoutMs: d(z.number().int().positive()).meta({ unit: "ms" }) }),
];

function ir(members: z.ZodObject[]) {
  const { ir, diagnostics } = irFrom({
    "src/job.ts": { JobLog: z.union([other, ...members]).meta({ family: "job", description: "d" }) },
  });
  expect(diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  return ir;
}

const cases: [string, { given: z.ZodObject[]; want: [rule: string, severity: string, message: string][] }][] = [
  ["nothing changed", { given: BASE, want: [] }],
  [
    "a variant removed",
    {
      given: BASE.slice(0, 2),
      want: [["variant-removed", "breaking", 'variant `reason "timeout"` of `job.failed_open` removed']],
    },
  ],
  [
    "a variant added",
    {
      given: [...BASE, variant("throttled")],
      want: [["variant-added", "warning", 'variant `reason "throttled"` added to `job.failed_open`']],
    },
  ],
  [
    "a required field added to one variant",
    {
      given: [BASE[0]!, variant("error", { message: d(z.string()), code: d(z.string()) }), BASE[2]!],
      want: [
        [
          "field-added-required",
          "breaking",
          'required field `code` added to `job.failed_open` (variant `reason "error"`)',
        ],
      ],
    },
  ],
  [
    "an optional field added to one variant",
    {
      given: [variant("unavailable", { region: d(z.string()).optional() }), BASE[1]!, BASE[2]!],
      want: [
        [
          "field-added-optional",
          "safe",
          'optional field `region` added to `job.failed_open` (variant `reason "unavailable"`)',
        ],
      ],
    },
  ],
  [
    "a variant's field changes type",
    {
      given: [BASE[0]!, variant("error", { message: d(z.number()) }), BASE[2]!],
      want: [
        [
          "type-changed",
          "breaking",
          expect.stringContaining(
            'field `message` of `job.failed_open` (variant `reason "error"`)',
          ) as unknown as string,
        ],
      ],
    },
  ],
  [
    "a variant's field removed",
    {
      given: [BASE[0]!, variant("error"), BASE[2]!],
      want: [
        ["field-removed", "breaking", 'field `message` removed from `job.failed_open` (variant `reason "error"`)'],
      ],
    },
  ],
  ["variants reordered (declaration order is not a change)", { given: [BASE[2]!, BASE[0]!, BASE[1]!], want: [] }],
];

describe.each(cases)("%s", (_name, { given, want }) => {
  it("reports exactly these changes", () => {
    const { changes } = diffRegistries(ir(BASE), ir(given));
    expect(changes.map((c) => [c.rule, c.severity, c.message])).toEqual(want);
    for (const c of changes) expect(c).toMatchObject({ family: "job", event: "job.failed_open" });
  });
});

describe("the discriminator itself", () => {
  it.each([
    [
      "a plain event gains variants",
      [plain({ reason: d(z.enum(["unavailable", "error", "timeout"])) })],
      BASE,
      "event `job.failed_open` now has variants by `reason` (was a plain event)",
    ],
    [
      "an event loses its variants",
      BASE,
      [plain()],
      "event `job.failed_open` now is a plain event (was variants by `reason`)",
    ],
  ] as const)(
    "%s: variant-discriminator-changed (breaking), then the fields compared as a whole",
    (_name, from, to, message) => {
      const { changes } = diffRegistries(ir([...from]), ir([...to]));
      expect(changes[0]).toMatchObject({ rule: "variant-discriminator-changed", severity: "breaking", message });
      expect(changes.length).toBeGreaterThan(1);
    },
  );
});

it("a baseline read back from its registry.json snapshot classifies the same way", () => {
  const snapshot = registryTarget.render(ir(BASE), {
    options: {},
    outDir: "generated",
    root: "/x",
    draft: "2020-12",
    banner: "b",
  } as never)[0]!.contents;
  const after = ir([...BASE.slice(0, 2), variant("throttled")]);
  expect(diffRegistries(parseSnapshot(snapshot, "registry.json"), after).changes.map((c) => c.rule)).toEqual([
    "variant-removed",
    "variant-added",
  ]);
});
