import { z } from "zod";
import { compactJson } from "../../util/json.js";
import { snapshotOf } from "../../registry/snapshot.js";
import { defineTarget } from "../types.js";

export const REGISTRY_SNAPSHOT_FILE = "registry.json";

/** The resolved registry snapshot: the IR, written compactly (registry/snapshot.ts), which `logpact diff` compares. */
export const registryTarget = defineTarget({
  name: "registry",
  description: "Resolved registry snapshot (the IR as JSON) that `logpact diff` compares",
  defaultDir: "",
  options: z.strictObject({}).default({}),
  render(ir, ctx) {
    return [{ path: REGISTRY_SNAPSHOT_FILE, contents: compactJson(snapshotOf(ir, ctx.banner)) }];
  },
});
