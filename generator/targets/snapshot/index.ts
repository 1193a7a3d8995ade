import { compactJson } from "../../util/json.js";
import { snapshotOf } from "../../registry/snapshot.js";
import { defineTarget } from "../types.js";
import { REGISTRY_SNAPSHOT_FILE, SNAPSHOT_SPEC } from "./spec.js";

export { REGISTRY_SNAPSHOT_FILE } from "./spec.js";

/** The resolved registry snapshot: the IR, written compactly (registry/snapshot.ts), which `logpact diff` compares. */
export const registryTarget = defineTarget({
  ...SNAPSHOT_SPEC,
  render(ir, ctx) {
    return [{ path: REGISTRY_SNAPSHOT_FILE, contents: compactJson(snapshotOf(ir, ctx.banner)) }];
  },
});
