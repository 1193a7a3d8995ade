/**
 * The error a call throws, for tests that check its class and fields.
 */
import { expect } from "vitest";

/** What `fn` throws, checked to be a `type`; fails the test when `fn` returns or throws anything else. */
export function thrownBy<T>(fn: () => unknown, type: abstract new (...args: never[]) => T): T {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  return error as T;
}
