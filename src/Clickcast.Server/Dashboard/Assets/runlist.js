// The tenant's runs page (#/runs/{tenant}): every run of the tenant (ingest and sequences runs, which have no task,
// included), newest first, from GET /api/tenants/{t}/runs with its kind and status filters and 'before' paging.
"use strict";
const RunList = (() => {
  const kinds = ["Ingest", "Sequences", "Train", "Score", "Export", "Backfill"];
  const statuses = ["Queued", "Running", "Succeeded", "DeadLettered", "Cancelled"];
  const pageSize = 25;

  const select = (testId, label, options, value, onchange) => h("label", {}, `${label} `,
    h("select", { "data-testid": testId, onchange }, h("option", { value: "" }, "all"),
      options.map(o => { const opt = h("option", { value: o }, o); if (o === value) opt.selected = true; return opt; })));

  async function render(tenant) {
    crumbs([[tenant, "#/"], ["runs", null]]);
    const filter = { kind: "", status: "" };
    const body = h("div", {});
    const load = async () => {
      const seen = [];
      const more = async () => {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (filter.kind) query.set("kind", filter.kind);
        if (filter.status) query.set("status", filter.status);
        if (seen.length) query.set("before", String(seen[seen.length - 1].id));
        const runs = await api(`/api/tenants/${encodeURIComponent(tenant)}/runs?${query}`);
        if (runs === null) { body.replaceChildren(h("p", { "data-testid": "runs-missing" }, `No tenant ${tenant}.`)); return; }
        seen.push(...runs);
        const rows = seen.map(r => [h("a", { href: RunPage.href(tenant, r), "data-run": r.id }, String(r.id)), h("span", { "data-kind": r.kind }, r.kind),
          h("span", { class: `status-${r.status}`, "data-status": r.status }, r.status), RunPage.badge(r), r.task ?? "–", String(r.attempts),
          when(r.createdAt), when(r.startedAt), when(r.finishedAt), prose(r.outcomeReason ?? r.lastError)]);
        const list = seen.length
          ? table(["Run", "Kind", "Status", "State", "Task", "Attempts", "Queued", "Started", "Finished", "Why"], rows, "runs-list")
          : h("p", { class: "muted", "data-testid": "runs-list-empty" }, "No run matches.");
        // What is shown, for a reader waiting on it: the filters applied and the rows loaded.
        for (const [k, v] of Object.entries({ "data-kind": filter.kind || "all", "data-status": filter.status || "all", "data-rows": seen.length })) list.setAttribute(k, v);
        body.replaceChildren(...[list,
          runs.length === pageSize ? h("p", {}, h("button", { type: "button", "data-testid": "runs-older", onclick: more }, "older")) : null].filter(Boolean));
      };
      await more();
    };
    const change = key => async e => { filter[key] = e.target.value; await load(); };
    view.replaceChildren(h("section", { class: "card" }, h("h1", {}, `${tenant} — runs `,
      h("a", { href: `#/health/${encodeURIComponent(tenant)}`, class: "muted", "data-testid": "health-link" }, "data health")),
      h("p", { class: "muted" }, "Every run of the tenant, newest first: ingest and sequences runs belong to no task."),
      h("div", { class: "row" }, select("runs-kind", "Kind", kinds, filter.kind, change("kind")), select("runs-status", "Status", statuses, filter.status, change("status")))),
      card("Runs", body));
    await load();
  }

  return { render };
})();
