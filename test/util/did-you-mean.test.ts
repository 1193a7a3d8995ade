/**
 * didYouMean stops working out a distance once it exceeds what could still be the answer;
 * the answer must stay the plain rule's: the nearest candidate (ties: the smallest name)
 * when it is within a third of the word's length in edits. Table-driven, then differential
 * against the plain full-matrix Levenshtein over random near-miss names.
 */
import { describe, expect, it } from "vitest";
import { didYouMean, didYouMeanSuffix, editDistance } from "../../generator/util/did-you-mean.js";
import { prng } from "../helpers/prng.js";

/** The plain rule: the full distance to every candidate, no bound. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function reference(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = fullDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) [best, bestDistance] = [c, d];
  }
  return bestDistance <= limit ? best : undefined;
}

describe("didYouMean", () => {
  const names = ["billing.invoice.issued", "billing.invoice.voided", "billing.refund.issued", "Order.Placed"];
  it.each<[string, readonly string[], string | undefined]>([
    ["billing.invoice.isued", names, "billing.invoice.issued"],
    ["billing.invoice.voided", names, "billing.invoice.voided"],
    ["billing.invoice.xxxxed", names, "billing.invoice.issued"],
    ["order.placed", names, "Order.Placed"],
    ["something.else.entirely", names, undefined],
    ["ab", ["ax", "ay"], "ax"],
    ["ab", ["ay", "ax"], "ax"],
    ["x", ["y"], "y"],
    ["x", ["yz"], undefined],
    ["", ["a"], "a"],
    ["abc", [], undefined],
  ])("%s", (word, candidates, want) => expect(didYouMean(word, candidates)).toBe(want));

  it("the suffix names the suggestion, or is empty", () => {
    expect(didYouMeanSuffix("billing.invoice.isued", names)).toBe(' Did you mean "billing.invoice.issued"?');
    expect(didYouMeanSuffix("zzz", names)).toBe("");
  });

  it("editDistance is the full Levenshtein distance", () => {
    const r = prng(7);
    const word = () => Array.from({ length: Math.floor(r() * 12) }, () => "abcd"[Math.floor(r() * 4)]).join("");
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(), word()];
      expect(editDistance(a, b), `${a} ${b}`).toBe(fullDistance(a, b));
    }
  });

  it("the same answer as the unbounded rule on random near misses", () => {
    const r = prng(11);
    const alphabet = "abcde.ABC_";
    const rand = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");
    const mutate = (s: string) => {
      const chars = [...s];
      for (let k = Math.floor(r() * 5); k > 0; k--) {
        const at = Math.floor(r() * (chars.length + 1));
        const op = r();
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, alphabet[Math.floor(r() * alphabet.length)]!);
        else chars[at] = alphabet[Math.floor(r() * alphabet.length)]!;
      }
      return chars.join("");
    };
    let found = 0;
    for (let i = 0; i < 300; i++) {
      const candidates = Array.from({ length: 1 + Math.floor(r() * 12) }, () => rand(1 + Math.floor(r() * 14)));
      const word = r() < 0.8 ? mutate(candidates[Math.floor(r() * candidates.length)]!) : rand(Math.floor(r() * 14));
      const want = reference(word, candidates);
      if (want !== undefined) found++;
      expect(didYouMean(word, candidates), `${word} in ${candidates.join(",")}`).toBe(want);
    }
    // Not vacuous: both outcomes occur.
    expect(found).toBeGreaterThan(50);
    expect(found).toBeLessThan(290);
  });
});
