/** The registry snapshot target's spec: name, folder, file and (no) options, without the renderer. */
import { z } from "zod";
import { defineTargetSpec } from "../types.js";

/** The snapshot's file name in the target's folder; `logpact diff --against <ref>` reads it from git. */
export const REGISTRY_SNAPSHOT_FILE = "registry.json";

export const SNAPSHOT_SPEC = defineTargetSpec({
  name: "registry",
  description: "Resolved registry snapshot (the IR as JSON) that `logpact diff` compares",
  defaultDir: "",
  options: z.strictObject({}).default({}),
});
