// The run detail page (#/t/{tenant}/{task}/runs/{id}, or #/runs/{tenant}/{id} for a run without a task): what a run is, what it achieved and why, how long each part
// took, what it read and wrote, where it came from and what it led to, and its log.
"use strict";
const RunPage = (() => {
  const tones = { Succeeded: "#1f9d55", NothingToDo: "#7c8aa5", NeedsData: "#d98e04", Quarantined: "#d64545", Failed: "#d64545",
    DeadLettered: "#d64545", Cancelled: "#9aa3b5", Running: "#2f6fed", Queued: "#93b4f5", Retrying: "#e8a33d" };
  const words = { Succeeded: "succeeded", NothingToDo: "nothing to do", NeedsData: "needs data", Quarantined: "quarantined", Failed: "failed",
    DeadLettered: "dead-lettered", Cancelled: "cancelled", Running: "running", Queued: "queued", Retrying: "retrying" };

  // The one state an operator reads: what a finished run achieved (never "Succeeded" for a run that did nothing),
  // else where it is in its life; a queued run with an error is waiting for its next attempt.
  const stateOf = r => r.status === "DeadLettered" || r.status === "Cancelled" ? r.status
    : r.outcome ?? (r.status === "Queued" && r.lastError ? "Retrying" : r.status);
  const state = (r, testId) => {
    const s = stateOf(r);
    return h("span", { class: "badge", style: `background:${tones[s] ?? "#999"}`, "data-testid": testId, "data-state": s, title: s }, words[s] ?? s);
  };

  // Milliseconds in words: "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min".
  const ms = v => {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    if (v < 1000) return `${Math.round(v)} ms`;
    if (v < 60000) return `${(v / 1000).toFixed(1)} s`;
    const s = Math.round(v / 1000), d = Math.floor(s / 86400), hh = Math.floor(s % 86400 / 3600), mm = Math.floor(s % 3600 / 60);
    return [d && `${d} d`, hh && `${hh} h`, mm && `${mm} min`, !d && !hh && s % 60 && `${s % 60} s`].filter(Boolean).join(" ");
  };
  const between = (a, b) => a && b ? ms(Date.parse(b) - Date.parse(a)) : "–";
  // A .NET TimeSpan with its fraction ("00:00:01.2340000") in words.
  const span = t => {
    const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(\.\d+)?$/.exec(t);
    return m ? ms((((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60 + Number(m[5]) + Number(m[6] ?? 0)) * 1000) : null;
  };
  const value = v => typeof v === "string" ? span(v) ?? (/^\d{4}-\d\d-\d\dT/.test(v) ? when(v) : v) : typeof v === "number" ? String(v) : JSON.stringify(v);

  // A JSON document as (field, value) rows: nested objects by dotted path, lists of values joined, lists of objects one row each.
  function facts(json) {
    let doc;
    try { doc = JSON.parse(json); } catch { return json ? [["(text)", json]] : []; }
    const rows = [];
    const walk = (v, path) => {
      if (v === null || v === undefined) return;
      if (Array.isArray(v)) {
        if (v.length === 0) rows.push([path, "none"]);
        else if (v.every(x => x === null || typeof x !== "object")) rows.push([path, v.slice(0, 20).map(value).join(", ") + (v.length > 20 ? ` … ${v.length - 20} more` : "")]);
        else { v.slice(0, 20).forEach((x, i) => walk(x, `${path}[${i}]`)); if (v.length > 20) rows.push([path, `… ${v.length - 20} more`]); }
      } else if (typeof v === "object") {
        for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      } else rows.push([path || "value", typeof v === "number" && /Micros$/.test(path) ? when(v / 1000) : value(v)]);
    };
    walk(doc, "");
    return rows.slice(0, 200);
  }

  // A run's page is under its own task, or under the tenant when it has none (ingest, sequences).
  const href = (tenant, r) => r.task ? `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(r.task)}/runs/${r.id}` : `#/runs/${encodeURIComponent(tenant)}/${r.id}`;
  const link = (tenant, task, r) => h("a", { href: href(tenant, r), "data-run": r.id }, `${r.kind} ${r.id}`);
  const kin = (tenant, task, jobs, testId, empty) => jobs.length
    ? table(["Run", "State", "Task", "Started", "Took", "Why"], jobs.map(r => [link(tenant, task, r), state(r), r.task ?? "–", when(r.startedAt), between(r.startedAt, r.finishedAt), prose(r.outcomeReason ?? r.lastError)]), testId)
    : h("p", { class: "muted", "data-testid": testId }, empty);

  // Each log line is a step: when it came after the start, and how long until the next line (or the end).
  function log(r, lines) {
    if (!lines.length) return h("p", { class: "muted", "data-testid": "run-log" }, "Nothing was logged for this run (lines below Information are not kept).");
    const start = r.startedAt ?? lines[0].at;
    const rows = lines.map((l, i) => [when(l.at), between(start, l.at), between(l.at, lines[i + 1]?.at ?? r.finishedAt),
      h("span", { class: l.level === "Information" ? "muted" : "error" }, l.level), l.category.split(".").pop(), prose(l.message)]);
    return table(["Time", "Since start", "Until next", "Level", "Source", "Message"], rows, "run-log");
  }

  async function render(tenant, task, id) {
    const runs = `/api/tenants/${encodeURIComponent(tenant)}/runs`;
    crumbs([[tenant, "#/"], task ? [task, `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}`] : ["runs", `#/runs/${encodeURIComponent(tenant)}`], [`run ${id}`, null]]);
    const detail = await api(`${runs}/${encodeURIComponent(id)}`);
    if (!detail) { view.replaceChildren(card("Not found", h("p", { "data-testid": "run-missing" }, `${tenant} has no run ${id}.`))); return; }
    const r = detail.run, why = r.outcomeReason ?? r.lastError;
    const header = h("section", { class: "card" },
      h("h1", {}, `${r.kind} run ${r.id} `, state(r, "run-state")),
      h("p", { "data-testid": "run-reason", class: stateOf(r) === "Succeeded" ? "muted" : "error" },
        why ? prose(why) : stateOf(r) === "Succeeded" ? "The run did its work." : `The run is ${words[stateOf(r)] ?? stateOf(r)}.`),
      h("div", { class: "row" },
        stat(r.status, "job status", "run-status"),
        stat(`${r.attempts} of ${r.retry?.maxAttempts ?? "?"}`, "attempts", "run-attempts"),
        stat(between(r.createdAt, r.startedAt), "waited in the queue", "run-waited"),
        stat(r.startedAt ? between(r.startedAt, r.finishedAt ?? new Date().toISOString()) : "–", r.finishedAt ? "ran" : "running for", "run-took"),
        stat(r.leaseOwner ?? "–", "worker (known while it runs)", "run-worker"),
        stat(r.task ?? "–", "task", "run-task")),
      h("p", { class: "muted" }, `Queued ${when(r.createdAt)} · started ${when(r.startedAt)} · finished ${when(r.finishedAt)}`,
        r.status === "Queued" ? ` · next attempt at ${when(r.nextRunAt)}` : ""),
      h("div", { class: "row actions" }, Actions.run(tenant, r)));
    const io = h("div", { class: "grid" },
      card("What it did (its result)", r.result ? table(["Field", "Value"], facts(r.result), "run-result") : h("p", { class: "muted", "data-testid": "run-result" }, "No result yet: a run writes one when it ends.")),
      card("What it was given (its inputs)", table(["Field", "Value"], facts(r.payload), "run-inputs")));
    const lineage = h("div", { class: "grid" },
      card("Came from (nearest first)", kin(tenant, task, detail.parents, "run-parents", "Nothing: the run was started by a file, a schedule or a person.")),
      card("Led to", kin(tenant, task, detail.children, "run-children", r.finishedAt ? "Nothing: no run followed it." : "Nothing yet.")));
    view.replaceChildren(header, io, lineage, card(`Log (${detail.logs.length} lines)`, log(r, detail.logs)));
  }

  return { render, stateOf, link, href, badge: r => state(r) };
})();
