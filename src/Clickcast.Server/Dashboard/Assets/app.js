// The Clickcast dashboard: hash routes over the JSON API, with the key kept in this tab's sessionStorage.
"use strict";
const KEY = "clickcast.key";
const view = document.getElementById("view");
const colors = { Champion: "#1f9d55", Retired: "#7c8aa5", Rejected: "#d64545", Candidate: "#c5cad6",
  Retrying: "#e8a33d", Succeeded: "#1f9d55", DeadLettered: "#d64545", Running: "#2f6fed", Queued: "#93b4f5", Cancelled: "#9aa3b5" };

const h = (tag, attrs, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
};
const fmt = (v, digits = 4) => v === null || v === undefined ? "–" : Number(v).toFixed(digits);
const pct = (v, digits = 1) => v === null || v === undefined ? "–" : (100 * v).toFixed(digits) + " %";
const int = v => v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US");
const when = t => t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) : "–";
// A .NET TimeSpan ("7.00:00:00", "00:30:00") in words: "7 d", "30 min", "1 d 2 h".
const dur = v => {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.\d+)?$/.exec(v ?? "");
  if (!m) return v === null || v === undefined ? "–" : String(v);
  const [d, hh, mm, ss] = [m[2] ?? 0, m[3], m[4], m[5]].map(Number);
  const parts = [d && `${d} d`, hh && `${hh} h`, mm && `${mm} min`, ss && `${ss} s`].filter(Boolean);
  return (m[1] ?? "") + (parts.length ? parts.join(" ") : "0 s");
};
// Server-written reasons may quote a TimeSpan with its days ("horizon 7.00:00:00"): shown in words too.
const prose = t => t === null || t === undefined ? "" : String(t).replace(/\b\d+\.\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g, dur);
const card = (title, ...body) => h("section", { class: "card" }, h("h2", {}, title), ...body);
const badge = f => h("span", { class: `badge ${f}`, "data-testid": "freshness" }, f.toLowerCase());

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + sessionStorage.getItem(KEY) } });
  if (response.status === 401) { sessionStorage.removeItem(KEY); route(); throw new Error("The key was refused."); }
  if (response.status === 404) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
  return body;
}

function login(message) {
  document.getElementById("logout").hidden = true;
  document.getElementById("who").textContent = "";
  const input = h("input", { id: "key", type: "password", placeholder: "ck_…", autocomplete: "off" });
  view.replaceChildren(h("form", { class: "login card", onsubmit: async e => {
    e.preventDefault();
    sessionStorage.setItem(KEY, input.value.trim());
    route();
  } }, h("h1", {}, "Sign in"), h("p", { class: "muted" }, "Enter an API key: the admin key printed at the server's first start, or a tenant's key. It stays in this tab only."),
  message ? h("p", { class: "error" }, message) : null, input, h("button", { class: "primary", type: "submit", id: "sign-in" }, "Open the dashboard")));
}

async function route() {
  if (!sessionStorage.getItem(KEY)) return login();
  let me;
  try { me = await api("/api/me"); } catch (e) { return login(e.message); }
  if (!me) return login("The key was refused.");
  Actions.setScope(me.scope, me.keyId);
  document.getElementById("who").textContent = me.scope === "Admin" ? `admin key ${me.prefix}` : `tenant ${me.tenant} · key ${me.prefix}`;
  document.getElementById("logout").hidden = false;
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "health" && parts.length === 2) await HealthPage.render(parts[1]);
    else if (parts[0] === "runs" && parts.length === 2) await RunList.render(parts[1]);
    else if (parts[0] === "runs" && parts.length === 3) await RunPage.render(parts[1], null, parts[2]);
    else if (parts[0] === "t" && parts[3] === "compare" && parts.length >= 5) await ComparePage.render(parts[1], parts[2], parts[4], parts[5]);
    else if (parts[0] === "t" && parts.length >= 5 && parts[3] === "runs") await RunPage.render(parts[1], parts[2], parts[4]);
    else if (parts[0] === "t" && parts.length >= 5 && parts[3] === "clients") await ClientPage.render(parts[1], parts[2], parts[4]);
    else if (parts[0] === "t" && parts.length >= 3) await taskPage(parts[1], parts[2]);
    else await overview();
  } catch (e) {
    view.replaceChildren(card("Something went wrong", h("p", { class: "error" }, e.message)));
  }
}

async function overview() {
  crumbs([]);
  const tenants = await api("/api/tenants");
  const rows = tenants.flatMap(t => t.tasks.map(s => h("tr", { "data-testid": "task-row" },
    h("td", {}, t.displayName ? `${t.displayName} (${t.id})` : t.id, " ", h("a", { href: `#/health/${encodeURIComponent(t.id)}`, class: "muted", "data-testid": "health-link" }, "data health"), " ", h("a", { href: `#/runs/${encodeURIComponent(t.id)}`, class: "muted", "data-testid": "runs-link" }, "runs")),
    h("td", {}, h("a", { href: `#/t/${encodeURIComponent(t.id)}/${encodeURIComponent(s.task)}` }, s.task)),
    h("td", {}, badge(s.freshness), " ", h("span", { class: "muted", "data-testid": "freshness-reason" }, prose(s.freshnessReason))),
    h("td", {}, s.champion ? `v${s.champion.version} ${s.champion.family ?? ""}` : "–"),
    h("td", { class: "num" }, s.champion ? fmt(s.champion.testAuc) : "–"),
    h("td", {}, s.champion?.quality ? s.champion.quality.tier : "–"),
    h("td", { class: "num" }, int(s.scoredClients)),
    h("td", {}, when(s.lastScoredAt)))));
  const empty = tenants.length === 0 ? h("p", { class: "muted" }, "No tenants yet: create one with POST /api/tenants or 'clickcast tenants apply'.") : null;
  view.replaceChildren(h("h1", {}, "Tenants and tasks"),
    card("Freshness: active · calculating (a job is queued or running) · retrying (a job failed and waits for its next attempt) · failed (last job dead-lettered) · paused (retraining paused)",
      empty, h("table", { "data-testid": "tasks" }, h("thead", {}, h("tr", {}, ...["Tenant", "Task", "Freshness", "Champion", "Test AUC", "Quality", "Scored clients", "Last scored"].map((c, i) => h("th", { class: i === 4 || i === 6 ? "num" : null }, c)))), h("tbody", {}, rows))));
  const operator = await AdminKeys.card();
  if (operator) view.append(operator);
  if (tenants.some(t => t.tasks.some(s => s.freshness === "Calculating" || s.freshness === "Retrying"))) setTimeout(() => { if (!location.hash.startsWith("#/t/")) route(); }, 10000);
}

async function taskPage(tenant, task) {
  crumbs([[tenant, "#/"], [task, null]]);
  const base = `/api/tenants/${encodeURIComponent(tenant)}/tasks/${encodeURIComponent(task)}`;
  const [info, models, predictions, exports, runs] = await Promise.all([
    api(base), api(base + "/models"), api(base + "/predictions"), api(base + "/exports"),
    api(`/api/tenants/${encodeURIComponent(tenant)}/runs?task=${encodeURIComponent(task)}&limit=60`)]);
  if (!info) { view.replaceChildren(card("Not found", h("p", {}, `No task ${task} in ${tenant}.`))); return; }
  const s = info.summary, champ = s.champion;
  const [metrics, explanation] = champ ? await Promise.all([api(`${base}/models/${champ.version}/metrics`), api(`${base}/models/${champ.version}/explanation`)]) : [null, null];
  // The model's own verdict (tier by the interval's lower bound, Inconclusive on few positives) over the summary's.
  const quality = metrics?.test?.quality ?? champ?.quality;
  const warnings = metrics?.warnings ?? [];
  const [keys, audit] = Actions.may() ? await Promise.all([api(`/api/tenants/${encodeURIComponent(tenant)}/keys`), api(`/api/tenants/${encodeURIComponent(tenant)}/audit?limit=50`)]) : [null, null];

  const header = h("section", { class: "card" },
    h("h1", {}, `${tenant} / ${task} `, badge(s.freshness), " ", h("a", { href: `#/health/${encodeURIComponent(tenant)}`, class: "muted", "data-testid": "health-link" }, "data health")),
    h("p", { class: "muted" }, info.definition.description ?? "", " — attribute ", h("code", {}, s.attribute), " · ", h("span", { "data-testid": "freshness-reason" }, prose(s.freshnessReason))),
    h("div", { class: "row" },
      stat(champ ? `v${champ.version}` : "none", "champion", "champion-version"),
      stat(quality?.tier ?? "–", "quality tier", "champion-tier"),
      stat(champ ? fmt(champ.testAuc) : "–", "test AUC", "champion-auc"),
      stat(int(s.models), "model versions", "model-count"),
      stat(int(s.scoredClients), "clients scored", "scored-clients"),
      stat(s.retraining.paused ? "paused" : "active", "retraining", "retraining")),
    quality ? h("p", { "data-testid": "quality-description" }, quality.description) : null,
    metrics?.selection ? h("p", { class: "muted", "data-testid": "family-selection" }, metrics.selection.reason) : null,
    warnings.length ? h("ul", { class: "error", "data-testid": "model-warnings" }, warnings.map(w => h("li", { "data-kind": w.kind }, h("b", {}, w.kind + ": "), w.message))) : null,
    h("div", { class: "row actions" }, Actions.retraining(tenant, task, s.retraining.paused), champ ? Actions.rollback(tenant, task) : null),
    ClientPage.search(tenant, task));

  const curves = metrics ? h("div", { class: "grid" },
    card(`ROC curve (test, AUC ${fmt(metrics.test.rocAuc)})`, Charts.unitLines([{ name: "roc", color: "#2f6fed", points: metrics.test.curves.roc.map(p => [p.falsePositiveRate, p.truePositiveRate]) }], { testId: "roc-chart", xLabel: "false positive rate", yLabel: "true positive rate" })),
    card("Cumulative gains (test)", Charts.unitLines([{ name: "gains", color: "#1f9d55", points: metrics.test.curves.gains.map(p => [p.clientShare, p.positiveShare]) }], { testId: "gains-chart", xLabel: "share of clients, best scores first", yLabel: "share of converters reached" })))
    : card("Curves", h("p", { class: "muted" }, "No champion yet: curves appear once a model is trained and promoted."));

  const versions = (models?.versions ?? []).slice().reverse();
  const challengers = card("Test AUC of every version (champion, retired, rejected challengers)",
    versions.length ? Charts.bars(versions.map(v => ({ label: `v${v.version}`, value: v.testAuc ?? 0, color: colors[v.status], title: `v${v.version} ${v.status}: AUC ${fmt(v.testAuc)}${v.championAucOnSameTest != null ? `, champion on the same test ${fmt(v.championAucOnSameTest)}` : ""}`, attrs: { "data-version": v.version, "data-auc": v.testAuc ?? "", "data-status": v.status } })), { testId: "versions-chart", yMax: 1, format: v => v.toFixed(2) }) : h("p", { class: "muted" }, "No versions yet."),
    legend(["Champion", "Retired", "Rejected"]),
    table(["Version", "Status", "Family", "Test AUC", "Champion on same test", "Decision", "", ""], versions.slice().reverse().map(v => [`v${v.version}`, v.status, v.family ?? "–", fmt(v.testAuc), fmt(v.championAucOnSameTest), v.decision ?? "",
      v.testAuc != null ? h("a", { href: `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}/compare/${v.version}`, "data-testid": "compare-link" }, "compare") : "",
      v.status !== "Champion" && v.testAuc != null ? Actions.promote(tenant, task, v.version) : ""]), "versions-table"));

  const distribution = predictions ? h("div", { class: "grid" },
    card(`Score distribution: ${int(predictions.clients)} clients`,
      Charts.bars(predictions.histogram.map(b => ({ label: b.from.toFixed(2), value: b.clients, title: `${b.from.toFixed(3)}–${b.to.toFixed(3)}: ${int(b.clients)} clients`, attrs: { "data-count": b.clients } })), { testId: "histogram", format: v => int(Math.round(v)) }),
      table(["Bucket", "Clients", "Mean probability", "Lowest probability", "Above threshold"], predictions.buckets.map(b => [b.bucket, int(b.clients), fmt(b.meanProbability), fmt(b.minProbability), int(b.aboveThreshold)]), "buckets-table")),
    card("Expected vs actual conversion", ExpectedActual.overTime(base), monitoring(predictions, metrics)))
    : card("Scores", h("p", { class: "muted" }, "No scores yet."));

  const tokens = explanation ? card(`Top URL tokens (occlusion on ${int(explanation.sampledClients)} test clients)`, h("div", { class: "tokens" },
    table(["Raises the score", "Mean effect", "Clients"], explanation.raising.slice(0, 10).map(t => [t.token, `+${(100 * t.meanEffect).toFixed(2)} pp`, int(t.clients)]), "raising-tokens"),
    table(["Lowers the score", "Mean effect", "Clients"], explanation.lowering.slice(0, 10).map(t => [t.token, `${(100 * t.meanEffect).toFixed(2)} pp`, int(t.clients)]), "lowering-tokens"))) : null;

  // replaceChildren writes a null as the text "null": sections a task lacks (no champion, no exports) are left out.
  view.replaceChildren(...[header, Audience.card(metrics, predictions?.clients), curves, challengers, distribution, tokens, timeline(tenant, task, runs ?? []), deliveries(tenant, task, exports), Actions.operations(tenant, task, keys, audit)].filter(Boolean));
}

function monitoring(predictions, metrics) {
  const report = predictions.monitoring;
  if (report) {
    const groups = report.buckets.map(b => ({ label: b.bucket, values: [{ name: "expected", value: b.expectedRate, color: "#93b4f5" }, { name: "actual", value: b.actualRate, color: "#1f9d55" }] }));
    return h("div", {}, h("p", { class: "muted" }, `Scoring run ${report.runId} (model v${report.modelVersion}), outcome window of ${dur(report.horizon)}: expected ${pct(report.expectedRate, 2)}, actual ${pct(report.actualRate, 2)}.`),
      Charts.groupedBars(groups, { testId: "expected-actual-chart", format: v => pct(v, 1) }), h("div", { class: "legend" }, h("i", { style: "background:#93b4f5" }), "expected (mean probability)", h("i", { style: "background:#1f9d55" }), "actual conversion"),
      table(["Bucket", "Clients", "Expected", "Actual"], report.buckets.map(b => [b.bucket, int(b.clients), pct(b.expectedRate, 2), pct(b.actualRate, 2)]), "expected-actual-table"));
  }
  const bins = metrics?.test.curves.calibration ?? [];
  return h("div", {}, h("p", { class: "muted" }, "No scoring run's outcome window has closed yet. Meanwhile, the champion's calibration on its test clients:"),
    bins.length ? Charts.groupedBars(bins.map((b, i) => ({ label: `${i + 1}`, values: [{ name: "expected", value: b.meanPredicted, color: "#93b4f5" }, { name: "actual", value: b.observedRate, color: "#1f9d55" }] })), { testId: "calibration-chart", format: v => pct(v, 1) }) : null);
}

function timeline(tenant, task, runs) {
  const done = runs.filter(r => r.startedAt);
  let chart = h("p", { class: "muted" }, "No runs yet.");
  if (done.length) {
    const t0 = Math.min(...done.map(r => Date.parse(r.startedAt))), t1 = Math.max(...done.map(r => Date.parse(r.finishedAt ?? r.startedAt))) || t0 + 1;
    const W = 1000, row = 14, H = done.length * row + 30, L = 120;
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`); svg.setAttribute("width", "100%"); svg.setAttribute("data-testid", "runs-timeline");
    done.slice().reverse().forEach((r, i) => {
      const s = Date.parse(r.startedAt), f = Date.parse(r.finishedAt ?? new Date().toISOString());
      const x = L + (s - t0) / Math.max(1, t1 - t0) * (W - L - 10), w = Math.max(3, (f - s) / Math.max(1, t1 - t0) * (W - L - 10));
      const label = document.createElementNS(svg.namespaceURI, "text"); label.setAttribute("x", 4); label.setAttribute("y", i * row + 11); label.textContent = `${r.id} ${r.kind}`; svg.append(label);
      const rect = document.createElementNS(svg.namespaceURI, "rect");
      for (const [k, v] of Object.entries({ x: x.toFixed(1), y: i * row + 2, width: w.toFixed(1), height: row - 4, fill: colors[r.status] ?? "#999", "data-status": r.status })) rect.setAttribute(k, v);
      const title = document.createElementNS(svg.namespaceURI, "title"); title.textContent = `${r.kind} ${r.id}: ${r.status}${r.outcome ? " (" + r.outcome + ")" : ""}${(r.outcomeReason ?? r.lastError) ? " — " + (r.outcomeReason ?? r.lastError) : ""}`; rect.append(title);
      const a = document.createElementNS(svg.namespaceURI, "a"); a.setAttribute("href", `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}/runs/${r.id}`);
      a.append(rect); svg.append(a);
    });
    chart = svg;
  }
  return card(`Runs timeline (${runs.length} newest)`, chart, legend(["Succeeded", "Running", "Queued", "DeadLettered", "Cancelled"]),
    table(["Run", "Kind", "Status", "Outcome", "Attempts", "Started", "Finished", "Why", ""], runs.slice(0, 25).map(r => [h("a", { href: `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}/runs/${r.id}`, "data-run": r.id }, String(r.id)), r.kind, h("span", { class: `status-${r.status}` }, r.status), r.outcome ? h("span", { class: `outcome-${r.outcome}`, "data-outcome": r.outcome }, r.outcome) : "", String(r.attempts), when(r.startedAt), when(r.finishedAt), (r.outcomeReason ?? r.lastError) ? h("span", { class: r.outcome === "Succeeded" || r.outcome === "NothingToDo" ? "muted" : "error" }, prose(r.outcomeReason ?? r.lastError)) : "", Actions.run(tenant, r) ?? ""]), "runs-table"));
}

function deliveries(tenant, task, exports) {
  if (!exports) return null;
  return card("Export deliveries",
    table(["Destination", "Kind", "Attribute", "Target", ""], exports.destinations.map(d => [d.name, d.kind, d.attribute, d.target, Actions.rotate(tenant, task, d) ?? ""]), "destinations-table"),
    exports.deliveries.length ? table(["Destination", "Predictions file", "State", "Batches", "Delivered", "Failed", "Rows", "Attempts", "Last attempt", "Last error"],
      exports.deliveries.map(d => [d.destination, d.predictionsFileId, d.status, int(d.batches), int(d.delivered), int(d.failed), int(d.rows), int(d.attempts), when(d.lastAttemptAt), prose(d.lastError)]), "deliveries-table")
      : h("p", { class: "muted" }, "Nothing exported yet."));
}

const stat = (value, label, testId) => h("div", { class: "stat" }, h("b", { "data-testid": testId }, value), h("span", {}, label));
const legend = names => h("div", { class: "legend" }, names.flatMap(n => [h("i", { style: `background:${colors[n]}` }), n]));
// A column is numeric (right-aligned, header included) when every filled cell of it is a number; the first never is.
const numeric = c => typeof c === "string" && /^[-+]?[\d.,]+( %| pp)?$/.test(c);
const table = (head, rows, testId) => {
  const align = head.map((_, i) => i > 0 && rows.some(r => numeric(r[i])) && rows.every(r => r[i] === "" || r[i] === "–" || numeric(r[i])) ? "num" : null);
  return h("table", { "data-testid": testId }, h("thead", {}, h("tr", {}, head.map((c, i) => h("th", { class: align[i] }, c)))),
    h("tbody", {}, rows.map(r => h("tr", {}, r.map((c, i) => h("td", { class: align[i] }, c))))));
};

function crumbs(items) {
  document.getElementById("crumbs").replaceChildren(...items.map(([label, href]) => href ? h("a", { href }, label) : h("span", {}, label)));
}

document.getElementById("logout").addEventListener("click", () => { sessionStorage.removeItem(KEY); location.hash = "#/"; route(); });
window.addEventListener("hashchange", route);
route();
