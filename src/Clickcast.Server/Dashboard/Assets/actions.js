// Acting from the dashboard: each action is a button shown only to keys that may use it (the API refuses anyway),
// asks for confirmation, shows its result above the page, and is written to the audit log by the server.
"use strict";
const Actions = (() => {
  let scope = null, self = null;
  const may = () => scope === "Admin" || scope === "Tenant";
  // The signed-in key: never offered for revocation here, since revoking it would sign this tab out mid-action.
  const setScope = (s, keyId) => { scope = s; self = keyId ?? null; };
  const isSelf = k => k.id === self;

  async function send(method, path, body) {
    const response = await fetch(path, { method, headers: { Authorization: "Bearer " + sessionStorage.getItem(KEY), "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(json?.detail || json?.title || `${response.status} ${response.statusText}`);
    return json;
  }

  function confirmDialog(question) {
    return new Promise(resolve => {
      const dialog = h("dialog", { id: "confirm", "data-testid": "confirm" });
      const close = answer => { dialog.close(); dialog.remove(); resolve(answer); };
      dialog.append(h("p", {}, question), h("div", { class: "row" },
        h("button", { type: "button", class: "primary", id: "confirm-yes", onclick: () => close(true) }, "Confirm"),
        h("button", { type: "button", id: "confirm-no", onclick: () => close(false) }, "Cancel")));
      dialog.addEventListener("cancel", () => close(false));
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  function show(message, failed, secret) {
    const box = document.getElementById("result");
    box.className = failed ? "card result failed" : "card result";
    // replaceChildren writes a null as the text "null": a result without a secret leaves that part out.
    box.replaceChildren(...[h("span", { "data-testid": "result-message" }, message),
      secret ? h("p", {}, "Shown once, copy it now: ", h("code", { "data-testid": "result-secret" }, secret)) : null,
      h("button", { type: "button", class: "link", onclick: () => { box.hidden = true; } }, "dismiss")].filter(Boolean));
    box.hidden = false;
  }

  // A button that runs `run` after confirmation; `done(result)` says what happened (and may return [text, secret]).
  function button(name, label, question, run, done) {
    if (!may()) return null;
    return h("button", { type: "button", class: "action", "data-action": name, onclick: async () => {
      if (!await confirmDialog(question)) return;
      let said, failed = false;
      try { said = done(await run()); } catch (e) { said = `${label} refused: ${e.message}`; failed = true; }
      // The page is drawn again first, so the result appears over what the action changed.
      await route();
      const [text, secret] = Array.isArray(said) ? said : [said, null];
      show(text, failed, secret);
    } }, label);
  }

  const taskBase = (t, task) => `/api/tenants/${encodeURIComponent(t)}/tasks/${encodeURIComponent(task)}`;
  const tenantBase = t => `/api/tenants/${encodeURIComponent(t)}`;

  const promote = (t, task, v) => button(`promote-${v}`, `Promote v${v}`, `Make v${v} the champion of ${t}/${task}? The next scoring rescores every client with it.`,
    () => send("POST", `${taskBase(t, task)}/models/${v}/promote`, { reason: "promoted from the dashboard" }), m => `v${m.version} is now the champion.`);
  const rollback = (t, task) => button("rollback", "Roll back", `Put the previous champion of ${t}/${task} back?`,
    () => send("POST", `${taskBase(t, task)}/models/rollback`, { reason: "rolled back from the dashboard" }), m => `Rolled back: v${m.version} is the champion again.`);
  const retraining = (t, task, paused) => paused
    ? button("resume", "Resume retraining", `Resume retraining of ${t}/${task}?`, () => send("POST", `${taskBase(t, task)}/retraining/resume`, { reason: "resumed from the dashboard" }), () => "Retraining resumed.")
    : button("pause", "Pause retraining", `Pause retraining of ${t}/${task}? Scoring goes on with the champion.`, () => send("POST", `${taskBase(t, task)}/retraining/pause`, { reason: "paused from the dashboard" }), () => "Retraining paused.");
  const run = (t, r) => r.status === "DeadLettered" || r.status === "Cancelled"
    ? button(`retry-${r.id}`, "Retry", `Queue ${r.kind} run ${r.id} again with fresh attempts?`, () => send("POST", `${tenantBase(t)}/runs/${r.id}/retry`), j => `Run ${j.id} queued again.`)
    : r.status === "Queued" || r.status === "Running"
      ? button(`cancel-${r.id}`, "Cancel", `Cancel ${r.kind} run ${r.id}?`, () => send("POST", `${tenantBase(t)}/runs/${r.id}/cancel`), () => `Run ${r.id} cancelled.`)
      : null;
  const rotate = (t, task, d) => d.kind === "Webhook"
    ? button(`rotate-${d.name}`, "Rotate secret", `Generate a new signing secret for '${d.name}'? Deliveries are signed with it at once: give it to the receiver.`,
      () => send("POST", `${taskBase(t, task)}/exports/${encodeURIComponent(d.name)}/secret/rotate`), r => [`New signing secret for '${r.destination}' (definition v${r.definitionVersion}).`, r.secret])
    : null;

  const retryQuarantine = t => button("retry-quarantine", "Retry quarantined files", `Ingest again every quarantined file of ${t}?`,
    () => send("POST", `${tenantBase(t)}/quarantine/retry`), jobs => `${jobs.length} ingest run(s) queued for quarantined files.`);
  // A key's revoke button; the signed-in key is marked instead (revoke it with another key, e.g. the operator's).
  const revokeKey = (base, k) => k.revokedAt ? ""
    : isSelf(k) ? h("span", { class: "muted", "data-testid": "this-key" }, "this key")
      : button(`revoke-${k.id}`, "Revoke", `Revoke key ${k.prefix} (${k.name})? Whatever uses it stops working at once.`, () => send("DELETE", `${base}/${k.id}`), () => `Key ${k.prefix} revoked.`);

  // The keys and audit tables are wide: each takes a whole row of the grid.
  const wide = section => { section.classList.add("wide"); return section; };

  function operations(t, task, keys, audit) {
    if (!may()) return card("Operations", h("p", { class: "muted", "data-testid": "no-actions" }, "This key may only read: actions, keys and the audit log need a tenant-admin key."));
    const from = h("input", { type: "date", id: "backfill-from" }), to = h("input", { type: "date", id: "backfill-to" });
    const policy = h("select", { id: "backfill-policy" }, ["SkipCompleted", "RedoFailed", "RedoAll"].map(p => h("option", { value: p }, p)));
    const keyName = h("input", { id: "key-name", placeholder: "key name" });
    const keyScope = h("select", { id: "key-scope" }, ["Read", "Upload", "Tenant"].map(s => h("option", { value: s }, s)));
    return h("div", { class: "grid" },
      card("Operations",
        h("p", {}, retryQuarantine(t)),
        h("p", { class: "row" }, "Backfill from ", from, " to ", to, policy,
          button("backfill", "Run backfill", `Re-run the pipeline of ${t} over the raw files of that period?`,
            () => send("POST", `${tenantBase(t)}/backfills`, { from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString(), policy: policy.value, task }),
            j => `Backfill run ${j.id} queued.`))),
      wide(card("Keys",
        table(["Id", "Prefix", "Scope", "Name", "Created", "Revoked", ""], (keys ?? []).map(k => [String(k.id), k.prefix, k.scope, k.name, when(k.createdAt), k.revokedAt ? when(k.revokedAt) : "",
          revokeKey(`${tenantBase(t)}/keys`, k)]), "keys-table"),
        h("p", { class: "row" }, keyName, keyScope, button("mint", "Issue key", `Issue a new key for ${t}?`, () => send("POST", `${tenantBase(t)}/keys`, { name: keyName.value || "dashboard", scope: keyScope.value }),
          k => [`Key ${k.key.prefix} (${k.key.scope}) issued.`, k.secret])))),
      wide(card("Audit (newest first)", table(["When", "Key", "Action", "Target", "Outcome", "Detail"],
        (audit ?? []).map(e => [when(e.at), e.keyPrefix ?? "–", e.action, e.target, h("span", { class: `audit-${e.outcome}`, "data-outcome": e.outcome }, `${e.outcome} ${e.status ?? ""}`), e.detail ?? ""]), "audit-table"))));
  }

  const admin = () => scope === "Admin";

  return { setScope, may, admin, button, send, revokeKey, promote, rollback, retraining, run, rotate, retryQuarantine, operations };
})();
