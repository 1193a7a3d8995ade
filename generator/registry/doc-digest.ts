/**
 * Documentation compared by digest. A registry snapshot (irVersion 4) keeps descriptions
 * and examples only as digests: `diff` reports no more than *that* they changed
 * (`description-changed`, `examples-changed`), the text is in the Markdown pages and the
 * schema modules, and it was half of a 2,000-event registry's snapshot
 * (scripts/bench/size.ts). When either side of a comparison holds digests, both sides are
 * compared by digest; two IRs built from schemas are compared by their text, as before.
 */
import { createHash } from "node:crypto";
import { jsonEqual, stableJson } from "../util/json.js";
import type { DocDigest } from "./ir.js";

/** Characters of a digest (base64url, 48 bits): a changed text reads as unchanged with odds of 1 in 2^48. */
export const DIGEST_LENGTH = 8;

/** Anything with documentation: a family, event, variant, field or envelope field. */
export interface Documented {
  readonly description?: string | undefined;
  readonly examples?: readonly unknown[] | undefined;
  readonly docDigest?: DocDigest | undefined;
}

function digest(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("base64url").slice(0, DIGEST_LENGTH);
}

/** The item's documentation digests: read from its snapshot, or made from its text ("" for none, as `?? ""` and `?? []` compare). */
export function docDigestOf(x: Documented): DocDigest {
  return (
    x.docDigest ?? {
      description: x.description ? digest(x.description) : "",
      examples: x.examples?.length ? digest(x.examples) : "",
    }
  );
}

/** Whether two items' descriptions are the same (an absent and an empty one are). */
export function sameDescription(a: Documented, b: Documented): boolean {
  if (a.docDigest || b.docDigest) return docDigestOf(a).description === docDigestOf(b).description;
  return (a.description ?? "") === (b.description ?? "");
}

/** Whether two items' examples are the same (key order ignored; absent and empty are the same). */
export function sameExamples(a: Documented, b: Documented): boolean {
  if (a.docDigest || b.docDigest) return docDigestOf(a).examples === docDigestOf(b).examples;
  return jsonEqual(a.examples ?? [], b.examples ?? []);
}
