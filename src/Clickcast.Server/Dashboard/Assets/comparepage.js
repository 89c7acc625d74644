// The version comparison page (issue 14): two models' test curves overlaid and their metrics side by side. A
// challenger is shown beside the champion of the time scored on the challenger's own test clients (comparison.json);
// any two versions can be picked too, each then on its own test clients, and the page says so.
"use strict";
const ComparePage = (() => {
  const palette = ["#2f6fed", "#d98e04"];
  const enc = encodeURIComponent;
  const side = (version, label, metrics) => ({ version: Number(version), label, metrics });
  const sameTest = (challenger, comparison) => ({ same: true, difference: comparison.difference, challenger, champion: comparison.championVersion,
    items: [side(challenger, `v${challenger} (challenger)`, comparison.test), side(comparison.championVersion, `v${comparison.championVersion} (champion then)`, comparison.champion)] });

  // What to draw: the stored same-test comparison when there is one for the pair, else each version's own test.
  async function load(base, a, b) {
    const first = await api(`${base}/models/${enc(a)}/comparison`);
    if (!first) return null;
    if (b === undefined) return first.champion ? sameTest(first.version, first) : { same: false, items: [side(first.version, `v${first.version}`, first.test)] };
    const second = await api(`${base}/models/${enc(b)}/comparison`);
    if (!second) return null;
    if (first.champion && first.championVersion === second.version) return sameTest(first.version, first);
    if (second.champion && second.championVersion === first.version) return sameTest(second.version, second);
    return { same: false, items: [side(first.version, `v${first.version} (own test clients)`, first.test), side(second.version, `v${second.version} (own test clients)`, second.test)] };
  }

  const interval = m => m.rocAucInterval ? `${fmt(m.rocAucInterval.lower, 3)} – ${fmt(m.rocAucInterval.upper, 3)}` : "–";
  const liftAt = (m, percent) => m.lift.find(l => l.percent === percent);
  const rows = items => {
    const percents = [...new Set(items.flatMap(i => i.metrics.lift.map(l => l.percent)))].sort((x, y) => x - y);
    const value = (i, text, raw, id) => h("span", { "data-testid": id ? `${id}-v${i.version}` : null, "data-value": raw }, text);
    return [
      ["Test clients", ...items.map(i => int(i.metrics.count))],
      ["Positives", ...items.map(i => int(i.metrics.positives))],
      ["Positive rate", ...items.map(i => pct(i.metrics.positiveRate, 2))],
      ["ROC AUC", ...items.map(i => value(i, fmt(i.metrics.rocAuc), i.metrics.rocAuc, "auc"))],
      [`AUC interval (${pct(items[0].metrics.rocAucInterval?.level ?? 0.95, 0)})`, ...items.map(i => value(i, interval(i.metrics), i.metrics.rocAucInterval?.lower, "auc-interval"))],
      ["Average precision (PR-AUC)", ...items.map(i => fmt(i.metrics.averagePrecision))],
      ["Log loss", ...items.map(i => fmt(i.metrics.logLoss))],
      ["Brier score", ...items.map(i => fmt(i.metrics.brierScore))],
      ["Expected calibration error", ...items.map(i => fmt(i.metrics.expectedCalibrationError))],
      ...percents.map(p => [`Lift in the top ${p} %`, ...items.map(i => fmt(liftAt(i.metrics, p)?.lift, 2))]),
      ["Quality tier", ...items.map(i => i.metrics.quality?.tier ?? "–")],
    ];
  };

  function difference(view) {
    const d = view.difference;
    if (!view.same || !d) return null;
    const ci = d.lower != null ? `, ${pct(d.level, 0)} interval ${fmt(d.lower)} to ${fmt(d.upper)}, p = ${fmt(d.pValue, 3)}` : " (too few clients of a class for an interval)";
    return h("p", { "data-testid": "auc-difference", "data-value": d.difference },
      h("b", {}, `AUC v${view.challenger} − v${view.champion}: ${d.difference >= 0 ? "+" : ""}${fmt(d.difference)}`), ci, " (paired DeLong on the same clients).");
  }

  function charts(items) {
    const series = pick => items.map((i, k) => ({ name: `v${i.version}`, color: palette[k], dash: k ? "6 3" : null, points: pick(i.metrics) }));
    const lift = m => m.curves.gains.filter(p => p.clientShare >= 0.01).map(p => [p.clientShare, p.positiveShare / p.clientShare]);
    const liftTop = Math.max(2, ...items.flatMap(i => lift(i.metrics).map(p => p[1])));
    const calibration = m => m.curves.calibration.map(b => [b.meanPredicted, b.observedRate]);
    const calibrationTop = Math.min(1, Math.ceil(20 * Math.max(0.05, ...items.flatMap(i => calibration(i.metrics).flat()))) / 20);
    return h("div", { class: "grid" },
      card("ROC curve", Charts.lines(series(m => m.curves.roc.map(p => [p.falsePositiveRate, p.truePositiveRate])), { testId: "compare-roc", xLabel: "false positive rate", yLabel: "true positive rate", diagonal: true })),
      card("Precision-recall curve", Charts.lines(series(m => m.curves.precisionRecall.map(p => [p.recall, p.precision])), { testId: "compare-pr", xLabel: "recall", yLabel: "precision" })),
      card("Cumulative gains", Charts.lines(series(m => m.curves.gains.map(p => [p.clientShare, p.positiveShare])), { testId: "compare-gains", xLabel: "share of clients, best scores first", yLabel: "share of converters reached", diagonal: true })),
      card("Lift", Charts.lines(series(lift), { testId: "compare-lift", xLabel: "share of clients, best scores first", yLabel: "lift over random", x: [0, 1], y: [0, Math.ceil(liftTop)], yFormat: v => v.toFixed(1) })),
      card("Calibration (equal-count bins)", Charts.lines(series(calibration), { testId: "compare-calibration", xLabel: "mean predicted probability", yLabel: "observed rate", diagonal: true, dots: true, x: [0, calibrationTop], y: [0, calibrationTop] })));
  }

  function picker(tenant, task, versions, items) {
    const trained = versions.filter(v => v.testAuc != null);
    const select = (id, chosen) => h("select", { id, "data-testid": id }, trained.map(v => h("option", { value: v.version, selected: v.version === chosen ? "" : null }, `v${v.version} ${v.status}`)));
    const a = select("compare-a", items[0]?.version), b = select("compare-b", items[1]?.version ?? trained.find(v => v.version !== items[0]?.version)?.version);
    return h("p", { class: "row" }, h("label", { for: "compare-a" }, "Compare"), a, h("label", { for: "compare-b" }, "with"), b,
      h("button", { type: "button", "data-testid": "compare-go", onclick: () => { location.hash = `#/t/${enc(tenant)}/${enc(task)}/compare/${a.value}/${b.value}`; } }, "Compare"));
  }

  async function render(tenant, task, a, b) {
    const taskHref = `#/t/${enc(tenant)}/${enc(task)}`;
    crumbs([[tenant, "#/"], [task, taskHref], [b === undefined ? `compare v${a}` : `compare v${a} / v${b}`, null]]);
    const base = `/api/tenants/${enc(tenant)}/tasks/${enc(task)}`;
    const [models, view] = await Promise.all([api(base + "/models"), load(base, a, b)]);
    if (!view) { document.getElementById("view").replaceChildren(card("Not found", h("p", {}, `${tenant}/${task} has no trained model v${a}${b === undefined ? "" : ` or v${b}`}.`))); return; }
    const items = view.items;
    const kind = view.same
      ? h("p", { "data-testid": "comparison-kind", "data-same": "true" }, h("b", {}, "Same test clients: "), `v${view.champion}, the champion when v${view.challenger} was judged, scored on v${view.challenger}'s test clients by the same evaluator.`)
      : h("p", { class: "error", "data-testid": "comparison-kind", "data-same": "false" }, h("b", {}, "Different test clients: "),
        items.length > 1 ? "each version's curves come from its own test split, so a difference mixes the models with their data." : `v${a} has no stored comparison (a first model, or trained before comparisons were kept): its own test only.`);
    const legendOf = h("div", { class: "legend" }, items.flatMap((i, k) => [h("i", { style: `background:${palette[k]}` }), i.label]));
    document.getElementById("view").replaceChildren(
      h("section", { class: "card" }, h("h1", {}, items.map(i => i.label).join(" vs ")), kind, difference(view), picker(tenant, task, models?.versions ?? [], items), legendOf),
      charts(items),
      card("Test metrics side by side", table(["Metric", ...items.map(i => i.label)], rows(items), "compare-metrics")));
  }

  return { render, load };
})();
