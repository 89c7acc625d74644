// The data health page (#/health/{tenant}): does the tenant's data still arrive, and what is refused. Everything
// comes from GET /api/tenants/{t}/health, which sums the per-file ingest reports; a day without data shows as 0.
"use strict";
const HealthPage = (() => {
  const day = d => d.slice(5); // "2026-11-30" -> "11-30"
  const dropped = (rows, kind) => rows.filter(d => d.kind === kind).reduce((s, d) => s + d.rows, 0);

  function eventsChart(ingest, days) {
    // Days before the tenant's first event are not gaps; a day without events after it is.
    const first = (ingest.firstEventAt ?? "").slice(0, 10), list = ingest.eventDays;
    const gaps = list.filter(d => d.events === 0 && d.day >= first).map(d => d.day);
    return card(`Events per day of their time (${days} days up to the latest event)`,
      Charts.bars(list.map(d => ({ label: day(d.day), value: d.events, color: "#2f6fed",
        title: `${d.day}: ${int(d.events)} events`, attrs: { "data-day": d.day, "data-events": d.events } })), { testId: "events-per-day", format: v => int(Math.round(v)) }),
      h("p", { class: "muted" }, `${list[0].day} to ${list[list.length - 1].day}; the first event ever kept is of ${first}.`),
      h("p", { class: gaps.length ? "error" : "muted", "data-testid": "event-gaps" }, gaps.length
        ? `${gaps.length} day(s) without any event since the first: ${gaps.slice(0, 10).join(", ")}${gaps.length > 10 ? ", …" : ""}.`
        : "No day without events since the first."),
      ingest.undatedEvents ? h("p", { class: "muted" }, `${int(ingest.undatedEvents)} events of files ingested before per-day counts were kept are in the totals only.`) : null);
  }

  function arrivals(ingest) {
    const rows = ingest.ingestDays.slice().reverse();
    return card("Arrivals per ingest day (newest first): rows read = kept + dropped + rows of quarantined files",
      table(["Day", "Files ingested", "Files quarantined", "Duplicates", "Rows read", "Events kept", "Noise dropped", "Bad rows dropped", "Rows in quarantined files"],
        rows.map(d => [d.day, int(d.filesIngested), int(d.filesQuarantined), int(d.filesDuplicate), int(d.rowsRead), int(d.eventsKept), int(dropped(d.dropped, "Noise")), int(dropped(d.dropped, "BadRow")), int(d.rowsInQuarantinedFiles)]), "ingest-days"));
  }

  function reasons(ingest, days) {
    const sums = new Map();
    for (const d of ingest.ingestDays) for (const r of d.dropped) sums.set(r.reason, { kind: r.kind, rows: (sums.get(r.reason)?.rows ?? 0) + r.rows });
    const kept = ingest.ingestDays.reduce((s, d) => s + d.eventsKept, 0), read = ingest.ingestDays.reduce((s, d) => s + d.rowsRead, 0);
    const refused = ingest.ingestDays.reduce((s, d) => s + d.rowsInQuarantinedFiles, 0);
    const list = [...sums.entries()].sort((a, b) => b[1].rows - a[1].rows);
    return card(`Kept and dropped rows (files ingested in the last ${days} days)`,
      table(["Rows", "Kind", "Count", "Share of rows read"], [["Kept as events", "kept", int(kept), read ? pct(kept / read) : "–"],
        ...list.map(([reason, r]) => [reason, r.kind === "BadRow" ? "bad row" : "noise", int(r.rows), read ? pct(r.rows / read) : "–"]),
        ["In quarantined files", "refused", int(refused), read ? pct(refused / read) : "–"]], "drop-reasons"));
  }

  function quarantine(tenant, ingest) {
    const list = ingest.quarantined;
    return card(`Quarantined files: ${int(ingest.quarantinedTotal)}${ingest.quarantinedTotal > list.length ? ` (the ${list.length} newest shown)` : ""}`,
      list.length ? table(["File", "Version", "Quarantined", "Rows read", "Reason", "Quarantined copy"],
        list.map(q => [q.key, h("code", { title: q.contentSha256 ?? "" }, (q.contentSha256 ?? "").slice(0, 12)), when(q.quarantinedAt), int(q.rowsRead), h("span", { class: "error" }, q.reason), q.quarantineKey ?? "–"]), "quarantine-table")
        : h("p", { class: "muted", "data-testid": "no-quarantine" }, "No file is quarantined."),
      list.length ? h("p", { class: "row actions" }, Actions.retryQuarantine(tenant) ?? h("span", { class: "muted" }, "Retrying needs a tenant-admin key.")) : null);
  }

  async function render(tenant) {
    crumbs([[tenant, "#/"], ["data health", null]]);
    const health = await api(`/api/tenants/${encodeURIComponent(tenant)}/health?days=30`);
    if (!health) { view.replaceChildren(card("Not found", h("p", {}, `No tenant ${tenant}.`))); return; }
    const ingest = health.ingest, seq = health.sequences;
    const header = h("section", { class: "card" }, h("h1", {}, `${tenant} — data health `, h("a", { href: `#/runs/${encodeURIComponent(tenant)}`, class: "muted", "data-testid": "runs-link" }, "runs")),
      h("p", { class: "muted" }, `Checked ${when(health.checkedAt)} UTC, from the ingest reports of every file and the sequences manifest.`),
      h("div", { class: "row" },
        stat(when(ingest.latestEventAt), "latest event", "latest-event"),
        stat(dur(health.dataAge), "data age", "data-age"),
        stat(when(ingest.lastIngestAt), "last ingest", "last-ingest"),
        stat(dur(health.sinceLastIngest), "since last ingest", "since-last-ingest"),
        stat(seq ? int(seq.clients) : "–", "clients in sequences", "clients"),
        stat(seq ? int(seq.deltaClients) : "–", "clients with new events (deltas)", "delta-clients"),
        stat(int(ingest.eventsKept), "events kept", "events-kept"),
        stat(int(ingest.files), "files", "files"),
        stat(int(ingest.quarantinedTotal), "quarantined", "quarantined-total")));
    if (ingest.files === 0) {
      view.replaceChildren(header, card("No data yet", h("p", { "data-testid": "health-empty" },
        `No file has been ingested for ${tenant}: upload one (PUT /api/tenants/${tenant}/uploads/{name}) or put it under the tenant's raw/ prefix.`)));
      return;
    }
    view.replaceChildren(header, quarantine(tenant, ingest),
      h("div", { class: "grid" }, ingest.eventDays.length ? eventsChart(ingest, health.days) : card("Events per day", h("p", { class: "muted" }, "No event was kept yet.")), reasons(ingest, health.days)),
      arrivals(ingest));
  }

  return { render };
})();
