/**
 * `invalid-suppression`: a `logpact-disable-*` comment without a reason, without rule
 * names, naming a rule that does not exist, or suppressing nothing.
 */
import { didYouMean } from "../../util/did-you-mean.js";
import { defineRule } from "../rule.js";

export const invalidSuppression = defineRule({
  name: "invalid-suppression",
  meta: {
    description: "Suppression comments must name existing rules, give a reason after ` -- `, and suppress something.",
    defaultSeverity: "error",
    messages: {
      missingReason:
        "`logpact-disable-{{kind}} {{rules}}` needs a reason: append ` -- <why this call is exempt>`; until then it suppresses nothing",
      missingRule:
        "`logpact-disable-{{kind}}` must name the rule(s) it disables, e.g. `logpact-disable-{{kind}} untyped-log-call -- <reason>`",
      unknownRule: "`{{rule}}` in a logpact-disable comment is not a logpact rule{{suggestion}}",
      unused: "`logpact-disable-{{kind}} {{rules}}` suppresses nothing {{where}}; remove it",
    },
  },
  checkDirectives(uses, ctx) {
    for (const { directive: d, used, valid } of uses) {
      const kind = d.kind;
      const rules = d.rules.join(", ");
      if (d.rules.length === 0) {
        ctx.report({ messageId: "missingRule", loc: d.loc, data: { kind } });
        continue;
      }
      let unknown = false;
      for (const r of d.rules) {
        if (ctx.ruleNames.includes(r)) continue;
        unknown = true;
        const s = didYouMean(r, ctx.ruleNames);
        ctx.report({
          messageId: "unknownRule",
          loc: d.loc,
          data: { rule: r, suggestion: s === undefined ? "" : `; did you mean \`${s}\`?` },
        });
      }
      if (d.reason === undefined) {
        ctx.report({ messageId: "missingReason", loc: d.loc, data: { kind, rules } });
        continue;
      }
      // A comment for a rule switched off in this run is not "unused": it may matter elsewhere.
      const allEnabled = d.rules.every((r) => (ctx.severities.get(r) ?? "off") !== "off");
      if (valid && !used && !unknown && allEnabled)
        ctx.report({
          messageId: "unused",
          loc: d.loc,
          data: { kind, rules, where: kind === "next-line" ? "on the next line" : "on its line" },
        });
    }
  },
});
