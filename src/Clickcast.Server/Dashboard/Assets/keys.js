// The operator's panel on the overview, for admin keys only: the admin keys (issue one, revoke any but the signed-in
// one, each confirmed and audited) and the newest entries of the audit log across tenants.
"use strict";
const AdminKeys = {
  card: async () => {
    if (!Actions.admin()) return null;
    const [keys, audit] = await Promise.all([api("/api/keys"), api("/api/audit?limit=20")]);
    const name = h("input", { id: "admin-key-name", placeholder: "key name" });
    return h("div", { class: "grid", "data-testid": "admin-panel" },
      card("Admin keys",
        table(["Id", "Prefix", "Name", "Issued by", "Created", "Revoked", ""], (keys ?? []).map(k => [String(k.id), k.prefix, k.name, k.createdBy, when(k.createdAt), k.revokedAt ? when(k.revokedAt) : "", Actions.revokeKey("/api/keys", k)]), "admin-keys-table"),
        h("p", { class: "row" }, name, Actions.button("mint-admin", "Issue admin key", "Issue a new admin key? It may do everything, on every tenant.",
          () => Actions.send("POST", "/api/keys", { name: name.value || "dashboard", scope: "Admin" }), k => [`Admin key ${k.key.prefix} issued.`, k.secret]))),
      card("Audit, every tenant (newest first)", table(["When", "Tenant", "Key", "Action", "Target", "Outcome"],
        (audit ?? []).map(e => [when(e.at), e.tenant ?? "–", e.keyPrefix ?? "–", e.action, e.target, h("span", { class: `audit-${e.outcome}`, "data-outcome": e.outcome }, `${e.outcome} ${e.status ?? ""}`)]), "admin-audit-table")));
  },
};
