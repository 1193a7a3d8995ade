/**
 * A family's common fields: the fields that two or more of its events (or variants) declare
 * identically (name, schema, required, description, unit, sensitivity, examples,
 * deprecation). A big service repeats `requestId`, `<area>Id`, `duration_ms` … in most
 * events; the emitters and the Markdown pages define each common field once per family
 * and let the events refer to it (issue 18, scripts/bench/size.ts).
 */
import { stableJson } from "../util/json.js";
import type { EventIR, FamilyIR, FieldIR } from "./ir.js";

/** The field lists a family's events declare: each variant's for an event with variants, else the event's. */
function declaredFieldLists(event: EventIR): readonly (readonly FieldIR[])[] {
  return event.variants ? event.variants.map((v) => v.fields) : [event.fields];
}

/**
 * Common fields of `family`, by name, in first-declaration order. One name has one common
 * definition: the one used most (the first declared on a tie), when used at least twice;
 * an event declaring that name another way keeps it as its own field.
 */
export function commonFields(family: Pick<FamilyIR, "events">): Map<string, FieldIR> {
  const uses = new Map<string, { field: FieldIR; id: string; count: number }[]>();
  for (const event of family.events)
    for (const list of declaredFieldLists(event))
      for (const field of list) {
        const shapes = uses.get(field.name) ?? [];
        const id = fieldId(field);
        const shape = shapes.find((s) => s.id === id);
        if (shape) shape.count++;
        else shapes.push({ field, id, count: 1 });
        uses.set(field.name, shapes);
      }
  const common = new Map<string, FieldIR>();
  for (const [name, shapes] of uses) {
    const best = shapes.reduce((a, b) => (b.count > a.count ? b : a));
    if (best.count >= 2) common.set(name, best.field);
  }
  return common;
}

/** Whether `field` is its family's common definition of that name (`common` from `commonFields`). */
export function isCommon(common: ReadonlyMap<string, FieldIR>, field: FieldIR): boolean {
  const c = common.get(field.name);
  return c !== undefined && (c === field || fieldId(c) === fieldId(field));
}

/** A field's definition as one comparable string, computed once per field object (IR fields are frozen). */
const FIELD_IDS = new WeakMap<FieldIR, string>();
function fieldId(field: FieldIR): string {
  let id = FIELD_IDS.get(field);
  if (id === undefined) FIELD_IDS.set(field, (id = stableJson(field)));
  return id;
}
